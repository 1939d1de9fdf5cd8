package estimate

import (
	"math"
	"sort"
)

// A function is one of the few a formula may call.
type function struct {
	arity int // -1: one or more arguments
	// dimensionless: the argument must be a plain number.
	dimensionless bool
	// counts: the argument may be a plain number or a count (ceil of
	// servers is whole servers), but not a unit.
	counts bool
	f1     func(float64) float64
}

var functions = map[string]function{
	"ceil":  {arity: 1, counts: true, f1: math.Ceil},
	"floor": {arity: 1, counts: true, f1: math.Floor},
	"round": {arity: 1, counts: true, f1: math.Round},
	"log2":  {arity: 1, dimensionless: true, f1: math.Log2},
	"log10": {arity: 1, dimensionless: true, f1: math.Log10},
	"ln":    {arity: 1, dimensionless: true, f1: math.Log},
	"exp":   {arity: 1, dimensionless: true, f1: math.Exp},
	"abs":   {arity: 1, f1: math.Abs},
	"sqrt":  {arity: 1, f1: math.Sqrt},
	"mod":   {arity: 2},
	"min":   {arity: -1},
	"max":   {arity: -1},
}

// FunctionNames returns the names of the functions a formula may call.
func FunctionNames() []string {
	names := make([]string, 0, len(functions))
	for n := range functions {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}
