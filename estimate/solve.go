package estimate

import (
	"fmt"
	"math"
	"math/big"
	"slices"
	"strings"
)

// Goal seeking: the value of one input at which an output reaches a
// value. Solve works on the exact path: it scans the range on a grid
// for the places where the condition changes (looking only at the ends
// would call x² = 16 never met in -10..10), then bisects one of them to
// full precision, every step a Model.Evaluate with the input set by
// Model.Set, so the answer is exact where the formulas are.
//
// The search runs over a set of candidate values in order: every float64
// between the bounds (bisection over their bit patterns, which order as
// the values do, so it ends in at most 64 steps with two neighbouring
// floats), or, with a step, every multiple of it (a whole number of
// users). Step functions such as ceil are what make the step matter:
// servers = 100 holds over a range of users, and Solve reports its edge,
// the largest number of users that 100 servers still carry.

// A Condition is what Solve seeks: an output compared with a value, as
// in "servers = 100" or "storage <= 1 PB".
type Condition struct {
	Output string
	Op     string // "=", "<=" or ">="
	Value  Quantity
	Text   string // the value as written

	rat *big.Rat // Value exactly
}

// String writes the condition as it reads: "servers = 100".
func (c Condition) String() string { return c.Output + " " + c.Op + " " + c.Text }

// ParseCondition reads "OUTPUT = VALUE", "OUTPUT <= VALUE" or
// "OUTPUT >= VALUE" (== is =): an output of m and a constant expression
// of its dimension, which the formula parser reads under the model's
// conventions. The value is a single one: a range in it is an error, as
// a solution cannot meet many values at once. Errors carry columns in
// text.
func (m *Model) ParseCondition(text string) (_ Condition, err error) {
	defer guard(&err, "")
	i := strings.IndexAny(text, "<>=")
	if i < 0 {
		return Condition{}, &Error{Msg: fmt.Sprintf("%q: want OUTPUT = VALUE, OUTPUT <= VALUE or OUTPUT >= VALUE", text)}
	}
	name, rest := strings.TrimSpace(text[:i]), text[i:]
	var op string
	for _, o := range []string{"<=", ">=", "==", "="} {
		if strings.HasPrefix(rest, o) {
			op = o
			break
		}
	}
	if op == "" {
		return Condition{}, &Error{Msg: fmt.Sprintf("%q: the comparison must be =, <= or >= (a bound that holds or not, never a strict one)", text)}
	}
	valueText := strings.TrimSpace(rest[len(op):])
	if op == "==" {
		op = "="
	}
	slot, ok := m.index[name]
	if !ok || slot < len(m.inputs) {
		msg := fmt.Sprintf("no output named %q", name)
		if s := suggest(name, m.OutputNames()); s != "" {
			msg += fmt.Sprintf("; did you mean %q?", s)
		}
		return Condition{}, &Error{Path: name, Msg: msg}
	}
	dim := m.outputs[slot-len(m.inputs)].f.root.dim
	x, es := constantIn(text, i+len(op), len(text), m.conventions, dim, "the value of a condition", name)
	if es != nil {
		return Condition{}, located(es, name, text)
	}
	return Condition{Output: name, Op: op, Value: quantityOf(x, dim), Text: valueText, rat: x.r}, nil
}

// ParseBounds reads the range of the named input to search, FROM..TO:
// two single values of the input's dimension, as ParseRange reads them.
// Errors carry the input's name as their path and columns in text.
func (m *Model) ParseBounds(input, text string) (from, to Quantity, err error) {
	defer guard(&err, "")
	slot, err := m.inputSlot(input, "solve for an input")
	if err != nil {
		return Quantity{}, Quantity{}, err
	}
	dim := m.inputs[slot].value.Dim
	i := strings.Index(text, "..")
	if i < 0 {
		return Quantity{}, Quantity{}, &Error{Path: input, Msg: fmt.Sprintf("%q: want FROM..TO", text)}
	}
	a, es := constantIn(text, 0, i, m.conventions, dim, "the start of the search", input)
	b, es2 := constantIn(text, i+2, len(text), m.conventions, dim, "the end of the search", input)
	if es = append(es, es2...); es != nil {
		return Quantity{}, Quantity{}, located(es, input, text)
	}
	return quantityOf(a, dim), quantityOf(b, dim), nil
}

