package syntax

import (
	"fmt"
	"math"
	"math/big"
	"strconv"
	"strings"
)

// Limits on a formula, enforced by the parser itself.
const (
	// MaxSize is the longest formula, in bytes: 4 KiB.
	MaxSize = 4 << 10
	// MaxDepth is how deeply parentheses, function calls included, may
	// nest.
	MaxDepth = 64
)

// A Kind says what a word means to the caller, which knows the units,
// the counted things and the names in scope.
type Kind uint8

// The kinds of word.
const (
	// UnknownWord is a word the caller does not know. After a number it is
	// read as a unit, so that the checker can say which unit is meant
	// or, on the command line, count it as a thing.
	UnknownWord Kind = iota
	NameWord         // a scenario name: never part of a quantity
	UnitWord         // a unit or a counted thing
	ScaleWord        // a scale word, such as K, M or bn
	FuncWord         // a function
	// BothWord is a scenario name that is also a counted thing, as an
	// output "servers" may be where server is counted: after a number it
	// is the unit ("5 servers"), standing alone it is the name.
	BothWord
)

// Words classifies the words of a formula.
type Words func(word string) Kind

// keywords are the words of the language itself.
var keywords = map[string]bool{"and": true, "or": true, "not": true, "per": true, "to": true, "true": true, "false": true}

// IsKeyword reports whether word belongs to the language itself and so
// cannot be a name or a unit.
func IsKeyword(word string) bool { return keywords[word] || word == "let" }

// Parse reads a formula: an expression, optionally followed by a
// conversion ("-> Mbps", "to GB/day").
func Parse(src string, words Words) (Node, *Error) {
	return parse(src, words, false)
}

// ParseUnit reads a unit to show values in, as given to --to, to "->"
// or as a display unit: an expression of units and numbers such as
// "Mbps", "USD/GB/month", "$/month", "/s", "%" or "1000 B".
func ParseUnit(src string, words Words) (Node, *Error) {
	return parse(src, words, true)
}

func parse(src string, words Words, unit bool) (n Node, err *Error) {
	if len(src) > MaxSize {
		return nil, &Error{0, fmt.Sprintf("formula is too long: %d bytes; the limit is 4 KiB (%d bytes)", len(src), MaxSize)}
	}
	toks := lex(src)
	if toks[0].kind == tEOF {
		return nil, &Error{0, "empty formula"}
	}
	if words == nil {
		words = func(string) Kind { return UnknownWord }
	}
	p := &parser{src: src, toks: toks, words: words}
	defer func() {
		if r := recover(); r != nil {
			e, ok := r.(bailout)
			if !ok {
				panic(r)
			}
			n, err = nil, e.err
		}
	}()
	if unit {
		n = p.unitExpr()
	} else {
		n = p.formula()
	}
	if p.peek().kind != tEOF {
		p.unexpected()
	}
	return n, nil
}

// bailout carries a parse error up the recursion to parse.
type bailout struct{ err *Error }

type parser struct {
	src    string
	toks   []token
	i      int
	depth  int
	words  Words
	inUnit bool // reading a unit to convert to, where $ and % stand alone
}

// peek returns the token at the parser's place, failing on a bad one.
func (p *parser) peek() token {
	t := p.toks[p.i]
	if t.kind == tBad {
		panic(bailout{&Error{t.from, t.text}})
	}
	return t
}

// peekAt looks k tokens ahead without failing on a bad one.
func (p *parser) peekAt(k int) token {
	if p.i+k < len(p.toks) {
		return p.toks[p.i+k]
	}
	return p.toks[len(p.toks)-1]
}
func (p *parser) next() token {
	t := p.peek()
	if t.kind != tEOF {
		p.i++
	}
	return t
}

func (p *parser) isOp(ops ...string) bool {
	t := p.peek()
	if t.kind != tOp {
		return false
	}
	for _, op := range ops {
		if t.text == op {
			return true
		}
	}
	return false
}

func (p *parser) isWord(w string) bool { t := p.peek(); return t.kind == tWord && t.text == w }

func (p *parser) fail(off int, format string, args ...any) {
	panic(bailout{&Error{off, fmt.Sprintf(format, args...)}})
}

// kindAt classifies the word k tokens ahead: keywords first, then a word
// before "(" as a function, then the caller's words.
func (p *parser) kindAt(k int) Kind {
	t := p.peekAt(k)
	if keywords[t.text] {
		return NameWord // never part of a unit; the grammar reads it
	}
	if n := p.peekAt(k + 1); n.kind == tOp && n.text == "(" {
		return FuncWord
	}
	return p.words(t.text)
}

