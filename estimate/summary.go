package estimate

import (
	"math"
	"math/bits"
	"slices"
	"sort"
)

// Summaries are found in two passes over a column, which stays as it is.
// The first counts the samples into buckets by value; the counts say
// which few buckets hold the order statistics the percentiles need. The
// second collects the samples of those buckets, and a selection among
// them gives each order statistic exactly. Selection over the whole
// column, even in linear time, reorders it a few times, each swap behind
// a branch a random sample makes unpredictable: on 100,000 samples it
// cost several times as much as these two straight passes, and more
// than sampling and evaluating did.
//
// Both passes are written without a branch a sample. A failed sample
// (NaN) or an infinite one falls, by its bits, in the bucket below or
// above the span, and makes the sums NaN, which are then added again
// without it; every sample is stored, the ones no percentile needs into
// a spare slot. Go compiles a branch taken in a loop to a jump through a
// table in WebAssembly, where the web page runs: on 100,000 samples in
// the browser's engine a summary took 15 ns a sample this way and 22 ns
// with a branch or two a sample (and 5 and 11 ns natively).

const (
	// bucketBits sets the number of buckets over the span: 4,096, so
	// that the counts fit a processor's first-level cache and a bucket of
	// 100,000 samples holds a few dozen.
	bucketBits = 12
	above      = 1<<bucketBits + 1 // the bucket above the span; 0 is below it
	buckets    = above + 1
)

// A summariser computes distributions, reusing its buffers from one
// column to the next. The zero value is ready to use.
type summariser struct {
	count [buckets]int32 // the samples in each bucket, failed ones too
	start [buckets]int32 // where a collected bucket's samples begin in buf, or -1
	next  [buckets]int32 // where a bucket's next sample goes: the spare slot if not collected
	step  [buckets]int32 // 1 for a collected bucket, 0 for the rest
	buf   []float64
	in    []uint16 // the bucket of each sample, from the first pass for the second
}

// orderKey maps the bits of a float64 to an integer in the same order:
// the sign bit flipped for positives, every bit for negatives, and the
// lowest bit dropped, so that the difference of two keys fits an int64
// and its sign compares them. NaN with the sign bit clear falls above
// +Inf, and with it set below -Inf.
func orderKey(b uint64) int64 { return int64((b ^ (uint64(int64(b)>>63) | 1<<63)) >> 1) }

// fromOrderKey is the least float64 of an order key, or with odd the
// greatest.
func fromOrderKey(k int64, odd bool) float64 {
	u := uint64(k) << 1
	if odd {
		u |= 1
	}
	if u>>63 != 0 {
		return math.Float64frombits(u ^ 1<<63)
	}
	return math.Float64frombits(^u)
}

// A bucketing maps order keys from lo to hi onto buckets 1 to 4,096, a
// bucket 1<<shift keys wide; keys below go to 0, keys above to above.
type bucketing struct {
	lo, hi int64
	shift  uint
}

// of returns the bucket of the float64 with bits b.
func (g bucketing) of(b uint64) int {
	k := orderKey(b)
	below := (k - g.lo) >> 63 // -1 if k < lo, else 0
	past := (g.hi - k) >> 63  // -1 if k > hi
	return int((1+(k-g.lo)>>g.shift)&^(below|past) | above&past)
}

// bucketsFor spans the buckets over the values of a subsample of col:
// the samples of a Monte Carlo run are independent, so a few hundred of
// them, taken at a stride, bracket every percentile a Distribution holds.
// A sample outside that span lands in the bucket below or above, which
// is collected whole if a percentile falls in it: a poor span costs
// time, never exactness.
func bucketsFor(col []float64) bucketing {
	lo, hi := int64(math.MaxInt64), int64(0)
	for i := 0; i < len(col); i += max(1, len(col)/256) {
		if v := col[i]; isFinite(v) {
			k := orderKey(math.Float64bits(v))
			lo, hi = min(lo, k), max(hi, k)
		}
	}
	if lo > hi { // no finite sample in the subsample: span them all
		lo, hi = orderKey(math.Float64bits(-math.MaxFloat64)), orderKey(math.Float64bits(math.MaxFloat64))
	}
	return bucketing{lo: lo, hi: hi, shift: uint(max(0, bits.Len64(uint64(hi-lo))-bucketBits))}
}