// ParseStep reads the step of a search for the named input: a single
// value of its dimension, above zero. Errors carry the input's name as
// their path and columns in text.
func (m *Model) ParseStep(input, text string) (_ float64, err error) {
	defer guard(&err, "")
	slot, err := m.inputSlot(input, "solve for an input")
	if err != nil {
		return 0, err
	}
	dim := m.inputs[slot].value.Dim
	x, es := constantIn(text, 0, len(text), m.conventions, dim, "the step", input)
	if es != nil {
		return 0, located(es, input, text)
	}
	// A step too small for a float64 would be none at all: 0 means
	// every float64 to Solve.
	if step := quantityOf(x, dim).Value; step > 0 {
		return step, nil
	}
	return 0, &Error{Path: input, Msg: fmt.Sprintf("the step must be above zero, not %s", strings.TrimSpace(text))}
}

// SolveOptions bound and refine a search.
type SolveOptions struct {
	// From and To bound the search, in the input's dimension. When both
	// are zero, the search starts from DefaultSolveSpan below and above
	// the input's value and widens by that factor, up to three times,
	// until the condition changes between the bounds.
	From, To Quantity
	// Step makes the candidates the multiples of Step (in base units)
	// instead of every float64; zero means DefaultStep's choice.
	Step float64
	// Overrides apply to the other inputs.
	Overrides []Override
	// Last picks the last place where the condition changes, when it
	// changes at several between the bounds; Solve picks the first
	// otherwise.
	Last bool
}

// SolveGrid is the number of evenly spaced points at which Solve looks
// for the condition to change before it bisects; a range of one sign
// that spans LogSpan or more gets as many again, spaced
// logarithmically, so that neither end of it is scanned coarsely. A
// range of fewer candidates than that is scanned at every one.
const SolveGrid = 1001

// DefaultSolveSpan is how far below and above an input's value Solve
// looks first: from a thousandth of the value to a thousand times it.
const DefaultSolveSpan = 1e3

// DefaultStep is the step Solve takes for an input when none is given:
// 1 for a count of things, a dimensionless or counted input whose value
// is a whole number of at least 1000 (users, objects), so that "the
// largest dau" is a whole number of users; 0, every float64, otherwise
// (a peak factor of 3 may well be 2.5).
func (m *Model) DefaultStep(input string) float64 {
	slot, ok := m.index[input]
	if !ok || slot >= len(m.inputs) {
		return 0
	}
	v := m.inputs[slot].value
	if d := v.Dim; d.Byte == 0 && d.Second == 0 && d.Dollar == 0 && d.Length == 0 &&
		math.Abs(v.Value) >= 1000 && v.Value == math.Trunc(v.Value) {
		return 1
	}
	return 0
}

// A Solution is the input value Solve found.
type Solution struct {
	Input     string
	Condition Condition
	// Value is the input's value at the edge of the condition: the
	// largest value that still satisfies it (Largest) or the smallest.
	Value   Quantity
	Largest bool
	// Result is the evaluation at Value.
	Result *Result
	// Output is the output at Value.
	Output Quantity
	// Next is the neighbouring candidate past the edge, where the
	// condition no longer holds, and NextOutput the output there.
	Next, NextOutput Quantity
	// Exact is set for = when the output equals the value at Value
	// exactly; otherwise the output crosses the value between Value and
	// Next, the closest two candidates.
	Exact bool
	// Low and High are, for an exact =, the inputs over which the output
	// equals the value (a step function's plateau); both are Value when
	// it is met at one point.
	Low, High Quantity
	// Step is the spacing of the candidates, 0 for every float64.
	Step float64
	// From and To are the bounds searched, after any widening.
	From, To Quantity
	// Grid is the number of points scanned between From and To, ends
	// included, before bisecting.
	Grid int
	// Crossings is the number of places on the grid where the condition
	// starts or stops holding; for =, where the output reaches the value
	// (a run of grid points equal to it) or crosses it between two grid
	// points, continuously or by a jump. Value is at the first of them,
	// or the last with SolveOptions.Last.
	Crossings int
	// Index is the solution's place among the crossings, from 0: the
	// first, or the last with SolveOptions.Last, unless the output jumps
	// over the value of an = there.
	Index int
	// Others are the other crossings, in order, each as the grid points
	// around it.
	Others []Bracket
	// Monotone is false when the output rises and falls between From and
	// To, on the grid, so that a crossing narrower than the grid's
	// spacing may have been missed.
	Monotone bool
}