// formula reads an expression and an optional conversion at its end.
func (p *parser) formula() Node {
	x := p.expr()
	t := p.peek()
	switch {
	case t.kind == tOp && t.text == "->":
		p.next()
		return &Convert{X: x, OpPos: t.from, OpText: "->", Unit: p.unitExpr()}
	case t.kind == tWord && t.text == "to" && p.unitFollowsTo():
		p.next()
		return &Convert{X: x, OpPos: t.from, OpText: "to", Unit: p.unitExpr()}
	}
	return x
}

// unitFollowsTo reports whether the "to" at the parser's place converts
// (a unit follows: "x to GB", "x to $/month") rather than opening a range
// ("50M to 150M").
func (p *parser) unitFollowsTo() bool {
	t := p.peekAt(1)
	switch t.kind {
	case tWord:
		k := p.kindAt(1)
		return k == UnitWord || k == BothWord || k == ScaleWord || k == UnknownWord
	case tDollar:
		return p.peekAt(2).kind != tNumber
	case tPercent:
		return true
	case tOp:
		return t.text == "/"
	}
	return false
}

// unitExpr reads the unit of a conversion: an expression in which "$"
// and "%" stand for themselves and a leading "/" means "1/".
func (p *parser) unitExpr() Node {
	p.inUnit = true
	defer func() { p.inUnit = false }()
	if t := p.peek(); t.kind == tOp && t.text == "/" {
		one := &Number{From: t.from, To: t.from, Text: "1", Digits: "1", Base: 10, Value: 1}
		p.next()
		y := p.unary()
		x := p.prodFrom(&Binary{OpPos: t.from, Op: "/", OpText: "/", X: one, Y: y})
		return x
	}
	return p.sum()
}

func (p *parser) expr() Node {
	c := p.or()
	if p.isOp("?") {
		q := p.next().from
		a := p.expr()
		if !p.isOp(":") {
			if p.peek().kind == tEOF {
				p.fail(p.lastToken(), "unexpected end of formula: ? needs its : (c ? a : b)")
			}
			p.unexpected()
		}
		p.next()
		b := p.expr()
		return &Cond{C: c, A: a, B: b, Quest: q}
	}
	return c
}

func (p *parser) or() Node {
	x := p.and()
	for p.isOp("||") || p.isWord("or") {
		t := p.next()
		x = &Binary{OpPos: t.from, Op: "or", OpText: t.text, X: x, Y: p.and()}
	}
	return x
}

func (p *parser) and() Node {
	x := p.cmp()
	for p.isOp("&&") || p.isWord("and") {
		t := p.next()
		x = &Binary{OpPos: t.from, Op: "and", OpText: t.text, X: x, Y: p.cmp()}
	}
	return x
}

var comparisons = []string{"==", "!=", "<", "<=", ">", ">="}

func (p *parser) cmp() Node {
	x := p.rangeExpr()
	if !p.isOp(comparisons...) {
		return x
	}
	c := &Compare{Xs: []Node{x}}
	for p.isOp(comparisons...) {
		t := p.next()
		c.Ops = append(c.Ops, t.text)
		c.OpPos = append(c.OpPos, t.from)
		c.Xs = append(c.Xs, p.rangeExpr())
	}
	return c
}

// rangeExpr reads "a to b", a range, where "to" has a quantity on its
// right; with a bare unit there it is a conversion, which formula reads.
// A range binds looser than arithmetic: 5 to 10 * 2 is 5 to 20.
func (p *parser) rangeExpr() Node {
	x := p.sum()
	if t := p.peek(); t.kind == tWord && t.text == "to" && !p.unitFollowsTo() {
		p.next()
		y := p.sum()
		if u := p.peek(); u.kind == tWord && u.text == "to" && !p.unitFollowsTo() {
			p.fail(u.from, "a range has two ends: a to b")
		}
		return &Range{X: x, Y: y, ToPos: t.from}
	}
	return x
}

func (p *parser) sum() Node {
	x := p.prod()
	for p.isOp("+", "-") {
		t := p.next()
		x = &Binary{OpPos: t.from, Op: t.text, OpText: t.text, X: x, Y: p.prod()}
	}
	return x
}

