package estimate

import (
	"fmt"
	"math"
	"math/big"
	"strings"
)

// expectations compiles each expected value and its tolerance and checks
// them against the names they are for.
func (c *compiler) expectations() {
	m := c.m
	for _, e := range c.s.Expect {
		if c.full() {
			return
		}
		path := "expect." + e.Name
		slot, ok := c.target(e.Name, e.NamePos, path)
		if !ok {
			continue
		}
		want, ok := c.constant(e.Value, path, "an expected value")
		if !ok {
			continue
		}
		wantExact := c.last
		tol := DefaultTolerance
		if e.Tolerance.Value != "" {
			t, ok := c.constant(e.Tolerance, path, "a tolerance")
			if !ok {
				continue
			}
			// A bare "± 1" would read as ±100%: ask for the percent sign.
			if !strings.HasSuffix(strings.TrimSpace(e.Tolerance.Value), "%") ||
				!t.Dim.IsDimensionless() || t.Value < 0 || !isFinite(t.Value*100) {
				c.errorf(e.Tolerance.Pos, path, "tolerance must be a percentage, such as ± 0.5%%")
				continue
			}
			tol = t.Value
		}
		if dim, known := m.dimension(slot); known && dim != want.Dim {
			c.errorf(e.Value.Pos, path, "expected %s is %s, but %s is %s", e.Value.Value, want.Dim.Describe(), e.Name, dim.Describe())
			continue
		}
		m.expects = append(m.expects, modelExpect{Expectation: e, slot: slot, want: want, wantExact: wantExact.r, tol: tol, unit: m.displayUnit(slot)})
	}
}

// displayUnit returns the unit a slot asks to be shown in, or nil.
func (m *Model) displayUnit(slot int) *DisplayUnit {
	if slot < len(m.inputs) {
		return m.inputs[slot].unit
	}
	return m.outputs[slot-len(m.inputs)].unit
}

// dimension returns the dimension of a slot, when it compiled.
func (m *Model) dimension(slot int) (Dimension, bool) {
	if slot < len(m.inputs) {
		return m.inputs[slot].value.Dim, true
	}
	if f := m.outputs[slot-len(m.inputs)].f; f != nil {
		return f.root.dim, true
	}
	return Dimension{}, false
}

func (c *compiler) headline() {
	// Every problem of the headline is at its key, in list order: after
	// MaxErrors+1 of them (the last makes Load say it stopped), the rest
	// cannot be among the problems Load reports.
	// A name declared but refused (a unit word, a duplicate) was
	// reported where it is declared.
	reported := 0
	for _, name := range c.s.Headline {
		if _, ok := c.m.index[name]; !ok && !c.m.declares(name) {
			if reported++; reported > MaxErrors+1 {
				return
			}
			c.errorf(c.s.pos["headline"], "headline", "%s", c.unknownTarget(name))
		}
	}
}

// target returns the slot of the input or output an expectation or a
// published figure names, reporting a name the scenario does not have
// (but not one already reported as bad or duplicate).
func (c *compiler) target(name string, at Pos, path string) (int, bool) {
	slot, ok := c.m.index[name]
	if !ok && !c.m.declares(name) {
		c.errorf(at, path, "%s", c.unknownTarget(name))
	}
	return slot, ok
}

// unknownTarget explains an expectation or a headline for a name that the
// scenario does not have. Unlike in a formula, a unit cannot be meant, so
// only inputs and outputs are suggested.
func (c *compiler) unknownTarget(name string) string {
	msg := fmt.Sprintf("unknown name %q", name)
	if s := suggest(name, c.candidates()); s != "" {
		msg += fmt.Sprintf("; did you mean %q?", s)
	}
	return msg
}

// An ExpectResult is one expectation checked.
type ExpectResult struct {
	Name      string
	Expected  Quantity
	Actual    Quantity
	Tolerance float64 // relative: 0.01 is ±1%
	// Deviation is (actual − expected) / expected; NaN when expected is 0
	// and actual is not.
	Deviation float64
	OK        bool
	Text      string       // the expectation as written
	Unit      *DisplayUnit // the unit its name is shown in, if any
	Stat      string       // the figure of a distribution checked: p95, mean; "" the median

	actual *big.Rat // Actual exactly
	exact  bool
}

// Format shows the actual value as its name is shown: in the display unit
// of its input or output, or in the best one.
func (e ExpectResult) Format(o DisplayOptions) string {
	return formatValue(e.Actual, e.actual, e.exact, e.Unit, o)
}

// FormatPlain shows the actual value as Format does, but without the
// mark of an approximate value (a sampled figure, or one that went
// through sqrt): as a value is written in a scenario file.
func (e ExpectResult) FormatPlain(o DisplayOptions) string {
	return formatValue(e.Actual, e.actual, true, e.Unit, o)
}

// checkExpectation checks the exact value of the named slot against the
// expectation, in rationals: a value exactly on the edge of its tolerance
// holds.
func checkExpectation(e modelExpect, got exact) ExpectResult {
	actual := quantityOf(got, e.want.Dim)
	r := ExpectResult{Name: e.Name, Expected: e.want, Actual: actual, Tolerance: e.tol, Text: e.Value.Value, Unit: e.unit,
		actual: got.r, exact: !got.approx}
	diff := new(big.Rat).Sub(got.r, e.wantExact)
	switch {
	case e.wantExact.Sign() != 0:
		d := new(big.Rat).Quo(diff, new(big.Rat).Abs(e.wantExact))
		r.Deviation, _ = d.Float64()
	case got.r.Sign() == 0:
		r.Deviation = 0
	default:
		r.Deviation = math.NaN()
	}
	tol := new(big.Rat).Mul(new(big.Rat).SetFloat64(e.tol), new(big.Rat).Abs(e.wantExact))
	r.OK = diff.Abs(diff).Cmp(tol) <= 0
	return r
}

// FormatDeviation shows a deviation as a signed percentage with three
// significant digits: "+0.22%". Deviations below one part in a billion are
// floating-point noise and show as "0%".
func FormatDeviation(d float64) string {
	if !isFinite(d * 100) {
		return "n/a" // NaN, or beyond float64's range
	}
	if math.Abs(d) < 1e-9 {
		return "0%"
	}
	return fmt.Sprintf("%+.3g%%", d*100)
}
