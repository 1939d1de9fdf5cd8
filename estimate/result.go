package estimate

import (
	"fmt"
	"math/big"
	"strings"
)

// A Result is one evaluation of a Model: every input and output value and
// every expectation checked.
type Result struct {
	model       *Model
	conventions Conventions
	inputs      []InputValue
	outputs     []OutputValue
	expect      []ExpectResult
	published   []PublishedResult // what the source printed, beside the values
	slots       []float64
	sampling    *Sampling // how the distributions were made, by Simulate
}

// An InputValue is an input as evaluated.
type InputValue struct {
	Name        string
	Text        string // as written in the file, or in the override
	Description string
	Value       Quantity
	Overridden  bool
	Unit        *DisplayUnit // the unit asked for, if any
	// Exact is set when Value is exact; see Calculation.Exact.
	Exact bool
	// Distribution is that of an uncertain input, sampled by Simulate.
	Distribution *Distribution
	rat          *big.Rat
}

// An OutputValue is an output as evaluated.
type OutputValue struct {
	Name        string
	Formula     string
	Description string
	Value       Quantity
	Unit        *DisplayUnit // the unit asked for, if any
	// Exact is set when Value is exact; see Calculation.Exact.
	Exact bool
	// Distribution is that of an output that depends on an uncertain
	// input, sampled by Simulate; Value is then its median.
	Distribution *Distribution
	rat          *big.Rat
	// undefined says why the exact path leaves the output undefined,
	// with every range at its median, where its samples are not: "division
	// by zero". Only Simulate makes such a result.
	undefined string
}

// Format shows the input in its display unit, or in the best one,
// rounding its exact value; an approximate one is marked ≈.
func (v InputValue) Format(o DisplayOptions) string {
	if v.Distribution != nil {
		return FormatDistribution(*v.Distribution, v.Unit, o)
	}
	return formatValue(v.Value, v.rat, v.Exact, v.Unit, o)
}

// Format shows the output in its display unit, or in the best one,
// rounding its exact value; an approximate one is marked ≈.
func (v OutputValue) Format(o DisplayOptions) string {
	if v.Distribution != nil {
		return FormatDistribution(*v.Distribution, v.Unit, o)
	}
	return formatValue(v.Value, v.rat, v.Exact, v.Unit, o)
}

// FormatPoint shows the value on the exact path, with any range at its
// median: the value the working substitutes, or "undefined" where every
// range at its median breaks its formula (see UndefinedAtMedians).
func (v OutputValue) FormatPoint(o DisplayOptions) string {
	if v.undefined != "" {
		return "undefined"
	}
	return formatValue(v.Value, v.rat, v.Exact, v.Unit, o)
}

// UndefinedAtMedians says why the exact path, with every range at its
// median, leaves the output undefined ("division by zero"), though
// Simulate sampled it: "" for an output defined there.
func (v OutputValue) UndefinedAtMedians() string { return v.undefined }

// formatValue shows a value, from its exact form r when it has one.
func formatValue(q Quantity, r *big.Rat, exact bool, u *DisplayUnit, o DisplayOptions) string {
	if r == nil {
		if !isFinite(q.Value) {
			return Format(q, o)
		}
		r, exact = decimalOf(q.Value), true // a value made by hand
	}
	var s string
	if u != nil {
		s = u.format(r, o)
	} else {
		s = formatRat(r, q.Dim, o)
	}
	if !exact {
		return approxMark + s
	}
	return s
}

// approxMark stands before a value that a float64 function (sqrt, a
// logarithm, exp, a fractional power) went into.
const approxMark = "≈"

// DisplayOptions returns the options to show this result's values with:
// its conventions, and IEC byte units when binary is set.
func (r *Result) DisplayOptions(binary bool) DisplayOptions {
	return DisplayOptions{Binary: binary, Conventions: r.conventions}
}

// Failed returns the expectations that do not hold.
func (r *Result) Failed() []ExpectResult {
	var failed []ExpectResult
	for _, e := range r.expect {
		if !e.OK {
			failed = append(failed, e)
		}
	}
	return failed
}

// Output returns the named output's value.
func (r *Result) Output(name string) (OutputValue, bool) {
	for _, v := range r.outputs {
		if v.Name == name {
			return v, true
		}
	}
	return OutputValue{}, false
}

// An Explanation shows the working of one output: its formula, the
// formula with the values it reads substituted, and the result.
type Explanation struct {
	Name        string
	Formula     string
	Substituted string // equal to Formula when the formula reads no names
	Result      string
}

// String renders the explanation on one line:
// "write_qps = new_urls = 100M/day = 1.157K/s". A formula written over
// several lines (a YAML block) is joined into one.
func (e Explanation) String() string {
	parts := []string{e.Name, oneLine(e.Formula)}
	if e.Substituted != e.Formula {
		parts = append(parts, oneLine(e.Substituted))
	}
	if e.Result != e.Substituted {
		parts = append(parts, e.Result)
	}
	return strings.Join(parts, " = ")
}

// Explain shows the working of every output, in file order.
//
// A bug must not crash the program that embeds the engine: a panic here
// ends the list with an explanation that says so.
func (r *Result) Explain(o DisplayOptions) (all []Explanation) {
	defer func() {
		if p := recover(); p != nil {
			all = append(all, Explanation{Name: "internal error", Formula: oneLine(fmt.Sprint(p)),
				Result: "(please report this, with the input that caused it)"})
		}
	}()
	m := r.model
	short := o
	short.short = true
	for i, out := range m.outputs {
		p := out.f.parsed
		rs := []rune(p.src)
		var b strings.Builder
		last := 0
		whole := len(p.refs) == 1 && strings.TrimSpace(p.src) == p.refs[0].name
		for _, ref := range p.refs {
			b.WriteString(string(rs[last:ref.off]))
			slot := m.index[ref.name]
			var text string
			if slot < len(m.inputs) {
				text = strings.TrimSpace(r.inputs[slot].Text)
				if in := r.inputs[slot]; in.Distribution != nil {
					// The working stands each range at its median.
					text = formatValue(in.Value, in.rat, in.Exact, in.Unit, short)
				}
			} else {
				text = r.outputs[slot-len(m.inputs)].FormatPoint(short)
			}
			if !whole && needsParens(text) {
				text = "(" + text + ")"
			}
			b.WriteString(text)
			last = ref.off + len([]rune(ref.name))
		}
		b.WriteString(string(rs[last:]))
		result := r.outputs[i].Format(o)
		if why := r.outputs[i].undefined; why != "" {
			result = "undefined at the medians (" + why + ")"
		}
		all = append(all, Explanation{Name: out.Name, Formula: p.src, Substituted: b.String(), Result: result})
	}
	return all
}

// needsParens reports whether substituted text holds an operator, so that
// "1 / (100M/day)" keeps its meaning.
func needsParens(text string) bool {
	for i, c := range text {
		switch c {
		case '+', '*', '/', '^', '?', '<', '>', '=':
			return true
		case '-':
			if i > 0 && text[i-1] != 'e' {
				return true
			}
		}
	}
	return false
}
