package main

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/spf13/cobra"
)

// docPages are the pages whose examples TestDocs runs, relative to the
// repository's root.
var docPages = []string{"README.md", "docs/cli.md", "docs/scenario-format.md"}

// A docStep is a file that a page shows, or a "$ envelope …" line of one
// of its console blocks with the output shown under it.
//
// A fenced block is a file when the line before its fence is a marker,
// invisible on GitHub, that names it:
//
//	<!-- file: url-shortener.yaml -->
//	```yaml
//
// A command may end in "| head -N" or "| tail -N", which keep the first or
// last N lines of its output, or in `; echo "exit $?"`, which adds a line
// with its exit code. Its output is stdout and stderr together, as a
// terminal shows them.
type docStep struct {
	file, content string // a file to write

	line       string // the command as written, without "$ "
	args       []string
	pipe       string // "head" or "tail", or "" for all the output
	keep       int    // the lines that pipe keeps
	exit       bool   // whether to add the exit code
	first, end int    // lines of its output: [first, end)
}

var (
	fileMarker = regexp.MustCompile(`^<!-- file: (\S+) -->$`)
	shellTail  = regexp.MustCompile(`^(.*?)(?: \| (head|tail) -(\d+))?(; echo "exit \$\?")?$`)
)

// docSteps finds the files and commands of a page, in order.
func docSteps(t *testing.T, page string, lines []string) []docStep {
	var steps []docStep
	endOutput := func(i int) {
		if n := len(steps); n > 0 && steps[n-1].end < 0 {
			steps[n-1].end = i
		}
	}
	console := false
	for i := 0; i < len(lines); i++ {
		l := lines[i]
		if m := fileMarker.FindStringSubmatch(l); m != nil {
			end := -1
			if i+1 < len(lines) && strings.HasPrefix(lines[i+1], "```") {
				end = slices.Index(lines[i+2:], "```")
			}
			if end < 0 {
				t.Fatalf("%s:%d: want a fenced block after %s", page, i+1, l)
			}
			body := lines[i+2 : i+2+end]
			steps = append(steps, docStep{file: m[1], content: strings.Join(body, "\n") + "\n"})
			i += 2 + end
			continue
		}
		switch {
		case l == "```console":
			console = true
		case console && l == "```":
			console = false
			endOutput(i)
		case console && strings.HasPrefix(l, "$ "):
			endOutput(i)
			line := strings.TrimPrefix(l, "$ ")
			m := shellTail.FindStringSubmatch(line)
			args, err := shellWords(m[1])
			if err != nil || len(args) == 0 || args[0] != "envelope" {
				t.Fatalf("%s:%d: want '$ envelope …', got %q", page, i+1, l)
			}
			keep, _ := strconv.Atoi(m[3])
			steps = append(steps, docStep{line: line, args: args[1:], pipe: m[2], keep: keep,
				exit: m[4] != "", first: i + 1, end: -1})
		}
	}
	return steps
}

// TestDocs runs the examples of each page in docPages: in a fresh
// directory per page, in page order, it writes the files the page shows
// and runs its commands, and compares what each prints with what the
// page shows. go test -update rewrites the pages' outputs.
func TestDocs(t *testing.T) {
	t.Setenv("NO_COLOR", "1")
	for _, page := range docPages {
		t.Run(page, func(t *testing.T) { testDoc(t, page) })
	}
}

func testDoc(t *testing.T, page string) {
	path, err := filepath.Abs(filepath.Join("..", "..", page))
	if err != nil {
		t.Fatal(err)
	}
	src, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(string(src), "\n")
	steps := docSteps(t, page, lines)
	if len(steps) == 0 {
		t.Fatalf("no examples found in %s", page)
	}
	t.Chdir(t.TempDir())
	var out []string
	last := 0
	for _, s := range steps {
		if s.file != "" {
			if err := os.WriteFile(s.file, []byte(s.content), 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		var stdout bytes.Buffer
		code := run(s.args, &stdout, &stdout)
		var got []string
		if o := strings.TrimSuffix(stdout.String(), "\n"); o != "" {
			got = strings.Split(o, "\n")
		}
		switch {
		case s.pipe == "head" && len(got) > s.keep:
			got = got[:s.keep]
		case s.pipe == "tail" && len(got) > s.keep:
			got = got[len(got)-s.keep:]
		}
		if s.exit {
			got = append(got, fmt.Sprint("exit ", code))
		}
		want := lines[s.first:s.end]
		if !slices.Equal(got, want) && !*update {
			t.Errorf("%s:%d: $ %s\n--- got:\n%s\n--- %s shows:\n%s", page, s.first, s.line,
				strings.Join(got, "\n"), page, strings.Join(want, "\n"))
		}
		out = append(out, lines[last:s.first]...)
		out = append(out, got...)
		last = s.end
	}
	out = append(out, lines[last:]...)
	if *update {
		if err := os.WriteFile(path, []byte(strings.Join(out, "\n")), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// TestReadmeBlocks runs envelope doc check on the README, whose envelope
// blocks must be current; go test -update regenerates them.
func TestReadmeBlocks(t *testing.T) {
	t.Setenv("NO_COLOR", "1")
	cmd := "check"
	if *update {
		cmd = "update"
	}
	var stdout, stderr bytes.Buffer
	if code := run([]string{"doc", cmd, filepath.Join("..", "..", "README.md")}, &stdout, &stderr); code != 0 {
		t.Errorf("envelope doc %s README.md: exit %d\n%s%s", cmd, code, stdout.String(), stderr.String())
	}
}

// TestDocumentedCommandsAreScripted checks that every command shown in the
// README and in a --help example is also a testscript case, so that the
// documentation cannot drift from what is tested. A long-running command
// (serve) is left out: a script cannot wait for a server, so the README
// shows it in a plain sh block that TestDocs does not run, and web's tests
// start and drive the server itself, in a browser.
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
	for _, s := range docSteps(t, "README.md", strings.Split(string(src), "\n")) {
		if s.line != "" {
			documented = append(documented, s.line)
		}
	}
	var walk func(*cobra.Command)
	walk = func(c *cobra.Command) {
		if c.Annotations[longRunning] != "" {
			return
		}
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
