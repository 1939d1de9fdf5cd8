package estimate

import (
	"fmt"
	"math"
	"slices"
	"sync"
)

// Monte Carlo: a scenario with any uncertain input is sampled on the
// batch evaluator. Each uncertain input is drawn, sample by sample, from
// its ranges; inputs without ranges stay exact constants; every output is
// computed over the columns, and summarised by its mean, its standard
// deviation and five percentiles, over the samples in which it is
// defined. The exact path gives the working: the scenario evaluated with
// every range at its median.

// Uncertain reports whether the model, with the given overrides, has an
// input with a range, which Simulate samples.
func (m *Model) Uncertain(overrides ...Override) bool {
	set := map[string]Override{}
	for _, o := range overrides {
		set[o.Name] = o
	}
	for _, in := range m.inputs {
		if o, ok := set[in.Name]; ok {
			if o.uncertain != nil {
				return true
			}
			continue
		}
		if in.uncertain != nil {
			return true
		}
	}
	return false
}

// A Sampling is how a Result's distributions were made: the samples,
// the seed, the samples that failed and why, and every sample of every
// input and output, in base units.
//
// A sample may leave an output undefined (a division by zero, say); it
// then leaves undefined the outputs that read that one too, and no
// other. Each output's figures come from the samples in which it is
// defined, and its Distribution counts the others (Failed) and says why
// the first failed (Failure).
type Sampling struct {
	Samples int
	Seed    uint64
	// Failed counts the samples that leave some output undefined, and
	// Failures are the first few of them, with the first output each
	// leaves undefined.
	Failed   int
	Failures []Failure

	model     *Model
	batch     *Batch
	overrides map[int]Override // the overrides Simulate was given, by slot
	columns   [][]float64      // by slot; each one value per sample
	varies    []bool           // by slot: uncertain
	dists     []*Distribution  // by input slot: the distribution of an uncertain one
	first     []*Failure       // by slot: the first sample that leaves it undefined, where it failed
	bins      map[int]histogramBins

	mu     sync.Mutex
	ranked map[int][]float64  // by slot: the ranks of the first samples (see rankCorrelation)
	points map[int][2]*Result // by input slot: the exact path at its p5 and p95
}

// histogramBins is a histogram from lo to hi.
type histogramBins struct {
	lo, hi float64
	counts []int
	log    bool
}

// maxFailures is how many failing samples a Sampling keeps, to show.
const maxFailures = 5

// Sampling returns how the result's distributions were made, or nil for
// a result of the exact path alone.
func (r *Result) Sampling() *Sampling { return r.sampling }

