package estimate

import (
	"fmt"
	"math"
	"strings"

	"github.com/expr-lang/expr/ast"
)

// builder checks a parsed formula and builds its nodes.
type builder struct {
	p    *parsedFormula
	conv Conventions
	r    resolver
	errs offsetErrors
}

func (b *builder) fail(off int, format string, args ...any) *node {
	b.errs = append(b.errs, offsetError{off, fmt.Sprintf(format, args...)})
	return &node{off: off, bad: true, eval: func([]float64) float64 { return 0 }}
}

func (b *builder) offset(n ast.Node) int { return b.p.sc.origin(n.Location().From) }

func (b *builder) build(n ast.Node) *node {
	off := b.offset(n)
	switch n := n.(type) {
	case *ast.IntegerNode:
		return constNode(off, float64(n.Value), Dimensionless)
	case *ast.FloatNode:
		return constNode(off, n.Value, Dimensionless)
	case *ast.BoolNode:
		k := constNode(off, truth(n.Value), Dimensionless)
		k.boolean = true
		return k
	case *ast.IdentifierNode:
		return b.identifier(n, off)
	case *ast.UnaryNode:
		return b.unary(n, off)
	case *ast.BinaryNode:
		return b.binary(n, off)
	case *ast.ConditionalNode:
		return b.conditional(n)
	case *ast.CallNode:
		id, ok := n.Callee.(*ast.IdentifierNode)
		if !ok {
			return b.fail(off, "only the functions %s may be called", strings.Join(FunctionNames(), ", "))
		}
		return b.call(id.Value, n.Arguments, off)
	case *ast.BuiltinNode:
		return b.call(n.Name, n.Arguments, off)
	case *ast.StringNode:
		return b.fail(off, "text in quotes is not a quantity")
	case *ast.NilNode:
		return b.fail(off, "nil is not a quantity")
	case *ast.MemberNode, *ast.ChainNode:
		return b.fail(off, "'.' and '[' are not part of formulas")
	case *ast.ArrayNode:
		return b.fail(off, "lists are not part of formulas")
	case *ast.MapNode:
		return b.fail(off, "maps are not part of formulas")
	case *ast.SequenceNode:
		return b.fail(off, "a formula is one expression; ';' is not allowed")
	case *ast.VariableDeclaratorNode:
		return b.fail(off, "let is not part of formulas; use an output instead")
	}
	return b.fail(off, "this syntax is not part of formulas")
}

func (b *builder) identifier(n *ast.IdentifierNode, off int) *node {
	if i := b.p.sc.literalAt(n.Location().From, n.Value); i >= 0 {
		q := b.p.sc.literals[i].quantity(b.conv)
		if math.IsInf(q.Value, 0) {
			return b.fail(off, "%s is too large", string([]rune(b.p.src)[off:b.p.sc.literals[i].to]))
		}
		return constNode(off, q.Value, q.Dim)
	}
	if u, ok := units[n.Value]; ok {
		return constNode(off, b.conv.Scale(u), u.Dim)
	}
	if b.r != nil {
		if slot, dim, ok := b.r.resolve(n.Value); ok {
			return refNode(off, slot, dim)
		}
		return b.fail(off, "%s", b.r.unknown(n.Value))
	}
	if _, ok := functions[n.Value]; ok {
		return b.fail(off, "%s is a function; call it as %s(...)", n.Value, n.Value)
	}
	msg := fmt.Sprintf("unknown unit or name %q", n.Value)
	if s := suggest(n.Value, UnitNames()); s != "" {
		msg += fmt.Sprintf("; did you mean %q?", s)
	}
	return b.fail(off, "%s", msg)
}

func (b *builder) unary(n *ast.UnaryNode, off int) *node {
	x := b.build(n.Node)
	if x.bad {
		return x
	}
	switch n.Operator {
	case "-", "+":
		if x.boolean {
			return b.fail(off, "cannot negate a condition")
		}
		if n.Operator == "+" {
			return x
		}
		f := x.eval
		return b.fold(&node{op: "neg", off: off, dim: x.dim, args: []*node{x},
			eval: func(s []float64) float64 { return -f(s) }})
	case "!", "not":
		if !x.boolean {
			return b.fail(off, "%s needs a condition, not a quantity", n.Operator)
		}
		f := x.eval
		return b.fold(&node{op: "not", off: off, boolean: true, args: []*node{x},
			eval: func(s []float64) float64 { return truth(f(s) == 0) }})
	}
	return b.fail(off, "operator %s is not part of formulas", n.Operator)
}

var opVerbs = map[string]string{"+": "add", "-": "subtract", "==": "compare", "!=": "compare",
	"<": "compare", "<=": "compare", ">": "compare", ">=": "compare"}