func (p *parser) prod() Node { return p.prodFrom(p.unary()) }

func (p *parser) prodFrom(x Node) Node {
	for p.isOp("*", "/") || p.isWord("per") {
		t := p.next()
		op := t.text
		if op == "per" {
			op = "/"
		}
		x = &Binary{OpPos: t.from, Op: op, OpText: t.text, X: x, Y: p.unary()}
	}
	return x
}

func (p *parser) unary() Node {
	t := p.peek()
	if (t.kind == tOp && (t.text == "-" || t.text == "+" || t.text == "!")) || (t.kind == tWord && t.text == "not") {
		p.next()
		return &Unary{From: t.from, Op: t.text, X: p.unary()}
	}
	return p.power()
}

func (p *parser) power() Node {
	x := p.primary()
	if p.isOp("^", "**") {
		t := p.next()
		return &Binary{OpPos: t.from, Op: "^", OpText: t.text, X: x, Y: p.unary()}
	}
	return x
}

func (p *parser) primary() Node {
	t := p.peek()
	switch t.kind {
	case tNumber:
		return p.quantity(nil)
	case tDollar:
		if p.peekAt(1).kind == tNumber {
			p.next()
			return p.quantity(&t)
		}
		if !p.inUnit {
			p.fail(t.from, "a number must follow $ (as in $0.023)")
		}
		p.next()
		return &Ident{Word{t.from, t.to, "$"}}
	case tPercent:
		if p.inUnit {
			p.next()
			return &Ident{Word{t.from, t.to, "%"}}
		}
		p.fail(t.from, "%% is not an operator; write it right after a number for a percentage (20%%)")
	case tWord:
		switch t.text {
		case "true", "false":
			p.next()
			return &Bool{t.from, t.to, t.text == "true"}
		case "let":
			p.fail(t.from, "let is not part of formulas; use an output instead")
		}
		if keywords[t.text] {
			p.unexpected()
		}
		p.next()
		w := Word{t.from, t.to, t.text}
		if p.isOp("(") {
			return p.call(w)
		}
		return &Ident{w}
	case tOp:
		if t.text == "(" {
			p.enter(t.from)
			p.next()
			x := p.expr()
			end := p.closeParen(t.from)
			p.depth--
			return &Paren{From: t.from, To: end, X: x}
		}
	}
	p.unexpected()
	return nil
}

func (p *parser) enter(off int) {
	if p.depth++; p.depth > MaxDepth {
		p.fail(off, "parentheses nested too deep: the limit is %d levels", MaxDepth)
	}
}

// closeParen expects the ")" of the "(" at open and returns the offset
// past it.
func (p *parser) closeParen(open int) int {
	if !p.isOp(")") {
		if p.peek().kind == tEOF {
			p.fail(open, "unclosed parenthesis: ( has no )")
		}
		p.unexpected()
	}
	return p.next().to
}

func (p *parser) call(fun Word) Node {
	open := p.next().from
	p.enter(open)
	c := &Call{Fun: fun}
	if !p.isOp(")") {
		for {
			c.Args = append(c.Args, p.expr())
			if !p.isOp(",") {
				break
			}
			p.next()
		}
	}
	c.To = p.closeParen(open)
	p.depth--
	return c
}