// Simulate evaluates the model with the given overrides, sampling every
// uncertain input: each output that depends on one carries its
// Distribution, and its Value is its median. The rest of the result is
// the exact path's, with every range at its median, which is what
// Explain shows; an output that the medians leave undefined (1 / x, x
// normal(0, 1)) is sampled all the same, and Explain says so. An output
// undefined in every sample is an error. Expectations on an uncertain
// output check its median, or the percentile they name. A model without
// ranges is evaluated as Evaluate does.
func (m *Model) Simulate(opt SampleOptions, overrides ...Override) (_ *Result, err error) {
	defer guard(&err, m.fileName())
	if !m.Uncertain(overrides...) {
		return m.Evaluate(overrides...)
	}
	first := len(m.inputs)
	set := map[int]Override{}
	for _, o := range overrides {
		if slot, ok := m.index[o.Name]; ok {
			set[slot] = o
		}
	}
	varies := m.varying(set)
	point, err := m.evaluate(overrides, func(i int) bool { return varies[first+i] })
	if err != nil {
		return nil, err
	}
	n := opt.samples()
	nslots := first + len(m.outputs)
	s := &Sampling{Samples: n, Seed: opt.seed(), model: m, overrides: set, varies: varies,
		columns: make([][]float64, nslots), dists: make([]*Distribution, first), first: make([]*Failure, nslots)}
	b, err := m.Batch()
	if err != nil {
		return nil, err
	}
	s.batch = b
	w := b.NewWork()
	rng, pcg := opt.rng()
	c := opt.Cache
	if c == nil {
		c = new(SampleCache) // one run's: it only allocates
	}
	c.begin(n)
	defer c.end()
	for i, in := range m.inputs {
		u, value := in.uncertain, in.value.Value
		o, overridden := set[i]
		if overridden {
			u, value = o.uncertain, o.Value.Value
		}
		if u == nil && !overridden {
			continue // the batch reads the file's value; Column makes one if asked
		}
		var col []float64
		if u == nil {
			col = c.column()
			fill(col, value)
		} else {
			col = c.draw(u, rng, pcg)
		}
		s.columns[i] = col
		if err := w.SetInput(i, col); err != nil {
			return nil, err
		}
	}
	for _, i := range m.order {
		s.columns[first+i] = c.column()
		if err := w.SetOutput(first+i, s.columns[first+i]); err != nil {
			return nil, err
		}
	}
	fails, err := w.Eval(n)
	if err != nil {
		return nil, err
	}
	s.settle(fails)
	z := &c.summary
	r := point
	r.sampling = s
	for i := range r.inputs {
		if !s.varies[i] {
			continue
		}
		u := m.inputs[i].uncertain
		if o, ok := set[i]; ok {
			u = o.uncertain
		}
		// One range is known exactly; an expression of several is
		// summarised from its samples.
		d, ok := u.distribution(r.inputs[i].Value.Dim, n, s.Seed)
		if !ok {
			d = s.summarise(z, i, r.inputs[i].Value.Dim, opt.only == nil)
		}
		if d.Samples == 0 {
			return nil, &Error{Path: m.inputs[i].Name, Msg: fmt.Sprintf("%s: every sample is too large for a float64", m.inputs[i].Name)}
		}
		r.inputs[i].Distribution = &d
		s.dists[i] = &d
	}
	for i := range r.outputs {
		slot := first + i
		if !s.varies[slot] || opt.only != nil && !opt.only[slot] {
			continue
		}
		d := s.summarise(z, slot, r.outputs[i].Value.Dim, opt.only == nil)
		if d.Samples == 0 {
			return nil, s.undefinedEverywhere(r, i)
		}
		r.outputs[i].Distribution = &d
		r.outputs[i].Value.Value = d.P50
	}
	for k, e := range m.expects {
		if !s.varies[e.slot] {
			continue
		}
		var d *Distribution
		if e.slot < first {
			d = r.inputs[e.slot].Distribution
		} else {
			d = r.outputs[e.slot-first].Distribution
		}
		if d == nil {
			continue // not summarised: see SampleOptions.only
		}
		got := d.stat(e.Stat)
		r.expect[k] = checkExpectation(e, exact{r: decimalOf(got), approx: true})
		r.expect[k].Stat = e.Stat
	}
	for k, p := range m.published {
		if p.slot < first {
			continue
		}
		if out := r.outputs[p.slot-first]; out.undefined != "" && out.Distribution != nil {
			// Undefined at the medians: compared with the samples' median.
			r.published[k] = comparePublished(p, exact{r: decimalOf(out.Distribution.P50), approx: true}, m.displayUnit(p.slot))
		}
	}
	return r, nil
}

// varying returns, by slot, whether each input and output varies under
// the overrides in set: an input with a range, in the file or set, and
// an output that reads one that varies.
func (m *Model) varying(set map[int]Override) []bool {
	first := len(m.inputs)
	varies := make([]bool, first+len(m.outputs))
	for i, in := range m.inputs {
		varies[i] = in.uncertain != nil
		if o, ok := set[i]; ok {
			varies[i] = o.uncertain != nil
		}
	}
	for _, i := range m.order {
		varies[first+i] = slices.ContainsFunc(m.outputs[i].deps, func(d int) bool { return varies[d] })
	}
	return varies
}

