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

	// Undefined says why an uncertain expression has no value with every
	// range at its median ("division by zero" for 1 / normal(0, 1)),
	// though its samples have: Quantity is then the median of the
	// samples, and not exact. It is "" otherwise.
	Undefined string

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
	u := f.uncertainty()
	x, xerr := f.exactConstant()
	if xerr != nil && (u == nil || f.root.boolean) {
		return Calculation{}, xerr.inFormula("", 1, 1, "", expr)
	}
	calc := Calculation{Condition: f.root.boolean, Unit: f.unit}
	if xerr == nil {
		calc.Quantity, calc.Exact, calc.rat = quantityOf(x, f.root.dim), !x.approx, x.r
	}
	if u != nil {
		col := make([]float64, opt.samples())
		r, _ := opt.rng()
		u.sample(r, col)
		if calc.Distribution, err = summariseCalculation(col, f.root.dim, opt.seed()); err != nil {
			if xerr != nil {
				// Undefined at the medians and in samples too: the
				// medians' failure says where.
				return Calculation{}, xerr.inFormula("", 1, 1, "", expr)
			}
			return Calculation{}, err
		}
		if xerr != nil {
			// A median breaks the formula, as 0 breaks 1 / normal(0, 1),
			// where no sample does: the samples still answer.
			calc.undefinedAtMedians(xerr[0].msg)
		}
	}
	return calc, nil
}

// undefinedAtMedians marks a sampled calculation whose value with every
// range at its median is undefined, for the reason why: its value is
// the median of its samples.
func (c *Calculation) undefinedAtMedians(why string) {
	c.Undefined = why
	c.Quantity = Quantity{Value: c.Distribution.P50, Dim: c.Distribution.Dim}
	c.Exact, c.rat = false, nil
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
