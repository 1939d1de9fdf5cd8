package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"

	"github.com/envelope-cli/envelope/internal/render"
	"github.com/rogpeppe/go-internal/diff"
	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
)

func newDocCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "doc update|check FILE.md...",
		Short: "Regenerate, or check, the envelope output in a Markdown design doc",
		Long: `doc keeps the numbers of a design document in line with its scenarios.
A block of the document between

  <!-- envelope run url-shortener --only storage_raw -o markdown -->
  <!-- /envelope -->

holds the output of that envelope command: doc update regenerates every
such block, writing only the document and keeping every byte outside the
blocks, and doc check exits 1, with a unified diff, when any is stale;
doc check writes nothing. Commands run in the document's directory. Only
envelope's commands that print are allowed (calc, run, check, list, show,
ref and the quick calculators), with no flag that writes a file, and they
read only scenario files under the document's directory, and presets.
Markdown output (-o markdown) is put in as it is; any other output goes
in a fenced code block.`,
		Args: func(cmd *cobra.Command, args []string) error {
			return usageError{errors.New("doc takes update or check, then Markdown files")}
		},
		RunE: func(cmd *cobra.Command, args []string) error { return nil },
	}
	for _, sub := range []struct{ name, short, example string }{
		{"update", "Regenerate the envelope blocks of Markdown files", "  envelope doc update design.md"},
		{"check", "Exit 1, with a diff, when an envelope block of a Markdown file is stale", "  envelope doc check design.md"},
	} {
		update := sub.name == "update"
		cmd.AddCommand(&cobra.Command{
			Use:     sub.name + " FILE.md...",
			Short:   sub.short,
			Example: sub.example,
			Args: func(cmd *cobra.Command, args []string) error {
				if len(args) == 0 {
					return usageError{fmt.Errorf("doc %s takes one or more Markdown files", cmd.Name())}
				}
				return nil
			},
			RunE: func(cmd *cobra.Command, args []string) error {
				return runDoc(cmd, args, update)
			},
		})
	}
	return cmd
}

// A docCommand is a command that a block may run.
type docCommand struct {
	name      string
	scenarios bool // whether its arguments name scenarios
}

// docCommands are the commands a block may run: those that write only
// to standard output. Each says whether its arguments name scenarios,
// which a block reads only from under the document's directory, or are
// words (expressions, queries, names) that name no file.
var docCommands = []docCommand{
	{"calc", false}, {"run", true}, {"eval", true}, {"check", true}, {"list", false}, {"show", true}, {"ref", false},
	{"qps", false}, {"storage", false}, {"bandwidth", false}, {"cache", false}, {"servers", false}, {"availability", false},
}

var (
	blockStart = regexp.MustCompile(`^<!--\s*envelope\s+(.*?)\s*-->$`)
	blockEnd   = regexp.MustCompile(`^<!--\s*/envelope\s*-->$`)
)

// A docFile is a document and its regenerated text.
type docFile struct {
	name         string
	old, updated []byte
	blocks       int
}

// runDoc regenerates the blocks of each document, and writes those that
// changed (update) or prints their diff and fails (check).
func runDoc(cmd *cobra.Command, files []string, update bool) error {
	// Every document is regenerated before any is written, so that a
	// problem in one leaves them all as they were.
	var docs []docFile
	var errs []error
	for _, file := range files {
		old, err := readDoc(file)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		updated, blocks, err := regenerate(file, old)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		docs = append(docs, docFile{file, old, updated, blocks})
	}
	if len(errs) > 0 {
		return errors.Join(errs...)
	}
	w := cmd.OutOrStdout()
	stale := false
	for _, d := range docs {
		name := render.Escape(d.name)
		switch {
		case bytes.Equal(d.old, d.updated):
			fmt.Fprintf(w, "%s: %s up to date\n", name, count(d.blocks, "block"))
		case update:
			if err := rewriteFile(d.name, d.updated); err != nil {
				return err
			}
			fmt.Fprintf(w, "%s: %s regenerated\n", name, count(d.blocks, "block"))
		default:
			stale = true
			if _, err := w.Write(diff.Diff(d.name, d.old, d.name+" (envelope doc update)", d.updated)); err != nil {
				return err
			}
			fmt.Fprintf(cmd.ErrOrStderr(), "envelope: %s: stale; envelope doc update %s regenerates it\n", name, name)
		}
	}
	if stale {
		return errSilent
	}
	return nil
}