// The sums of a summary are added in four lanes, sample i in lane i mod
// 4 (the last few in the first), and the lanes then pairwise: one running
// sum makes each addition wait for the one before. The four lanes are
// written out, without a closure or a field read in the loop, because
// Go's WebAssembly keeps a closure's variables and a field's address in
// memory, and that halved the speed of these loops in the browser.

// countAll counts the samples of col into their buckets, noting each
// one's in z.in, and returns the sum of the finite ones, each scaled by
// k (see momentScale), how many are not finite, and how many of those
// have the sign bit set (and so lie in the bucket below the span).
func (z *summariser) countAll(g bucketing, col []float64, k float64) (sum float64, bad, badBelow int) {
	if cap(z.in) < len(col) {
		z.in = make([]uint16, len(col))
	}
	in := z.in[:len(col)]
	count := &z.count
	var s0, s1, s2, s3 float64
	i := 0
	for ; i+4 <= len(col); i += 4 {
		v0, v1, v2, v3 := col[i], col[i+1], col[i+2], col[i+3]
		k0, k1, k2, k3 := g.of(math.Float64bits(v0)), g.of(math.Float64bits(v1)), g.of(math.Float64bits(v2)), g.of(math.Float64bits(v3))
		in[i], in[i+1], in[i+2], in[i+3] = uint16(k0), uint16(k1), uint16(k2), uint16(k3)
		count[k0]++
		count[k1]++
		count[k2]++
		count[k3]++
		s0 += v0 * k
		s1 += v1 * k
		s2 += v2 * k
		s3 += v3 * k
	}
	for ; i < len(col); i++ {
		b := g.of(math.Float64bits(col[i]))
		in[i] = uint16(b)
		count[b]++
		s0 += col[i] * k
	}
	sum = (s0 + s1) + (s2 + s3)
	if isFinite(sum) {
		return sum, 0, 0
	}
	// A failed or infinite sample (or an overflow) made the sum so: count
	// them, and add the finite samples alone.
	for _, v := range col {
		if !isFinite(v) {
			bad++
			if math.Signbit(v) {
				badBelow++
			}
		}
	}
	return sumFinite(col, k), bad, badBelow
}

// sumFinite adds the finite samples of col, each scaled by k, in the
// lanes countAll adds them in.
func sumFinite(col []float64, k float64) float64 {
	var lanes [4]float64
	for i, v := range col {
		if isFinite(v) {
			lanes[lane(i, len(col))] += v * k
		}
	}
	return (lanes[0] + lanes[1]) + (lanes[2] + lanes[3])
}

// Sums and squares of samples overflow from about 1e308 and 1e154, and
// squares underflow below about 1e-154; so the moments are summed with
// every sample scaled by a power of two, k, that brings the samples the
// buckets span to between ½ and 1. Scaling by a power of two is exact,
// and commutes with rounding, so that for samples of ordinary size the
// mean and the standard deviation are those of the plain sums bit for
// bit. A sample far past the span (a heavy tail that the subsample
// missed) may still overflow a scaled sum: the sums are then taken again,
// scaled by the largest sample, which no sum of n scaled samples can
// make exceed n (or 4n for the squares).

// momentScale is the power of two by which the moments of the samples
// g spans are summed.
func momentScale(g bucketing) float64 {
	lo, hi := fromOrderKey(g.lo, false), fromOrderKey(g.hi, true)
	return scaleBelow(max(math.Abs(lo), math.Abs(hi)))
}

// scaleBelow returns the power of two 2^-e with a in [2^(e-1), 2^e): a
// times it lies in [½, 1), or for a subnormal a as near as a normal
// float64 scale brings it. It is 1 for a zero.
func scaleBelow(a float64) float64 {
	if a == 0 || !isFinite(a) {
		return 1
	}
	_, e := math.Frexp(a)
	return math.Ldexp(1, -min(max(e, -1023), 1022))
}