// A Bracket is an interval of an input within which a condition changes.
type Bracket struct{ From, To Quantity }

// A NotMetError says that a condition does not change between the bounds
// of a search, at the ends or on the grid scanned between them: it does
// not hold there or, with Holds, always does; or, with Jump, that the
// output jumps over the value sought by =.
type NotMetError struct {
	Condition Condition
	Input     string
	From, To  Quantity
	// FromOutput and ToOutput are the output at the bounds.
	FromOutput, ToOutput Quantity
	Holds                bool
	// Grid is the number of points scanned from From to To.
	Grid int
	// Jump is set for = when the output jumps over the value: it is
	// FromOutput just below At and ToOutput at At. Crossings
	// says at how many places it crosses the value, jumping at each.
	Jump      bool
	At        Quantity // where it jumps (the first place, of several)
	Crossings int
}

func (e *NotMetError) Error() string {
	o := DisplayOptions{}
	f := func(q Quantity) string { return Format(q, o) }
	c, out := e.Condition, e.Condition.Output
	switch {
	case e.Jump && e.Crossings > 1:
		return fmt.Sprintf("%s is not met: %s crosses %s at %d places from %s = %s to %s and jumps over it at each, first from %s to %s at %s = %s",
			c, out, c.Text, e.Crossings, e.Input, f(e.From), f(e.To), f(e.FromOutput), f(e.ToOutput), e.Input, f(e.At))
	case e.Jump:
		return fmt.Sprintf("%s is not met: %s jumps from %s to %s at %s = %s", c, out, f(e.FromOutput), f(e.ToOutput), e.Input, f(e.At))
	case e.Holds:
		return fmt.Sprintf("%s holds for every %s scanned from %s to %s: at both ends (%s is %s and %s) and at every point of a grid of %d between; no edge in that range",
			c, e.Input, f(e.From), f(e.To), out, f(e.FromOutput), f(e.ToOutput), e.Grid)
	}
	return fmt.Sprintf("%s is not met for %s from %s to %s: not met at either end (%s is %s and %s), and no crossing found on a grid of %d points",
		c, e.Input, f(e.From), f(e.To), out, f(e.FromOutput), f(e.ToOutput), e.Grid)
}

// solver evaluates one output of a model at values of one input.
type solver struct {
	m     *Model
	input string
	slot  int // the input's
	dim   Dimension
	out   int // index of the output
	c     Condition
	ov    []Override
	step  float64
	// base holds the inputs' exact values, overrides applied, and need
	// the outputs that the one sought depends on, itself last, in the
	// order of evaluation: all that a point of the search computes.
	base []exact
	need []int
}

// newSolver returns a solver for output out (an index into the model's
// outputs) as input varies, the other inputs set by ov.
func (m *Model) newSolver(input string, out int, ov []Override, step float64) (*solver, error) {
	base, _, err := m.exactInputs(ov)
	if err != nil {
		return nil, err
	}
	slot := m.index[input]
	first := len(m.inputs)
	needed := make([]bool, len(m.outputs))
	var mark func(int)
	mark = func(i int) {
		if needed[i] {
			return
		}
		needed[i] = true
		for _, d := range m.outputs[i].deps {
			if d >= first {
				mark(d - first)
			}
		}
	}
	mark(out)
	var need []int
	for _, i := range m.order {
		if needed[i] {
			need = append(need, i)
		}
	}
	return &solver{m: m, input: input, slot: slot, dim: m.inputs[slot].value.Dim, out: out, ov: ov, step: step, base: base, need: need}, nil
}

// at evaluates the whole model with the input at the candidate k, for
// the Result of a solution.
func (s *solver) at(k int64) (*Result, error) {
	ov, err := s.m.Set(s.input, s.quantity(k))
	if err != nil {
		return nil, err
	}
	return s.m.Evaluate(append(s.ov[:len(s.ov):len(s.ov)], ov)...)
}

