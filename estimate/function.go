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
	f1            func(float64) float64
}

var functions = map[string]function{
	"ceil":  {arity: 1, dimensionless: true, f1: math.Ceil},
	"floor": {arity: 1, dimensionless: true, f1: math.Floor},
	"round": {arity: 1, dimensionless: true, f1: math.Round},
	"log2":  {arity: 1, dimensionless: true, f1: math.Log2},
	"log10": {arity: 1, dimensionless: true, f1: math.Log10},
	"abs":   {arity: 1, f1: math.Abs},
	"sqrt":  {arity: 1, f1: math.Sqrt},
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

// reservedWords are words of expr's syntax; a scenario may not use them
// as names.
var reservedWords = map[string]bool{
	"and": true, "or": true, "not": true, "in": true, "true": true, "false": true,
	"nil": true, "let": true, "if": true, "else": true, "matches": true,
	"contains": true, "startsWith": true, "endsWith": true,
}