// settle finds, in each failed sample, every output it leaves undefined:
// those whose formula fails there, in the batch's tests, and those that
// read one of them. It makes their values NaN, counts them by output,
// and keeps the first failure of each.
func (s *Sampling) settle(fails []Failure) {
	m := s.model
	first := len(m.inputs)
	slots := m.Slots()
	cause := make([]*Failure, len(m.outputs)) // in the sample at hand, by output
	for _, f := range fails {
		if len(s.Failures) < maxFailures {
			s.Failures = append(s.Failures, f)
		}
		j := f.Sample
		for i := range slots {
			if col := s.columns[i]; col != nil {
				slots[i] = col[j]
			}
		}
		for _, i := range m.order {
			out := m.outputs[i]
			cause[i] = nil
			if k := slices.IndexFunc(out.deps, func(d int) bool { return d >= first && cause[d-first] != nil }); k >= 0 {
				cause[i] = cause[out.deps[k]-first]
			} else if _, at, reason := s.batch.probe(out.f.root, slots); at != nil {
				cause[i] = &Failure{Sample: j, Output: out.Name, Op: opName(at), Reason: reason, Offset: at.off}
			}
			if cause[i] == nil {
				continue
			}
			slot := first + i
			if s.first[slot] == nil {
				s.first[slot] = cause[i]
			}
			s.columns[slot][j] = math.NaN()
			slots[slot] = math.NaN()
		}
	}
	s.Failed = len(fails)
}

// undefinedEverywhere is the error of an output that no sample defines:
// that of the exact path, which the medians leave undefined too, or else
// the first failure of its samples, placed where it arose.
func (s *Sampling) undefinedEverywhere(r *Result, out int) error {
	m := s.model
	if r.outputs[out].undefined != "" {
		if _, err := m.Evaluate(s.overrideList()...); err != nil {
			return err
		}
	}
	o := m.outputs[out]
	f := s.first[len(m.inputs)+out]
	if f == nil { // not reached: the batch tests every value it writes
		return &Error{Path: o.Formula.Path, Msg: fmt.Sprintf("%s is not finite in any sample", o.Name)}
	}
	return m.outputError(m.outputs[m.index[f.Output]-len(m.inputs)], f.Offset, "in every sample, "+f.Reason)
}

// overrideList returns the overrides Simulate was given, in file order.
func (s *Sampling) overrideList() []Override {
	var ovs []Override
	for i := range s.model.inputs {
		if o, ok := s.overrides[i]; ok {
			ovs = append(ovs, o)
		}
	}
	return ovs
}

// why says why f left the output named out undefined: its reason, and
// the output where it arose when that is another ("square root of a
// negative number in y").
func (f *Failure) why(out string) string {
	if f.Output != "" && f.Output != out {
		return f.Reason + " in " + f.Output
	}
	return f.Reason
}

// summarise summarises the samples of a slot, keeping the histogram that
// comes with it, when asked for, for Histogram, and counting those that
// failed.
func (s *Sampling) summarise(z *summariser, slot int, dim Dimension, hist bool) Distribution {
	d, sum := z.summariseDistribution(s.columns[slot], dim, s.Seed, hist)
	if sum.bins != nil {
		if s.bins == nil {
			s.bins = map[int]histogramBins{}
		}
		s.bins[slot] = histogramBins{lo: sum.q[0], hi: sum.q[len(sum.q)-1], counts: sum.bins, log: sum.logBins}
	}
	d.Failed = s.Samples - d.Samples
	if d.Failed > 0 {
		d.Failure = "the value is too large for a float64" // an input's, past float64
		if slot >= len(s.model.inputs) {
			d.Failure = s.first[slot].why(s.model.outputs[slot-len(s.model.inputs)].Name)
		}
	}
	return d
}

// stat returns the figure an expectation names: "" is the median.
func (d *Distribution) stat(name string) float64 {
	switch name {
	case "p5":
		return d.P5
	case "p25":
		return d.P25
	case "p75":
		return d.P75
	case "p95":
		return d.P95
	case "mean":
		return d.Mean
	}
	return d.P50
}