// output evaluates, exactly, the output sought with the input at the
// candidate k: only it and the outputs it depends on, as Evaluate would
// (a point of the grid or of a bisection needs no more).
func (s *solver) output(k int64) (*big.Rat, error) {
	v := s.value(k)
	if !isFinite(v) {
		return nil, &Error{Path: s.input, Msg: "the value is not finite"}
	}
	xs := slices.Clone(s.base)
	xs[s.slot] = exact{r: decimalOf(v)}
	first := len(s.m.inputs)
	for _, i := range s.need {
		out := s.m.outputs[i]
		x, e := out.f.root.exactValue(xs)
		if e != nil {
			// Say where: the search chose the point, not the user.
			msg := fmt.Sprintf("at %s = %s, %s", s.input, Format(s.quantity(k), DisplayOptions{Digits: MaxDigits}), e.msg)
			return nil, s.m.outputError(out, e.off, msg)
		}
		xs[first+i] = x
	}
	return xs[first+s.out].r, nil
}

// cmp compares the output at k with the condition's value.
func (s *solver) cmp(k int64) (int, error) {
	r, err := s.output(k)
	if err != nil {
		return 0, err
	}
	return r.Cmp(s.c.rat), nil
}

// value is the candidate k's value: a multiple of the step, or the
// float64 whose ordinal k is.
func (s *solver) value(k int64) float64 {
	if s.step > 0 {
		return float64(k) * s.step
	}
	if k < 0 {
		return -math.Float64frombits(uint64(-k))
	}
	return math.Float64frombits(uint64(k))
}

// quantity is the candidate k as a value of the input.
func (s *solver) quantity(k int64) Quantity { return Quantity{s.value(k), s.dim} }

// candidate is the candidate nearest v, rounded down (up when up is set).
func (s *solver) candidate(v float64, up bool) int64 {
	if s.step > 0 {
		// Beyond 2^53 steps a float64 no longer tells them apart.
		q := max(-1<<53, min(1<<53, v/s.step))
		if up {
			return int64(math.Ceil(q))
		}
		return int64(math.Floor(q))
	}
	u := math.Float64bits(math.Abs(v))
	if v < 0 {
		return -int64(u)
	}
	return int64(u)
}

// holds tells from a comparison of the output with the value whether
// the predicate bisected holds: the output at or below the value for =
// and <=, at or above it for >=.
func (s *solver) holds(c int) bool {
	if s.c.Op == ">=" {
		return c >= 0
	}
	return c <= 0
}

// holdsAt is holds at the candidate k.
func (s *solver) holdsAt(k int64) (bool, error) {
	c, err := s.cmp(k)
	return s.holds(c), err
}

// bisect returns neighbouring candidates a < b between lo and hi where
// pred changes, given pred(lo) != pred(hi).
func (s *solver) bisect(lo, hi int64, pred func(int64) (bool, error)) (int64, int64, error) {
	plo, err := pred(lo)
	if err != nil {
		return 0, 0, err
	}
	for hi-lo > 1 || hi-lo < 0 { // hi-lo < 0: the difference overflowed
		mid := lo>>1 + hi>>1 + (lo & hi & 1)
		p, err := pred(mid)
		if err != nil {
			return 0, 0, err
		}
		if p == plo {
			lo = mid
		} else {
			hi = mid
		}
	}
	return lo, hi, nil
}

// A gridPoint is a candidate scanned, with the output there and its
// comparison with the value sought.
type gridPoint struct {
	k   int64
	cmp int
	out *big.Rat
}

// gridCandidates returns the candidates scanned between lo and hi, in
// order, ends included: SolveGrid evenly spaced, and as many again
// spaced logarithmically when the range is of one sign and spans
// LogSpan or more; every candidate when there are no more than that.
func (s *solver) gridCandidates(lo, hi int64) ([]int64, error) {
	if hi-lo >= 0 && hi-lo < 2*SolveGrid {
		ks := make([]int64, 0, hi-lo+1)
		for k := lo; k <= hi; k++ {
			ks = append(ks, k)
		}
		return ks, nil
	}
	from, to := s.quantity(lo), s.quantity(hi)
	vs, log, err := Points(from, to, SolveGrid, SpacingAuto)
	if err != nil {
		return nil, err
	}
	if log {
		even, _, err := Points(from, to, SolveGrid, SpacingLinear)
		if err != nil {
			return nil, err
		}
		vs = append(vs, even...)
	}
	ks := make([]int64, 0, len(vs)+2)
	ks = append(ks, lo, hi)
	for _, q := range vs {
		ks = append(ks, max(lo, min(hi, s.candidate(q.Value, false))))
	}
	slices.Sort(ks)
	return slices.Compact(ks), nil
}

