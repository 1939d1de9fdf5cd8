package estimate

import (
	"fmt"
	"math"
	"math/big"
	"strconv"
	"strings"

	"github.com/envelope-cli/envelope/internal/syntax"
)

// builder checks a parsed formula and builds its nodes.
type builder struct {
	p    *parsedFormula
	sc   *scope
	errs offsetErrors
	// countOK is set while building the right side of "/" and a unit to
	// convert to, where a one-off calculation counts things by any word:
	// "x / user".
	countOK bool
	// leaves are the distributions of the formula's ranges, in order.
	leaves []*distribution
}

// off converts a byte offset of the syntax tree to the rune offset that
// errors carry.
func (b *builder) off(byteOff int) int { return b.p.runeOff(byteOff) }

func (b *builder) fail(byteOff int, format string, args ...any) *node {
	off := b.off(byteOff)
	b.errs = append(b.errs, offsetError{off, fmt.Sprintf(format, args...)})
	return &node{off: off, bad: true, eval: func([]float64) float64 { return 0 }}
}

func (b *builder) text(n syntax.Node) string { return b.p.src[n.Pos():n.End()] }

func (b *builder) build(n syntax.Node) *node {
	switch n := n.(type) {
	case *syntax.Number:
		r, approx := numberValue(n)
		x, err := bounded(exact{r: r, approx: approx}, 0)
		if err != nil {
			return b.fail(n.From, "number %s is too large", n.Text)
		}
		k := constNode(b.off(n.From), x.r, Dimensionless)
		k.approx = x.approx
		return k
	case *syntax.Quantity:
		return b.quantity(n)
	case *syntax.Ident:
		return b.identifier(n)
	case *syntax.Bool:
		k := constNode(b.off(n.From), truthOf(n.Value).r, Dimensionless)
		k.boolean = true
		return k
	case *syntax.Paren:
		return b.build(n.X)
	case *syntax.Unary:
		return b.unary(n)
	case *syntax.Binary:
		return b.binary(n)
	case *syntax.Compare:
		return b.compare(n)
	case *syntax.Cond:
		return b.conditional(n)
	case *syntax.Call:
		return b.call(n)
	case *syntax.Convert:
		return b.fail(n.OpPos, "a conversion (%s) comes once, at the end of a formula", n.OpText)
	case *syntax.Range:
		return b.rangeNode(n, distLognormal)
	}
	return b.fail(n.Pos(), "this syntax is not part of formulas")
}

// quantity builds a number written with its scale word, percent sign,
// dollar sign and unit. Powers of ten in all of them are folded into the
// decimal exponent before the number is read, so that 99.9% is 0.999 and
// 7 ns is 7e-9 to the last bit, not 0.9990000000000001 and
// 7.000000000000001e-09; only the rest of a unit's scale (60 for a
// minute, 1/8 for a bit) multiplies.
func (b *builder) quantity(n *syntax.Quantity) *node {
	// The number first, then its scale, percent and unit, in place: a
	// file may hold a million literals.
	var r *big.Rat
	switch num := n.Num.(type) {
	case *syntax.Number:
		r = numberRat(num)
	default: // a power of numbers: 2^30 B
		p := b.build(num)
		if p.bad {
			return p
		}
		if !p.isConst {
			return b.fail(n.From, "%s is too large", b.text(n))
		}
		r = new(big.Rat).Set(p.rat)
	}
	dim := Dimensionless
	if n.Dollar {
		dim = Dollars
	}
	if n.Percent {
		r.Quo(r, big.NewRat(100, 1))
	}
	if n.Scale != nil {
		r.Mul(r, units[n.Scale.Name].rat)
	}
	if n.Unit != nil {
		for _, f := range n.Unit.Factors {
			scale, d, ok := b.unitWord(f.Word)
			if !ok {
				return &node{off: b.off(f.Word.From), bad: true, eval: func([]float64) float64 { return 0 }}
			}
			if scale == nil {
				return b.fail(n.From, "%s is too large", b.text(n))
			}
			for range abs(f.Exp) {
				if f.Exp > 0 {
					r.Mul(r, scale)
				} else {
					r.Quo(r, scale)
				}
			}
			var err error
			if dim, err = dim.combine(d, f.Exp); err != nil {
				return b.fail(f.Word.From, "%v", err)
			}
		}
	}
	bx, err := bounded(exact{r: r}, 0)
	if err != nil {
		return b.fail(n.From, "%s is too large", b.text(n))
	}
	// Every literal is exact, so it rounds to float64 once: 99.9% is
	// 0.999 and 7 ns is 7e-9 to the last bit. One below 2^-1100 is an
	// approximate zero, as any value of the exact path is.
	k := constNode(b.off(n.From), bx.r, dim)
	k.approx = bx.approx
	return k
}

