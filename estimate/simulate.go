package estimate

import (
	"cmp"
	"fmt"
	"math"
	"slices"
)

// Monte Carlo: a scenario with any uncertain input is sampled on the
// batch evaluator. Each uncertain input is drawn, sample by sample, from
// its ranges; inputs without ranges stay exact constants; every output is
// computed over the columns, and summarised by its mean, its standard
// deviation and five percentiles. The exact path gives the working: the
// scenario evaluated with every range at its median.

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
type Sampling struct {
	Samples  int
	Seed     uint64
	Failed   int       // samples in which some output failed
	Failures []Failure // the first failures, with their inputs
	model    *Model
	columns  [][]float64 // by slot; each one value per sample
	varies   []bool      // by slot: uncertain
	medians  []Override  // the uncertain inputs at their medians
	quantile []func(p float64) float64
	bins     map[int]histogramBins // by slot: the histograms the summaries counted
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
// Explain shows. Expectations on an uncertain output check its median,
// or the percentile they name. A model without ranges is evaluated as
// Evaluate does.
func (m *Model) Simulate(opt SampleOptions, overrides ...Override) (_ *Result, err error) {
	defer guard(&err, m.fileName())
	point, err := m.Evaluate(overrides...)
	if err != nil || !m.Uncertain(overrides...) {
		return point, err
	}
	n := opt.samples()
	s := &Sampling{Samples: n, Seed: opt.seed(), model: m,
		columns: make([][]float64, len(m.inputs)+len(m.outputs)), varies: make([]bool, len(m.inputs)+len(m.outputs)),
		quantile: make([]func(float64) float64, len(m.inputs))}
	set := map[int]Override{}
	for _, o := range overrides {
		if slot, ok := m.index[o.Name]; ok {
			set[slot] = o
		}
	}
	b, err := m.Batch()
	if err != nil {
		return nil, err
	}
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
			s.varies[i] = true
			s.quantile[i] = columnQuantile(u, col)
		}
		s.columns[i] = col
		if err := w.SetInput(i, col); err != nil {
			return nil, err
		}
	}
	first := len(m.inputs)
	for _, i := range m.order {
		slot := first + i
		s.varies[slot] = slices.ContainsFunc(m.outputs[i].deps, func(d int) bool { return s.varies[d] })
		s.columns[slot] = c.column()
		if err := w.SetOutput(slot, s.columns[slot]); err != nil {
			return nil, err
		}
	}
	fails, err := w.Eval(n)
	if err != nil {
		return nil, err
	}
	bad := map[int]bool{}
	for _, f := range fails {
		if !bad[f.Sample] && len(s.Failures) < maxFailures {
			s.Failures = append(s.Failures, f)
		}
		bad[f.Sample] = true
	}
	s.Failed = len(bad)
	// Failed samples are left out of every figure, and counted.
	for sample := range bad {
		for slot := first; slot < len(s.columns); slot++ {
			s.columns[slot][sample] = math.NaN()
		}
	}
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
			d = s.summarise(z, i, r.inputs[i].Value.Dim)
		}
		r.inputs[i].Distribution = &d
	}
	for i := range r.outputs {
		if s.varies[first+i] {
			d := s.summarise(z, first+i, r.outputs[i].Value.Dim)
			r.outputs[i].Distribution = &d
			r.outputs[i].Value.Value = d.P50
		}
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
		got := d.stat(e.Stat)
		r.expect[k] = checkExpectation(e, exact{r: decimalOf(got), approx: true})
		r.expect[k].Stat = e.Stat
	}
	return r, nil
}

// summarise summarises the samples of a slot, keeping the histogram that
// comes with it for Histogram.
func (s *Sampling) summarise(z *summariser, slot int, dim Dimension) Distribution {
	d, sum := z.summariseDistribution(s.columns[slot], dim, s.Seed, true)
	if sum.bins != nil {
		if s.bins == nil {
			s.bins = map[int]histogramBins{}
		}
		s.bins[slot] = histogramBins{lo: sum.q[0], hi: sum.q[len(sum.q)-1], counts: sum.bins, log: sum.logBins}
	}
	return d
}

