package estimate

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"sort"
	"testing"
)

// quantiles returns the ps-quantiles (increasing) of the finite values
// of s, as summarise finds them.
func quantiles(s []float64, ps []float64) []float64 {
	var z summariser
	return z.summarise(s, ps, false).q
}

// TestQuantiles checks the bucketed selection against sorting, on
// columns of every small size with ties and on large ones of many shapes:
// heavy tails, negatives, a handful of values, failed (NaN) and infinite
// samples, sorted input and a subsample that misses the tails.
func TestQuantiles(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 1))
	check := func(name string, s []float64) {
		t.Helper()
		var finite []float64
		for _, v := range s {
			if isFinite(v) {
				finite = append(finite, v)
			}
		}
		slices.Sort(finite)
		before := slices.Clone(s)
		got := quantiles(s, percentiles[:])
		if !slices.EqualFunc(s, before, func(a, b float64) bool { return a == b || a != a && b != b }) {
			t.Fatalf("%s: the column was reordered", name)
		}
		for i, p := range percentiles {
			if len(finite) == 0 {
				break
			}
			h := p * float64(len(finite)-1)
			k := int(h)
			want := finite[k]
			if k+1 < len(finite) {
				want += (h - float64(k)) * (finite[k+1] - finite[k])
			}
			if got[i] != want {
				t.Fatalf("%s (n=%d): p%v = %v, want %v", name, len(s), p*100, got[i], want)
			}
		}
	}
	for n := 1; n < 300; n++ {
		s := make([]float64, n)
		for i := range s {
			s[i] = float64(rng.IntN(n/3 + 1))
		}
		check("small", s)
	}
	const n = 20_000
	shapes := map[string]func(i int) float64{
		"lognormal":    func(int) float64 { return math.Exp(18 + rng.NormFloat64()) },
		"normal":       func(int) float64 { return rng.NormFloat64() },
		"heavy tail":   func(int) float64 { return 1 / rng.Float64() },
		"huge span":    func(int) float64 { return math.Exp(rng.NormFloat64() * 200) },
		"few values":   func(int) float64 { return float64(rng.IntN(3)) },
		"one value":    func(int) float64 { return 7 },
		"signed zeros": func(i int) float64 { return []float64{0, math.Copysign(0, -1), 1}[i%3] },
		"failures": func(i int) float64 {
			switch i % 7 {
			case 0:
				return math.NaN()
			case 1:
				return math.Inf(1 - 2*(i%2))
			}
			return rng.ExpFloat64()
		},
		"sorted":      func(i int) float64 { return float64(i) },
		"tails apart": func(i int) float64 { return float64(i%256) + 1e6*float64(i%257/256) },
		"subnormal":   func(int) float64 { return rng.Float64() * 0x1p-1060 },
		// Failed where the subsample looks (a stride of n/256), so that
		// its span is every finite value.
		"failed at the stride": func(i int) float64 {
			switch {
			case i%(n/256) == 0:
				return math.NaN()
			case i%(n/256) == 1:
				return math.Inf(1 - 2*(i%2))
			}
			return rng.NormFloat64()
		},
		"extremes": func(i int) float64 {
			return []float64{-math.MaxFloat64, math.MaxFloat64, math.SmallestNonzeroFloat64, 0}[i%4]
		},
	}
	for name, f := range shapes {
		s := make([]float64, n)
		for i := range s {
			s[i] = f(i)
		}
		check(name, s)
	}
	check("all failed", []float64{math.NaN(), math.NaN()})
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
	// Two estimates, each within its half-width h of the truth at 95%,
	// differ by less than 2h (by √2·h at 95%).
	if diff, h := math.Abs(a.P95-c.P95), a.Uncertainty[2]; h <= 0 || diff > 2*h {
		t.Errorf("seeds 1 and 2: p95 %v and %v differ by %v, beyond twice the stated error %v", a.P95, c.P95, diff, h)
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
		// An end that is no normal float64 would be taken for another
		// value (a subnormal, zero) or for infinity.
		{"1e-320 to 1", "1:1: 1e-320 is too small: a range's ends and arguments are zero or at least 2.2e-308 in size, the least normal float64"},
		{"1e-400 to 1", "1:1: 1e-400 is too small: a range's ends and arguments are zero or at least 2.2e-308 in size, the least normal float64"},
		{"1 to 2e-310", "1:6: 2e-310 is too small: a range's ends and arguments are zero or at least 2.2e-308 in size, the least normal float64"},
		{"normal(0, 1e-320)", "1:11: 1e-320 is too small: a range's ends and arguments are zero or at least 2.2e-308 in size, the least normal float64"},
		{"uniform(1e-320, 1)", "1:9: 1e-320 is too small: a range's ends and arguments are zero or at least 2.2e-308 in size, the least normal float64"},
		{"normal(-1e308 to 1e308)", "1:15: the range is too wide: its ends are more than the largest float64 apart"},
		{"uniform(-1e308, 1e308)", "1:1: uniform(...) is too wide: its arguments are more than the largest float64 apart"},
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

// TestHistogram checks the guessed-and-settled bins against a search of
// the edges: each sample from lo to hi counts in the last bin whose lower
// edge is at or below it, and failed samples count nowhere.
func TestHistogram(t *testing.T) {
	rng := rand.New(rand.NewPCG(2, 2))
	for _, tc := range []struct {
		name   string
		lo, hi float64
		draw   func() float64
	}{
		{"log bins", 2e5, 2e6, func() float64 { return math.Exp(math.Log(6e5) + 0.8*rng.NormFloat64()) }},
		{"linear bins", -3, 5, func() float64 { return 8*rng.Float64() - 3.5 }},
		{"wide log bins", 1e-300, 1e300, func() float64 { return math.Exp(rng.NormFloat64() * 300) }},
		{"subnormal", 0x1p-1070, 0x1p-1030, func() float64 { return rng.Float64() * 0x1p-1030 }},
		{"tiny span", 1, math.Nextafter(1, 2), func() float64 { return 1 + float64(rng.IntN(3))*0x1p-52 }},
		{"failures", 1, 100, func() float64 {
			if rng.IntN(4) == 0 {
				return math.NaN()
			}
			return 1 + 99*rng.Float64()
		}},
	} {
		s := make([]float64, 10_000)
		for i := range s {
			s[i] = tc.draw()
		}
		edges, wantLog := histogramEdges(tc.lo, tc.hi)
		s = append(s, edges[:]...) // every edge, exactly
		want := make([]int, HistogramBins)
		for _, v := range s {
			if v >= tc.lo && v <= tc.hi {
				want[sort.Search(HistogramBins, func(i int) bool { return edges[i] > v })-1]++
			}
		}
		got, log := histogram(s, tc.lo, tc.hi)
		if !slices.Equal(got, want) || log != wantLog {
			t.Errorf("%s: bins %v (log %v), want %v (log %v)", tc.name, got, log, want, wantLog)
		}
	}
}

// TestFoldedHistogram checks the histogram a summary counts from its
// buckets against counting the column, and that the common shapes are
// counted that way rather than in a pass of their own.
func TestFoldedHistogram(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 3))
	for _, tc := range []struct {
		name   string
		folded bool // must be read from the buckets
		draw   func(i int) float64
	}{
		{"lognormal", true, func(int) float64 { return math.Exp(18 + rng.NormFloat64()) }},
		{"narrow lognormal", true, func(int) float64 { return math.Exp(3 + 0.2*rng.NormFloat64()) }},
		{"normal", true, func(int) float64 { return rng.NormFloat64() }},
		{"uniform", true, func(int) float64 { return rng.Float64() }},
		{"ratio near ten", true, func(int) float64 { return 1 + 9.5*rng.Float64() }},
		{"heavy tail", false, func(int) float64 { return 1 / rng.Float64() }},
		{"huge span", false, func(int) float64 { return math.Exp(rng.NormFloat64() * 200) }},
		{"few values", false, func(int) float64 { return float64(rng.IntN(3)) }},
		{"failures", false, func(i int) float64 {
			if i%5 == 0 {
				return math.NaN()
			}
			return rng.ExpFloat64()
		}},
		{"across zero", false, func(int) float64 { return rng.NormFloat64() - 1.645 }},
		{"sorted", false, func(i int) float64 { return float64(i) }},
		// Edges past MaxFloat64: hi/lo overflows for log bins, hi - lo for
		// even ones.
		{"log edges overflow", false, func(i int) float64 { return math.Pow(10, float64(-300+(i%150)*4)) }},
		{"log edges overflow, few", false, func(i int) float64 { return math.Pow(10, float64(-300+(i%100)*4)) }},
		{"even edges overflow", false, func(i int) float64 {
			return []float64{-1.7e308, -1e308, 0, 1e300, 1e308, 1.7e308}[i%6]
		}},
		{"failed at the stride", true, func(i int) float64 {
			if i%(100_000/256) == 0 {
				return math.NaN()
			}
			return math.Exp(rng.NormFloat64())
		}},
	} {
		for _, n := range []int{10, 100, 300, 1000, 100_000} {
			s := make([]float64, n)
			for i := range s {
				s[i] = tc.draw(i)
			}
			var z summariser
			sum := z.summarise(s, percentiles[:], true)
			want, wantLog := histogram(s, sum.q[0], sum.q[4])
			if sum.bins == nil {
				if tc.folded && n == 100_000 {
					t.Errorf("%s (n=%d): counted in a pass of its own", tc.name, n)
				}
				continue
			}
			if !slices.Equal(sum.bins, want) || sum.logBins != wantLog {
				t.Errorf("%s (n=%d): bins %v (log %v), want %v (log %v)", tc.name, n, sum.bins, sum.logBins, want, wantLog)
			}
		}
	}
}
