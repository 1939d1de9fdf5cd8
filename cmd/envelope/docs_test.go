package main

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/spf13/cobra"
)

// A consoleCommand is a "$ envelope …" line of a console block in the
// README, with the output printed under it.
type consoleCommand struct {
	args       []string
	line       string // the command as written, without "$ "
	first, end int    // lines of its output: [first, end)
}

var consoleBlock = regexp.MustCompile("(?s)```console\n(.*?)```")

// readmeCommands finds the commands of the README's console blocks.
func readmeCommands(t *testing.T, lines []string) []consoleCommand {
	var cmds []consoleCommand
	in := false
	for i, l := range lines {
		switch {
		case l == "```console":
			in = true
		case in && l == "```":
			in = false
			if n := len(cmds); n > 0 && cmds[n-1].end < 0 {
				cmds[n-1].end = i
			}
		case in && strings.HasPrefix(l, "$ "):
			if n := len(cmds); n > 0 && cmds[n-1].end < 0 {
				cmds[n-1].end = i
			}
			line := strings.TrimPrefix(l, "$ ")
			args, err := shellWords(line)
			if err != nil || len(args) == 0 || args[0] != "envelope" {
				t.Fatalf("README line %d: want '$ envelope …', got %q", i+1, l)
			}
			cmds = append(cmds, consoleCommand{args: args[1:], line: line, first: i + 1, end: -1})
		}
	}
	return cmds
}

// TestREADME runs every command of the README's console blocks, in order
// in one directory, and compares what it prints with what the README
// shows. go test -update rewrites the README's outputs.
func TestREADME(t *testing.T) {
	path, err := filepath.Abs(filepath.Join("..", "..", "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	src, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(string(src), "\n")
	cmds := readmeCommands(t, lines)
	if len(cmds) == 0 {
		t.Fatal("no console commands found in README.md")
	}
	t.Chdir(t.TempDir())
	t.Setenv("NO_COLOR", "1")
	var out []string
	last := 0
	for _, c := range cmds {
		var stdout bytes.Buffer
		run(c.args, &stdout, &stdout)
		got := strings.TrimSuffix(stdout.String(), "\n")
		want := strings.Join(lines[c.first:c.end], "\n")
		if got != want && !*update {
			t.Errorf("README: $ %s\n--- got:\n%s\n--- README shows:\n%s", c.line, got, want)
		}
		out = append(out, lines[last:c.first]...)
		if got != "" {
			out = append(out, strings.Split(got, "\n")...)
		}
		last = c.end
	}
	out = append(out, lines[last:]...)
	if *update {
		if err := os.WriteFile(path, []byte(strings.Join(out, "\n")), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// TestDocumentedCommandsAreScripted checks that every command shown in the
// README and in a --help example is also a testscript case, so that the
// documentation cannot drift from what is tested.
func TestDocumentedCommandsAreScripted(t *testing.T) {
	var scripts strings.Builder
	files, _ := filepath.Glob(filepath.Join("testdata", "script", "*.txtar"))
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		scripts.Write(b)
	}
	scripted := map[string]bool{}
	for _, l := range strings.Split(scripts.String(), "\n") {
		l = strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(l), "!"))
		if rest, ok := strings.CutPrefix(l, "exec "); ok {
			scripted[rest] = true
		}
	}
	src, err := os.ReadFile(filepath.Join("..", "..", "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	var documented []string
	for _, c := range readmeCommands(t, strings.Split(string(src), "\n")) {
		documented = append(documented, c.line)
	}
	var walk func(*cobra.Command)
	walk = func(c *cobra.Command) {
		for _, l := range strings.Split(c.Example, "\n") {
			if l = strings.TrimSpace(l); l != "" {
				documented = append(documented, l)
			}
		}
		for _, sub := range c.Commands() {
			walk(sub)
		}
	}
	walk(newRootCmd())
	for _, d := range documented {
		if !scripted[d] {
			t.Errorf("documented command has no testscript case: %s", d)
		}
	}
}

// shellWords splits a command line as a POSIX shell would for the simple
// quoting used in docs: single quotes, double quotes and blanks.
func shellWords(s string) ([]string, error) {
	var words []string
	var cur strings.Builder
	inWord := false
	for i := 0; i < len(s); i++ {
		switch c := s[i]; c {
		case ' ', '\t':
			if inWord {
				words = append(words, cur.String())
				cur.Reset()
				inWord = false
			}
		case '\'', '"':
			j := strings.IndexByte(s[i+1:], c)
			if j < 0 {
				return nil, os.ErrInvalid
			}
			cur.WriteString(s[i+1 : i+1+j])
			i += j + 1
			inWord = true
		default:
			cur.WriteByte(c)
			inWord = true
		}
	}
	if inWord {
		words = append(words, cur.String())
	}
	return words, nil
}
