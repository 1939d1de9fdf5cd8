package estimate

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"testing"
)

// TestQuantilesSelect checks selection against sorting, on data with
// ties and of every small size.
func TestQuantilesSelect(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 1))
	for n := 1; n < 300; n++ {
		s := make([]float64, n)
		for i := range s {
			s[i] = float64(rng.IntN(n/3 + 1))
		}
		sorted := slices.Clone(s)
		slices.Sort(sorted)
		got := quantiles(s, percentiles[:])
		for i, p := range percentiles {
			h := p * float64(n-1)
			k := int(h)
			want := sorted[k]
			if k+1 < n {
				want += (h - float64(k)) * (sorted[k+1] - sorted[k])
			}
			if got[i] != want {
				t.Fatalf("n=%d p=%v: %v, want %v", n, p, got[i], want)
			}
		}
	}
}

// TestRangesClosedForm checks sampled figures against closed forms: a
// lognormal's percentiles are exact, and so are those of its products and
// quotients with constants and of products of independent lognormals.
func TestRangesClosedForm(t *testing.T) {
	logn := func(a, b float64) (mu, sigma float64) {
		return (math.Log(a) + math.Log(b)) / 2, (math.Log(b) - math.Log(a)) / (2 * z95)
	}
	lognFigures := func(mu, sigma, k float64) [4]float64 {
		return [4]float64{k * math.Exp(mu-z95*sigma), k * math.Exp(mu), k * math.Exp(mu+z95*sigma), k * math.Exp(mu+sigma*sigma/2)}
	}
	mu, sigma := logn(50e6, 150e6)
	mu2a, s2a := logn(1, 10)
	mu2b, s2b := logn(2, 20)
	for _, tc := range []struct {
		expr string
		want [4]float64 // p5, p50, p95, mean
	}{
		{"(50M to 150M) * 10 / day", lognFigures(mu, sigma, 10.0/86400)},
		{"(50M to 150M) * 10 / day", [4]float64{5787.04, 10023.4, 17361.1, 10598.3}},
		{"1 / (2 to 8)", [4]float64{1.0 / 8, 1.0 / 4, 1.0 / 2, math.Exp(-math.Log(4) + math.Pow(math.Log(4)/(2*z95), 2)/2)}},
		{"(1 to 10) * (2 to 20)", lognFigures(mu2a+mu2b, math.Hypot(s2a, s2b), 1)},
		{"uniform(0, 10)", [4]float64{0.5, 5, 9.5, 5}},
		{"normal(10, 2)", [4]float64{10 - z95*2, 10, 10 + z95*2, 10}},
		{"triangular(0, 0, 1)", [4]float64{1 - math.Sqrt(0.95), 1 - math.Sqrt(0.5), 1 - math.Sqrt(0.05), 1.0 / 3}},
	} {
		r, err := Calculate(tc.expr, Exact)
		if err != nil {
			t.Fatalf("%s: %v", tc.expr, err)
		}
		d := r.Distribution
		got := [4]float64{d.P5, d.P50, d.P95, d.Mean}
		// Relative to the value, or to the interval for values near 0.
		scale := func(i int) float64 { return math.Max(math.Abs(tc.want[i]), tc.want[2]-tc.want[0]) }
		for i, name := range []string{"p5", "p50", "p95", "mean"} {
			if rel := math.Abs(got[i]-tc.want[i]) / scale(i); rel > 0.01 {
				t.Errorf("%s: %s = %v, want %v (off by %.2f%%)", tc.expr, name, got[i], tc.want[i], rel*100)
			}
		}
	}
}

// TestRangeSumReference compares a sum of ranges, which has no closed
// form, with a run of twenty times the samples and another seed.
func TestRangeSumReference(t *testing.T) {
	expr := "(1 to 10) + (2 to 4) * 3"
	r, err := Calculate(expr, Exact)
	if err != nil {
		t.Fatal(err)
	}
	ref, err := CalculateSampled(expr, Exact, SampleOptions{Samples: 2_000_000, Seed: 99})
	if err != nil {
		t.Fatal(err)
	}
	a, b := r.Distribution, ref.Distribution
	for i, pair := range [][2]float64{{a.P5, b.P5}, {a.P50, b.P50}, {a.P95, b.P95}, {a.Mean, b.Mean}} {
		if rel := math.Abs(pair[0]-pair[1]) / pair[1]; rel > 0.01 {
			t.Errorf("figure %d: %v, reference %v (off by %.2f%%)", i, pair[0], pair[1], rel*100)
		}
	}
}

// TestSeeds: the same seed gives the same figures, bit for bit; another
// seed other samples, and figures within the sampling error.
func TestSeeds(t *testing.T) {
	run := func(seed uint64) Distribution {
		r, err := CalculateSampled("(50M to 150M) * 10 / day", Exact, SampleOptions{Seed: seed})
		if err != nil {
			t.Fatal(err)
		}
		return *r.Distribution
	}
	a, b, c := run(1), run(1), run(2)
	if fmt.Sprint(a) != fmt.Sprint(b) {
		t.Errorf("seed 1 twice: %v and %v", a, b)
	}
	if a.P5 == c.P5 {
		t.Errorf("seeds 1 and 2 give the same p5 %v", a.P5)
	}
	if rel := math.Abs(a.P95-c.P95) / a.P95; rel > 3*a.RelativeError()+0.005 {
		t.Errorf("seeds 1 and 2: p95 %v and %v differ by %.2f%%, beyond the stated error %.2f%%", a.P95, c.P95, rel*100, a.RelativeError()*100)
	}
}

// TestRangeErrors pins the messages of ranges written wrong.
func TestRangeErrors(t *testing.T) {
	for _, tc := range []struct{ expr, msg string }{
		{"-1 to 3", "1:4: a range a to b is a lognormal, so both ends must be positive; for values that may be zero or negative, write normal(-1 to 3)"},
		{"5 to 1", "1:3: the lower end of a range must be below the upper: 5 to 1"},
		{"1 GB to 2 s", "1:6: the ends of a range differ: B and s"},
		{"uniform(2, 1)", "1:1: uniform(low, high) needs low below high"},
		{"normal(1, -1)", "1:11: the standard deviation of normal(mean, sd) must be positive"},
		{"triangular(1, 5, 3)", "1:1: triangular(min, mode, max) needs min ≤ mode ≤ max, and min below max"},
		{"normal(1)", "1:1: normal takes normal(a to b) or normal(mean, sd)"},
	} {
		_, err := Calculate(tc.expr, Exact)
		if err == nil || err.Error() != tc.msg {
			t.Errorf("%s: %v, want %s", tc.expr, err, tc.msg)
		}
	}
	src := "name: r\ninputs:\n  a: 1\noutputs:\n  y: a * (1 to 2)\n"
	if _, err := Load("r.yaml", []byte(src), Options{}); err == nil || err.Error() != "r.yaml:5:13: outputs.y: a range belongs in an input (or --set, or calc); make the uncertain value an input" {
		t.Errorf("a range in a formula: %v", err)
	}
}
