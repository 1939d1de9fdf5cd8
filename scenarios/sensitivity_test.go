package scenarios_test

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/envelope-cli/envelope/estimate"
	"github.com/envelope-cli/envelope/scenarios"
)

// TestSensitivityIsTheExactPath is the property that holds a swing to
// the exact path: for every preset, with random --set overrides of its
// inputs (constants, and ranges, which give the presets without ranges
// some), each swing of each uncertain output is Model.Evaluate, to the
// last bit, with the overrides applied, every uncertain input at the
// median of its distribution and the one swung at its 5th or its 95th
// percentile. An input the output does not read has no swing; one it
// does, and that varies, has one.
func TestSensitivityIsTheExactPath(t *testing.T) {
	rng := rand.New(rand.NewPCG(17, 17))
	checked := 0
	for _, name := range scenarios.Names() {
		m, err := scenarios.Load(name, estimate.Options{})
		if err != nil {
			t.Fatal(err)
		}
		for trial := range 3 {
			overrides := randomOverrides(t, m, rng)
			r, err := m.Simulate(estimate.SampleOptions{Samples: 2000, Seed: uint64(trial + 1)}, overrides...)
			if err != nil {
				continue // the overrides broke a formula everywhere: nothing to swing
			}
			s := r.Sampling()
			if s == nil {
				continue
			}
			dists := map[string]*estimate.Distribution{}
			for _, in := range r.Inputs() {
				if in.Distribution != nil {
					dists[in.Name] = in.Distribution
				}
			}
			for _, out := range r.Outputs() {
				if out.Distribution == nil {
					continue
				}
				infs, err := s.Sensitivity(out.Name)
				if err != nil {
					t.Fatalf("%s: Sensitivity(%s): %v", name, out.Name, err)
				}
				listed := map[string]bool{}
				for _, inf := range infs {
					listed[inf.Input] = true
					d := dists[inf.Input]
					if d == nil || inf.InputLow.Value != d.P5 || inf.InputHigh.Value != d.P95 {
						t.Fatalf("%s: %s swings %s from %v to %v, not its p5 and p95 (%+v)", name, out.Name, inf.Input, inf.InputLow, inf.InputHigh, d)
					}
					for k, at := range []float64{d.P5, d.P95} {
						got := []estimate.Quantity{inf.Low, inf.High}[k]
						want, ok := exactAt(t, m, overrides, dists, inf.Input, at, out.Name)
						if !ok {
							continue // some output fails there; TestSensitivityUndefined covers that
						}
						if math.Float64bits(got.Value) != math.Float64bits(want.Value) {
							t.Errorf("%s: %s with %s at %v: swing %v, Evaluate %v", name, out.Name, inf.Input, at, got.Value, want.Value)
						}
						checked++
					}
				}
				// The inputs left out are those the output does not
				// read: swinging one changes nothing.
				for in, d := range dists {
					if listed[in] {
						continue
					}
					lo, okLo := exactAt(t, m, overrides, dists, in, d.P5, out.Name)
					hi, okHi := exactAt(t, m, overrides, dists, in, d.P95, out.Name)
					if okLo && okHi && lo != hi {
						t.Errorf("%s: %s moves with %s (%v to %v), which its sensitivity leaves out", name, out.Name, in, lo, hi)
					}
				}
			}
		}
	}
	t.Logf("%d swings checked", checked)
	if checked < 200 {
		t.Errorf("only %d swings checked", checked)
	}
}

// randomOverrides sets a few inputs of m: to a range about the file's
// value, or a range's median, or to a constant multiple of it.
func randomOverrides(t *testing.T, m *estimate.Model, rng *rand.Rand) []estimate.Override {
	t.Helper()
	var ovs []estimate.Override
	for _, in := range m.Scenario().Inputs {
		text := "(" + in.Value.Value + ")"
		switch rng.IntN(5) {
		case 0:
			text += " * (0.5 to 2)"
		case 1:
			text += " * uniform(0.5, 1.5)"
		case 2:
			text += " * 3"
		default:
			continue
		}
		o, err := m.Override(in.Name, text)
		if err != nil {
			continue // a value that is a range already: (a to b) * ... is no constant's range
		}
		ovs = append(ovs, o)
	}
	return ovs
}

// exactAt evaluates m exactly with the overrides, every uncertain input
// (those with distributions) at its median but input at v, and returns
// the output, or false where the exact path fails.
func exactAt(t *testing.T, m *estimate.Model, overrides []estimate.Override, dists map[string]*estimate.Distribution, input string, v float64, output string) (estimate.Quantity, bool) {
	t.Helper()
	ovs := slices.Clone(overrides)
	for name, d := range dists {
		at := d.P50
		if name == input {
			at = v
		}
		o, err := m.Set(name, estimate.Quantity{Value: at, Dim: d.Dim})
		if err != nil {
			t.Fatal(err)
		}
		ovs = append(ovs, o)
	}
	r, err := m.Evaluate(ovs...)
	if err != nil {
		return estimate.Quantity{}, false
	}
	o, _ := r.Output(output)
	return o.Value, true
}
