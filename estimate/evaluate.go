package estimate

import (
	"errors"
	"fmt"
	"math"
	"slices"
	"strings"
)

// An Override replaces an input's value for one evaluation, as
// --set name=value does on the command line.
type Override struct {
	Name  string
	Text  string // the value as written
	Value Quantity
	slot  int
	exact exact
	model *Model // the Model that checked it; another's is found by Name
	// uncertain is the value's ranges ("50M to 150M"), sampled by
	// Simulate; nil for a certain value.
	uncertain *uncertain
}

// Uncertain reports whether the value has ranges, so that the input it
// sets is sampled.
func (o Override) Uncertain() bool { return o.uncertain != nil }

// Override checks a new value for the named input: a constant expression
// of the input's dimension. Errors carry the input's name as their Path
// and, for a problem inside the value, its column in text.
func (m *Model) Override(name, text string) (_ Override, err error) {
	defer guard(&err, "")
	slot, err := m.inputSlot(name, "only inputs can be set")
	if err != nil {
		return Override{}, err
	}
	sc := m.scope(constResolver{m, "a value"})
	sc.ranges = true
	f, es := compileFormula(text, sc)
	if es == nil {
		es = f.valueOnly("a value")
	}
	var x exact
	if es == nil {
		x, es = f.exactConstant()
	}
	if es != nil {
		return Override{}, es.locate("", name, func(off int) (int, int, string) { return 0, off + 1, text })
	}
	q := quantityOf(x, f.root.dim)
	if want := m.inputs[slot].value.Dim; q.Dim != want {
		return Override{}, &Error{Path: name, Msg: fmt.Sprintf("%s is %s, but %s needs %s", text, q.Dim.Describe(), name, want.Describe())}
	}
	return Override{Name: name, Text: text, Value: q, slot: slot, exact: x, model: m, uncertain: f.uncertainty()}, nil
}

// inputSlot returns the slot of the named input, or an error that says
// why it cannot be one: no such input (with a "did you mean"), or an
// output, which hint says what to do about ("only inputs can be set").
func (m *Model) inputSlot(name, hint string) (int, error) {
	slot, ok := m.index[name]
	if ok && slot < len(m.inputs) {
		return slot, nil
	}
	msg := fmt.Sprintf("unknown input %q", name)
	if ok {
		msg = fmt.Sprintf("%s is an output; %s", name, hint)
	} else if s := suggest(name, m.InputNames()); s != "" {
		msg += fmt.Sprintf("; did you mean %q?", s)
	}
	return 0, &Error{Path: name, Msg: msg}
}

// Set checks q as a new value for the named input, as Override checks
// text: the input must exist and q must have its dimension. The value is
// taken as the decimal its float64 stands for (0.1 is a tenth).
func (m *Model) Set(name string, q Quantity) (_ Override, err error) {
	defer guard(&err, "")
	slot, err := m.inputSlot(name, "only inputs can be set")
	if err != nil {
		return Override{}, err
	}
	if !isFinite(q.Value) {
		return Override{}, &Error{Path: name, Msg: "the value is not finite"}
	}
	if want := m.inputs[slot].value.Dim; q.Dim != want {
		return Override{}, &Error{Path: name, Msg: fmt.Sprintf("%s is %s, but %s needs %s", Format(q, DisplayOptions{}), q.Dim.Describe(), name, want.Describe())}
	}
	return Override{Name: name, Text: Format(q, DisplayOptions{Digits: MaxDigits}), Value: q, slot: slot,
		exact: exact{r: decimalOf(q.Value)}, model: m}, nil
}

// ParseOverride reads "name=value".
func (m *Model) ParseOverride(arg string) (Override, error) {
	name, text, ok := strings.Cut(arg, "=")
	if !ok {
		return Override{}, &Error{Msg: fmt.Sprintf("%q: want name=value", arg)}
	}
	return m.Override(strings.TrimSpace(name), strings.TrimSpace(text))
}

