package estimate

import (
	"fmt"
	"math/big"
)

// A Quantity is a value in base units (bytes, seconds, dollars, metres,
// counted things) together with its dimension. Values are never rounded
// inside envelope; only their display is.
type Quantity struct {
	Value float64
	Dim   Dimension
}

// String displays q in its best unit, as Format does with default options.
func (q Quantity) String() string { return Format(q, DisplayOptions{}) }

// A Calculation is the result of a one-off calculation: a quantity, or
// the truth of a condition, and the unit a conversion at its end asked
// for.
type Calculation struct {
	Quantity Quantity
	// Condition is set when the expression is a condition, such as
	// "2 GB > 1 GiB"; Quantity.Value is then 1 for true and 0 for false.
	Condition bool
	// Unit is the unit of a conversion at the end ("-> Mbps", "to GB"),
	// or nil.
	Unit *DisplayUnit
	// Exact is set when the value is exact: computed in rational
	// arithmetic throughout, with no sqrt, logarithm, exp or fractional
	// power on the way.
	Exact bool

	// Distribution summarises the samples of an uncertain expression
	// ("(50M to 150M) * 10 / day"), or is nil. Quantity is then its
	// value with every range at its median.
	Distribution *Distribution

	rat *big.Rat // the exact value, which display rounds
}

// Format shows the calculation: true or false for a condition, the value
// in the unit converted to, or in its best unit.
func (c Calculation) Format(o DisplayOptions) string {
	if c.Distribution != nil && !c.Condition {
		return FormatDistribution(*c.Distribution, c.Unit, o)
	}
	switch {
	case c.Condition:
		if c.Quantity.Value != 0 {
			return "true"
		}
		return "false"
	}
	return formatValue(c.Quantity, c.rat, c.Exact || c.rat == nil, c.Unit, o)
}

// Calculate evaluates a one-off expression under the conventions c, as
// "envelope calc" does: "100M * 10 / day", "1 TB/day -> Mbps",
// "2 GB > 1 GiB". A word after a number, after / or after per that is no
// unit (and no slip of one) counts things: "100M users * 10
// requests/user/day" is in requests per second.
func Calculate(expr string, c Conventions) (Calculation, error) {
	return CalculateSampled(expr, c, SampleOptions{})
}

// CalculateSampled is Calculate with the sampling of ranges chosen: an
// expression with ranges is sampled opt.Samples times with opt.Seed.
func CalculateSampled(expr string, c Conventions, opt SampleOptions) (_ Calculation, err error) {
	defer guard(&err, "")
	f, es := compileFormula(expr, calcScope(c))
	if es != nil {
		return Calculation{}, es.inFormula("", 1, 1, "", expr)
	}
	q, x, err := f.constant()
	if err != nil {
		return Calculation{}, err
	}
	calc := Calculation{Quantity: q, Condition: f.root.boolean, Unit: f.unit, Exact: !x.approx, rat: x.r}
	if u := f.uncertainty(); u != nil {
		col := make([]float64, opt.samples())
		r, _ := opt.rng()
		u.sample(r, col)
		if calc.Distribution, err = summariseCalculation(col, f.root.dim, opt.seed()); err != nil {
			return Calculation{}, err
		}
	}
	return calc, nil
}

// summariseCalculation summarises the samples of a one-off calculation,
// of calc or of a session's line, refusing any that is not finite.
func summariseCalculation(col []float64, dim Dimension, seed uint64) (*Distribution, error) {
	d, _ := new(summariser).summariseDistribution(col, dim, seed, false)
	if d.Samples < len(col) {
		return nil, &Error{Msg: fmt.Sprintf("%d of %d samples are not finite (a division by zero or an overflow in some of them)", len(col)-d.Samples, len(col))}
	}
	return &d, nil
}

// Calc evaluates a constant expression, such as "100M * 10 / day" or
// "500 B * 100M/day * 5 years", under the conventions c. A condition or
// a conversion at the end is an error; Calculate takes both.
func Calc(expr string, c Conventions) (_ Quantity, err error) {
	defer guard(&err, "")
	f, es := compileFormula(expr, calcScope(c))
	if es == nil {
		es = f.valueOnly("a value here")
	}
	if es != nil {
		return Quantity{}, es.inFormula("", 1, 1, "", expr)
	}
	q, _, err := f.constant()
	return q, err
}

// ParseQuantity reads a constant expression of the dimension want, such
// as a flag value ("100M/day", "5years", "2KiB"). The message names the
// dimension wanted when the expression has another.
func ParseQuantity(expr string, want Dimension, c Conventions) (Quantity, error) {
	q, err := Calc(expr, c)
	if err != nil {
		return Quantity{}, err
	}
	if q.Dim != want {
		return Quantity{}, &Error{Msg: fmt.Sprintf("%s has dimension %s, want %s", expr, q.Dim, want)}
	}
	return q, nil
}