// scan evaluates the output at the grid's candidates between lo and hi.
func (s *solver) scan(lo, hi int64) ([]gridPoint, error) {
	ks, err := s.gridCandidates(lo, hi)
	if err != nil {
		return nil, err
	}
	pts := make([]gridPoint, len(ks))
	for i, k := range ks {
		r, err := s.output(k)
		if err != nil {
			return nil, err
		}
		pts[i] = gridPoint{k: k, cmp: r.Cmp(s.c.rat), out: r}
	}
	return pts, nil
}

// A place is where the condition changes on the grid: between grid
// points j and k = j+1, or, for =, a run of grid points j to k where the
// output equals the value (run).
type place struct {
	j, k int
	run  bool
}

// places returns the places on the grid, in order. For <= and >= they
// are the cells where the predicate changes. For =, they are the runs of
// grid points where the output equals the value, and the cells where it
// goes from below the value to above it, or back, between two grid
// points.
func (s *solver) places(pts []gridPoint) []place {
	var at []place
	for i := 0; i < len(pts); i++ {
		switch {
		case s.c.Op == "=" && pts[i].cmp == 0:
			k := i
			for k+1 < len(pts) && pts[k+1].cmp == 0 {
				k++
			}
			at = append(at, place{i, k, true})
			i = k
		case i+1 == len(pts):
		case s.c.Op == "=" && pts[i+1].cmp != 0 && pts[i+1].cmp != pts[i].cmp,
			s.c.Op != "=" && s.holds(pts[i].cmp) != s.holds(pts[i+1].cmp):
			at = append(at, place{i, i + 1, false})
		}
	}
	return at
}

// bracket is the interval of the input around a place, from the grid
// point before it to the one after.
func (s *solver) bracket(pts []gridPoint, p place) Bracket {
	if p.run {
		p.j, p.k = max(0, p.j-1), min(len(pts)-1, p.k+1)
	}
	return Bracket{s.quantity(pts[p.j].k), s.quantity(pts[p.k].k)}
}

// monotone reports whether the output moves one way over the grid.
func monotone(pts []gridPoint) bool {
	up, down := false, false
	for i := 1; i < len(pts); i++ {
		switch pts[i].out.Cmp(pts[i-1].out) {
		case 1:
			up = true
		case -1:
			down = true
		}
	}
	return !(up && down)
}