// largestScale is the scale of the largest finite sample of col in
// magnitude.
func largestScale(col []float64) float64 {
	top := 0.0
	for _, v := range col {
		if a := math.Abs(v); a > top && isFinite(a) {
			top = a
		}
	}
	return scaleBelow(top)
}

// lane is the lane of sample i of n.
func lane(i, n int) int {
	if i >= n&^3 {
		return 0
	}
	return i & 3
}

// collectAll stores each sample of col in its bucket's place in buf, and
// returns the sum of the squared deviations of the finite ones from
// mean, every sample and the mean scaled by k; bad says whether there
// are others, which it must leave out.
func (z *summariser) collectAll(col []float64, mean, k float64, bad bool, buf []float64) float64 {
	in := z.in[:len(col)]
	next, step := &z.next, &z.step
	var s0, s1, s2, s3 float64
	i := 0
	for ; i+4 <= len(col); i += 4 {
		v0, v1, v2, v3 := col[i], col[i+1], col[i+2], col[i+3]
		// Each sample is stored, and the place moves on only in a
		// collected bucket; the rest share a spare slot.
		b := in[i]
		j := next[b]
		buf[j] = v0
		next[b] = j + step[b]
		b = in[i+1]
		j = next[b]
		buf[j] = v1
		next[b] = j + step[b]
		b = in[i+2]
		j = next[b]
		buf[j] = v2
		next[b] = j + step[b]
		b = in[i+3]
		j = next[b]
		buf[j] = v3
		next[b] = j + step[b]
		d0, d1, d2, d3 := v0*k-mean, v1*k-mean, v2*k-mean, v3*k-mean
		s0 += d0 * d0
		s1 += d1 * d1
		s2 += d2 * d2
		s3 += d3 * d3
	}
	for ; i < len(col); i++ {
		v := col[i]
		b := in[i]
		j := next[b]
		buf[j] = v
		next[b] = j + step[b]
		d := v*k - mean
		s0 += d * d
	}
	if bad { // a failed sample made the sums NaN: add them again without
		return squaresFinite(col, mean, k)
	}
	return (s0 + s1) + (s2 + s3)
}

// squaresFinite adds the squared deviations from mean of the finite
// samples of col, each scaled by k, in the lanes collectAll adds them in.
func squaresFinite(col []float64, mean, k float64) float64 {
	var lanes [4]float64
	for i, v := range col {
		if d := v*k - mean; isFinite(v) {
			lanes[lane(i, len(col))] += d * d
		}
	}
	return (lanes[0] + lanes[1]) + (lanes[2] + lanes[3])
}

// low and high return the least and the greatest value of bucket b,
// which is neither the bucket below the span nor the one above.
func (g bucketing) low(b int) float64 { return fromOrderKey(g.lo+int64(b-1)<<g.shift, false) }
func (g bucketing) high(b int) float64 {
	if int64(b) > (g.hi-g.lo)>>g.shift {
		return fromOrderKey(g.hi, true) // the last bucket; b<<shift might overflow
	}
	return fromOrderKey(g.lo+int64(b)<<g.shift-1, true)
}

// summary is what summarise finds: the finite samples' count, sum and
// sum of squared deviations from their mean (each sample scaled by k),
// the quantiles asked for, and, when asked for, the histogram from the
// first quantile to the last.
type summary struct {
	n       int
	sum, ss float64 // of the samples scaled by k
	k       float64 // a power of two (see momentScale)
	q       []float64
	extra   []float64 // the quantiles of summariseWith's extra
	bins    []int     // nil when not asked for or not to be read from the buckets
	logBins bool
}

// mean is the mean of the finite samples.
func (s summary) mean() float64 { return s.sum / float64(s.n) / s.k }

// sd is their standard deviation (with n − 1), or 0 for fewer than two.
// The standard deviation of finite samples can exceed the largest
// float64, when they reach it with both signs, by a factor of at most
// √(n/(n−1)): it is then the largest float64, a relative error of less
// than 1/n, which the sampling error dwarfs.
func (s summary) sd() float64 {
	if s.n < 2 {
		return 0
	}
	return min(math.Sqrt(s.ss/float64(s.n-1))/s.k, math.MaxFloat64)
}

