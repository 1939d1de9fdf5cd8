package estimate

import (
	"fmt"
	"math"
	"math/big"
	"slices"
	"strings"
)

// Sweeps: how the outputs move as one or two inputs vary.
//
// A sweep is a set of points, each a value of every input swept, and the
// outputs at each point. The points are evaluated at once by the batch
// evaluator (see Batch), so a thousand points cost about as much as a
// few exact evaluations; its values are those of Model.Eval, which
// display as those of the exact path do (a test holds every point of the
// presets' sweeps to that).
//
// Uncertain inputs: when other inputs of the model are ranges, Sample
// evaluates every point over many samples (Model.Simulate), and the
// SweepResult then carries, beside each value (the median), the point's
// Distribution, shown as its median and 90% interval.

// A Spacing says how a range of values is split into points.
type Spacing int

const (
	// SpacingAuto is logarithmic when the range spans LogSpan or more
	// (and does not cross zero), linear otherwise.
	SpacingAuto Spacing = iota
	SpacingLinear
	SpacingLog
)

// LogSpan is the ratio of a range's ends from which SpacingAuto spaces
// its points logarithmically: 1M..100M is 1M, 10M, 100M, while 1M..10M
// is 1M, 2M, 3M and so on.
const LogSpan = 100

// DefaultSteps is the number of points a range is split into by default.
const DefaultSteps = 10

// MaxSweepPoints bounds the points of a sweep, all ranges together, so
// that a command line cannot ask for more memory than a machine has.
const MaxSweepPoints = 1_000_000

// A Range is the values one input takes in a sweep, in order.
type Range struct {
	Name   string
	Values []Quantity
	// Log is set when the values are spaced logarithmically, so that a
	// chart of them reads best on a log axis.
	Log bool
}

// Points splits the range from..to into n points, ends included, spaced
// as sp says; it reports whether they are spaced logarithmically. A
// logarithmic step that is a whole ratio (10×, 2×) is taken exactly, so
// that 10M/day..1bn/day in 3 points is 10M, 100M and 1bn a day to the
// last digit, and a linear step is exact in decimal.
func Points(from, to Quantity, n int, sp Spacing) (_ []Quantity, log bool, err error) {
	defer guard(&err, "")
	switch {
	case from.Dim != to.Dim:
		return nil, false, &Error{Msg: fmt.Sprintf("the range goes from %s to %s", from.Dim.Describe(), to.Dim.Describe())}
	case !isFinite(from.Value) || !isFinite(to.Value):
		return nil, false, &Error{Msg: "the ends of the range must be finite"}
	case n < 2 || n > MaxSweepPoints:
		return nil, false, &Error{Msg: fmt.Sprintf("a range needs 2 to %d steps, not %d", MaxSweepPoints, n)}
	}
	sameSign := from.Value*to.Value > 0
	switch sp {
	case SpacingLog:
		if !sameSign {
			return nil, false, &Error{Msg: fmt.Sprintf("a logarithmic range cannot reach or cross zero (%s..%s)", Format(from, DisplayOptions{}), Format(to, DisplayOptions{}))}
		}
		log = true
	case SpacingAuto:
		r := to.Value / from.Value
		log = sameSign && (r >= LogSpan || r <= 1.0/LogSpan)
	}
	a, b := decimalOf(from.Value), decimalOf(to.Value)
	out := make([]Quantity, n)
	if !log {
		step := new(big.Rat).Sub(b, a)
		step.Quo(step, big.NewRat(int64(n-1), 1))
		for i := range out {
			x := new(big.Rat).Mul(step, big.NewRat(int64(i), 1))
			v, _ := x.Add(x, a).Float64()
			out[i] = Quantity{v, from.Dim}
		}
		return out, false, nil
	}
	ratio := new(big.Rat).Quo(b, a)
	if k, ok := wholeRoot(ratio, n-1); ok {
		x := new(big.Rat).Set(a)
		for i := range out {
			v, _ := x.Float64()
			out[i] = Quantity{v, from.Dim}
			x.Mul(x, k)
		}
		return out, true, nil
	}
	la, lb := math.Log(from.Value/math.Copysign(1, from.Value)), math.Log(to.Value/math.Copysign(1, to.Value))
	for i := range out {
		t := float64(i) / float64(n-1)
		out[i] = Quantity{math.Copysign(math.Exp(la+(lb-la)*t), from.Value), from.Dim}
	}
	out[0], out[n-1] = from, to
	return out, true, nil
}

