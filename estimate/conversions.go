package estimate

import (
	"sort"

	"github.com/expr-lang/expr/ast"
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
	p, es := parseFormula(expr)
	if es != nil {
		return nil, es.inFormula("", 1, 1, "", expr)
	}
	type found struct {
		off int
		cv  Conversion
	}
	var all []found
	rs := []rune(expr)
	ast.Walk(&p.tree, visitor(func(n ast.Node) {
		id, ok := n.(*ast.IdentifierNode)
		if !ok {
			return
		}
		if i := p.sc.literalAt(id.Location().From, id.Value); i >= 0 {
			lit := p.sc.literals[i]
			all = append(all, found{lit.from, Conversion{string(rs[lit.from:lit.to]), lit.quantity(c)}})
		} else if u, ok := units[id.Value]; ok {
			all = append(all, found{p.sc.origin(id.Location().From), Conversion{id.Value, Quantity{c.Scale(u), u.Dim}}})
		}
	}))
	sort.SliceStable(all, func(i, j int) bool { return all[i].off < all[j].off })
	out := make([]Conversion, len(all))
	for i, f := range all {
		out[i] = f.cv
	}
	return out, nil
}

// visitor adapts a function to ast.Visitor.
type visitor func(ast.Node)

func (v visitor) Visit(n *ast.Node) { v(*n) }