// Column returns the samples of the named input or output, in base
// units, or false; the samples in which an output is undefined are NaN.
// The caller must not change them: a SampleCache may hand an input's
// samples to the next run.
func (s *Sampling) Column(name string) ([]float64, bool) {
	slot, ok := s.model.index[name]
	if !ok {
		return nil, false
	}
	return s.column(slot), true
}

// column returns the samples of a slot, making the column of an input
// that every sample shares when first asked: a column for each of them
// would double the memory of a run for nothing.
func (s *Sampling) column(slot int) []float64 {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.columns[slot] == nil {
		col := make([]float64, s.Samples)
		fill(col, s.model.inputs[slot].value.Value)
		s.columns[slot] = col
	}
	return s.columns[slot]
}

// FirstFailure returns the first sample that leaves the named output
// undefined, with where it failed (Output, that output or one it reads)
// and why; false when every sample defines it.
func (s *Sampling) FirstFailure(name string) (Failure, bool) {
	slot, ok := s.model.index[name]
	if !ok || s.first[slot] == nil {
		return Failure{}, false
	}
	return *s.first[slot], true
}

// Histogram counts the samples of the named input or output in
// HistogramBins bins from d's 5th to its 95th percentile (logarithmic
// bins when those are positive and ten times apart or more), for a text
// or image histogram; false for an unknown name. The summary of an
// uncertain output counts it on the way, in most cases; otherwise it is
// counted when asked for.
func (s *Sampling) Histogram(name string, d Distribution) (bins []int, logBins bool, ok bool) {
	slot, ok := s.model.index[name]
	if !ok {
		return nil, false, false
	}
	if b, ok := s.bins[slot]; ok && b.lo == d.P5 && b.hi == d.P95 {
		return slices.Clone(b.counts), b.log, true
	}
	bins, logBins = histogram(s.column(slot), d.P5, d.P95)
	return bins, logBins, true
}

// Names returns the inputs and then the outputs, in file order: the
// columns of an export of the samples.
func (s *Sampling) Names() []string { return append(s.model.InputNames(), s.model.OutputNames()...) }

// FailedShare is the share of the samples that leave some output
// undefined.
func (s *Sampling) FailedShare() float64 { return float64(s.Failed) / float64(s.Samples) }

// A Probability is the share of all the samples in which a condition
// holds, and the share in which it is undefined: it reads a value that
// is undefined there, or a step of it fails.
type Probability struct {
	Holds, Undefined float64
}

// Probability returns the share of the samples in which the condition
// holds ("peak_qps > 50K/s"), counted over every sample: one in which it
// is undefined counts as not holding, and Undefined counts those.
func (s *Sampling) Probability(cond string) (_ Probability, err error) {
	defer guard(&err, "")
	m := s.model
	sc := m.scope(&outputResolver{m: m})
	f, es := compileFormula(cond, sc)
	if es != nil {
		return Probability{}, es.inFormula("", 1, 1, "", cond)
	}
	if !f.root.boolean {
		return Probability{}, &Error{Msg: fmt.Sprintf("%s is not a condition; write a comparison such as peak_qps > 50K/s", cond)}
	}
	// The condition reads a few slots: fill those alone, sample by
	// sample, from their columns or the values every sample shares.
	slots := m.Slots()
	var read []int
	var cols [][]float64
	s.mu.Lock() // column may be making one
	var walk func(n *node)
	walk = func(n *node) {
		if n.op == "ref" && !slices.Contains(read, n.slot) && s.columns[n.slot] != nil {
			read, cols = append(read, n.slot), append(cols, s.columns[n.slot])
		}
		for _, a := range n.args {
			walk(a)
		}
	}
	walk(f.root)
	s.mu.Unlock()
	holds, undefined := 0, 0
	for j := range s.Samples {
		for k, slot := range read {
			slots[slot] = cols[k][j]
		}
		switch v, at, _ := s.batch.probe(f.root, slots); {
		case at != nil:
			undefined++
		case v != 0:
			holds++
		}
	}
	n := float64(s.Samples)
	return Probability{Holds: float64(holds) / n, Undefined: float64(undefined) / n}, nil
}
