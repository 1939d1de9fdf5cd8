package estimate

import (
	"math"
	"math/big"
	"math/rand/v2"
	"testing"
)

// exactMoments is the mean and standard deviation (with n − 1) of the
// finite values of col, computed in big floats of 200 bits and rounded
// once: the reference for a summary's.
func exactMoments(col []float64) (mean, sd float64) {
	const prec = 200
	sum := new(big.Float).SetPrec(prec)
	n := 0
	for _, v := range col {
		if isFinite(v) {
			sum.Add(sum, new(big.Float).SetPrec(prec).SetFloat64(v))
			n++
		}
	}
	m := new(big.Float).SetPrec(prec).Quo(sum, new(big.Float).SetInt64(int64(n)))
	ss := new(big.Float).SetPrec(prec)
	for _, v := range col {
		if isFinite(v) {
			d := new(big.Float).SetPrec(prec).SetFloat64(v)
			d.Sub(d, m)
			ss.Add(ss, d.Mul(d, d))
		}
	}
	ss.Quo(ss, new(big.Float).SetInt64(int64(n-1)))
	mean, _ = m.Float64()
	sd, _ = ss.Sqrt(ss).Float64()
	return mean, sd
}

// TestMomentsWithoutOverflow: the mean and standard deviation of samples
// of any size are finite and right, where the squares of the deviations
// overflow (above about 1e154) or underflow (below about 1e-154), where
// the sum overflows (near the largest float64), and where a sample far
// past the others' span shows up only outside the subsample that sets
// the buckets.
func TestMomentsWithoutOverflow(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	const n = 10_000
	shapes := map[string]func(i int) float64{
		"around 1e200":      func(int) float64 { return 1e200 * math.Exp(rng.NormFloat64()) },
		"around 1e-200":     func(int) float64 { return 1e-200 * math.Exp(rng.NormFloat64()) },
		"near the largest":  func(int) float64 { return math.MaxFloat64 * (0.5 + rng.Float64()/2) },
		"both signs, 1e300": func(int) float64 { return 1e300 * rng.NormFloat64() },
		"one far sample": func(i int) float64 {
			if i == n/2+1 { // not on the subsample's stride
				return 1e300
			}
			return 1e-10 * (1 + rng.Float64())
		},
		"subnormal": func(int) float64 { return 2.5e-317 * rng.Float64() },
		"failures and 1e250": func(i int) float64 {
			if i%10 == 3 {
				return math.NaN()
			}
			return 1e250 * (1 + rng.Float64())
		},
	}
	for name, f := range shapes {
		col := make([]float64, n)
		for i := range col {
			col[i] = f(i)
		}
		var z summariser
		d, _ := z.summariseDistribution(col, Dimensionless, 1, false)
		wantMean, wantSD := exactMoments(col)
		for _, c := range []struct {
			what      string
			got, want float64
		}{{"mean", d.Mean, wantMean}, {"sd", d.SD, wantSD}} {
			if !isFinite(c.got) || math.Abs(c.got-c.want) > 1e-9*math.Abs(c.want) {
				t.Errorf("%s: %s = %v, want %v", name, c.what, c.got, c.want)
			}
		}
	}
}

// TestMomentsBitForBit: scaling the sums by a power of two changes no
// bit of the mean and standard deviation of samples of ordinary size.
func TestMomentsBitForBit(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	col := make([]float64, 1001)
	for i := range col {
		col[i] = 3e7 * math.Exp(rng.NormFloat64())
	}
	// The plain two-pass moments, in the lanes the summary adds them in.
	var lanes [4]float64
	for i, v := range col {
		lanes[lane(i, len(col))] += v
	}
	mean := ((lanes[0] + lanes[1]) + (lanes[2] + lanes[3])) / float64(len(col))
	lanes = [4]float64{}
	for i, v := range col {
		d := v - mean
		lanes[lane(i, len(col))] += d * d
	}
	sd := math.Sqrt(((lanes[0] + lanes[1]) + (lanes[2] + lanes[3])) / float64(len(col)-1))
	var z summariser
	d, _ := z.summariseDistribution(col, Dimensionless, 1, false)
	if d.Mean != mean || d.SD != sd {
		t.Errorf("mean %v, sd %v; the plain sums give %v and %v", d.Mean, d.SD, mean, sd)
	}
}