// readDoc reads a Markdown file, refusing what is not a regular file as
// scenario files are refused.
func readDoc(file string) ([]byte, error) {
	info, err := os.Stat(file)
	if err != nil {
		return nil, fmt.Errorf("%s: %v", file, unwrapPath(err))
	}
	if !info.Mode().IsRegular() {
		return nil, fmt.Errorf("%s: not a regular file", file)
	}
	f, err := openRegular(file)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var b bytes.Buffer
	_, err = b.ReadFrom(f)
	return b.Bytes(), err
}

// A docBlock is one block of a document: the command of its start
// marker, and where its body lies, between the markers' lines.
type docBlock struct {
	line       int    // of the start marker, from 1
	command    string // as the marker writes it
	start, end int    // the body is src[start:end]
	eol        string // the start marker's line ending, which the body's lines take
}

// parseDoc finds the blocks of a document, and reports every misplaced
// marker at once. A marker shown in a fenced code block, as in an
// example, is text; inside a block only the markers count, since its
// body is output.
func parseDoc(file string, src []byte) ([]docBlock, error) {
	var blocks []docBlock
	var errs []error
	var open *docBlock
	fence := "" // the fence of the code block the line is in, if any
	off := 0
	for n, line := range strings.SplitAfter(string(src), "\n") {
		next := off + len(line)
		text := strings.TrimSpace(line)
		start := blockStart.FindStringSubmatch(text)
		switch f := fenceOf(text); {
		case open != nil && blockEnd.MatchString(text):
			open.end = off
			blocks = append(blocks, *open)
			open = nil
		case open != nil && start != nil:
			errs = append(errs, fmt.Errorf("%s:%d: envelope block has no <!-- /envelope --> before the next block, at line %d", file, open.line, n+1))
			open = &docBlock{line: n + 1, command: start[1], start: next, eol: lineEnding(line)}
		case open != nil:
		case fence != "":
			if strings.HasPrefix(f, fence) && strings.Trim(text, f[:1]) == "" {
				fence = ""
			}
		case f != "":
			fence = f
		case blockEnd.MatchString(text):
			errs = append(errs, fmt.Errorf("%s:%d: <!-- /envelope --> ends no envelope block", file, n+1))
		case start != nil:
			open = &docBlock{line: n + 1, command: start[1], start: next, eol: lineEnding(line)}
		}
		off = next
	}
	if open != nil {
		errs = append(errs, fmt.Errorf("%s:%d: envelope block has no <!-- /envelope --> to end it", file, open.line))
	}
	return blocks, errors.Join(errs...)
}

// lineEnding is the line ending of a line: "\r\n", or "\n".
func lineEnding(line string) string {
	if strings.HasSuffix(line, "\r\n") {
		return "\r\n"
	}
	return "\n"
}

// regenerate returns the document with every block's body made anew,
// every other byte as it was, and how many blocks it has. Each command
// runs in the document's directory; every problem is reported at once.
func regenerate(file string, src []byte) ([]byte, int, error) {
	blocks, err := parseDoc(file, src)
	if err != nil {
		return nil, 0, err
	}
	dir := filepath.Dir(file)
	var out bytes.Buffer
	var errs []error
	last := 0
	for _, b := range blocks {
		body, err := runDocBlock(dir, b.command)
		if err != nil {
			errs = append(errs, fmt.Errorf("%s:%d: envelope %s: %v", file, b.line, b.command, err))
			continue
		}
		if b.eol != "\n" {
			body = strings.ReplaceAll(body, "\n", b.eol)
		}
		out.Write(src[last:b.start])
		out.WriteString(body)
		last = b.end
	}
	if len(errs) > 0 {
		return nil, 0, errors.Join(errs...)
	}
	out.Write(src[last:])
	return out.Bytes(), len(blocks), nil
}

// fenceOf returns the run of backticks or tildes that opens a fenced
// code block on line, or "".
func fenceOf(line string) string {
	for _, c := range []string{"`", "~"} {
		n := len(line) - len(strings.TrimLeft(line, c))
		if n >= 3 {
			return strings.Repeat(c, n)
		}
	}
	return ""
}

