package estimate

import (
	"math"
	"strings"
	"testing"
)

const shortener = `name: shortener
inputs:
  new_urls: 100M/day
  retention: 10 years
  record_size: 100 B
  peak_factor: 2 to 4
outputs:
  records: new_urls * retention
  storage: records * record_size
  peak: new_urls * peak_factor
`

// TestSensitivityHonoursOverrides: with record_size set to 1 KB, the
// swing of storage is evaluated at 1 KB a record, as its value is, not
// at the file's 100 B; and peak_factor, which storage does not read, is
// not in its table.
func TestSensitivityHonoursOverrides(t *testing.T) {
	m := load(t, shortener)
	urls, err := m.Override("new_urls", "50M/day to 200M/day")
	if err != nil {
		t.Fatal(err)
	}
	size, err := m.Override("record_size", "1 KB")
	if err != nil {
		t.Fatal(err)
	}
	r, err := m.Simulate(SampleOptions{Samples: 20_000}, urls, size)
	if err != nil {
		t.Fatal(err)
	}
	infs, err := r.Sampling().Sensitivity("storage")
	if err != nil {
		t.Fatal(err)
	}
	if len(infs) != 1 || infs[0].Input != "new_urls" {
		t.Fatalf("storage's sensitivity %+v, want new_urls alone", infs)
	}
	inf := infs[0]
	// new_urls at its p5, 50M/day, for ten 365-day years, 1 KB each.
	if want := 50e6 * 3650 * 1000; math.Abs(inf.Low.Value-want) > 1e-9*want {
		t.Errorf("storage with new_urls at p5 = %v, want %v (1 KB a record)", inf.Low.Value, want)
	}
	storage, _ := r.Output("storage")
	if inf.Low.Value > storage.Value.Value || inf.High.Value < storage.Value.Value {
		t.Errorf("the swing %v to %v does not hold storage's median %v", inf.Low.Value, inf.High.Value, storage.Value.Value)
	}
}

// TestSensitivityUndefined: where the output is undefined at one end of
// the swing, that figure is NaN, and Undefined says why and where; such
// inputs rank after those whose swing is defined.
func TestSensitivityUndefined(t *testing.T) {
	m := load(t, "name: f\ninputs:\n  a: normal(1, 1)\n  k: 1 to 2\noutputs:\n  y: sqrt(a) * k\n")
	r, err := m.Simulate(SampleOptions{Samples: 20_000})
	if err != nil {
		t.Fatal(err)
	}
	infs, err := r.Sampling().Sensitivity("y")
	if err != nil {
		t.Fatal(err)
	}
	if len(infs) != 2 || infs[0].Input != "k" || infs[1].Input != "a" {
		t.Fatalf("sensitivity %+v, want k and then a", infs)
	}
	a := infs[1]
	if !math.IsNaN(a.Low.Value) || !math.IsNaN(a.Swing) || math.IsNaN(a.High.Value) ||
		a.Undefined != "square root of a negative number at the input's p5" {
		t.Errorf("a: %+v", a)
	}
	if a.Spearman < 0.5 {
		t.Errorf("a's rank correlation over the samples that define y: %v", a.Spearman)
	}
}

// TestSensitivityOnce: the inputs' two exact evaluations and their ranks
// serve every output, computed once.
func TestSensitivityOnce(t *testing.T) {
	m := load(t, simScenario)
	r, err := m.Simulate(SampleOptions{Samples: 5000})
	if err != nil {
		t.Fatal(err)
	}
	s := r.Sampling()
	for _, out := range []string{"rate", "peak", "storage_day"} {
		if _, err := s.Sensitivity(out); err != nil {
			t.Fatal(err)
		}
	}
	// Two inputs and three outputs: five columns ranked, two inputs
	// evaluated at their two ends.
	if len(s.ranked) != 5 || len(s.points) != 2 {
		t.Errorf("%d columns ranked and %d inputs evaluated, want 5 and 2", len(s.ranked), len(s.points))
	}
	if _, err := s.Sensitivity("nope"); err == nil || !strings.Contains(err.Error(), `no output named "nope"`) {
		t.Errorf("an unknown output: %v", err)
	}
}
