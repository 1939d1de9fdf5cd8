// Package render lays out envelope's results for people and tools:
// GitHub-flavoured Markdown, CSV, JSON and YAML, the views of a sweep,
// and the round values that label a chart's axes. It has no
// command-line dependencies, so that the command line and the web page
// share it: both print a result's Markdown, its reports and its ticks
// through the same functions, and so agree.
//
// It is internal because the command line (cmd/envelope) and the page
// (web/sheet, web/wasm) are its only users; an embedder of the engine
// renders package estimate's results and reports as it likes. The
// terminal's own format, tables fit to the screen, lives apart in
// package table, so that the page's WebAssembly engine does not carry
// a table library.
//
// Every text that comes from a scenario file or a command line (titles,
// descriptions, names, formulas, file names, flag values) is untrusted:
// the renderers escape control characters in it (see Escape), and the
// Markdown renderer also escapes what Markdown would interpret.
package render