// TestExactMomentsPastFloat64: a range so wide that its mean lies past
// the largest float64 takes its mean and standard deviation from its
// samples, which are finite, rather than showing +Inf.
func TestExactMomentsPastFloat64(t *testing.T) {
	m := load(t, "name: wide\ninputs:\n  x: 1 to 1e300\noutputs:\n  y: x * 2\n")
	r, err := m.Simulate(SampleOptions{Samples: 10_000})
	if err != nil {
		t.Fatal(err)
	}
	for _, in := range r.Inputs() {
		if d := in.Distribution; d == nil || !isFinite(d.Mean) || !isFinite(d.SD) {
			t.Errorf("x: distribution %+v", d)
		}
	}
	y, _ := r.Output("y")
	if d := y.Distribution; d == nil || !isFinite(d.Mean) || !isFinite(d.SD) {
		t.Errorf("y: distribution %+v", d)
	}
}

// TestFigureDigits: a figure shows digits down to the place of its
// sampling error's first digit, and at least one.
func TestFigureDigits(t *testing.T) {
	for _, tc := range []struct {
		v, e float64
		want int
	}{
		{1.06e12, 0.11e12, 2}, // 1.1T: the tenths are uncertain
		{9.6, 1.0, 1},         // 10: the units are
		{17.27, 0.11, 3},      // 17.3
		{6763, 71, 3},         // 6.76K
		{31.62e6, 0.09e6, 4},  // 31.62M
		{0.0012, 0.0078, 1},   // a median near zero
		{1e-6, 3, 1},          // a figure smaller than its error
		{5, 0, Significant},   // known exactly
		{0, 0.1, Significant}, // zero shows as 0 whatever the digits
		{2, math.Inf(1), 1},   // a confidence interval to infinity
		{1234.5, 1e-9, Significant},
	} {
		if got := figureDigits(tc.v, tc.e); got != tc.want {
			t.Errorf("figureDigits(%v, %v) = %d, want %d", tc.v, tc.e, got, tc.want)
		}
	}
}

// TestIntervalDigitsFollowTheError: "1 to 1e12" sampled 100,000 times
// knows its median and the ends of its interval to about a tenth, so it
// shows two digits, where the 2% error of a narrow range shows three.
func TestIntervalDigitsFollowTheError(t *testing.T) {
	for _, tc := range []struct{ expr, want string }{
		{"1 to 1e12", "970K (90%: 1.1–1.1T)"},
		{"(50M to 150M) * 10 / day", "10.01K/s (90%: 5.81K–17.4K/s)"},
	} {
		c, err := Calculate(tc.expr, Exact)
		if err != nil {
			t.Fatal(err)
		}
		if got := c.Format(DisplayOptions{}); got != tc.want {
			t.Errorf("%s shows %q, want %q", tc.expr, got, tc.want)
		}
		d := c.Distribution
		for i, v := range []float64{d.P5, d.P50, d.P95} {
			if e := d.Uncertainty[i]; !(e > 0) || e > math.Abs(v) {
				t.Errorf("%s: figure %d = %v has error %v", tc.expr, i, v, e)
			}
		}
	}
}

// TestIntervalDigitsInAUnit: a figure shown in a unit, as a sweep's
// column shows it, rounds its whole part to the digits its error
// supports (1180/s, not 1178/s), as the same figure in its best unit
// does (1.18K/s).
func TestIntervalDigitsInAUnit(t *testing.T) {
	d := Distribution{Dim: Rate, P5: 117.2, P50: 363.4, P95: 1178.4, Samples: 20000,
		Uncertainty: [3]float64{3.1, 6.2, 31}}
	perSecond, err := ParseDisplayUnit("/s", Exact)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := FormatDistribution(d, perSecond, DisplayOptions{}), "363/s (90%: 117–1180/s)"; got != want {
		t.Errorf("in /s: %q, want %q", got, want)
	}
	if got, want := FormatDistribution(d, nil, DisplayOptions{}), "363/s (90%: 117–1.18K/s)"; got != want {
		t.Errorf("in its best unit: %q, want %q", got, want)
	}
}
