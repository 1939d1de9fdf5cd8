package estimate

import (
	"math"
	"math/rand/v2"
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
// units: the mean, the standard deviation and five percentiles.
type Distribution struct {
	Dim                    Dimension
	Mean, SD               float64
	P5, P25, P50, P75, P95 float64
	Samples                int // samples that it summarises
	Seed                   uint64
}

// HistogramBins is the number of bins of a Distribution's histogram.
const HistogramBins = 16

// percentiles are the quantiles a Distribution holds.
var percentiles = [5]float64{0.05, 0.25, 0.5, 0.75, 0.95}

// distribution is the Distribution a summary makes, the summary being
// of the five percentiles a Distribution holds.
func (s summary) distribution(d Dimension, seed uint64) Distribution {
	dist := Distribution{Dim: d, Samples: s.n, Seed: seed}
	if s.n == 0 {
		return dist
	}
	dist.Mean = s.sum / float64(s.n)
	if s.n > 1 {
		dist.SD = math.Sqrt(s.ss / float64(s.n-1))
	}
	dist.P5, dist.P25, dist.P50, dist.P75, dist.P95 = s.q[0], s.q[1], s.q[2], s.q[3], s.q[4]
	return dist
}

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

// RelativeError estimates the sampling error of the 5th and 95th
// percentiles, relative to their spread: the figure that decides how
// many digits the interval may show.
func (d Distribution) RelativeError() float64 {
	if d.Samples < 2 {
		return 1
	}
	// √(p(1−p)/n) for p = 0.05, over the density at the percentile,
	// which for a spread of P95−P5 is about 0.103 / ((P95−P5)/3.29).
	se := math.Sqrt(0.05*0.95/float64(d.Samples)) / 0.103 * (d.P95 - d.P5) / 3.29
	scale := math.Max(math.Abs(d.P5), math.Abs(d.P95))
	if scale == 0 {
		return 0
	}
	return se / scale
}

// Digits is how many significant digits the interval's figures may show:
// no more than the sampling error supports, and at least two.
func (d Distribution) Digits() int {
	e := d.RelativeError()
	if e <= 0 {
		return Significant
	}
	n := int(math.Floor(-math.Log10(e))) + 1
	return min(max(n, 2), Significant)
}