// unitWord gives the scale and dimension of a word in a unit expression:
// a unit, a counted thing, or, on the command line, a new counted thing.
func (b *builder) unitWord(w syntax.Word) (*big.Rat, Dimension, bool) {
	if u, ok := units[w.Name]; ok {
		return b.sc.conv.ratScale(u), u.Dim, true
	}
	if one, ok := b.sc.counts[w.Name]; ok {
		return ratOne, Count(one), true
	}
	if b.sc.calc && isCountWord(w.Name) {
		return ratOne, Count(singular(w.Name)), true
	}
	msg := unknownUnitMessage(w.Name)
	if b.sc.inFile && suggestUnit(w.Name) == "" && !nearUnit(w.Name) && countPattern.MatchString(w.Name) {
		msg += "; " + declareCounts(w.Name)
	}
	b.fail(w.From, "%s", msg)
	return nil, Dimension{}, false
}

func (b *builder) identifier(n *syntax.Ident) *node {
	off := b.off(n.From)
	if b.sc.r != nil && b.sc.names[n.Name] {
		if slot, dim, ok := b.sc.r.resolve(n.Name); ok {
			return refNode(off, slot, dim)
		}
		return b.fail(n.From, "%s", b.sc.r.unknown(n.Name))
	}
	if u, ok := units[n.Name]; ok {
		r := b.sc.conv.ratScale(u)
		if r == nil {
			return b.fail(n.From, "%s is too large", n.Name)
		}
		return constNode(off, r, u.Dim)
	}
	if one, ok := b.sc.counts[n.Name]; ok {
		return constNode(off, ratOne, Count(one))
	}
	if _, ok := functions[n.Name]; ok {
		return b.fail(n.From, "%s is a function; call it as %s(...)", n.Name, n.Name)
	}
	if b.sc.calc && b.countOK && isCountWord(n.Name) {
		return constNode(off, ratOne, Count(singular(n.Name)))
	}
	if b.sc.r != nil {
		return b.fail(n.From, "%s", b.sc.r.unknown(n.Name))
	}
	msg := fmt.Sprintf("unknown unit or name %q", n.Name)
	if hint, ok := ambiguousUnits[n.Name]; ok {
		msg += ": " + hint
	} else if s := suggestUnit(n.Name); s != "" {
		msg += fmt.Sprintf("; did you mean %q?", s)
	}
	return b.fail(n.From, "%s", msg)
}

func (b *builder) unary(n *syntax.Unary) *node {
	x := b.build(n.X)
	if x.bad {
		return x
	}
	off := b.off(n.From)
	switch n.Op {
	case "-", "+":
		if x.boolean {
			return b.fail(n.From, "cannot negate a condition")
		}
		if n.Op == "+" {
			return x
		}
		f := x.eval
		return b.fold(&node{op: "neg", off: off, dim: x.dim, args: []*node{x},
			eval: func(s []float64) float64 { return -f(s) }})
	}
	// "!" and "not"
	if !x.boolean {
		return b.fail(n.From, "%s needs a condition, not a quantity", n.Op)
	}
	f := x.eval
	return b.fold(&node{op: "not", off: off, boolean: true, args: []*node{x},
		eval: func(s []float64) float64 { return truth(f(s) == 0) }})
}

var opVerbs = map[string]string{"+": "add", "-": "subtract"}

