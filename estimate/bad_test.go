package estimate

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestBadCorpus loads each malformed scenario under testdata/bad and
// compares its errors, as the CLI prints them (one line each, with the
// caret snippet under a formula), with NAME.err. Every file must fail,
// when loading or when evaluating. go test ./estimate -update rewrites
// the .err files.
func TestBadCorpus(t *testing.T) {
	files, err := filepath.Glob("testdata/bad/*.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if len(files) < 40 {
		t.Errorf("only %d malformed files in testdata/bad", len(files))
	}
	for _, file := range files {
		name := strings.TrimSuffix(filepath.Base(file), ".yaml")
		t.Run(name, func(t *testing.T) {
			src, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			got := badOutput(t, filepath.Base(file), src)
			golden := strings.TrimSuffix(file, ".yaml") + ".err"
			if *update {
				if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test ./estimate -update to create it)", err)
			}
			if got != string(want) {
				t.Errorf("errors of %s:\n%s\nwant (%s):\n%s", file, got, golden, want)
			}
		})
	}
}

// badOutput loads and evaluates src and renders its errors as the CLI
// does, checking that each is a one-line *Error.
func badOutput(t *testing.T, file string, src []byte) string {
	t.Helper()
	m, err := Load(file, src, Options{})
	if err == nil {
		_, err = m.Evaluate()
	}
	if err == nil {
		t.Fatalf("%s loads and evaluates without an error", file)
	}
	var b strings.Builder
	for _, e := range Errors(err) {
		pe, ok := e.(*Error)
		if !ok {
			t.Errorf("error %q is a %T, not an *Error", e, e)
			continue
		}
		if strings.Contains(pe.Error(), "\n") {
			t.Errorf("error of more than one line: %q", pe.Error())
		}
		b.WriteString(pe.Error() + "\n")
		if c := pe.Caret(); c != "" {
			b.WriteString(c + "\n")
		}
	}
	return b.String()
}