// quantity reads a number and what is written with it: a percent sign,
// a scale word, a unit expression, or a power of numbers followed by a
// unit ("2^30 B"). dollar is the "$" before it, if any.
func (p *parser) quantity(dollar *token) Node {
	numTok := p.peek()
	num := p.number()
	q := &Quantity{From: numTok.from, Num: num, To: num.To}
	if dollar != nil {
		q.Dollar, q.From = true, dollar.from
	}
	if t := p.peek(); t.kind == tPercent {
		p.next()
		q.Percent, q.To = true, t.to
		p.noStuckWord(q)
		if n := p.peek(); n.kind == tNumber || n.kind == tWord && !keywords[n.text] || n.kind == tOp && n.text == "(" {
			// "10 % 3" is not a remainder.
			p.fail(t.from, "%% is not an operator; write it right after a number for a percentage (20%%)")
		}
		return q
	}
	if t := p.peek(); t.kind == tWord && p.kindAt(0) == ScaleWord {
		p.next()
		q.Scale, q.To = &Word{t.from, t.to, t.text}, t.to
		if u := p.peek(); u.kind == tWord && p.kindAt(0) == ScaleWord {
			p.fail(u.from, "repeated scale word %q: a number takes one scale word (5M, not 5M %s)", u.text, u.text)
		}
	}
	if dollar != nil {
		if t := p.peek(); t.kind == tWord && !t.space && p.kindAt(0) != NameWord {
			p.fail(t.from, "a dollar amount takes a scale word ($1.5M) but no unit; %q cannot follow %s", t.text, p.oneLine(q))
		}
	}
	if q.Scale == nil && dollar == nil && p.isOp("^", "**") {
		// A power of numbers may carry a unit: 2^30 B, 10^8 B/s.
		t := p.next()
		exp := p.exponent()
		if s := p.peek(); s.kind == tWord && p.kindAt(0) == ScaleWord && numeric(exp) {
			// "2 ** 3K" might mean 2 to the 3000th or 8K: ask.
			e := strings.Join(strings.Fields(p.src[p.toks[p.i-1].from:s.to]), " ")
			p.fail(s.from, "a scale word cannot follow an exponent; for a power of %s, write (%s)", e, e)
		}
		pow := &Binary{OpPos: t.from, Op: "^", OpText: t.text, X: num, Y: exp}
		if !numeric(exp) {
			return pow
		}
		if u := p.unit(false); u != nil {
			return &Quantity{From: q.From, Num: pow, Unit: u, To: u.To}
		}
		return pow
	}
	if u := p.unit(dollar != nil); u != nil {
		q.Unit, q.To = u, u.To
	}
	if q.Scale == nil && q.Unit == nil && !q.Dollar {
		return num
	}
	return q
}

// exponent reads the exponent of a power of numbers: a number, signed or
// not, or a power of numbers itself (right-associative: 2^3^2 is 2^9).
func (p *parser) exponent() Node {
	t := p.peek()
	if t.kind == tOp && (t.text == "-" || t.text == "+") {
		p.next()
		return &Unary{From: t.from, Op: t.text, X: p.exponent()}
	}
	if t.kind != tNumber {
		// An exponent of another shape (a name, parentheses) is an
		// ordinary power, with no unit after it.
		return p.unary()
	}
	n := p.number()
	if p.isOp("^", "**") {
		op := p.next()
		return &Binary{OpPos: op.from, Op: "^", OpText: op.text, X: n, Y: p.exponent()}
	}
	return n
}

// oneLine is the text of n for a message, its blanks joined into single
// spaces, so that a message stays on one line.
func (p *parser) oneLine(n Node) string {
	return strings.Join(strings.Fields(p.src[n.Pos():n.End()]), " ")
}

// numeric reports whether n is made of numbers alone: the exponent of a
// power that may carry a unit.
func numeric(n Node) bool {
	switch n := n.(type) {
	case *Number:
		return true
	case *Unary:
		return numeric(n.X)
	case *Binary:
		return numeric(n.X) && numeric(n.Y)
	}
	return false
}

// noStuckWord refuses a word written right against a finished quantity,
// "20%M", which would otherwise read as a second operand.
func (p *parser) noStuckWord(q *Quantity) {
	if t := p.peek(); (t.kind == tWord || t.kind == tNumber) && !t.space {
		p.fail(t.from, "unexpected %q right after %s (missing operator?)", t.text, p.oneLine(q))
	}
}

// unit reads a unit expression after a number, if one follows: words
// with exponents joined by "/", "per", "*" or a space. It starts with a
// unit word, or with "/" or "per" and one ("100/day", "10 per day");
// after a dollar amount only the second form is allowed ("$5/hour").
func (p *parser) unit(dollar bool) *Unit {
	var u Unit
	for {
		save := p.i
		div, op := false, false
		switch {
		case p.isWord("per"):
			div, op = true, true
		case p.isOp("/", "*") && p.tight():
			// Written tight, "/" and "*" join units: "1 TB/day",
			// "100/day". With spaces around them they are arithmetic,
			// so that "x / 10 / day" is (x / 10) / day.
			div, op = p.isOp("/"), true
			if !div && len(u.Factors) == 0 {
				op = false
			}
		}
		if op {
			p.next()
		} else if dollar && len(u.Factors) == 0 {
			break
		}
		t := p.peek()
		if t.kind != tWord || !p.unitWord(op && !div) {
			p.i = save
			break
		}
		p.next()
		if len(u.Factors) == 0 {
			u.From = t.from
			if op {
				u.From = p.toks[save].from
			}
		}
		f := Factor{Word: Word{t.from, t.to, t.text}, Exp: 1}
		u.To = t.to
		if p.isOp("^", "**") {
			f.Exp, u.To = p.unitExponent()
		}
		if div {
			f.Exp = -f.Exp
		}
		u.Factors = append(u.Factors, f)
	}
	if len(u.Factors) == 0 {
		return nil
	}
	return &u
}