func (b *builder) binary(n *syntax.Binary) *node {
	x := b.build(n.X)
	if n.Op == "/" {
		saved := b.countOK
		b.countOK = true
		defer func() { b.countOK = saved }()
	}
	y := b.build(n.Y)
	if x.bad || y.bad {
		return &node{off: b.off(n.OpPos), bad: true, eval: x.eval}
	}
	out := &node{op: n.Op, off: b.off(n.OpPos), args: []*node{x, y}}
	if n.Op == "and" || n.Op == "or" {
		if !x.boolean || !y.boolean {
			return b.fail(n.OpPos, "%s needs conditions on both sides", n.OpText)
		}
		out.boolean = true
		out.eval = binaryFunc(n.Op, x, y)
		return b.fold(out)
	}
	if x.boolean || y.boolean {
		return b.fail(n.OpPos, "%s needs quantities, not conditions", n.OpText)
	}
	var err error
	switch n.Op {
	case "+", "-":
		if x.dim != y.dim {
			return b.fail(n.OpPos, "cannot %s %s and %s", opVerbs[n.Op], x.dim, y.dim)
		}
		out.dim = x.dim
	case "*":
		out.dim, err = x.dim.Mul(y.dim)
	case "/":
		out.dim, err = x.dim.Div(y.dim)
	case "^":
		if !y.dim.IsDimensionless() {
			return b.fail(n.Y.Pos(), "an exponent must be a plain number, not %s", y.dim)
		}
		if !x.dim.IsDimensionless() {
			k := y.value
			if !y.isConst || k != math.Trunc(k) || math.Abs(k) > 127 {
				return b.fail(n.OpPos, "%s can be raised only to a whole constant power", x.dim)
			}
			out.dim, err = x.dim.Pow(int(k))
		}
	}
	if err != nil {
		return b.fail(n.OpPos, "%v", err)
	}
	out.eval = binaryFunc(n.Op, x, y)
	return b.fold(out)
}

// compare builds a chain of comparisons, a < b <= c, as the conjunction
// of its links.
func (b *builder) compare(n *syntax.Compare) *node {
	xs := make([]*node, len(n.Xs))
	for i, x := range n.Xs {
		if xs[i] = b.build(x); xs[i].bad {
			return xs[i]
		}
	}
	var out *node
	for i, op := range n.Ops {
		x, y := xs[i], xs[i+1]
		if x.boolean || y.boolean {
			return b.fail(n.OpPos[i], "%s needs quantities, not conditions", op)
		}
		if x.dim != y.dim {
			return b.fail(n.OpPos[i], "cannot compare %s and %s", x.dim, y.dim)
		}
		link := b.fold(&node{op: op, off: b.off(n.OpPos[i]), boolean: true, args: []*node{x, y}, eval: binaryFunc(op, x, y)})
		if out == nil {
			out = link
			continue
		}
		out = b.fold(&node{op: "and", off: out.off, boolean: true, args: []*node{out, link}, eval: binaryFunc("and", out, link)})
	}
	return out
}

