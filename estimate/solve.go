package estimate

import (
	"fmt"
	"math"
	"math/big"
	"strings"
)

// Goal seeking: the value of one input at which an output reaches a
// value. Solve works on the exact path: it brackets the crossing, then
// bisects to full precision, every step a Model.Evaluate with the input
// set by Model.Set, so the answer is exact where the formulas are.
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
}

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
	// Monotone is false when the output rises and falls between From and
	// To, so that the condition may change more than once there; Value
	// is then one edge of several.
	Monotone bool
}

// A NotMetError says that a condition does not change between the bounds
// of a search: it never holds there or, with Holds, always does.
type NotMetError struct {
	Condition Condition
	Input     string
	From, To  Quantity
	// FromOutput and ToOutput are the output at the bounds.
	FromOutput, ToOutput Quantity
	Holds                bool
	// Jump is set for = when the output jumps over the value: it is
	// FromOutput just below the edge and ToOutput just above.
	Jump bool
	At   Quantity // where it jumps
}

func (e *NotMetError) Error() string {
	o := DisplayOptions{}
	switch {
	case e.Jump:
		return fmt.Sprintf("%s is never met: %s jumps from %s to %s at %s = %s", e.Condition, e.Condition.Output,
			Format(e.FromOutput, o), Format(e.ToOutput, o), e.Input, Format(e.At, o))
	case e.Holds:
		return fmt.Sprintf("%s holds for every %s from %s to %s (%s goes from %s to %s); no edge in that range", e.Condition, e.Input,
			Format(e.From, o), Format(e.To, o), e.Condition.Output, Format(e.FromOutput, o), Format(e.ToOutput, o))
	}
	return fmt.Sprintf("%s is never met for %s from %s to %s (%s goes from %s to %s)", e.Condition, e.Input,
		Format(e.From, o), Format(e.To, o), e.Condition.Output, Format(e.FromOutput, o), Format(e.ToOutput, o))
}

// solver evaluates one output of a model at values of one input.
type solver struct {
	m     *Model
	input string
	dim   Dimension
	out   int // index of the output
	c     Condition
	ov    []Override
	step  float64
	evals int
}

// at evaluates the model with the input at the candidate k.
func (s *solver) at(k int64) (*Result, error) {
	s.evals++
	ov, err := s.m.Set(s.input, Quantity{s.value(k), s.dim})
	if err != nil {
		return nil, err
	}
	return s.m.Evaluate(append(s.ov[:len(s.ov):len(s.ov)], ov)...)
}

