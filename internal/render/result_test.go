package render

import (
	"fmt"
	"strings"
	"testing"

	"github.com/envelope-cli/envelope/estimate"
)

// wide returns the result of a scenario of n inputs and n outputs, and
// the names of every other output.
func wide(tb testing.TB, n int) (*estimate.Result, []string) {
	tb.Helper()
	var b strings.Builder
	b.WriteString("name: wide\ninputs:\n")
	for i := range n {
		fmt.Fprintf(&b, "  i%d: %d\n", i, i)
	}
	b.WriteString("outputs:\n")
	var only []string
	for i := range n {
		fmt.Fprintf(&b, "  o%d: i%d * 2\n", i, i)
		if i%2 == 0 {
			only = append(only, fmt.Sprintf("o%d", i))
		}
	}
	m, err := estimate.Load("wide.yaml", []byte(b.String()), estimate.Options{})
	if err != nil {
		tb.Fatal(err)
	}
	r, err := m.Evaluate()
	if err != nil {
		tb.Fatal(err)
	}
	return r, only
}

// TestLongNameLists filters 10,000 outputs by a list of 5,000 names, as
// --only does.
func TestLongNameLists(t *testing.T) {
	r, only := wide(t, estimate.MaxNames)
	rep := NewReport(r, Options{Only: only, Inputs: []string{"i1", "i3", "nope"}})
	if len(rep.Outputs) != len(only) || rep.Outputs[0].Name != "o0" || rep.Outputs[len(only)-1].Name != "o9998" {
		t.Errorf("%d outputs, want %d", len(rep.Outputs), len(only))
	}
	if len(rep.Inputs) != 2 || rep.Inputs[0].Name != "i1" || rep.Inputs[1].Name != "i3" {
		t.Errorf("inputs %v, want i1 and i3", rep.Inputs)
	}
	if rep := NewReport(r, Options{}); len(rep.Outputs) != estimate.MaxNames || len(rep.Inputs) != estimate.MaxNames {
		t.Errorf("no filter: %d outputs, %d inputs", len(rep.Outputs), len(rep.Inputs))
	}
}

func BenchmarkReportOnly5000of10000(b *testing.B) {
	r, only := wide(b, estimate.MaxNames)
	for b.Loop() {
		NewReport(r, Options{Only: only})
	}
}
