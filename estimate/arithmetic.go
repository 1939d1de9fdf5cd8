package estimate

import (
	"fmt"
	"math"
)

// Arithmetic on quantities, for callers that compose values the engine
// has already read (a command line composing availability targets, a
// table deriving one figure from another) without writing them back into
// formula text. Sums and differences need equal dimensions; every result
// must be finite, so that an overflow or a division by zero is an error
// here rather than an Inf or NaN further on.

// Add returns a + b. Both must have the same dimension.
func Add(a, b Quantity) (Quantity, error) {
	if a.Dim != b.Dim {
		return Quantity{}, &Error{Msg: fmt.Sprintf("cannot add %s and %s", a.Dim, b.Dim)}
	}
	return finite("sum", Quantity{a.Value + b.Value, a.Dim})
}

// Sub returns a - b. Both must have the same dimension.
func Sub(a, b Quantity) (Quantity, error) {
	if a.Dim != b.Dim {
		return Quantity{}, &Error{Msg: fmt.Sprintf("cannot subtract %s and %s", a.Dim, b.Dim)}
	}
	return finite("difference", Quantity{a.Value - b.Value, a.Dim})
}

// Mul returns a × b, whose dimension is the product of theirs.
func Mul(a, b Quantity) (Quantity, error) {
	d, err := a.Dim.Mul(b.Dim)
	if err != nil {
		return Quantity{}, &Error{Msg: err.Error()}
	}
	return finite("product", Quantity{a.Value * b.Value, d})
}

// Div returns a ÷ b, whose dimension is the quotient of theirs. A zero
// divisor is an error.
func Div(a, b Quantity) (Quantity, error) {
	if b.Value == 0 {
		return Quantity{}, &Error{Msg: "division by zero"}
	}
	d, err := a.Dim.Div(b.Dim)
	if err != nil {
		return Quantity{}, &Error{Msg: err.Error()}
	}
	return finite("quotient", Quantity{a.Value / b.Value, d})
}

// Number is the plain number v, such as the 1 in 1 - availability.
func Number(v float64) Quantity { return Quantity{Value: v} }

// finite returns q, or an error naming the operation when q's value is
// infinite or not a number.
func finite(what string, q Quantity) (Quantity, error) {
	if math.IsInf(q.Value, 0) || math.IsNaN(q.Value) {
		return Quantity{}, &Error{Msg: fmt.Sprintf("the %s is not a finite number", what)}
	}
	return q, nil
}