// wholeRoot returns k, a whole number or its inverse, when k^n is r
// exactly.
func wholeRoot(r *big.Rat, n int) (*big.Rat, bool) {
	f, _ := r.Float64()
	inv := f < 1
	if inv {
		f = 1 / f
	}
	k := math.Round(math.Pow(f, 1/float64(n)))
	if k < 2 || k > 1e6 {
		return nil, false
	}
	kr := big.NewRat(int64(k), 1)
	if inv {
		kr.Inv(kr)
	}
	p := new(big.Rat).SetInt64(1)
	for range n {
		p.Mul(p, kr)
	}
	return kr, p.Cmp(r) == 0
}

// ParseRange reads the values of the named input for a sweep: FROM..TO,
// split into steps points spaced as sp says, or a list a,b,c. Each value
// is a constant expression of the input's dimension, read as Calc reads
// one under the model's conventions: "10M/day..1bn/day",
// "1year..10years", "2,3,5". A range ("1M to 2M") is no single value and
// is refused where it stands. Errors carry the input's name as their
// path and columns in text.
func (m *Model) ParseRange(name, text string, steps int, sp Spacing) (Range, error) {
	return m.parseRange(name, text, 0, steps, sp)
}

// parseRange is ParseRange of src[start:], placing errors in src.
func (m *Model) parseRange(name, src string, start, steps int, sp Spacing) (_ Range, err error) {
	defer guard(&err, "")
	slot, err := m.inputSlot(name, "only inputs can vary")
	if err != nil {
		return Range{}, err
	}
	dim := m.inputs[slot].value.Dim
	var vs []Quantity
	var es offsetErrors
	value := func(from, to int, what string) {
		x, bad := constantIn(src, from, to, m.conventions, dim, what, name)
		if bad != nil {
			es = append(es, bad...)
			x.r = new(big.Rat) // a stand-in, so that every value is checked
		}
		vs = append(vs, quantityOf(x, dim))
	}
	text := src[start:]
	if i := strings.Index(text, ".."); i >= 0 {
		value(start, start+i, "the start of a range to vary")
		value(start+i+2, len(src), "the end of a range to vary")
		if es != nil {
			return Range{}, located(es, name, src)
		}
		vs, log, err := Points(vs[0], vs[1], steps, sp)
		if err != nil {
			e := err.(*Error)
			e.Path = name
			return Range{}, e
		}
		return Range{Name: name, Values: vs, Log: log}, nil
	}
	// The values are split at the commas outside parentheses, which
	// separate a function's arguments: 1M,max(2M, 3M).
	depth, from := 0, start
	for i := start; i <= len(src); i++ {
		switch {
		case i < len(src) && src[i] == '(':
			depth++
		case i < len(src) && src[i] == ')':
			depth--
		case i == len(src) || src[i] == ',' && depth == 0:
			value(from, i, "a value to vary")
			from = i + 1
			if len(vs) > MaxSweepPoints {
				return Range{}, &Error{Path: name, Msg: fmt.Sprintf("more than %d values", MaxSweepPoints)}
			}
		}
	}
	if es != nil {
		return Range{}, located(es, name, src)
	}
	return Range{Name: name, Values: vs, Log: sp == SpacingLog || sp == SpacingAuto && spansLog(vs)}, nil
}

// spansLog reports whether a list of values reads best on a log axis:
// all of one sign, spanning LogSpan or more.
func spansLog(vs []Quantity) bool {
	lo, hi := math.Inf(1), 0.0
	for _, q := range vs {
		if q.Value*vs[0].Value <= 0 {
			return false
		}
		a := math.Abs(q.Value)
		lo, hi = min(lo, a), max(hi, a)
	}
	return hi >= lo*LogSpan
}