// InputNames lists the inputs in file order.
func (m *Model) InputNames() []string {
	names := make([]string, len(m.inputs))
	for i, in := range m.inputs {
		names[i] = in.Name
	}
	return names
}

// OutputNames lists the outputs in file order.
func (m *Model) OutputNames() []string {
	names := make([]string, len(m.outputs))
	for i, out := range m.outputs {
		names[i] = out.Name
	}
	return names
}

// Slots returns a new slice of the values of an evaluation, by slot: the
// inputs, in file order, set to their values in the file, then room for
// the outputs. It is the working memory of Eval.
func (m *Model) Slots() []float64 {
	s := make([]float64, len(m.inputs)+len(m.outputs))
	for i, in := range m.inputs {
		s[i] = in.value.Value
	}
	return s
}

// Slot returns the slot of the named input or output.
func (m *Model) Slot(name string) (int, bool) {
	i, ok := m.index[name]
	return i, ok
}

// Eval computes every output into slots from the inputs already there,
// in base units. It allocates nothing unless it fails, which it does when
// an output is not finite (a division by zero, an overflow, a NaN),
// naming each such output and the spot in its formula.
func (m *Model) Eval(slots []float64) (err error) {
	defer guard(&err, m.fileName())
	first := len(m.inputs)
	bad := false
	for _, i := range m.order {
		v := m.outputs[i].f.root.eval(slots)
		slots[first+i] = v
		if !isFinite(v) {
			bad = true
		}
	}
	if bad {
		return m.evalError(slots)
	}
	return nil
}

// evalError reports each output that is not finite although everything it
// reads is.
func (m *Model) evalError(slots []float64) error {
	s := m.scenario
	var errs []error
	first := len(m.inputs)
	for i, out := range m.outputs {
		if isFinite(slots[first+i]) || slices.ContainsFunc(out.deps, func(d int) bool { return !isFinite(slots[d]) }) {
			continue
		}
		off, msg, _ := diagnose(out.f.root, slots)
		line, col, src := s.place(out.Formula)(off)
		errs = append(errs, &Error{File: s.File, Line: line, Col: col, Path: out.Formula.Path,
			Msg: fmt.Sprintf("%s in %s = %s", msg, out.Name, oneLine(out.Formula.Value)), Source: src})
	}
	return errors.Join(errs...)
}

// oneLine joins the lines of a formula written as a YAML block, so that a
// message quoting it stays on one line.
func oneLine(formula string) string { return strings.Join(strings.Fields(formula), " ") }

// Evaluate computes the scenario exactly, with the given overrides, and
// checks its expectations. A failed expectation is not an error: see
// Result.Failed. A division by zero, an overflow or a value outside a
// function's domain anywhere in a formula is an error naming the output
// and the spot, even where a later step would make the value finite.
func (m *Model) Evaluate(overrides ...Override) (_ *Result, err error) {
	defer guard(&err, m.fileName())
	return m.evaluate(overrides, nil)
}