// cmp compares the output at k with the condition's value.
func (s *solver) cmp(k int64) (int, *Result, error) {
	r, err := s.at(k)
	if err != nil {
		return 0, nil, err
	}
	return r.outputs[s.out].rat.Cmp(s.c.rat), r, nil
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

// holds is the predicate bisected: the output at or below the value for
// = and <=, at or above it for >=.
func (s *solver) holds(k int64) (bool, error) {
	c, _, err := s.cmp(k)
	if err != nil {
		return false, err
	}
	if s.c.Op == ">=" {
		return c >= 0, nil
	}
	return c <= 0, nil
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

// Solve finds the value of input at which the condition's output meets
// it: for <= and >= the edge of the inputs that satisfy it, for = the
// edge of those where the output is at most the value (the largest dau
// that 100 servers carry, when servers grows with dau). The output is
// assumed to move one way between the bounds; Solution.Monotone says
// whether it does, from 33 points spread over them. A condition that
// does not change between the bounds is a *NotMetError.
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
	s := &solver{m: m, input: input, dim: dim, out: oslot - len(m.inputs), c: c, ov: opt.Overrides, step: opt.Step}
	if s.step == 0 {
		s.step = m.DefaultStep(input)
	}
	if s.step < 0 || !isFinite(s.step) {
		return nil, &Error{Path: input, Msg: "the step must be positive"}
	}
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
	plo, err := s.holds(lo)
	if err != nil {
		return nil, err
	}
	phi, err := s.holds(hi)
	if err != nil {
		return nil, err
	}
	for ; plo == phi && widen > 0; widen-- {
		// Bracketing: look further out, below and above, by the same
		// factor, keeping the sign of the bounds.
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
		if lo2 := s.candidate(nlo, true); lo2 < lo {
			lo = lo2
			if plo, err = s.holds(lo); err != nil {
				return nil, err
			}
		}
		if plo != phi {
			break
		}
		hi = s.candidate(nhi, false)
		if phi, err = s.holds(hi); err != nil {
			return nil, err
		}
	}
	fromQ, toQ := Quantity{s.value(lo), dim}, Quantity{s.value(hi), dim}
	if plo == phi {
		rlo, _ := s.at(lo)
		rhi, _ := s.at(hi)
		e := &NotMetError{Condition: c, Input: input, From: fromQ, To: toQ, Holds: plo && c.Op != "="}
		if rlo != nil && rhi != nil {
			e.FromOutput, e.ToOutput = rlo.outputs[s.out].Value, rhi.outputs[s.out].Value
		}
		return nil, e
	}
	a, b, err := s.bisect(lo, hi, s.holds)
	if err != nil {
		return nil, err
	}
	ans, next := a, b
	if !plo {
		ans, next = b, a
	}
	cAns, rAns, err := s.cmp(ans)
	if err != nil {
		return nil, err
	}
	_, rNext, err := s.cmp(next)
	if err != nil {
		return nil, err
	}
	sol := &Solution{Input: input, Condition: c, Value: Quantity{s.value(ans), dim}, Largest: plo,
		Result: rAns, Output: rAns.outputs[s.out].Value, Next: Quantity{s.value(next), dim},
		NextOutput: rNext.outputs[s.out].Value, Step: s.step, From: fromQ, To: toQ}
	if c.Op == "=" {
		switch {
		case cAns == 0:
			sol.Exact = true
			sol.Low, sol.High = sol.Value, sol.Value
			// The other end of the plateau, where the output first
			// reaches the value: below the answer when it is the largest,
			// above it when it is the smallest.
			reached := func(k int64) (bool, error) {
				c, _, err := s.cmp(k)
				return c == 0, err
			}
			far := lo
			if !plo {
				far = hi
			}
			r, err := reached(far)
			if err != nil {
				return nil, err
			}
			end := far
			if !r {
				x, y, err := s.bisect(min(far, ans), max(far, ans), reached)
				if err != nil {
					return nil, err
				}
				end = y // the first that reaches it, from below
				if !plo {
					end = x // the last that does, from above
				}
			}
			if plo {
				sol.Low = Quantity{s.value(end), dim}
			} else {
				sol.High = Quantity{s.value(end), dim}
			}
		case !close(sol.Output.Value, c.Value.Value) || !close(sol.NextOutput.Value, c.Value.Value):
			return nil, &NotMetError{Condition: c, Input: input, From: fromQ, To: toQ,
				FromOutput: sol.Output, ToOutput: sol.NextOutput, Jump: true, At: sol.Next}
		}
	}
	sol.Monotone, err = s.monotone(lo, hi)
	if err != nil {
		return nil, err
	}
	return sol, nil
}

// close reports whether an output next to the edge is within a
// billionth of the value sought: a continuous output that no float64
// input meets exactly, not one that jumps over the value.
func close(v, want float64) bool {
	return math.Abs(v-want) <= 1e-9*math.Abs(want)
}

// monotone reports whether the output moves one way over 33 candidates
// spread between lo and hi, logarithmically when they span LogSpan or
// more.
func (s *solver) monotone(lo, hi int64) (bool, error) {
	const n = 33
	pts, _, err := Points(Quantity{s.value(lo), s.dim}, Quantity{s.value(hi), s.dim}, n, SpacingAuto)
	if err != nil {
		return false, err
	}
	up, down := false, false
	var prev *big.Rat
	for _, q := range pts {
		k := s.candidate(q.Value, false)
		k = max(lo, min(hi, k))
		r, err := s.at(k)
		if err != nil {
			return false, err
		}
		x := r.outputs[s.out].rat
		if prev != nil {
			switch x.Cmp(prev) {
			case 1:
				up = true
			case -1:
				down = true
			}
		}
		prev = x
	}
	return !(up && down), nil
}
