package estimate

import "math/rand/v2"

// A SampleCache carries work from one run of Simulate to the next, for a
// caller that runs a model again and again with an input or two changed,
// as the web page does on every edit. An uncertain input that a run
// would draw with the same range from the same point of the random
// stream is not drawn again: its samples, and the stream's state after
// them, are those of the run that drew it, so a run with a cache gives
// the figures of a run without, bit for bit. And the memory of the last
// run's columns and summaries is reused rather than allocated anew.
//
// A Result made with a cache keeps its samples (Sampling) only until the
// next run with the same cache, and nobody may change them (see
// Sampling.Column). A SampleCache is not safe for use from several
// goroutines at once. The zero value is ready to use.
type SampleCache struct {
	samples int
	drawn   map[drawKey]drawnColumn // the inputs the last run drew
	used    map[drawKey]drawnColumn // the inputs this run has drawn or reused
	free    [][]float64             // columns to reuse
	lent    [][]float64             // the columns this run has taken, but the drawn ones
	summary summariser              // its buffers, kept for the next run's summaries
	reused  int                     // inputs this run did not draw again, for tests
}

// A drawKey is where a one-range input's samples come from: its range,
// and the state of the random stream before it.
type drawKey struct {
	dist   distribution
	before pcgState
}

type drawnColumn struct {
	col   []float64
	after pcgState // the state of the stream after drawing col
}

// pcgState is the state of a rand.PCG: Seed(hi, lo) restores it.
type pcgState struct{ hi, lo uint64 }

func stateOf(p *rand.PCG) pcgState {
	b, _ := p.MarshalBinary() // "pcg:", then hi and lo, big-endian
	var s pcgState
	for i := range 8 {
		s.hi = s.hi<<8 | uint64(b[4+i])
		s.lo = s.lo<<8 | uint64(b[12+i])
	}
	return s
}

// begin starts a run of n samples: the columns of the last one, which no
// Result may use any more, become free, but for the drawn inputs, which
// this run may reuse.
func (c *SampleCache) begin(n int) {
	if c.samples != n {
		*c = SampleCache{samples: n}
	}
	c.free = append(c.free, c.lent...)
	c.lent = c.lent[:0]
	c.used = map[drawKey]drawnColumn{}
	c.reused = 0
}

// end finishes a run: the inputs it drew are kept for the next, and the
// columns of those it did not are freed.
func (c *SampleCache) end() {
	for k, d := range c.drawn {
		if _, ok := c.used[k]; !ok {
			c.free = append(c.free, d.col)
		}
	}
	c.drawn, c.used = c.used, nil
}

// column returns a column of the run's length, whose values are left
// over and must all be written.
func (c *SampleCache) column() []float64 {
	col := c.take()
	c.lent = append(c.lent, col)
	return col
}

// take returns a free column, or a new one.
func (c *SampleCache) take() []float64 {
	if k := len(c.free); k > 0 {
		col := c.free[k-1]
		c.free = c.free[:k-1]
		return col
	}
	return make([]float64, c.samples)
}

// draw returns the samples of u, drawn from p or, when the last run drew
// the same range from the same state of p, reused, p then left as that
// draw left it.
func (c *SampleCache) draw(u *uncertain, r *rand.Rand, p *rand.PCG) []float64 {
	if len(u.leaves) != 1 || u.root.op != "dist" {
		col := c.column() // an expression of ranges: drawn each time
		u.sample(r, col)
		return col
	}
	k := drawKey{dist: *u.leaves[0], before: stateOf(p)}
	d, ok := c.drawn[k]
	if ok {
		p.Seed(d.after.hi, d.after.lo)
		c.reused++
	} else {
		d.col = c.take()
		u.sample(r, d.col)
		d.after = stateOf(p)
	}
	c.used[k] = d
	return d.col
}