// tight reports whether the operator at the parser's place touches the
// tokens on both sides.
func (p *parser) tight() bool {
	return !p.peek().space && !p.peekAt(1).space && p.peekAt(1).kind == tWord
}

// unitWord reports whether the word t continues a unit expression. After
// "*" only a known unit does ("5 GB * dau" multiplies by a name); after
// a number, a space or "/" an unknown word does too, so that the checker
// can say which unit was meant.
func (p *parser) unitWord(afterTimes bool) bool {
	switch p.kindAt(0) {
	case UnitWord, BothWord:
		return true
	case UnknownWord:
		return !afterTimes
	}
	return false
}

// unitExponent reads "^n" after a unit word: a whole number, signed or
// not. It returns the exponent and the offset past it.
func (p *parser) unitExponent() (int, int) {
	caret := p.next()
	sign := 1
	if p.isOp("-", "+") {
		if p.next().text == "-" {
			sign = -1
		}
	}
	t := p.peek()
	if t.kind != tNumber {
		p.fail(caret.from, "a unit's exponent is a whole number, as in s^-1 or mi^2")
	}
	n := p.number()
	if n.Value != math.Trunc(n.Value) || n.Value > 127 {
		p.fail(t.from, "a unit's exponent is a whole number up to 127, as in s^-1 or mi^2")
	}
	return sign * int(n.Value), n.To
}

// number reads a number token.
func (p *parser) number() *Number {
	t := p.next()
	n := &Number{From: t.from, To: t.to, Text: t.text, Base: 10}
	text := strings.ReplaceAll(t.text, "_", "")
	if len(text) > 2 && text[0] == '0' && strings.ContainsRune("xXoOb", rune(text[1])) {
		n.Base = map[byte]int{'x': 16, 'X': 16, 'o': 8, 'O': 8, 'b': 2}[text[1]]
		i, ok := new(big.Int).SetString(text[2:], n.Base)
		if !ok {
			p.fail(t.from, "bad number %q", t.text)
		}
		n.Value, _ = new(big.Float).SetInt(i).Float64()
		if math.IsInf(n.Value, 0) {
			p.fail(t.from, "number %s is too large", t.text)
		}
		return n
	}
	v, err := strconv.ParseFloat(text, 64)
	if err != nil {
		if v != 0 {
			p.fail(t.from, "number %s is too large", t.text)
		}
		p.fail(t.from, "number %s is too small: below 1e-308 it would read as 0", t.text)
	}
	n.Digits, n.Value = text, v
	return n
}

// lastToken returns the offset of the last token before the end, where
// a formula that ends too soon is pointed at: the dangling "+" of "a +".
func (p *parser) lastToken() int {
	if n := len(p.toks); n >= 2 {
		return p.toks[n-2].from
	}
	return 0
}

// unexpected fails at the current token, saying what it is.
func (p *parser) unexpected() {
	t := p.peek()
	switch t.kind {
	case tEOF:
		p.fail(p.lastToken(), "unexpected end of formula")
	case tNumber:
		p.fail(t.from, "unexpected number %q (missing operator?)", t.text)
	case tWord:
		switch {
		case keywords[t.text]:
			p.fail(t.from, "unexpected %q", t.text)
		case p.words(t.text) == ScaleWord:
			p.fail(t.from, "unexpected scale word %q: a scale word follows its number (5M) once", t.text)
		case p.words(t.text) == UnitWord:
			p.fail(t.from, "unexpected unit %q: a unit follows its number (5 GB) or stands alone after an operator (x / GB)", t.text)
		}
		p.fail(t.from, "unexpected name %q (missing operator?)", t.text)
	case tDollar:
		p.fail(t.from, "unexpected $ (missing operator?)")
	case tPercent:
		p.fail(t.from, "%% is not an operator; write it right after a number for a percentage (20%%)")
	}
	if t.text == ")" {
		p.fail(t.from, "unexpected ): it closes no (")
	}
	p.fail(t.from, "unexpected operator %q", t.text)
}
