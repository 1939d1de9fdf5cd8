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

// rng is the random source of a run: PCG, seeded, reproducible.
func (o SampleOptions) rng() *rand.Rand { return rand.New(rand.NewPCG(o.seed(), 0x656e76656c6f7065)) }

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

// summarise computes the distribution of the samples in col, which it
// reorders (scratch may be col itself); non-finite samples are skipped.
// Quantiles are found by selection, in linear time, never by sorting.
func summarise(col, scratch []float64, d Dimension, seed uint64) Distribution {
	s := scratch[:0]
	var sum float64
	for _, v := range col {
		if isFinite(v) {
			s = append(s, v)
			sum += v
		}
	}
	dist := Distribution{Dim: d, Samples: len(s), Seed: seed}
	if len(s) == 0 {
		return dist
	}
	n := float64(len(s))
	dist.Mean = sum / n
	var ss float64
	for _, v := range s {
		ss += (v - dist.Mean) * (v - dist.Mean)
	}
	if len(s) > 1 {
		dist.SD = math.Sqrt(ss / (n - 1))
	}
	q := quantiles(s, percentiles[:])
	dist.P5, dist.P25, dist.P50, dist.P75, dist.P95 = q[0], q[1], q[2], q[3], q[4]
	return dist
}

// quantiles returns the ps-quantiles (increasing) of s, by linear
// interpolation between order statistics (the definition of numpy's
// default and R's type 7), reordering s. Each selection works on the
// part of s the previous one left above it, so the whole is linear.
func quantiles(s []float64, ps []float64) []float64 {
	out := make([]float64, len(ps))
	lo := 0
	for i, p := range ps {
		h := p * float64(len(s)-1)
		k := int(h)
		selectK(s[lo:], k-lo)
		v := s[k]
		if frac := h - float64(k); frac > 0 && k+1 < len(s) {
			// The next order statistic is the least of what lies above.
			next := s[k+1]
			for _, w := range s[k+2:] {
				if w < next {
					next = w
				}
			}
			v += frac * (next - v)
		}
		out[i] = v
		lo = k
	}
	return out
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
// edges are computed once, so that counting is comparisons, not a
// logarithm a sample.
func histogram(s []float64, lo, hi float64) ([]int, bool) {
	bins := make([]int, HistogramBins)
	if !(hi > lo) {
		return bins, false
	}
	logBins := lo > 0 && hi/lo > 10
	var edges [HistogramBins + 1]float64
	for i := range edges {
		f := float64(i) / HistogramBins
		if logBins {
			edges[i] = lo * math.Pow(hi/lo, f)
		} else {
			edges[i] = lo + (hi-lo)*f
		}
	}
	edges[HistogramBins] = hi
	for _, v := range s {
		if v < lo || v > hi {
			continue
		}
		i, j := 0, HistogramBins // edges[i] <= v < edges[j]
		for j-i > 1 {
			if mid := (i + j) / 2; v < edges[mid] {
				j = mid
			} else {
				i = mid
			}
		}
		bins[i]++
	}
	return bins, logBins
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
