package estimate

import (
	"math"
	"strings"
	"testing"
)

const simScenario = `name: sim
inputs:
  users: 50M to 150M
  per_user: 9 to 11 per day
  size: 2 KB
outputs:
  rate: users * per_user
  peak: rate * 3
  storage_day: rate * size * 1 day
  fixed: size * 2
expect:
  rate:
    p95: 17.5K/s ± 3%
  fixed: 4 KB
`

// TestSimulate samples a scenario with ranges: uncertain outputs carry
// distributions near their closed forms, certain ones none, and an
// expectation on a percentile is checked on the samples.
func TestSimulate(t *testing.T) {
	m := load(t, simScenario)
	if !m.Uncertain() {
		t.Fatal("Uncertain() = false")
	}
	r, err := m.Simulate(SampleOptions{})
	if err != nil {
		t.Fatal(err)
	}
	qps, _ := r.Output("rate")
	if qps.Distribution == nil {
		t.Fatal("qps has no distribution")
	}
	// users × per_user: a product of lognormals, itself lognormal.
	mu := (math.Log(50e6)+math.Log(150e6))/2 + (math.Log(9)+math.Log(11))/2 - math.Log(86400)
	sigma := math.Hypot((math.Log(150e6)-math.Log(50e6))/(2*z95), (math.Log(11)-math.Log(9))/(2*z95))
	for _, c := range []struct {
		name      string
		got, want float64
	}{
		{"p5", qps.Distribution.P5, math.Exp(mu - z95*sigma)},
		{"p50", qps.Distribution.P50, math.Exp(mu)},
		{"p95", qps.Distribution.P95, math.Exp(mu + z95*sigma)},
	} {
		if rel := math.Abs(c.got-c.want) / c.want; rel > 0.01 {
			t.Errorf("qps %s = %v, want %v (%.2f%% off)", c.name, c.got, c.want, rel*100)
		}
	}
	if qps.Value.Value != qps.Distribution.P50 {
		t.Errorf("Value %v is not the median %v", qps.Value.Value, qps.Distribution.P50)
	}
	if f, _ := r.Output("fixed"); f.Distribution != nil {
		t.Error("fixed, which no range reaches, has a distribution")
	}
	for _, e := range r.Expect() {
		if !e.OK {
			t.Errorf("expectation %s (%s) fails: %v", e.Name, e.Stat, e.Actual)
		}
	}
	if e := r.Expect()[0]; e.Stat != "p95" {
		t.Errorf("qps expectation checks %q, want p95", e.Stat)
	}
	if got := qps.Format(r.DisplayOptions(false)); !strings.Contains(got, "(90%: ") {
		t.Errorf("qps shows %q, want a median and an interval", got)
	}
	p, err := r.Sampling().Probability("peak > 30K/s")
	if err != nil || p.Holds <= 0 || p.Holds >= 1 || p.Undefined != 0 {
		t.Errorf("Probability: %v, %v", p, err)
	}
}

// TestSensitivity: the input that dominates an output ranks first.
func TestSensitivity(t *testing.T) {
	m := load(t, simScenario)
	r, err := m.Simulate(SampleOptions{Samples: 20000})
	if err != nil {
		t.Fatal(err)
	}
	inf, err := r.Sampling().Sensitivity("rate")
	if err != nil {
		t.Fatal(err)
	}
	if len(inf) != 2 || inf[0].Input != "users" {
		t.Fatalf("sensitivity = %+v, want users first of two", inf)
	}
	if inf[0].Spearman < 0.9 || inf[1].Spearman > 0.5 {
		t.Errorf("Spearman: users %v, per_user %v", inf[0].Spearman, inf[1].Spearman)
	}
	if want := 50e6 * math.Sqrt(99) / 86400; math.Abs(inf[0].Low.Value-want)/want > 1e-9 {
		t.Errorf("qps with users at p5 = %v, want 50M × √99/day, per_user at its median", inf[0].Low.Value)
	}
}

// TestSimulateFailures: samples that fail are counted, never dropped
// silently.
func TestSimulateFailures(t *testing.T) {
	m := load(t, "name: f\ninputs:\n  a: normal(0 to 10)\noutputs:\n  y: 1 / floor(a)\n")
	r, err := m.Simulate(SampleOptions{Samples: 10000})
	if err != nil {
		t.Fatal(err)
	}
	s := r.Sampling()
	if s.Failed == 0 || len(s.Failures) == 0 || !strings.Contains(s.Failures[0].String(), "division by zero") {
		t.Errorf("failed %d, failures %v", s.Failed, s.Failures)
	}
	if share := s.FailedShare(); share < 0.03 || share > 0.06 {
		t.Errorf("failed share %v, want about 4.4%%", share)
	}
}
