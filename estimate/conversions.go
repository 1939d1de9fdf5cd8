package estimate

import (
	"github.com/envelope-cli/envelope/internal/syntax"
)

// A Conversion is one quantity literal or unit of an expression with its
// value in base units: how "5 years" or "day" was read.
type Conversion struct {
	Text  string // as written: "100M", "5 years", "day"
	Value Quantity
}

// Conversions lists the quantity literals and units in expr, in the order
// written, with their values in base units under c: the working behind a
// one-off calculation.
func Conversions(expr string, c Conventions) (_ []Conversion, err error) {
	defer guard(&err, "")
	sc := calcScope(c)
	p, es := parseFormula(expr, sc)
	if es != nil {
		return nil, es.inFormula("", 1, 1, "", expr)
	}
	out, errs := conversionsOf(p, sc, nil)
	if len(errs) > 0 {
		return nil, errs.inFormula("", 1, 1, "", expr)
	}
	return out, nil
}

// conversionsOf lists the quantity literals and units of a parsed
// formula with their values under sc, in the order written; name, when
// not nil, gives the value of a word that is a name (a session's
// variable), which is listed as it stands.
func conversionsOf(p *parsedFormula, sc *scope, name func(string) (Quantity, bool)) ([]Conversion, offsetErrors) {
	var out []Conversion
	var errs offsetErrors
	syntax.Inspect(p.tree, func(n syntax.Node) bool {
		var q *node
		switch n := n.(type) {
		case *syntax.Quantity:
			b := builder{p: p, sc: sc}
			q = b.quantity(n)
			errs = append(errs, b.errs...)
		case *syntax.Ident:
			if name != nil {
				if v, ok := name(n.Name); ok {
					out = append(out, Conversion{n.Name, v})
					return false
				}
			}
			b := builder{p: p, sc: sc, countOK: true}
			q = b.identifier(n)
			errs = append(errs, b.errs...)
		default:
			return true
		}
		if !q.bad {
			out = append(out, Conversion{p.src[n.Pos():n.End()], Quantity{q.value, q.dim}})
		}
		return false
	})
	return out, errs
}