// evaluate is Evaluate, but an output i for which undefinedOK(i) holds
// may fail: it is then undefined in the result, as is every output that
// reads it, rather than an error. Simulate takes the outputs that ranges
// reach so, at the medians of the ranges, whose samples may all be
// defined where the medians are not (1 / normal(0, 1)).
func (m *Model) evaluate(overrides []Override, undefinedOK func(i int) bool) (*Result, error) {
	first := len(m.inputs)
	xs, set, err := m.exactInputs(overrides)
	if err != nil {
		return nil, err
	}
	var errs []error
	failed := make([]bool, len(m.outputs))
	undefined := make([]string, len(m.outputs)) // why, for the outputs left undefined
	for _, i := range m.order {
		out := m.outputs[i]
		if k := slices.IndexFunc(out.deps, func(d int) bool { return d >= first && failed[d-first] }); k >= 0 {
			failed[i] = true // reported where it failed
			if dep := out.deps[k] - first; undefined[dep] != "" {
				undefined[i] = m.outputs[dep].Name + " is undefined"
			}
			continue
		}
		x, e := out.f.root.exactValue(xs)
		if e != nil {
			failed[i] = true
			if undefinedOK != nil && undefinedOK(i) {
				undefined[i] = e.msg
				continue
			}
			errs = append(errs, m.outputError(out, e.off, e.msg))
			continue
		}
		xs[first+i] = x
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	slots := make([]float64, len(xs))
	for i, x := range xs {
		slots[i] = math.NaN()
		if x.r != nil {
			slots[i], _ = x.r.Float64()
		}
	}
	r := &Result{model: m, conventions: m.conventions, slots: slots}
	for i, in := range m.inputs {
		v := InputValue{Name: in.Name, Text: in.Value.Value, Description: in.Description,
			Value: Quantity{slots[i], in.value.Dim}, Unit: in.unit, Exact: !xs[i].approx, rat: xs[i].r}
		if o, ok := set[i]; ok {
			v.Text, v.Overridden = o.Text, true
		}
		r.inputs = append(r.inputs, v)
	}
	for i, out := range m.outputs {
		x := xs[first+i]
		r.outputs = append(r.outputs, OutputValue{Name: out.Name, Formula: out.Formula.Value,
			Description: out.Description, Value: Quantity{slots[first+i], out.f.root.dim}, Unit: out.unit,
			Exact: !x.approx && x.r != nil, rat: x.r, undefined: undefined[i]})
	}
	for _, e := range m.expects {
		if xs[e.slot].r == nil { // undefined: Simulate checks it on the samples
			r.expect = append(r.expect, ExpectResult{Name: e.Name})
			continue
		}
		r.expect = append(r.expect, checkExpectation(e, xs[e.slot]))
	}
	for _, p := range m.published {
		if xs[p.slot].r == nil { // undefined: Simulate compares the median of the samples
			r.published = append(r.published, PublishedResult{Name: p.Name})
			continue
		}
		r.published = append(r.published, comparePublished(p, xs[p.slot], m.displayUnit(p.slot)))
	}
	return r, nil
}

// exactInputs returns the exact slots of an evaluation with the inputs
// set, as the file and the overrides give them (the outputs' slots are
// left for the caller), and the overrides checked, by slot.
func (m *Model) exactInputs(overrides []Override) ([]exact, map[int]Override, error) {
	xs := make([]exact, len(m.inputs)+len(m.outputs))
	for i, in := range m.inputs {
		xs[i] = in.exact
	}
	set := make(map[int]Override, len(overrides))
	for _, o := range overrides {
		if o.model != m {
			// An Override{Name: ...} made by hand, or by another Model:
			// found and checked by name, never taken for input 0.
			checked, err := m.Set(o.Name, o.Value)
			if err != nil {
				return nil, nil, err
			}
			checked.Text = o.Text
			o = checked
		}
		if f, _ := o.exact.r.Float64(); o.exact.r == nil || f != o.Value.Value {
			// An Override made or changed by hand, not by Model.Override:
			// its Value is what the caller means.
			o.exact = exact{r: ratOf(o.Value.Value)}
			if o.exact.r == nil {
				return nil, nil, &Error{Path: o.Name, Msg: "the value is not finite"}
			}
		}
		xs[o.slot] = o.exact
		set[o.slot] = o
	}
	return xs, set, nil
}

// outputError places a failure of an output's formula in the file.
func (m *Model) outputError(out modelOutput, off int, msg string) error {
	s := m.scenario
	line, col, src := s.place(out.Formula)(off)
	return &Error{File: s.File, Line: line, Col: col, Path: out.Formula.Path,
		Msg: fmt.Sprintf("%s in %s = %s", msg, out.Name, oneLine(out.Formula.Value)), Source: src}
}
