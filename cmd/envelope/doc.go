package main

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"

	"github.com/envelope-cli/envelope/render"
	"github.com/rogpeppe/go-internal/diff"
	"github.com/spf13/cobra"
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
such block, and doc check exits 1, with a unified diff, when any is stale.
Commands run in the document's directory. Only envelope's read-only
commands are allowed: calc, run, check, list, show, ref and the quick
calculators. Markdown output (-o markdown) is put in as it is; any other
output goes in a fenced code block.`,
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

// docCommands are the commands a block may run: those that only read.
var docCommands = []string{"calc", "run", "eval", "check", "list", "show", "ref",
	"qps", "storage", "bandwidth", "cache", "servers", "availability"}

var (
	blockStart = regexp.MustCompile(`^<!--\s*envelope\s+(.*?)\s*-->$`)
	blockEnd   = regexp.MustCompile(`^<!--\s*/envelope\s*-->$`)
)

func runDoc(cmd *cobra.Command, files []string, update bool) error {
	w := cmd.OutOrStdout()
	stale := false
	for _, file := range files {
		old, err := readDoc(file)
		if err != nil {
			return err
		}
		updated, blocks, err := regenerate(file, old)
		if err != nil {
			return err
		}
		name := render.Escape(file)
		switch {
		case bytes.Equal(old, updated):
			fmt.Fprintf(w, "%s: %s up to date\n", name, count(blocks, "block"))
		case update:
			info, err := os.Stat(file)
			if err != nil {
				return err
			}
			if err := writeFileAtomic(file, updated, info.Mode().Perm()); err != nil {
				return err
			}
			fmt.Fprintf(w, "%s: %s regenerated\n", name, count(blocks, "block"))
		default:
			stale = true
			if _, err := w.Write(diff.Diff(file, old, file+" (envelope doc update)", updated)); err != nil {
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

// regenerate returns the document with every block's output made anew,
// and how many blocks it has. Each command runs in the document's
// directory.
func regenerate(file string, src []byte) ([]byte, int, error) {
	dir := filepath.Dir(file)
	lines := strings.SplitAfter(string(src), "\n")
	var out strings.Builder
	blocks := 0
	fence := "" // the fence of the code block the line is in, if any
	for i := 0; i < len(lines); i++ {
		line := strings.TrimSpace(lines[i])
		out.WriteString(lines[i])
		// A marker shown in a code block, as in an example, is text.
		if f := fenceOf(line); f != "" && (fence == "" || strings.HasPrefix(f, fence) && strings.Trim(line, f[:1]) == "") {
			if fence == "" {
				fence = f
			} else {
				fence = ""
			}
			continue
		}
		m := blockStart.FindStringSubmatch(line)
		if fence != "" || m == nil || blockEnd.MatchString(line) {
			continue
		}
		start := i + 1
		end := slices.IndexFunc(lines[start:], func(l string) bool { return blockEnd.MatchString(strings.TrimSpace(l)) })
		if end < 0 {
			return nil, 0, fmt.Errorf("%s:%d: envelope block has no <!-- /envelope --> to end it", file, start)
		}
		output, err := docBlock(dir, m[1])
		if err != nil {
			return nil, 0, fmt.Errorf("%s:%d: %v", file, start, err)
		}
		out.WriteString(output)
		i = start + end - 1 // the end marker is written next
		blocks++
	}
	return []byte(out.String()), blocks, nil
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

// docBlock runs one block's command in dir and returns what goes in the
// block: Markdown output as it is, anything else in a fenced block.
func docBlock(dir, line string) (string, error) {
	args, err := shellWords(line)
	if err != nil {
		return "", fmt.Errorf("envelope %s: %v", line, err)
	}
	if len(args) == 0 || !slices.Contains(docCommands, args[0]) {
		return "", fmt.Errorf("envelope %s: a block may run only %s", line, strings.Join(docCommands, ", "))
	}
	for _, a := range args {
		if a == "--update" || isStdin(a) {
			return "", fmt.Errorf("envelope %s: %s is not allowed in a block", line, a)
		}
	}
	var stdout, stderr bytes.Buffer
	code, err := runIn(dir, args, &stdout, &stderr)
	if err != nil {
		return "", err
	}
	if code != 0 {
		msg, _, _ := strings.Cut(strings.TrimSpace(stderr.String()), "\n")
		return "", fmt.Errorf("envelope %s: exit %d: %s", line, code, strings.TrimPrefix(msg, "envelope: "))
	}
	if markdownOutput(args) {
		return stdout.String(), nil
	}
	return "```\n" + stdout.String() + "```\n", nil
}

// runIn runs envelope in-process with dir as the working directory, and
// returns its exit code.
func runIn(dir string, args []string, stdout, stderr *bytes.Buffer) (int, error) {
	wd, err := os.Getwd()
	if err != nil {
		return 0, err
	}
	if err := os.Chdir(dir); err != nil {
		return 0, fmt.Errorf("%s: %v", dir, unwrapPath(err))
	}
	defer os.Chdir(wd)
	return run(args, stdout, stderr), nil
}

// markdownOutput reports whether args ask for -o markdown.
func markdownOutput(args []string) bool {
	for i, a := range args {
		switch {
		case (a == "-o" || a == "--output") && i+1 < len(args) && args[i+1] == "markdown",
			a == "-o=markdown", a == "--output=markdown", a == "-omarkdown":
			return true
		}
	}
	return false
}