// columnQuantile returns the p-quantiles of an uncertain input: exact
// for one range, from its samples for an expression of several.
func columnQuantile(u *uncertain, col []float64) func(float64) float64 {
	if _, ok := u.quantile(0.5); ok {
		return func(p float64) float64 { q, _ := u.quantile(p); return q }
	}
	sorted := slices.Clone(col)
	slices.Sort(sorted)
	return func(p float64) float64 {
		return sorted[min(int(p*float64(len(sorted)-1)+0.5), len(sorted)-1)]
	}
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
// units, or false; failed samples are NaN. The caller must not change
// them: a SampleCache may hand an input's samples to the next run.
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
	if s.columns[slot] == nil {
		col := make([]float64, s.Samples)
		fill(col, s.model.inputs[slot].value.Value)
		s.columns[slot] = col
	}
	return s.columns[slot]
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

// FailedShare is the share of the samples that failed.
func (s *Sampling) FailedShare() float64 { return float64(s.Failed) / float64(s.Samples) }

// Probability returns the share of the samples, failed ones left out, in
// which the condition holds: "peak_qps > 50K/s".
func (s *Sampling) Probability(cond string) (_ float64, err error) {
	defer guard(&err, "")
	m := s.model
	sc := m.scope(&outputResolver{m: m})
	f, es := compileFormula(cond, sc)
	if es != nil {
		return 0, es.inFormula("", 1, 1, "", cond)
	}
	if !f.root.boolean {
		return 0, &Error{Msg: fmt.Sprintf("%s is not a condition; write a comparison such as peak_qps > 50K/s", cond)}
	}
	slots := make([]float64, len(s.columns))
	for i := range s.columns {
		s.column(i)
	}
	hits, total := 0, 0
	for j := range s.Samples {
		ok := true
		for i, col := range s.columns {
			slots[i] = col[j]
			if !isFinite(col[j]) {
				ok = false
			}
		}
		if !ok {
			continue
		}
		total++
		if f.root.eval(slots) != 0 {
			hits++
		}
	}
	if total == 0 {
		return 0, &Error{Msg: "every sample failed"}
	}
	return float64(hits) / float64(total), nil
}

// An Influence is what one uncertain input does to an output: the
// output with the input at its 5th and at its 95th percentile, every
// other input at its median (on the exact path), and the rank
// correlation of the samples (Spearman's ρ).
type Influence struct {
	Input     string
	Low, High Quantity // the output with the input at p5 and at p95
	Swing     float64  // |High − Low|, in base units
	Spearman  float64
}

// Sensitivity ranks the uncertain inputs by their influence on the
// named output, largest swing first: the guess to pin down first.
func (s *Sampling) Sensitivity(output string) (_ []Influence, err error) {
	defer guard(&err, "")
	m := s.model
	slot, ok := m.index[output]
	if !ok || slot < len(m.inputs) {
		return nil, &Error{Msg: fmt.Sprintf("no output named %q", output)}
	}
	var out []Influence
	ranked := ranks(s.columns[slot])
	for i, in := range m.inputs {
		if !s.varies[i] {
			continue
		}
		inf := Influence{Input: in.Name}
		for k, p := range []float64{0.05, 0.95} {
			o, err := m.Set(in.Name, Quantity{Value: s.quantile[i](p), Dim: in.value.Dim})
			if err != nil {
				return nil, err
			}
			r, err := m.Evaluate(s.atMedians(i, o)...)
			if err != nil {
				return nil, err
			}
			q := r.outputs[slot-len(m.inputs)].Value
			if k == 0 {
				inf.Low = q
			} else {
				inf.High = q
			}
		}
		inf.Swing = math.Abs(inf.High.Value - inf.Low.Value)
		inf.Spearman = pearson(ranks(s.columns[i]), ranked)
		out = append(out, inf)
	}
	slices.SortStableFunc(out, func(a, b Influence) int { return cmp.Compare(b.Swing, a.Swing) })
	return out, nil
}

// atMedians returns overrides that set every uncertain input but the
// one in slot skip at its median, and o.
func (s *Sampling) atMedians(skip int, o Override) []Override {
	m := s.model
	ovs := []Override{o}
	for i, in := range m.inputs {
		if s.varies[i] && i != skip {
			med, err := m.Set(in.Name, Quantity{Value: s.quantile[i](0.5), Dim: in.value.Dim})
			if err == nil {
				ovs = append(ovs, med)
			}
		}
	}
	return ovs
}

// ranks returns the rank of each value (ties share their mean rank);
// NaN, a failed sample, ranks last.
func ranks(col []float64) []float64 {
	idx := make([]int, len(col))
	for i := range idx {
		idx[i] = i
	}
	key := func(i int) float64 {
		if math.IsNaN(col[i]) {
			return math.Inf(1)
		}
		return col[i]
	}
	slices.SortFunc(idx, func(a, b int) int { return cmp.Compare(key(a), key(b)) })
	r := make([]float64, len(col))
	for i := 0; i < len(idx); {
		j := i
		for j+1 < len(idx) && key(idx[j+1]) == key(idx[i]) {
			j++
		}
		mean := float64(i+j)/2 + 1
		for k := i; k <= j; k++ {
			r[idx[k]] = mean
		}
		i = j + 1
	}
	return r
}

// pearson is the correlation of x and y.
func pearson(x, y []float64) float64 {
	n := float64(len(x))
	var sx, sy float64
	for i := range x {
		sx += x[i]
		sy += y[i]
	}
	mx, my := sx/n, sy/n
	var cov, vx, vy float64
	for i := range x {
		dx, dy := x[i]-mx, y[i]-my
		cov += dx * dy
		vx += dx * dx
		vy += dy * dy
	}
	if vx == 0 || vy == 0 {
		return 0
	}
	return cov / math.Sqrt(vx*vy)
}
