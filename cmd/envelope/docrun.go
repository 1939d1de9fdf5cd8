package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/spf13/pflag"
)

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