// ParseVary reads "name=FROM..TO" or "name=a,b,c", as --vary takes it;
// see ParseRange. Errors carry columns in arg.
func (m *Model) ParseVary(arg string, steps int, sp Spacing) (Range, error) {
	name, _, ok := strings.Cut(arg, "=")
	if !ok {
		return Range{}, &Error{Msg: fmt.Sprintf("%q: want name=FROM..TO or name=a,b,c", arg)}
	}
	return m.parseRange(strings.TrimSpace(name), arg, len(name)+1, steps, sp)
}

// A SweepResult holds the outputs of a model at every point of a sweep.
// With one range, point p is its p'th value; with two, point p is value
// p / len(second) of the first and p % len(second) of the second: the
// first range varies slowest, as the rows of a table.
type SweepResult struct {
	Ranges  []Range
	Outputs []string    // the outputs swept, by name
	Dims    []Dimension // the dimension of each output
	// Units are the display units the scenario gives the outputs, or nil.
	Units []*DisplayUnit
	// Failures are the points where an output could not be evaluated;
	// a Failure's Sample is the point.
	Failures []Failure

	values [][]float64       // by output, then point, in base units
	exact  [][]*big.Rat      // by output, then point, once confirmed
	approx [][]bool          // by output, then point: the exact path went through a float function
	dists  [][]*Distribution // by output, then point, once sampled
}

// MaxSweepSamples is the budget of a sweep of a model with ranges: its
// points times the samples of each, all of which it draws and evaluates.
// At the budget a sweep costs about what a run of MaxSamples does, a few
// seconds for a model of thirty outputs; 100 points of the default
// 100,000 samples fit.
const MaxSweepSamples = 10_000_000

// Sample evaluates every point of a sweep of a model with ranges by
// Monte Carlo (Model.Simulate with the point's values set), so that each
// value is the point's median and Distribution gives its spread. A model
// without ranges is left as it is; a point that fails becomes a Failure.
// A sweep of more than MaxSweepSamples points times samples is an error
// that says how many samples would fit.
func (s *SweepResult) Sample(m *Model, opt SampleOptions, overrides ...Override) (err error) {
	defer guard(&err, m.fileName())
	if !m.Uncertain(overrides...) {
		return nil
	}
	n := s.Len()
	if samples := opt.samples(); n*samples > MaxSweepSamples {
		return &Error{Msg: fmt.Sprintf("a sweep with ranges samples each of its points: %d points of %d samples each is more than the %d samples a sweep may draw; take fewer points, or at most %d samples", n, samples, MaxSweepSamples, max(MaxSweepSamples/n, 1))}
	}
	if opt.Cache == nil {
		// The points share every draw but the swept inputs', which are
		// constants: the cache draws them once.
		opt.Cache = new(SampleCache)
	}
	opt.only = map[int]bool{} // the outputs swept alone are summarised
	for _, name := range s.Outputs {
		opt.only[m.index[name]] = true
	}
	s.dists = make([][]*Distribution, len(s.Outputs))
	for o := range s.Outputs {
		s.dists[o] = make([]*Distribution, n)
	}
	s.exact = nil
	ovs := append([]Override(nil), overrides...)
	base := len(ovs)
	for p := range n {
		ovs, err = s.pointOverrides(m, p, ovs[:base])
		if err != nil {
			return err
		}
		r, err := m.Simulate(opt, ovs...)
		if err != nil {
			s.Failures = append(s.Failures, Failure{Sample: p, Reason: singleLine(err.Error())})
			continue
		}
		for o, name := range s.Outputs {
			v, _ := r.Output(name)
			s.values[o][p] = v.Value.Value
			s.dists[o][p] = v.Distribution
		}
	}
	return nil
}

// pointOverrides appends to ovs the overrides that set the swept inputs
// to their values at point p, for an evaluation of the point on its own.
func (s *SweepResult) pointOverrides(m *Model, p int, ovs []Override) ([]Override, error) {
	for i, q := range s.Inputs(p) {
		ov, err := m.Set(s.Ranges[i].Name, q)
		if err != nil {
			return nil, err
		}
		ovs = append(ovs, ov)
	}
	return ovs, nil
}