// Solve finds the value of input at which the condition's output meets
// it: for <= and >= the edge of the inputs that satisfy it, for = the
// edge of those where the output is at most the value (the largest dau
// that 100 servers carry, when servers grows with dau).
//
// It scans the range on a grid (see SolveGrid) for the places where the
// condition changes, then bisects the first of them (the last, with
// SolveOptions.Last) to neighbouring candidates; the Solution says how
// many there are, and where the others lie. For =, a place where the
// output jumps over the value does not meet it, and the next is tried.
// A condition that changes nowhere on the grid, or only by jumps over
// the value of an =, is a *NotMetError.
func (m *Model) Solve(input string, c Condition, opt SolveOptions) (_ *Solution, err error) {
	defer guard(&err, m.fileName())
	slot, err := m.inputSlot(input, "solve for an input")
	if err != nil {
		return nil, err
	}
	oslot, ok := m.index[c.Output]
	if !ok || oslot < len(m.inputs) || c.rat == nil {
		return nil, &Error{Path: c.Output, Msg: "the condition was not made by ParseCondition for this model"}
	}
	for _, o := range opt.Overrides {
		if o.Name == input {
			return nil, &Error{Path: input, Msg: fmt.Sprintf("%s is both set and solved for", input)}
		}
	}
	dim := m.inputs[slot].value.Dim
	step := opt.Step
	if step == 0 {
		step = m.DefaultStep(input)
	}
	if step < 0 || !isFinite(step) {
		return nil, &Error{Path: input, Msg: "the step must be positive"}
	}
	s, err := m.newSolver(input, oslot-len(m.inputs), opt.Overrides, step)
	if err != nil {
		return nil, err
	}
	s.c = c
	from, to := opt.From, opt.To
	widen := 0
	if from.Value == 0 && to.Value == 0 {
		v := m.inputs[slot].value.Value
		if v == 0 {
			return nil, &Error{Path: input, Msg: fmt.Sprintf("%s is 0 in the file: give the range to search", input)}
		}
		from, to = Quantity{v / DefaultSolveSpan, dim}, Quantity{v * DefaultSolveSpan, dim}
		if v < 0 {
			from, to = to, from
		}
		widen = 3
	}
	if from.Dim != dim || to.Dim != dim {
		return nil, &Error{Path: input, Msg: fmt.Sprintf("the range must be %s, as %s is", dim.Describe(), input)}
	}
	if !isFinite(from.Value) || !isFinite(to.Value) || from.Value >= to.Value {
		return nil, &Error{Path: input, Msg: fmt.Sprintf("the range %s..%s is empty", Format(from, DisplayOptions{}), Format(to, DisplayOptions{}))}
	}
	lo, hi := s.candidate(from.Value, true), s.candidate(to.Value, false)
	if lo >= hi {
		return nil, &Error{Path: input, Msg: fmt.Sprintf("the range %s..%s holds fewer than two steps of %g", Format(from, DisplayOptions{}), Format(to, DisplayOptions{}), s.step)}
	}
	pts, err := s.scan(lo, hi)
	if err != nil {
		return nil, err
	}
	at := s.places(pts)
	for ; len(at) == 0 && widen > 0; widen-- {
		// Look further out, below and above, by the same factor,
		// keeping the sign of the bounds.
		nlo, nhi := s.value(lo)/DefaultSolveSpan, s.value(hi)*DefaultSolveSpan
		if s.value(lo) < 0 {
			nlo = s.value(lo) * DefaultSolveSpan
		}
		if s.value(hi) < 0 {
			nhi = s.value(hi) / DefaultSolveSpan
		}
		if !isFinite(nhi) || !isFinite(nlo) {
			break
		}
		lo, hi = min(lo, s.candidate(nlo, true)), s.candidate(nhi, false)
		if pts, err = s.scan(lo, hi); err != nil {
			return nil, err
		}
		at = s.places(pts)
	}
	fromQ, toQ := s.quantity(lo), s.quantity(hi)
	// Met throughout, for =, is as much an answer as holds throughout.
	whole := len(at) == 1 && at[0].run && at[0].j == 0 && at[0].k == len(pts)-1
	if len(at) == 0 || whole {
		first, last := pts[0], pts[len(pts)-1]
		r0, _ := s.at(first.k)
		r1, _ := s.at(last.k)
		e := &NotMetError{Condition: c, Input: input, From: fromQ, To: toQ, Grid: len(pts), Holds: whole || s.holds(first.cmp) && c.Op != "="}
		if r0 != nil && r1 != nil {
			e.FromOutput, e.ToOutput = r0.outputs[s.out].Value, r1.outputs[s.out].Value
		}
		return nil, e
	}
	order := make([]int, len(at))
	for i := range order {
		order[i] = i
	}
	if opt.Last {
		slices.Reverse(order)
	}
	var jump *NotMetError
	for _, i := range order {
		var sol *Solution
		if at[i].run {
			sol, err = s.reached(pts, at[i])
		} else {
			sol, err = s.edge(pts, at[i].j)
		}
		if err != nil {
			if e, ok := err.(*NotMetError); ok {
				if jump == nil {
					jump = e
				}
				continue
			}
			return nil, err
		}
		sol.From, sol.To, sol.Grid, sol.Crossings, sol.Index, sol.Monotone = fromQ, toQ, len(pts), len(at), i, monotone(pts)
		for j, p := range at {
			if j != i {
				sol.Others = append(sol.Others, s.bracket(pts, p))
			}
		}
		return sol, nil
	}
	jump.From, jump.To, jump.Grid, jump.Crossings = fromQ, toQ, len(pts), len(at)
	return nil, jump
}

