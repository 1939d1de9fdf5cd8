package estimate

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

// sortedPercentiles are the five percentiles of the finite values of
// col, by sorting and interpolating between order statistics, as numpy
// does by default.
func sortedPercentiles(col []float64) [5]float64 {
	var finite []float64
	for _, v := range col {
		if isFinite(v) {
			finite = append(finite, v)
		}
	}
	slices.Sort(finite)
	var q [5]float64
	for i, p := range percentiles {
		h := p * float64(len(finite)-1)
		k := int(h)
		q[i] = finite[k]
		if frac := h - float64(k); frac > 0 && k+1 < len(finite) {
			q[i] += frac * (finite[k+1] - finite[k])
		}
		q[i] += 0
	}
	return q
}

func figures(d *Distribution) [5]float64 { return [5]float64{d.P5, d.P25, d.P50, d.P75, d.P95} }

// TestFailedSamplesStayWithTheirOutput: with a: normal(1, 1), y =
// sqrt(a) fails in the 15.9% of samples where a < 0. Those samples are
// left out of y's figures and counted there, and no other's: z = a * 2
// shows the median 2, not the 2.39 of the samples where y is defined,
// and P(a < 0) is 15.9% of all the samples.
func TestFailedSamplesStayWithTheirOutput(t *testing.T) {
	m := load(t, "name: f\ninputs:\n  a: normal(1, 1)\noutputs:\n  y: sqrt(a)\n  z: a * 2\n  w: y + 1\n")
	r, err := m.Simulate(SampleOptions{})
	if err != nil {
		t.Fatal(err)
	}
	s := r.Sampling()
	a, _ := s.Column("a")
	negative := 0
	for _, v := range a {
		if v < 0 {
			negative++
		}
	}
	for _, tc := range []struct {
		name    string
		failed  int
		failure string
	}{
		{"y", negative, "square root of a negative number"},
		{"w", negative, "square root of a negative number in y"},
		{"z", 0, ""},
	} {
		o, _ := r.Output(tc.name)
		d := o.Distribution
		if d.Failed != tc.failed || d.Failure != tc.failure || d.Samples != s.Samples-tc.failed {
			t.Errorf("%s: %d failed (%q) and %d summarised; want %d (%q) and %d", tc.name, d.Failed, d.Failure, d.Samples, tc.failed, tc.failure, s.Samples-tc.failed)
		}
	}
	z, _ := r.Output("z")
	if med := z.Distribution.P50; math.Abs(med-2) > 0.02 {
		t.Errorf("z's median is %v, want about 2", med)
	}
	for _, tc := range []struct {
		cond            string
		holds, undefind float64
	}{
		{"a < 0", float64(negative) / float64(s.Samples), 0},
		{"y >= 0", 1 - float64(negative)/float64(s.Samples), float64(negative) / float64(s.Samples)},
	} {
		p, err := s.Probability(tc.cond)
		if err != nil || p.Holds != tc.holds || p.Undefined != tc.undefind {
			t.Errorf("P(%s) = %+v, %v; want %v, %v undefined", tc.cond, p, err, tc.holds, tc.undefind)
		}
	}
	if negative < s.Samples/7 || negative > s.Samples/6 {
		t.Errorf("%d samples of a below zero, want about 15.9%%", negative)
	}
}

// TestFailingOutputPercentiles is the property: in random scenarios with
// an output that fails in some samples, every output that does not read
// it has the percentiles of all its samples, each computed on its own by
// Model.Eval and sorted; and every output that does has those of the
// samples where the failing one is defined, no more and no fewer.
func TestFailingOutputPercentiles(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 8))
	ranges := []string{"normal(%d, 3)", "uniform(%d, 9)", "%d to 20", "triangular(%d, 10, 12)"}
	partly := 0 // trials in which bad fails in some samples, not all
	for trial := range 30 {
		pick := func() string { return fmt.Sprintf(ranges[rng.IntN(len(ranges))], 1+rng.IntN(5)) }
		t0 := 2 + rng.IntN(5)
		src := fmt.Sprintf(`name: p%d
inputs:
  alpha: %s
  beta: %s
  gamma: %s
outputs:
  bad: '%s'
  after: bad * beta + 1
  prod: alpha * beta
  sum: alpha + beta * gamma
  ratio: prod / (1 + gamma * gamma)
  last: sum - prod
`, trial, pick(), pick(), pick(), []string{
			fmt.Sprintf("sqrt(alpha - %d)", t0),
			fmt.Sprintf("log10(beta - %d)", t0),
			fmt.Sprintf("1 / floor(gamma - %d)", t0),
			fmt.Sprintf("ln(alpha) > %d ? alpha : ln(beta - %d)", t0, t0),
		}[trial%4])
		m := load(t, src)
		n := 2000 + rng.IntN(3000)
		r, err := m.Simulate(SampleOptions{Samples: n, Seed: uint64(trial + 1)})
		if err != nil {
			t.Fatalf("trial %d: %v\n%s", trial, err, src)
		}
		s := r.Sampling()
		if bad, _ := r.Output("bad"); bad.Distribution.Failed > 0 {
			partly++
		}
		// Each sample on its own, from the inputs' samples.
		slots := m.Slots()
		first := len(m.inputs)
		own := make([][]float64, len(m.outputs))
		badDefined := make([]bool, n)
		for j := range n {
			for i := range m.inputs {
				col, _ := s.Column(m.inputs[i].Name)
				slots[i] = col[j]
			}
			m.Eval(slots) // an error names the outputs that fail; the slots hold every value
			for i := range m.outputs {
				own[i] = append(own[i], slots[first+i])
			}
			_, at, _ := s.batch.probe(m.outputs[0].f.root, slots)
			badDefined[j] = at == nil
		}
		for i, out := range m.outputs {
			o, _ := r.Output(out.Name)
			d := o.Distribution
			reads := out.Name == "bad" || out.Name == "after"
			want := own[i]
			if reads {
				want = nil
				for j, v := range own[i] {
					if badDefined[j] {
						want = append(want, v)
					}
				}
			}
			if d.Samples != len(want) || d.Failed != n-len(want) {
				t.Errorf("trial %d: %s summarises %d samples and leaves out %d, want %d and %d\n%s", trial, out.Name, d.Samples, d.Failed, len(want), n-len(want), src)
			}
			if len(want) == 0 {
				continue
			}
			if got, w := figures(d), sortedPercentiles(want); got != w {
				t.Errorf("trial %d: %s percentiles %v, by sorting %v\n%s", trial, out.Name, got, w, src)
			}
		}
	}
	if partly < 15 {
		t.Errorf("bad failed in some samples in %d trials of 30, too few to test", partly)
	}
}