func (b *builder) binary(n *ast.BinaryNode, off int) *node {
	switch n.Operator {
	case "+", "-", "*", "/", "**", "^", "==", "!=", "<", "<=", ">", ">=", "&&", "||", "and", "or":
	case "%":
		return b.fail(off, "%% is not an operator; write it right after a number for a percentage (20%%)")
	default:
		return b.fail(off, "operator %s is not part of formulas", n.Operator)
	}
	x, y := b.build(n.Left), b.build(n.Right)
	if x.bad || y.bad {
		return &node{off: off, bad: true, eval: x.eval}
	}
	out := &node{op: n.Operator, off: off, args: []*node{x, y}}
	switch n.Operator {
	case "&&", "||", "and", "or":
		if !x.boolean || !y.boolean {
			return b.fail(off, "%s needs conditions on both sides", n.Operator)
		}
		out.boolean = true
	default:
		if x.boolean || y.boolean {
			return b.fail(off, "%s needs quantities, not conditions", n.Operator)
		}
	}
	switch n.Operator {
	case "+", "-":
		if x.dim != y.dim {
			return b.fail(off, "cannot %s %s and %s", opVerbs[n.Operator], x.dim, y.dim)
		}
		out.dim = x.dim
	case "==", "!=", "<", "<=", ">", ">=":
		if x.dim != y.dim {
			return b.fail(off, "cannot compare %s and %s", x.dim, y.dim)
		}
		out.boolean = true
	case "*":
		d, ok := combine(x.dim, y.dim, 1)
		if !ok {
			return b.fail(off, "dimension exponent out of range")
		}
		out.dim = d
	case "/":
		d, ok := combine(x.dim, y.dim, -1)
		if !ok {
			return b.fail(off, "dimension exponent out of range")
		}
		out.dim = d
	case "**", "^":
		if !y.dim.IsDimensionless() {
			return b.fail(b.offset(n.Right), "an exponent must be a plain number, not %s", y.dim)
		}
		if !x.dim.IsDimensionless() {
			k := y.value
			if !y.isConst || k != math.Trunc(k) || math.Abs(k) > 127 {
				return b.fail(off, "%s can be raised only to a whole constant power", x.dim)
			}
			d, ok := combine(Dimensionless, x.dim, int(k))
			if !ok {
				return b.fail(off, "dimension exponent out of range")
			}
			out.dim = d
		}
	}
	out.eval = binaryFunc(n.Operator, x, y)
	return b.fold(out)
}

// combine returns d·eᵏ, or false when an exponent leaves int8.
func combine(d, e Dimension, k int) (Dimension, bool) {
	ex := [3]int{int(d.Byte) + k*int(e.Byte), int(d.Second) + k*int(e.Second), int(d.Dollar) + k*int(e.Dollar)}
	for _, v := range ex {
		if v < math.MinInt8 || v > math.MaxInt8 {
			return Dimension{}, false
		}
	}
	return Dimension{int8(ex[0]), int8(ex[1]), int8(ex[2])}, true
}

func (b *builder) conditional(n *ast.ConditionalNode) *node {
	c, x, y := b.build(n.Cond), b.build(n.Exp1), b.build(n.Exp2)
	if c.bad || x.bad || y.bad {
		return &node{bad: true, eval: c.eval}
	}
	if !c.boolean {
		return b.fail(c.off, "the condition before ? must be a comparison")
	}
	if x.boolean || y.boolean {
		return b.fail(x.off, "the branches of ?: must be quantities")
	}
	if x.dim != y.dim {
		return b.fail(y.off, "the branches of ?: differ: %s and %s", x.dim, y.dim)
	}
	fc, fx, fy := c.eval, x.eval, y.eval
	return b.fold(&node{op: "?:", off: c.off, dim: x.dim, args: []*node{c, x, y},
		eval: func(s []float64) float64 {
			if fc(s) != 0 {
				return fx(s)
			}
			return fy(s)
		}})
}

func (b *builder) call(name string, argNodes []ast.Node, off int) *node {
	fn, ok := functions[name]
	if !ok {
		msg := fmt.Sprintf("unknown function %s", name)
		if s := suggest(name, FunctionNames()); s != "" {
			msg += fmt.Sprintf("; did you mean %s?", s)
		}
		return b.fail(off, "%s", msg)
	}
	args := make([]*node, len(argNodes))
	for i, a := range argNodes {
		args[i] = b.build(a)
		if args[i].bad {
			return args[i]
		}
		if args[i].boolean {
			return b.fail(args[i].off, "%s needs quantities, not conditions", name)
		}
	}
	if fn.arity == 1 && len(args) != 1 {
		return b.fail(off, "%s takes 1 argument, not %d", name, len(args))
	}
	if len(args) == 0 {
		return b.fail(off, "%s needs at least one argument", name)
	}
	out := &node{op: name, off: off, dim: args[0].dim, args: args}
	switch {
	case fn.dimensionless:
		if !args[0].dim.IsDimensionless() {
			return b.fail(args[0].off, "%s needs a plain number, not %s (divide by a unit first, e.g. x / (%s))",
				name, args[0].dim, exampleUnit(args[0].dim))
		}
	case name == "sqrt":
		d := args[0].dim
		if d.Byte%2 != 0 || d.Second%2 != 0 || d.Dollar%2 != 0 {
			return b.fail(args[0].off, "sqrt of %s has no unit; divide by a unit first", d)
		}
		out.dim = Dimension{d.Byte / 2, d.Second / 2, d.Dollar / 2}
	case name == "min" || name == "max":
		for _, a := range args[1:] {
			if a.dim != args[0].dim {
				return b.fail(a.off, "%s needs arguments of one dimension, not %s and %s", name, args[0].dim, a.dim)
			}
		}
		out.eval = extremumFunc(name == "max", args)
		return b.fold(out)
	}
	f, g := fn.f1, args[0].eval
	out.eval = func(s []float64) float64 { return f(g(s)) }
	return b.fold(out)
}

// exampleUnit names a unit of dimension d for a hint.
func exampleUnit(d Dimension) string {
	switch d {
	case Bytes:
		return "1 GB"
	case Seconds:
		return "1 s"
	case Dollars:
		return "$1"
	case Rate:
		return "1/s"
	case ByteRate:
		return "1 MB/s"
	}
	return "1 " + d.String()
}

// fold replaces a node whose arguments are all constant by a constant, so
// that literals such as 100M/day cost nothing at evaluation.
func (b *builder) fold(n *node) *node {
	for _, a := range n.args {
		if !a.isConst {
			return n
		}
	}
	n.value = n.eval(nil)
	n.isConst = true
	v := n.value
	n.eval = func([]float64) float64 { return v }
	if isFinite(v) {
		n.args = nil // diagnose never looks inside a finite constant
	}
	return n
}