// summarise returns the summary of the finite samples of col and their
// ps-quantiles (ps increasing), by linear interpolation between order
// statistics (the definition of numpy's default and R's type 7), a zero
// always +0. It
// takes two passes, for the mean and then the squared deviations from
// it, as a two-pass variance does.
//
// With hist, it also counts the histogram from the first quantile to the
// last (see histogram). A bucket that lies wholly in one bin adds its
// count to it; the buckets where an edge may fall, found from the bounds
// the first pass puts on the quantiles, are collected with the rest, and
// their samples compared with the edges. If the bounds were too loose
// for that (a quantile in the bucket below or above the span), bins is
// nil and histogram counts in a pass of its own.
func (z *summariser) summarise(col []float64, ps []float64, hist bool) summary {
	return z.summariseWith(col, ps, nil, hist)
}

// summariseWith is summarise, finding the extra quantiles too, in any
// order, in the same passes.
func (z *summariser) summariseWith(col []float64, ps, extra []float64, hist bool) summary {
	g := bucketsFor(col)
	clear(z.count[:])
	var s summary
	s.k = momentScale(g)
	sum, bad, badBelow := z.countAll(g, col, s.k)
	if !isFinite(sum) { // a sample far past the span
		s.k = largestScale(col)
		sum = sumFinite(col, s.k)
	}
	s.n, s.sum = len(col)-bad, sum
	s.q = make([]float64, len(ps))
	s.extra = make([]float64, len(extra))
	if s.n == 0 {
		return s
	}
	// finite counts the finite samples of a bucket: the failed ones lie
	// in the buckets below and above the span.
	finite := func(b int) int {
		switch b {
		case 0:
			return int(z.count[0]) - badBelow
		case above:
			return int(z.count[above]) - (bad - badBelow)
		}
		return int(z.count[b])
	}
	// Each quantile lies between two order statistics: rank k and, when
	// it falls between ranks, k+1. Find the bucket of each, and the finite
	// samples in the buckets before it (held for now in next).
	type stat struct{ rank, below, bucket int }
	var stats []stat
	all := append(slices.Clip(ps), extra...)
	for _, p := range all {
		h := p * float64(s.n-1)
		stats = append(stats, stat{rank: int(h)}, stat{rank: min(int(h)+1, s.n-1)})
	}
	below := int32(0)
	for b := range z.count {
		z.next[b] = below
		below += int32(finite(b))
	}
	for i := range z.start {
		z.start[i], z.step[i] = -1, 0
	}
	size := int32(0)
	collect := func(b int) {
		if z.start[b] < 0 {
			z.start[b], z.step[b] = size, 1
			size += z.count[b]
		}
	}
	for i := range stats {
		r := stats[i].rank
		b := sort.Search(buckets, func(b int) bool { return int(z.next[b])+finite(b) > r })
		stats[i].below, stats[i].bucket = int(z.next[b]), b
		collect(b)
	}
	last := 2*len(ps) - 1 // the upper order statistic of the last of ps
	fold := hist && len(ps) > 0 && z.collectEdges(g, stats[0].bucket, stats[1].bucket, stats[last-1].bucket, stats[last].bucket, collect)
	for b, st := range z.start {
		z.next[b] = st
		if st < 0 {
			z.next[b] = size // the spare slot
		}
	}
	if cap(z.buf) < int(size)+1 {
		z.buf = make([]float64, size+1)
	}
	buf := z.buf[:size+1]
	s.ss = z.collectAll(col, s.sum/float64(s.n), s.k, bad > 0, buf)
	if !isFinite(s.ss) { // a sample far past the span
		s.k = largestScale(col)
		s.sum = sumFinite(col, s.k)
		s.ss = squaresFinite(col, s.sum/float64(s.n), s.k)
	}
	for _, b := range []int{0, above} {
		if st := z.start[b]; st >= 0 { // its failed samples go
			seg := buf[st : st+z.count[b]]
			k := 0
			for _, v := range seg {
				if isFinite(v) {
					seg[k] = v
					k++
				}
			}
			z.count[b] = int32(k)
		}
	}
	segment := func(b int) []float64 { return buf[z.start[b] : z.start[b]+z.count[b]] }
	value := func(st stat) float64 {
		seg := segment(st.bucket)
		selectK(seg, st.rank-st.below)
		return seg[st.rank-st.below]
	}
	for i, p := range all {
		h := p * float64(s.n-1)
		lo := stats[2*i]
		v := value(lo)
		if frac := h - float64(lo.rank); frac > 0 && lo.rank+1 < s.n {
			v += frac * (value(stats[2*i+1]) - v)
		}
		if i < len(ps) {
			s.q[i] = v + 0 // -0 is 0
		} else {
			s.extra[i-len(ps)] = v + 0
		}
	}
	if fold {
		s.bins, s.logBins = z.foldHistogram(g, s.q[0], s.q[len(s.q)-1], segment)
	}
	return s
}

