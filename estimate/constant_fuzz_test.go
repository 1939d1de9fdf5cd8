package estimate

import (
	"math"
	"os"
	"testing"
)

// FuzzFlagValues fuzzes the readers of values where one is needed, as
// sweep's --vary and solve's --until, --in and --step give them: every
// error is a list of *Errors placed inside the argument, every value read
// is finite, and none is a range.
func FuzzFlagValues(f *testing.F) {
	for _, s := range []string{
		"1M..2M", "1M..(1M to 2M)", " dau = normal(1M, 1K)..2M", "1,2,3", "1M,max(2M, 3M)", "1M,", ",",
		"..", "1..2..3", "(1..2)", "1 GB..2 GB", "1e400", "1e-400", "0", "-1", "1 to 2", "uniform(1, 2)",
		"servers = 100", "servers = (1 to 2)", "servers <= 1 PB", "servers >= ", "= 1", "servers = 1 -> GB",
		"\u00a0 1..\t2 ", "é..ü", "1\n..2", "((1)", "1..)", "\xff..1",
	} {
		f.Add(s)
	}
	src, err := os.ReadFile("../scenarios/web-service.yaml")
	if err != nil {
		f.Fatal(err)
	}
	m, err := Load("web-service.yaml", src, Options{})
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, arg string) {
		lines := []string{arg}
		if r, err := m.ParseVary("dau="+arg, 3, SpacingAuto); err != nil {
			checkErrors(t, err, "", []string{"dau=" + arg})
		} else {
			for _, q := range r.Values {
				if !isFinite(q.Value) || q.Dim != Dimensionless {
					t.Fatalf("ParseVary(dau=%q) = %v", arg, r.Values)
				}
			}
		}
		if r, err := m.ParseRange("dau", arg, 3, SpacingAuto); err != nil {
			checkErrors(t, err, "", lines)
		} else if len(r.Values) == 0 {
			t.Fatalf("ParseRange(%q): no values, no error", arg)
		}
		if c, err := m.ParseCondition(arg); err != nil {
			checkErrors(t, err, "", lines)
		} else if !isFinite(c.Value.Value) || c.rat == nil {
			t.Fatalf("ParseCondition(%q) = %+v", arg, c)
		}
		if from, to, err := m.ParseBounds("dau", arg); err != nil {
			checkErrors(t, err, "", lines)
		} else if !isFinite(from.Value) || !isFinite(to.Value) {
			t.Fatalf("ParseBounds(%q) = %v, %v", arg, from, to)
		}
		if step, err := m.ParseStep("dau", arg); err != nil {
			checkErrors(t, err, "", lines)
		} else if !(step > 0) || math.IsInf(step, 0) {
			t.Fatalf("ParseStep(%q) = %v", arg, step)
		}
	})
}