// Distribution returns the distribution of output out at point p of a
// sampled sweep, or nil.
func (s *SweepResult) Distribution(out, p int) *Distribution {
	if s.dists == nil {
		return nil
	}
	return s.dists[out][p]
}

// Len returns the number of points.
func (s *SweepResult) Len() int {
	if len(s.values) == 0 {
		return 0
	}
	return len(s.values[0])
}

// Point returns the index into each range of point p.
func (s *SweepResult) Point(p int) []int {
	idx := make([]int, len(s.Ranges))
	for i := len(s.Ranges) - 1; i >= 0; i-- {
		n := len(s.Ranges[i].Values)
		idx[i] = p % n
		p /= n
	}
	return idx
}

// Inputs returns the value of each range at point p.
func (s *SweepResult) Inputs(p int) []Quantity {
	var qs []Quantity
	for i, j := range s.Point(p) {
		qs = append(qs, s.Ranges[i].Values[j])
	}
	return qs
}

// Value returns output out (an index into Outputs) at point p.
func (s *SweepResult) Value(out, p int) Quantity {
	return Quantity{s.values[out][p], s.Dims[out]}
}

// Column returns output out at every point.
func (s *SweepResult) Column(out int) []Quantity {
	qs := make([]Quantity, len(s.values[out]))
	for p, v := range s.values[out] {
		qs[p] = Quantity{v, s.Dims[out]}
	}
	return qs
}

// Confirm evaluates every point again on the exact path (Model.Evaluate
// with the point's values set by Model.Set and the overrides the sweep
// had), and keeps its values for display. The batch evaluator's float64
// values agree with the exact ones to a few units in the last place, but
// not at the edge of a step function: where ceil(x) meets a whole x
// exactly, float64 rounding can make it one more (or one less), and a
// cost that counts servers changes with it. Confirm costs one exact
// evaluation per point; a table a person reads is worth it, a chart of a
// thousand points is not. A point the exact path refuses becomes a
// Failure.
func (s *SweepResult) Confirm(m *Model, overrides ...Override) (err error) {
	defer guard(&err, m.fileName())
	n := s.Len()
	s.exact = make([][]*big.Rat, len(s.Outputs))
	s.approx = make([][]bool, len(s.Outputs))
	for o := range s.Outputs {
		s.exact[o] = make([]*big.Rat, n)
		s.approx[o] = make([]bool, n)
	}
	slots := make([]int, len(s.Outputs))
	for o, name := range s.Outputs {
		slots[o] = m.index[name] - len(m.inputs)
	}
	ovs := append([]Override(nil), overrides...)
	base := len(ovs)
	for p := range n {
		if _, failed := s.Failed(p); failed {
			continue
		}
		ovs, err = s.pointOverrides(m, p, ovs[:base])
		if err != nil {
			return err
		}
		r, err := m.Evaluate(ovs...)
		if err != nil {
			msg := err.Error()
			if all := Errors(err); len(all) > 0 {
				if e, ok := all[0].(*Error); ok {
					msg = e.Msg
				}
			}
			s.Failures = append(s.Failures, Failure{Sample: p, Reason: msg})
			continue
		}
		for o, i := range slots {
			v := r.outputs[i]
			s.exact[o][p], s.approx[o][p] = v.rat, !v.Exact
			s.values[o][p] = v.Value.Value
		}
	}
	return nil
}

// Format shows output out at point p in the unit u (see ColumnUnit), or
// in its best unit when u is nil: from the exact value once the sweep is
// confirmed, marked ≈ where that went through a float function.
func (s *SweepResult) Format(out, p int, u *DisplayUnit, o DisplayOptions) string {
	q := s.Value(out, p)
	if d := s.Distribution(out, p); d != nil {
		return FormatDistribution(*d, u, o)
	}
	if s.exact == nil || s.exact[out][p] == nil {
		return FormatIn(q, u, o)
	}
	return formatValue(q, s.exact[out][p], !s.approx[out][p], u, o)
}

