package estimate

import (
	"bytes"
	"math"
	"math/big"
	"math/rand/v2"
	"strconv"
)

// Sampling defaults. 100,000 samples keep the sampling error of the 5th
// and 95th percentiles under 1% for ranges up to a factor of ten wide
// (the standard error of a percentile p of n samples is
// √(p(1−p)/n) / density: 0.2% for 50M to 150M, 0.8% for 1 to 10), and
// a 30-output scenario still samples in a few tens of milliseconds.
const (
	DefaultSamples = 100_000
	DefaultSeed    = 1
	MaxSamples     = 10_000_000
)

// SampleOptions choose how a Monte Carlo run samples: how many samples,
// and the seed of its random numbers, so that the same run prints the
// same figures.
type SampleOptions struct {
	Samples int    // 0 means DefaultSamples
	Seed    uint64 // 0 means DefaultSeed
	// Cache, if set, carries draws and memory from one run of
	// Model.Simulate to the next; see SampleCache.
	Cache *SampleCache
	// only, when set, limits the summaries to the outputs in it (by
	// slot), without histograms: what a sweep's points show.
	only map[int]bool
}

func (o SampleOptions) samples() int {
	if o.Samples <= 0 {
		return DefaultSamples
	}
	return min(o.Samples, MaxSamples)
}

func (o SampleOptions) seed() uint64 {
	if o.Seed == 0 {
		return DefaultSeed
	}
	return o.Seed
}

// rng is the random source of a run: PCG, seeded, reproducible; and
// the PCG, whose state a SampleCache reads and restores.
func (o SampleOptions) rng() (*rand.Rand, *rand.PCG) {
	p := rand.NewPCG(o.seed(), 0x656e76656c6f7065)
	return rand.New(p), p
}

// A Distribution summarises the samples of an uncertain value, in base
// units: the mean, the standard deviation and five percentiles of the
// samples in which the value is defined, and how many it is not.
type Distribution struct {
	Dim                    Dimension
	Mean, SD               float64
	P5, P25, P50, P75, P95 float64
	Samples                int // the samples it summarises: those where the value is defined
	Seed                   uint64
	// Failed counts the samples in which the value is undefined (a
	// division by zero, say, in its formula or in one it reads), which
	// the figures above leave out; Failure says why the first of them
	// failed: "square root of a negative number in y".
	Failed  int
	Failure string
	// Uncertainty is the sampling error of P5, P50 and P95: half the
	// width of each one's 95% confidence interval, found from the order
	// statistics of the samples (see Figures). Zero for a figure known
	// exactly, or in a Distribution made by hand.
	Uncertainty [3]float64
}

// HistogramBins is the number of bins of a Distribution's histogram.
const HistogramBins = 16

// percentiles are the quantiles a Distribution holds.
var percentiles = [5]float64{0.05, 0.25, 0.5, 0.75, 0.95}

// shown are the percentiles an interval shows, P5, P50 and P95, whose
// sampling error Uncertainty holds.
var shown = [3]float64{0.05, 0.5, 0.95}

// confidence returns, for each percentile an interval shows, the
// quantiles that bound its 95% confidence interval among n samples: low
// and high, in turn. The rank of the p-quantile of n samples is
// binomial, with mean np and standard deviation √(np(1−p)), so its 95%
// interval spans the quantiles p ± 1.96·√(p(1−p)/n), a rule that holds
// for any distribution.
func confidence(n int) []float64 {
	ps := make([]float64, 0, 2*len(shown))
	for _, p := range shown {
		d := 1.96 * math.Sqrt(p*(1-p)/float64(max(n, 1)))
		ps = append(ps, max(p-d, 0), min(p+d, 1))
	}
	return ps
}

// summariseDistribution summarises the samples of col into a
// Distribution of dimension d, with the histogram from P5 to P95 when
// hist is set; the summary holds it.
func (z *summariser) summariseDistribution(col []float64, d Dimension, seed uint64, hist bool) (Distribution, summary) {
	// The confidence intervals are those of the finite samples, whose
	// count only the first pass finds: those of all of them are near
	// enough, and exact when none failed.
	s := z.summariseWith(col, percentiles[:], confidence(len(col)), hist)
	return s.distribution(d, seed), s
}

// distribution is the Distribution a summary of the five percentiles
// a Distribution holds makes, with the confidence bounds (see
// confidence) as its extra quantiles, if any.
func (s summary) distribution(d Dimension, seed uint64) Distribution {
	dist := Distribution{Dim: d, Samples: s.n, Seed: seed}
	if s.n == 0 {
		return dist
	}
	dist.Mean, dist.SD = s.mean(), s.sd()
	dist.P5, dist.P25, dist.P50, dist.P75, dist.P95 = s.q[0], s.q[1], s.q[2], s.q[3], s.q[4]
	if len(s.extra) == 2*len(shown) {
		for i := range shown {
			dist.Uncertainty[i] = halfWidth(s.extra[2*i], s.extra[2*i+1])
		}
	}
	return dist
}

// halfWidth is half the width of the interval from lo to hi, without
// overflow.
func halfWidth(lo, hi float64) float64 { return hi/2 - lo/2 }