// reached returns the solution at a run of grid points j to k where the
// output equals the value of an =: the run's last candidate when the
// output rises above the value after it, or when it does not come down
// to the value from above before it; its first otherwise. So a step
// function that grows reports the largest input the value still
// carries, as the edge of "at most the value" would, and one that falls
// the smallest. The other end of the run is the plateau's.
func (s *solver) reached(pts []gridPoint, p place) (*Solution, error) {
	reached := func(k int64) (bool, error) {
		c, err := s.cmp(k)
		return c == 0, err
	}
	// The first candidate of the run, and the one before it; the last,
	// and the one after. A run at an end of the range ends there.
	first, before, last, after := pts[p.j].k, pts[p.j].k, pts[p.k].k, pts[p.k].k
	var err error
	if p.j > 0 {
		if before, first, err = s.bisect(pts[p.j-1].k, pts[p.j].k, reached); err != nil {
			return nil, err
		}
	}
	if p.k+1 < len(pts) {
		if last, after, err = s.bisect(pts[p.k].k, pts[p.k+1].k, reached); err != nil {
			return nil, err
		}
	}
	rises := p.k+1 < len(pts) && pts[p.k+1].cmp > 0
	falls := p.j > 0 && pts[p.j-1].cmp > 0
	largest := rises || !falls && p.k+1 < len(pts)
	ans, next := first, before
	if largest {
		ans, next = last, after
	}
	rAns, err := s.at(ans)
	if err != nil {
		return nil, err
	}
	rNext, err := s.at(next)
	if err != nil {
		return nil, err
	}
	return &Solution{Input: s.input, Condition: s.c, Value: s.quantity(ans), Largest: largest,
		Result: rAns, Output: rAns.outputs[s.out].Value, Next: s.quantity(next),
		NextOutput: rNext.outputs[s.out].Value, Step: s.step, Exact: true,
		Low: s.quantity(first), High: s.quantity(last)}, nil
}

// edge bisects the crossing between grid points i and i+1 to the
// neighbouring candidates where the condition changes. For = (where the
// output is below the value at one of the grid points and above it at
// the other) it is a *NotMetError when the output jumps over the value
// there.
func (s *solver) edge(pts []gridPoint, i int) (*Solution, error) {
	a, b, err := s.bisect(pts[i].k, pts[i+1].k, s.holdsAt)
	if err != nil {
		return nil, err
	}
	largest := s.holds(pts[i].cmp)
	ans, next := a, b
	if !largest {
		ans, next = b, a
	}
	rAns, err := s.at(ans)
	if err != nil {
		return nil, err
	}
	rNext, err := s.at(next)
	if err != nil {
		return nil, err
	}
	cAns := rAns.outputs[s.out].rat.Cmp(s.c.rat)
	c := s.c
	sol := &Solution{Input: s.input, Condition: c, Value: s.quantity(ans), Largest: largest,
		Result: rAns, Output: rAns.outputs[s.out].Value, Next: s.quantity(next),
		NextOutput: rNext.outputs[s.out].Value, Step: s.step}
	if c.Op != "=" {
		return sol, nil
	}
	switch {
	case cAns == 0:
		sol.Exact = true
		sol.Low, sol.High = sol.Value, sol.Value
		end, err := s.plateau(pts, i, ans, largest)
		if err != nil {
			return nil, err
		}
		if largest {
			sol.Low = s.quantity(end)
		} else {
			sol.High = s.quantity(end)
		}
	case !close(sol.Output.Value, c.Value.Value) || !close(sol.NextOutput.Value, c.Value.Value):
		// In the input's order: the output jumps at b, the first
		// candidate past a.
		e := &NotMetError{Condition: c, Input: s.input, FromOutput: sol.Output, ToOutput: sol.NextOutput, Jump: true, At: s.quantity(b)}
		if !largest {
			e.FromOutput, e.ToOutput = e.ToOutput, e.FromOutput
		}
		return nil, e
	}
	return sol, nil
}

// plateau returns the other end of the run of candidates where the
// output equals the value, from ans in the cell after grid point i,
// where neither grid point equals it: below ans when it is the largest
// of the run, above it otherwise.
func (s *solver) plateau(pts []gridPoint, i int, ans int64, largest bool) (int64, error) {
	reached := func(k int64) (bool, error) {
		c, err := s.cmp(k)
		return c == 0, err
	}
	far := pts[i+1].k
	if largest {
		far = pts[i].k
	}
	x, y, err := s.bisect(min(far, ans), max(far, ans), reached)
	if err != nil {
		return 0, err
	}
	if largest {
		return y, nil // the first that reaches it, from below
	}
	return x, nil // the last that does, from above
}

// close reports whether an output next to the edge is within a
// billionth of the value sought: a continuous output that no float64
// input meets exactly, not one that jumps over the value.
func close(v, want float64) bool {
	return math.Abs(v-want) <= 1e-9*math.Abs(want)
}