// Failed returns the failure at point p, if the point failed.
func (s *SweepResult) Failed(p int) (Failure, bool) {
	for _, f := range s.Failures {
		if f.Sample == p {
			return f, true
		}
	}
	return Failure{}, false
}

// Sweep evaluates the named outputs (all, when none are named) at every
// point of one range or the grid of two, with the overrides applied to
// the inputs that do not vary, through the batch evaluator. A point
// where an output is not finite is a Failure, not an error.
func (m *Model) Sweep(ranges []Range, outputs []string, overrides ...Override) (_ *SweepResult, err error) {
	defer guard(&err, m.fileName())
	if len(ranges) == 0 {
		return nil, &Error{Msg: "a sweep needs an input to vary"}
	}
	if len(outputs) == 0 {
		outputs = m.OutputNames()
	}
	n := 1
	seen := map[string]bool{}
	for _, r := range ranges {
		slot, ok := m.index[r.Name]
		switch {
		case !ok || slot >= len(m.inputs):
			return nil, &Error{Path: r.Name, Msg: fmt.Sprintf("unknown input %q", r.Name)}
		case seen[r.Name]:
			return nil, &Error{Path: r.Name, Msg: fmt.Sprintf("%s varies twice", r.Name)}
		case len(r.Values) == 0:
			return nil, &Error{Path: r.Name, Msg: fmt.Sprintf("%s has no values to take", r.Name)}
		}
		for _, q := range r.Values {
			if q.Dim != m.inputs[slot].value.Dim || !isFinite(q.Value) {
				return nil, &Error{Path: r.Name, Msg: fmt.Sprintf("%s is %s, but %s needs %s", Format(q, DisplayOptions{}), q.Dim.Describe(), r.Name, m.inputs[slot].value.Dim.Describe())}
			}
		}
		seen[r.Name] = true
		n *= len(r.Values)
		if n > MaxSweepPoints {
			return nil, &Error{Msg: fmt.Sprintf("a sweep of more than %d points", MaxSweepPoints)}
		}
	}
	b, err := m.Batch()
	if err != nil {
		return nil, err
	}
	w := b.NewWork()
	res := &SweepResult{Ranges: ranges, Outputs: outputs}
	stride := n
	for _, r := range ranges {
		slot := m.index[r.Name]
		stride /= len(r.Values)
		col := make([]float64, n)
		for p := range col {
			col[p] = r.Values[(p/stride)%len(r.Values)].Value
		}
		if err := w.SetInput(slot, col); err != nil {
			return nil, err
		}
	}
	for _, o := range overrides {
		if seen[o.Name] {
			return nil, &Error{Path: o.Name, Msg: fmt.Sprintf("%s is both set and varied", o.Name)}
		}
		checked, err := m.Set(o.Name, o.Value) // a range stands at its median; Sample samples it
		if err != nil {
			return nil, err
		}
		col := make([]float64, n)
		fill(col, checked.Value.Value)
		if err := w.SetInput(checked.slot, col); err != nil {
			return nil, err
		}
	}
	for i, name := range outputs {
		if slices.Contains(outputs[:i], name) {
			return nil, &Error{Path: name, Msg: fmt.Sprintf("%s is named twice", name)}
		}
		slot, ok := m.index[name]
		if !ok || slot < len(m.inputs) {
			msg := fmt.Sprintf("no output named %q", name)
			if s := suggest(name, m.OutputNames()); s != "" {
				msg += fmt.Sprintf("; did you mean %q?", s)
			}
			return nil, &Error{Path: name, Msg: msg}
		}
		col := make([]float64, n)
		if err := w.SetOutput(slot, col); err != nil {
			return nil, err
		}
		out := m.outputs[slot-len(m.inputs)]
		res.values = append(res.values, col)
		res.Dims = append(res.Dims, out.f.root.dim)
		res.Units = append(res.Units, out.unit)
	}
	fails, err := w.Eval(n)
	if err != nil {
		return nil, err
	}
	res.Failures = append([]Failure(nil), fails...)
	return res, nil
}
