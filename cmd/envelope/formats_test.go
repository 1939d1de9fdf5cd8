package main

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"os"
	"strings"
	"testing"

	"github.com/envelope-cli/envelope/estimate"
)

// envelope runs the command line in-process and returns stdout, failing
// the test on a non-zero exit.
func envelope(t *testing.T, args ...string) string {
	t.Helper()
	var stdout, stderr bytes.Buffer
	if code := run(args, &stdout, &stderr); code != 0 {
		t.Fatalf("envelope %s: exit %d\n%s", strings.Join(args, " "), code, stderr.String())
	}
	return stdout.String()
}

func TestSetChangesDependentsAndMarksInput(t *testing.T) {
	var before, after estimate.Report
	if err := json.Unmarshal([]byte(envelope(t, "run", "url-shortener", "-o", "json")), &before); err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal([]byte(envelope(t, "run", "url-shortener", "--set", "new_urls=200M/day", "-o", "json")), &after); err != nil {
		t.Fatal(err)
	}
	for i, in := range after.Inputs {
		if want := in.Name == "new_urls"; in.Overridden != want {
			t.Errorf("input %s: overridden = %v, want %v", in.Name, in.Overridden, want)
		}
		if in.Name == "new_urls" && in.Value != 2*before.Inputs[i].Value {
			t.Errorf("new_urls = %v, want twice %v", in.Value, before.Inputs[i].Value)
		}
	}
	checked := 0
	for i, out := range after.Outputs {
		was := before.Outputs[i].Value
		switch out.Name {
		case "write_qps_avg", "read_qps_avg", "records", "storage_raw":
			checked++
			if out.Value != 2*was {
				t.Errorf("%s = %v, want 2 × %v", out.Name, out.Value, was)
			}
		}
	}
	if checked != 4 {
		t.Errorf("checked %d dependent outputs, want 4", checked)
	}
}

func TestCSVParses(t *testing.T) {
	for _, args := range [][]string{
		{"run", "twitter", "-o", "csv"},
		{"run", "url-shortener", "--explain", "-o", "csv"},
		{"availability", "99.9%", "99.99%", "-o", "csv"},
		{"qps", "--users", "100M", "--per-user", "10/day", "-o", "csv"},
	} {
		rows, err := csv.NewReader(strings.NewReader(envelope(t, args...))).ReadAll()
		if err != nil {
			t.Fatalf("%v: %v", args, err)
		}
		if len(rows) < 2 || len(rows[0]) != 6 {
			t.Fatalf("%v: want a header of 6 columns and rows, got %q", args, rows)
		}
	}
}

// TestMarkdownIsAGitHubTable checks the structure GitHub needs: a header
// row, a delimiter row, and rows, all with the same number of cells.
func TestMarkdownIsAGitHubTable(t *testing.T) {
	for _, args := range [][]string{
		{"run", "url-shortener", "-o", "markdown", "--explain"},
		{"run", "web-service", "-o", "markdown"},
		{"availability", "99.9%", "-o", "markdown"},
	} {
		tables := 0
		var cells int
		lines := strings.Split(envelope(t, args...), "\n")
		for i, l := range lines {
			if !strings.HasPrefix(l, "|") {
				cells = 0
				continue
			}
			n := strings.Count(strings.ReplaceAll(l, `\|`, ""), "|") - 1
			if cells == 0 {
				tables++
				cells = n
				if i+1 >= len(lines) || !strings.HasPrefix(lines[i+1], "|:-") && !strings.HasPrefix(lines[i+1], "|--") {
					t.Errorf("%v: table at line %d has no delimiter row", args, i+1)
				}
			} else if n != cells {
				t.Errorf("%v: line %d has %d cells, want %d: %s", args, i+1, n, cells, l)
			}
		}
		if tables == 0 {
			t.Errorf("%v: no table", args)
		}
	}
}

func TestColorOnlyOnTerminalsWithoutNoColor(t *testing.T) {
	t.Setenv("NO_COLOR", "")
	if useColor(&bytes.Buffer{}) {
		t.Error("colour in a buffer")
	}
	os.Unsetenv("NO_COLOR")
	f, err := os.CreateTemp(t.TempDir(), "out")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if useColor(f) {
		t.Error("colour in a regular file")
	}
	if tty, err := os.OpenFile("/dev/tty", os.O_WRONLY, 0); err == nil {
		defer tty.Close()
		if !useColor(tty) {
			t.Error("no colour on a terminal")
		}
		t.Setenv("NO_COLOR", "1")
		if useColor(tty) {
			t.Error("colour on a terminal despite NO_COLOR")
		}
	}
}
