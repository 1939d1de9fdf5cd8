package estimate

import (
	"fmt"
	"math"
	"math/big"
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
	return exactly("sum", a, b, a.Dim, (*big.Rat).Add)
}

// Sub returns a - b. Both must have the same dimension.
func Sub(a, b Quantity) (Quantity, error) {
	if a.Dim != b.Dim {
		return Quantity{}, &Error{Msg: fmt.Sprintf("cannot subtract %s and %s", a.Dim, b.Dim)}
	}
	return exactly("difference", a, b, a.Dim, (*big.Rat).Sub)
}

// Mul returns a × b, whose dimension is the product of theirs.
func Mul(a, b Quantity) (Quantity, error) {
	d, err := a.Dim.Mul(b.Dim)
	if err != nil {
		return Quantity{}, &Error{Msg: err.Error()}
	}
	return exactly("product", a, b, d, (*big.Rat).Mul)
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
	return exactly("quotient", a, b, d, (*big.Rat).Quo)
}

// Number is the plain number v, such as the 1 in 1 - availability.
func Number(v float64) Quantity { return Quantity{Value: v} }

// exactly computes op on the decimals a and b stand for (0.999 is
// 999/1000), in rationals as the exact path does, and rounds once: the
// product of 1 - 99.9% and 1 - 99.9% is 0.000001, not 1.0000000000287557e-06.
func exactly(what string, a, b Quantity, d Dimension, op func(z, x, y *big.Rat) *big.Rat) (Quantity, error) {
	if !isFinite(a.Value) || !isFinite(b.Value) {
		return Quantity{}, &Error{Msg: fmt.Sprintf("the %s is not a finite number", what)}
	}
	r := op(new(big.Rat), decimalOf(a.Value), decimalOf(b.Value))
	v, _ := r.Float64()
	return finite(what, Quantity{v, d})
}

// finite returns q, or an error naming the operation when q's value is
// infinite or not a number.
func finite(what string, q Quantity) (Quantity, error) {
	if math.IsInf(q.Value, 0) || math.IsNaN(q.Value) {
		return Quantity{}, &Error{Msg: fmt.Sprintf("the %s is not a finite number", what)}
	}
	return q, nil
}
