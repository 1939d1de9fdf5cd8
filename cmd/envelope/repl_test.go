package main

import (
	"bytes"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"

	"github.com/envelope-cli/envelope/estimate"
	"github.com/peterh/liner"
)

// TestReplComplete checks what Tab offers at the cursor: names, functions
// and units in an expression, commands after ':', profiles and scenarios
// after their commands.
func TestReplComplete(t *testing.T) {
	dir := t.TempDir()
	for _, f := range []string{"sizing.yaml", "notes.txt"} {
		if err := os.WriteFile(filepath.Join(dir, f), nil, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.Mkdir(filepath.Join(dir, "scenarios"), 0o755); err != nil {
		t.Fatal(err)
	}
	t.Chdir(dir)
	r := &repl{s: estimate.NewSession(estimate.Exact)}
	for _, l := range []string{"dau = 100M", "daily = dau / day"} {
		if _, err := r.s.Eval(l); err != nil {
			t.Fatal(err)
		}
	}
	tests := []struct {
		line       string
		pos        int // -1 for the end
		head, tail string
		has        []string // among the words offered
		not        []string
	}{
		{"da", -1, "", "", []string{"dau", "daily", "day", "days"}, []string{"ans"}},
		{"ans * da", -1, "ans * ", "", []string{"dau", "daily", "day"}, nil},
		{"10G", -1, "10", "", []string{"GB", "GiB", "Gbps"}, []string{"10GB"}},
		{"dau * 10/d + 1", 10, "dau * 10/", " + 1", []string{"day", "daily", "dau"}, nil},
		{"ce", -1, "", "", []string{"ceil"}, nil},
		{"x -> Mb", -1, "x -> ", "", []string{"Mbps", "Mbit"}, []string{"MB"}},
		{"dau ", -1, "dau ", "", nil, []string{"dau"}},
		{":", -1, "", "", []string{":help", ":explain", ":conventions", ":load", ":names", ":quit"}, nil},
		{"  :ex", -1, "  ", "", []string{":explain"}, []string{":help"}},
		{":conventions n", -1, ":conventions ", "", []string{"napkin"}, []string{"exact"}},
		{":load url", -1, ":load ", "", []string{"url-shortener"}, nil},
		{":load s", -1, ":load ", "", []string{"sizing.yaml", "scenarios" + string(filepath.Separator)}, []string{"notes.txt"}},
		{"déjà", -1, "", "", nil, nil},
	}
	for _, tt := range tests {
		pos := tt.pos
		if pos < 0 {
			pos = len([]rune(tt.line))
		}
		head, words, tail := r.complete(tt.line, pos)
		if head != tt.head || tail != tt.tail {
			t.Errorf("%q at %d: head %q, tail %q; want %q, %q", tt.line, pos, head, tail, tt.head, tt.tail)
		}
		for _, w := range tt.has {
			if !slices.Contains(words, w) {
				t.Errorf("%q at %d: %q not offered among %q", tt.line, pos, w, words)
			}
		}
		for _, w := range tt.not {
			if slices.Contains(words, w) {
				t.Errorf("%q at %d: %q offered", tt.line, pos, w)
			}
		}
	}
	// Names come first, then functions, then units.
	if _, words, _ := r.complete("da", 2); len(words) < 2 || words[0] != "daily" || words[1] != "dau" {
		t.Errorf("da: %q, want the names first", words)
	}
}

// The history goes to envelope/history in the user's configuration
// directory, readable by its owner only, and reads back.
func TestReplHistory(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("XDG_CONFIG_HOME chooses the configuration directory on Linux")
	}
	dir := t.TempDir()
	t.Setenv("XDG_CONFIG_HOME", dir)
	path := historyFile()
	if want := filepath.Join(dir, "envelope", "history"); path != want {
		t.Fatalf("historyFile() = %s, want %s", path, want)
	}
	var stderr bytes.Buffer
	r := &repl{s: estimate.NewSession(estimate.Exact), err: &stderr}
	ln := liner.NewLiner()
	defer ln.Close()
	for _, l := range []string{"dau = 100M", "dau * 10/day", "dau * 10/day"} {
		ln.AppendHistory(l)
	}
	r.saveHistory(ln, path)
	if stderr.Len() > 0 {
		t.Fatalf("saveHistory: %s", stderr.String())
	}
	info, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if info.Mode().Perm() != 0o600 {
		t.Errorf("history mode %v, want 0600", info.Mode().Perm())
	}
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := string(b), "dau = 100M\ndau * 10/day\n"; got != want {
		t.Errorf("history:\n%s\nwant\n%s", got, want)
	}

	// A history that cannot be written is a warning, given once.
	blocked := filepath.Join(dir, "file")
	if err := os.WriteFile(blocked, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	r.saveHistory(ln, filepath.Join(blocked, "envelope", "history"))
	r.saveHistory(ln, filepath.Join(blocked, "envelope", "history"))
	if got := strings.Count(stderr.String(), "envelope: warning: history not saved: "); got != 1 {
		t.Errorf("warnings: %q, want one", stderr.String())
	}
}
