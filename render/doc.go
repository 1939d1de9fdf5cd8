// Package render lays out envelope's results for people and tools:
// terminal tables that fit the screen, GitHub-flavoured Markdown, CSV,
// JSON and YAML. It has no command-line dependencies, so that the
// command line and a web page can share it.
//
// Every text that comes from a scenario file or a command line (titles,
// descriptions, names, formulas, file names, flag values) is untrusted:
// the renderers escape control characters in it (see Escape), and the
// Markdown renderer also escapes what Markdown would interpret.
package render