// TestMedianBreaksFormula: 1 / x with x normal(0, 1) is undefined at
// the median, x = 0, which no sample draws: the run samples it, and the
// working says that the exact path is undefined there.
func TestMedianBreaksFormula(t *testing.T) {
	m := load(t, "name: inv\ninputs:\n  x: normal(0, 1)\noutputs:\n  y: 1 / x\n  w: y * 2\n")
	r, err := m.Simulate(SampleOptions{Samples: 10_000})
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct{ name, why, result string }{
		{"y", "division by zero", "undefined at the medians (division by zero)"},
		{"w", "y is undefined", "undefined at the medians (y is undefined)"},
	} {
		o, _ := r.Output(tc.name)
		if o.Distribution == nil || o.Distribution.Failed != 0 || o.UndefinedAtMedians() != tc.why {
			t.Errorf("%s: distribution %+v, undefined at the medians %q; want sampled, %q", tc.name, o.Distribution, o.UndefinedAtMedians(), tc.why)
		}
		for _, e := range r.Explain(DisplayOptions{}) {
			if e.Name == tc.name && e.Result != tc.result {
				t.Errorf("%s: the working ends %q, want %q", tc.name, e.Result, tc.result)
			}
		}
	}
	// Where every sample fails too, it is the error it always was.
	m = load(t, "name: neg\ninputs:\n  a: normal(-10, 1)\noutputs:\n  y: sqrt(a)\n")
	if _, err := m.Simulate(SampleOptions{Samples: 1000}); err == nil || !strings.Contains(err.Error(), "square root of a negative number in y = sqrt(a)") {
		t.Errorf("an output no sample defines: %v", err)
	}
	// And where the medians define it but no sample does, the error
	// says so, where it arises.
	m = load(t, "name: odd\ninputs:\n  x: uniform(1, 2)\noutputs:\n  y: 'x == 1.5 ? 1 : 1 / (x - x)'\n")
	if _, err := m.Simulate(SampleOptions{Samples: 1000}); err == nil || err.Error() != "s.yaml:5:24: outputs.y: in every sample, division by zero in y = x == 1.5 ? 1 : 1 / (x - x)" {
		t.Errorf("an output no sample defines, the medians do: %v", err)
	}
}

// TestCalculateMedianBreaks: a one-off calculation, and a session's line,
// whose ranges at their medians break the formula (1 / normal(0, 1) at 0)
// are sampled all the same, and say why they have no value at the
// medians; a condition, which needs the medians, is still an error.
func TestCalculateMedianBreaks(t *testing.T) {
	c, err := CalculateSampled("1 / normal(0, 1)", Exact, SampleOptions{Samples: 1000})
	if err != nil {
		t.Fatal(err)
	}
	if c.Undefined != "division by zero" || c.Distribution == nil || c.Exact || c.Quantity.Value != c.Distribution.P50 {
		t.Errorf("calculation %+v; want sampled, undefined at the medians by a division by zero", c)
	}
	if _, err := Calculate("1 / normal(0, 1) > 0", Exact); err == nil {
		t.Error("a condition with no value at the medians: no error")
	}
	if _, err := Calculate("sqrt(-1 - uniform(0, 1))", Exact); err == nil {
		t.Error("an expression that no sample defines: no error")
	}

	s := NewSession(Exact)
	for _, line := range []string{"x = normal(0, 1)", "y = 1 / x", "y + 1"} {
		a, err := s.Eval(line)
		if err != nil {
			t.Fatalf("%s: %v", line, err)
		}
		want := map[string]string{"x = normal(0, 1)": "", "y = 1 / x": "division by zero", "y + 1": "y is undefined"}[line]
		if a.Undefined != want {
			t.Errorf("%s: undefined at the medians %q, want %q", line, a.Undefined, want)
		}
	}
}