func (b *builder) conditional(n *syntax.Cond) *node {
	c, x, y := b.build(n.C), b.build(n.A), b.build(n.B)
	if c.bad || x.bad || y.bad {
		return &node{bad: true, eval: c.eval}
	}
	if !c.boolean {
		return b.fail(n.C.Pos(), "the condition before ? must be a comparison")
	}
	if x.boolean || y.boolean {
		return b.fail(n.A.Pos(), "the branches of ?: must be quantities")
	}
	if x.dim != y.dim {
		return b.fail(n.B.Pos(), "the branches of ?: differ: %s and %s", x.dim, y.dim)
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

func (b *builder) call(n *syntax.Call) *node {
	name := n.Fun.Name
	if kind, ok := distFunctions[name]; ok {
		return b.distCall(n, kind)
	}
	fn, ok := functions[name]
	if !ok {
		msg := fmt.Sprintf("unknown function %s", name)
		if s := suggest(name, FunctionNames()); s != "" {
			msg += fmt.Sprintf("; did you mean %s?", s)
		}
		return b.fail(n.Fun.From, "%s", msg)
	}
	args := make([]*node, len(n.Args))
	for i, a := range n.Args {
		args[i] = b.build(a)
		if args[i].bad {
			return args[i]
		}
		if args[i].boolean {
			return b.fail(n.Args[i].Pos(), "%s needs quantities, not conditions", name)
		}
	}
	switch {
	case fn.arity > 0 && len(args) != fn.arity:
		plural := "s"
		if fn.arity == 1 {
			plural = ""
		}
		return b.fail(n.Fun.From, "%s takes %d argument%s, not %d", name, fn.arity, plural, len(args))
	case len(args) == 0:
		return b.fail(n.Fun.From, "%s needs at least one argument", name)
	}
	out := &node{op: name, off: b.off(n.Fun.From), dim: args[0].dim, args: args}
	a := args[0]
	switch {
	case fn.dimensionless && !a.dim.IsDimensionless():
		return b.fail(n.Args[0].Pos(), "%s needs a plain number, not %s (divide by a unit first, e.g. x / (%s))",
			name, a.dim, exampleUnit(a.dim))
	case fn.counts && a.dim.base() != Dimensionless:
		return b.fail(n.Args[0].Pos(), "%s needs a plain number or a count, not %s (divide by a unit first, e.g. x / (%s))",
			name, a.dim, exampleUnit(a.dim))
	case name == "sqrt":
		d, ok := a.dim.root(2)
		if !ok {
			return b.fail(n.Args[0].Pos(), "sqrt of %s has no unit; divide by a unit first", a.dim)
		}
		out.dim = d
	case fn.arity != 1:
		for i, x := range args[1:] {
			if x.dim != a.dim {
				return b.fail(n.Args[i+1].Pos(), "%s needs arguments of one dimension, not %s and %s", name, a.dim, x.dim)
			}
		}
	}
	switch {
	case name == "min" || name == "max":
		out.eval = extremumFunc(name == "max", args)
	case name == "mod":
		f, g := args[0].eval, args[1].eval
		out.eval = func(s []float64) float64 { return floorMod(f(s), g(s)) }
	default:
		f, g := fn.f1, a.eval
		out.eval = func(s []float64) float64 { return f(g(s)) }
	}
	return b.fold(out)
}

// numberRat is the exact value of a number as written.
func numberRat(n *syntax.Number) *big.Rat {
	r, _ := numberValue(n)
	return r
}

// numberValue is the value of a number as written, and whether it is
// approximate: exact but for a decimal exponent far past float64.
func numberValue(n *syntax.Number) (*big.Rat, bool) {
	if n.Base == 10 {
		if _, e, ok := strings.Cut(strings.ToLower(n.Digits), "e"); ok {
			if k, err := strconv.Atoi(e); err != nil || k < -400 || k > 400 {
				// Far past float64 either way: 10^1000000 is not worth
				// a million-digit rational. The parser refused the
				// large ones; a tiny one is its float64, 0.
				return new(big.Rat).SetFloat64(n.Value), true
			}
		}
		if r, ok := new(big.Rat).SetString(n.Digits); ok {
			return r, false
		}
		return new(big.Rat).SetFloat64(n.Value), true
	}
	digits := strings.ReplaceAll(n.Text, "_", "")
	if i, ok := new(big.Int).SetString(digits[2:], n.Base); ok {
		return new(big.Rat).SetInt(i), false
	}
	return new(big.Rat).SetFloat64(n.Value), true
}

// floorMod is the remainder of a / b with the sign of b, as a clock
// counts: mod(-1, 24) is 23. A zero b gives NaN, which diagnose reports
// as a division by zero.
func floorMod(a, b float64) float64 {
	if b == 0 {
		return math.NaN()
	}
	m := math.Mod(a, b)
	if m != 0 && (m < 0) != (b < 0) {
		m += b
	}
	return m
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

// fold replaces a node whose arguments are all constant by a constant,
// computed exactly, so that literals such as 100M/day cost nothing at
// evaluation. A constant that fails (1 / 0) stays a node, to fail with
// its place when the formula is evaluated.
func (b *builder) fold(n *node) *node {
	for _, a := range n.args {
		if !a.isConst {
			return n
		}
	}
	x, err := n.exactValue(nil)
	if err != nil {
		return n
	}
	n.isConst, n.rat, n.approx = true, x.r, x.approx
	v, _ := x.r.Float64()
	n.value = v
	n.eval = func([]float64) float64 { return v }
	n.args = nil
	return n
}

// displayUnit builds the unit of a conversion, where any word may count
// things ("-> requests/day"), and checks that it fits a value of
// dimension *want, or of its own dimension when want is nil.
func (b *builder) displayUnit(n syntax.Node, want *Dimension) (*DisplayUnit, offsetErrors) {
	saved := b.countOK
	b.countOK = true
	u := b.build(n)
	b.countOK = saved
	if want == nil {
		want = &u.dim
	}
	if len(b.errs) > 0 {
		return nil, b.errs
	}
	text := strings.TrimSpace(b.text(n))
	if !u.isConst && !u.boolean {
		if _, err := u.exactValue(nil); err != nil {
			return nil, offsetErrors{{err.off, err.msg}}
		}
	}
	switch {
	case u.boolean || !u.isConst:
		return nil, offsetErrors{{b.off(n.Pos()), "a unit to convert to is a constant, such as GB or Mbps"}}
	case u.value <= 0:
		return nil, offsetErrors{{b.off(n.Pos()), fmt.Sprintf("unit %s must be positive", text)}}
	case u.dim != *want:
		return nil, offsetErrors{{b.off(n.Pos()), fmt.Sprintf("cannot show %s in %s, which measures %s", want.Describe(), text, u.dim.Describe())}}
	}
	return &DisplayUnit{Text: text, Scale: u.value, Dim: u.dim, rat: u.rat}, nil
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}