// runDocBlock runs one block's command in dir and returns its body:
// Markdown output as it is, anything else in a fenced code block, in
// lines that end in "\n".
func runDocBlock(dir, line string) (string, error) {
	args, err := shellWords(line)
	if err != nil {
		return "", err
	}
	var stdout, stderr bytes.Buffer
	markdown := false
	code, err := inDir(dir, func() (int, error) {
		if markdown, err = checkBlock(args); err != nil {
			return 0, err
		}
		// No file is written under this context, whatever the flags:
		// checkBlock refuses the flags that would, outFile any it missed.
		return runContext(withoutWrites(context.Background()), args, &stdout, &stderr), nil
	})
	if err != nil {
		return "", err
	}
	if code != 0 {
		msg, _, _ := strings.Cut(strings.TrimSpace(stderr.String()), "\n")
		return "", fmt.Errorf("exit %d: %s", code, strings.TrimPrefix(msg, "envelope: "))
	}
	body := strings.ReplaceAll(stdout.String(), "\r\n", "\n")
	if body != "" && !strings.HasSuffix(body, "\n") {
		body += "\n" // the end marker starts a line of its own
	}
	for l := range strings.Lines(body) {
		if t := strings.TrimSpace(l); blockStart.MatchString(t) || blockEnd.MatchString(t) {
			return "", fmt.Errorf("the output has a line that reads as a block marker: %s", t)
		}
	}
	if markdown {
		return body, nil
	}
	fence := "```"
	for l := range strings.Lines(body) {
		if f := fenceOf(strings.TrimSpace(l)); len(f) >= len(fence) && f[0] == '`' {
			fence = f + "`" // longer than any fence in the output, so none closes it
		}
	}
	return fence + "\n" + body + fence + "\n", nil
}

// checkBlock checks a block's command line, in the document's directory,
// before it runs: a command that a block may run, no flag that writes a
// file (one marked writesFile), no standard input, and scenario files
// only under the directory. It says whether the output is Markdown. The
// flags are read by the command's own flag set, so that no spelling of
// a flag (--plot=x, --update=true) slips past.
func checkBlock(args []string) (markdown bool, err error) {
	i := slices.IndexFunc(docCommands, func(c docCommand) bool { return len(args) > 0 && c.name == args[0] })
	if i < 0 {
		var names []string
		for _, c := range docCommands {
			names = append(names, c.name)
		}
		return false, fmt.Errorf("a block may run only %s", strings.Join(names, ", "))
	}
	cmd, rest, err := newRootCmd().Find(negativeExpressions(args))
	if err != nil {
		return false, err
	}
	cmd.InitDefaultHelpFlag()
	if err := cmd.ParseFlags(rest); err != nil {
		return false, err
	}
	cmd.Flags().Visit(func(f *pflag.Flag) {
		if err == nil && f.Annotations[writesFile] != nil {
			err = fmt.Errorf("--%s writes a file, which a block may not", f.Name)
		}
	})
	if err != nil {
		return false, err
	}
	if o := cmd.Flags().Lookup("output"); o != nil {
		markdown = o.Value.String() == "markdown"
	}
	if !docCommands[i].scenarios {
		return markdown, nil
	}
	paths := cmd.Flags().Args()
	for _, p := range paths {
		if isStdin(p) {
			return false, fmt.Errorf("%s (standard input) is not allowed in a block", p)
		}
		if err := underWorkingDir(p); err != nil {
			return false, err
		}
	}
	if cmd.Name() == "check" {
		// check reads every scenario below a directory: each must be
		// under the document's directory too, links and all.
		if paths, err = expandDirs(paths); err != nil {
			return false, err
		}
		for _, p := range paths {
			if err := underWorkingDir(p); err != nil {
				return false, err
			}
		}
	}
	return markdown, nil
}

// underWorkingDir refuses a scenario argument that names a file outside
// the working directory's tree, by its path or through a symlink. A
// preset's name, which names no file, is not refused.
func underWorkingDir(arg string) error {
	if _, err := os.Lstat(arg); err != nil && !looksLikePath(arg) {
		return nil // a preset, as resolveTarget reads it
	}
	outside := fmt.Errorf("%s is outside the document's directory; a block reads only scenario files under it, and presets", arg)
	wd, err := os.Getwd()
	if err != nil {
		return err
	}
	path := arg
	if !filepath.IsAbs(path) {
		path = filepath.Join(wd, path)
	}
	if !within(wd, path) {
		return outside
	}
	real, err := filepath.EvalSymlinks(path)
	if err != nil {
		if _, err := os.Stat(path); err == nil {
			return outside // there, but where cannot be told
		}
		return nil // missing: the command says so, and reads nothing
	}
	realWD, err := filepath.EvalSymlinks(wd)
	if err != nil {
		return err
	}
	if !within(realWD, real) {
		return outside
	}
	return nil
}

// within reports whether path is dir or below it, by their names.
func within(dir, path string) bool {
	rel, err := filepath.Rel(dir, path)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator))
}

// inDir runs fn with dir as the working directory, as a block's command
// runs in its document's directory.
func inDir(dir string, fn func() (int, error)) (int, error) {
	wd, err := os.Getwd()
	if err != nil {
		return 0, err
	}
	if err := os.Chdir(dir); err != nil {
		return 0, fmt.Errorf("%s: %v", dir, unwrapPath(err))
	}
	defer os.Chdir(wd)
	return fn()
}