// selectK reorders s so that s[k] is the value that sorting would put
// there, with nothing greater before it and nothing less after it
// (quickselect with a median-of-three pivot, Hoare's partition).
func selectK(s []float64, k int) {
	lo, hi := 0, len(s)-1
	for hi > lo {
		mid := lo + (hi-lo)/2
		if s[mid] < s[lo] {
			s[mid], s[lo] = s[lo], s[mid]
		}
		if s[hi] < s[lo] {
			s[hi], s[lo] = s[lo], s[hi]
		}
		if s[hi] < s[mid] {
			s[hi], s[mid] = s[mid], s[hi]
		}
		pivot := s[mid]
		i, j := lo, hi
		for i <= j {
			for s[i] < pivot {
				i++
			}
			for s[j] > pivot {
				j--
			}
			if i <= j {
				s[i], s[j] = s[j], s[i]
				i++
				j--
			}
		}
		switch {
		case k <= j:
			hi = j
		case k >= i:
			lo = i
		default:
			return
		}
	}
}

// histogram counts s in HistogramBins bins from lo to hi. The bins'
// edges are computed once; a sample's bin is guessed from where it lies
// (or its logarithm, read from its bits to within a tenth of an octave)
// and then settled by comparing it with the edges, which the guess
// leaves a step away at most for a normal sample and edges of a finite
// span (and further for a subnormal one, or when the span overflows):
// counting costs no logarithm and, mostly, no unpredictable branch.
func histogram(s []float64, lo, hi float64) ([]int, bool) {
	bins := make([]int, HistogramBins)
	if !(hi > lo) {
		return bins, false
	}
	edges, logBins := histogramEdges(lo, hi)
	at, per := lo, HistogramBins/(hi-lo)
	if logBins {
		at, per = log2Bits(lo), HistogramBins/(log2Bits(hi)-log2Bits(lo))
	}
	for _, v := range s {
		if !(v >= lo && v <= hi) { // NaN, a failed sample, too
			continue
		}
		x := v
		if logBins {
			x = log2Bits(v)
		}
		i := min(max(int((x-at)*per), 0), HistogramBins-1)
		for i > 0 && v < edges[i] {
			i--
		}
		for i < HistogramBins-1 && v >= edges[i+1] {
			i++
		}
		bins[i]++
	}
	return bins, logBins
}

// histogramEdges returns the edges of the bins from lo to hi > lo:
// logarithmically spaced when lo is positive and hi ten times lo or more.
func histogramEdges(lo, hi float64) ([HistogramBins + 1]float64, bool) {
	logBins := lo > 0 && hi/lo > 10
	return edgesFor(lo, hi, logBins), logBins
}

// edgesFor returns the edges of the bins from lo to hi, spaced
// logarithmically or evenly.
func edgesFor(lo, hi float64, logBins bool) (edges [HistogramBins + 1]float64) {
	for i := range edges {
		f := float64(i) / HistogramBins
		if logBins {
			edges[i] = lo * math.Pow(hi/lo, f)
		} else {
			edges[i] = lo + (hi-lo)*f
		}
	}
	edges[HistogramBins] = hi
	return edges
}

// log2Bits approximates log2 of v > 0 from its exponent and mantissa,
// as the exponent plus the mantissa's fraction: never above the
// logarithm, and less than 0.09 below it (for a normal v).
func log2Bits(v float64) float64 {
	b := math.Float64bits(v)
	return float64(int(b>>52&0x7ff)-1023) + float64(b&(1<<52-1))/(1<<52)
}

// Figures shows the median and the ends of the 90% interval, each with
// the significant digits its sampling error supports (see figureDigits),
// or with o.Digits when set: the one rule by which every interval is
// shown, in a run, a sweep and the web page. A figure is shown in u when
// u is not nil, or else in its best unit.
func (d Distribution) Figures(u *DisplayUnit, o DisplayOptions) (median, low, high string) {
	o.short = true
	show := func(i int) string {
		v := [3]float64{d.P5, d.P50, d.P95}[i]
		n := o.Digits
		if n == 0 {
			n = figureDigits(v, d.Uncertainty[i])
		}
		o := o
		o.Digits = n
		x := decimalOf(v)
		if u == nil {
			return formatRat(x, d.Dim, o)
		}
		// A unit shows every digit of a whole part (1178/s), more than
		// the sampling error may support: round it first (1180/s).
		scale := u.rat
		if scale == nil {
			scale = decimalOf(u.Scale)
		}
		if scaled := new(big.Rat).Quo(x, scale); ratCmpPow10(new(big.Rat).Abs(scaled), n) >= 0 {
			x = ratOfDecimal(roundSig(scaled, n))
			x.Mul(x, scale)
		}
		return u.format(x, o)
	}
	return show(1), show(0), show(2)
}

// figureDigits is how many significant digits a figure v with sampling
// error e may show: down to the place of the error's first digit, the
// first digit that the error leaves uncertain, and at least one; every
// digit (up to Significant) when the error is nil or unknown.
func figureDigits(v, e float64) int {
	switch {
	case !(e > 0) || v == 0:
		return Significant
	case math.IsInf(e, 1):
		return 1
	}
	n := decimalExponent(math.Abs(v)) - decimalExponent(e) + 1
	return min(max(n, 1), Significant)
}

// decimalExponent is the exponent of the shortest decimal of a > 0, in
// scientific notation: 2 for 999.9, 3 for 1000.
func decimalExponent(a float64) int {
	b := strconv.AppendFloat(nil, a, 'e', -1, 64)
	i := bytes.IndexByte(b, 'e')
	e, _ := strconv.Atoi(string(b[i+1:]))
	return e
}

// ratOfDecimal is the value of d.
func ratOfDecimal(d decimal) *big.Rat {
	x := new(big.Rat).SetInt(d.mant)
	if d.exp >= 0 {
		x.Mul(x, new(big.Rat).SetInt(pow10(d.exp)))
	} else {
		x.Quo(x, new(big.Rat).SetInt(pow10(-d.exp)))
	}
	if d.neg {
		x.Neg(x)
	}
	return x
}
