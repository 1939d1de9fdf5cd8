package estimate

import (
	"math"
	"math/big"
)

// An evalFunc computes a value from the slots of an evaluation: the
// inputs and outputs of a scenario, by index.
type evalFunc func(slots []float64) float64

// A node is a checked formula node. Its eval function is built once, so
// evaluation walks no syntax tree and allocates nothing.
type node struct {
	op      string // operator or function name; "" for constants and refs
	off     int    // rune offset in the formula, for messages
	dim     Dimension
	boolean bool // a condition: 1 is true, 0 false
	isConst bool
	value   float64  // when isConst: the float64 nearest rat
	rat     *big.Rat // when isConst: the exact value
	approx  bool     // when isConst: rat came through a float64 function
	slot    int      // a reference to a slot when op is "ref"
	args    []*node
	dist    *distribution // a range's leaf, when op is "dist"
	eval    evalFunc
	bad     bool // a problem was reported here; check no further
}

// constNode is a constant of the exact value r.
func constNode(off int, r *big.Rat, dim Dimension) *node {
	v, _ := r.Float64()
	return &node{off: off, dim: dim, isConst: true, value: v, rat: r, eval: func([]float64) float64 { return v }}
}

func refNode(off, slot int, dim Dimension) *node {
	return &node{op: "ref", off: off, dim: dim, slot: slot, eval: func(s []float64) float64 { return s[slot] }}
}

// binaryFunc builds the evaluation of a binary operator, specialised for a
// constant right operand, which is common ("x * 8", "y / day").
func binaryFunc(op string, a, b *node) evalFunc {
	f, g := a.eval, b.eval
	if b.isConst {
		k := b.value
		switch op {
		case "*":
			return func(s []float64) float64 { return f(s) * k }
		case "/":
			return func(s []float64) float64 { return f(s) / k }
		case "+":
			return func(s []float64) float64 { return f(s) + k }
		case "-":
			return func(s []float64) float64 { return f(s) - k }
		case "**", "^":
			if k == 2 {
				return func(s []float64) float64 { x := f(s); return x * x }
			}
		}
	}
	switch op {
	case "+":
		return func(s []float64) float64 { return f(s) + g(s) }
	case "-":
		return func(s []float64) float64 { return f(s) - g(s) }
	case "*":
		return func(s []float64) float64 { return f(s) * g(s) }
	case "/":
		return func(s []float64) float64 { return f(s) / g(s) }
	case "**", "^":
		return func(s []float64) float64 { return math.Pow(f(s), g(s)) }
	case "==":
		return func(s []float64) float64 { return truth(f(s) == g(s)) }
	case "!=":
		return func(s []float64) float64 { return truth(f(s) != g(s)) }
	case "<":
		return func(s []float64) float64 { return truth(f(s) < g(s)) }
	case "<=":
		return func(s []float64) float64 { return truth(f(s) <= g(s)) }
	case ">":
		return func(s []float64) float64 { return truth(f(s) > g(s)) }
	case ">=":
		return func(s []float64) float64 { return truth(f(s) >= g(s)) }
	case "&&", "and":
		return func(s []float64) float64 { return truth(f(s) != 0 && g(s) != 0) }
	case "||", "or":
		return func(s []float64) float64 { return truth(f(s) != 0 || g(s) != 0) }
	}
	panic("estimate: no evaluation for operator " + op)
}

func truth(b bool) float64 {
	if b {
		return 1
	}
	return 0
}

// extremumFunc builds min or max over the arguments.
func extremumFunc(isMax bool, args []*node) evalFunc {
	fs := make([]evalFunc, len(args))
	for i, a := range args {
		fs[i] = a.eval
	}
	return func(s []float64) float64 {
		v := fs[0](s)
		for _, f := range fs[1:] {
			w := f(s)
			if (isMax && w > v) || (!isMax && w < v) || w != w {
				v = w
			}
		}
		return v
	}
}
