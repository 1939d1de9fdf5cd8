package estimate

import "fmt"

// A Quantity is an exact value in base units (bytes, seconds, dollars)
// together with its dimension. Values are never rounded inside envelope;
// only their display is.
type Quantity struct {
	Value float64
	Dim   Dimension
}

// String displays q in its best unit, as Format does with default options.
func (q Quantity) String() string { return Format(q, DisplayOptions{}) }

// Calc evaluates a constant expression, such as "100M * 10 / day" or
// "500 B * 100M/day * 5 years", under the conventions c.
func Calc(expr string, c Conventions) (_ Quantity, err error) {
	defer guard(&err, "")
	f, es := compileFormula(expr, c, nil)
	if es != nil {
		return Quantity{}, es.inFormula("", 1, 1, "", expr)
	}
	return f.constant()
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