// collectEdges marks for collection every bucket where an inner edge of
// the histogram may fall, given that its lower end lies from the least
// value of bucket lo1 to the greatest of lo2 and its upper end likewise
// in hi1 to hi2. It reports false when the buckets bound the ends too
// loosely to be worth it.
func (z *summariser) collectEdges(g bucketing, lo1, lo2, hi1, hi2 int, collect func(int)) bool {
	last := 1 << bucketBits
	if min(lo1, hi1) < 1 || max(lo2, hi2) > last {
		return false
	}
	loMin, loMax, hiMin, hiMax := g.low(lo1), g.high(lo2), g.low(hi1), g.high(hi2)
	if loMin <= 0 && loMax > 0 {
		return false // whether the bins are logarithmic, and where, is anybody's guess
	}
	// Each edge grows with both ends, whichever the spacing; the ends'
	// spacing is decided by their ratio.
	for _, logBins := range []bool{false, true} {
		if logBins && !(loMin > 0 && hiMax/loMin > 10) || !logBins && loMin > 0 && hiMin/loMax > 10 {
			continue // the ends rule this spacing out
		}
		least, most := edgesFor(loMin, hiMin, logBins), edgesFor(loMax, hiMax, logBins)
		for i := 1; i < HistogramBins; i++ {
			// A bucket to each side too, for the edges' rounding.
			for b := max(g.of(math.Float64bits(least[i]))-1, 1); b <= min(g.of(math.Float64bits(most[i]))+1, last); b++ {
				collect(b)
			}
		}
	}
	return true
}

// foldHistogram counts the histogram from lo to hi: the buckets between
// two edges' buckets add their counts to the bin between, and the
// collected buckets, among them every bucket an edge falls in, their
// samples one by one. Nil if an edge falls in a non-empty bucket not
// collected; or is zero, where the order keys of -0 and 0 part from the
// floats' order; or is not finite, as when hi/lo or hi − lo overflows.
func (z *summariser) foldHistogram(g bucketing, lo, hi float64, segment func(int) []float64) ([]int, bool) {
	bins := make([]int, HistogramBins)
	if !(hi > lo) {
		return bins, false
	}
	edges, logBins := histogramEdges(lo, hi)
	var at [HistogramBins + 1]int // the bucket of each edge
	for i, e := range edges {
		at[i] = g.of(math.Float64bits(e))
		if e == 0 || !isFinite(e) || i > 0 && at[i] < at[i-1] || z.count[at[i]] > 0 && z.start[at[i]] < 0 {
			return nil, false
		}
	}
	for i := range HistogramBins {
		for b := at[i] + 1; b < at[i+1]; b++ {
			if z.start[b] < 0 {
				bins[i] += int(z.count[b])
			}
		}
	}
	for b := at[0]; b <= at[HistogramBins]; b++ {
		if z.start[b] < 0 {
			continue
		}
		for _, v := range segment(b) {
			if v >= lo && v <= hi {
				bins[sort.Search(HistogramBins, func(i int) bool { return edges[i] > v })-1]++
			}
		}
	}
	return bins, logBins
}
