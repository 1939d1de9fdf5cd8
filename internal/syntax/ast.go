package syntax

// A Node is a node of the syntax tree. Pos and End are byte offsets of
// the first byte of its text and of the byte after it.
type Node interface {
	Pos() int
	End() int
}

// A Number is a number as written: "1_000", "2.5e9", "0x1F".
type Number struct {
	From, To int
	Text     string // as written
	Digits   string // the decimal digits to read, without '_'; "" when Base != 10
	Base     int    // 10, or 16, 8 or 2 for 0x, 0o and 0b integers
	Value    float64
}

// A Quantity is a number written with what it counts or measures: a
// scale word, a percent sign, a dollar sign and a unit expression, any of
// them optional: "100M", "20%", "$0.023", "2.5M s", "2^30 B", "5years".
type Quantity struct {
	From, To int
	Dollar   bool  // "$" before the number
	Num      Node  // a *Number, or a power of numbers (*Binary with Op "^")
	Percent  bool  // "%" after the number
	Scale    *Word // a scale word, such as M or bn
	Unit     *Unit // the unit expression, if any
}

// A Unit is a unit expression: words with integer exponents, multiplied
// or divided, as in "B", "s^-1", "USD/GB/month" or "requests/user/day".
// It binds tighter than arithmetic: "x / 5 GB/s" divides x by 5 GB/s.
type Unit struct {
	From, To int
	Factors  []Factor
}

// A Factor is one word of a unit expression with its exponent: "s^-1"
// is s with Exp -1, and the "day" of "B/day" has Exp -1 too.
type Factor struct {
	Word Word
	Exp  int
}

// A Word is a name as written: a unit, a scale word, a counted thing or
// a scenario name.
type Word struct {
	From, To int
	Name     string
}

// An Ident is a word standing alone: a scenario name, a unit ("day" in
// "x / day") or a counted thing.
type Ident struct {
	Word
}

// A Bool is true or false.
type Bool struct {
	From, To int
	Value    bool
}

// A Unary is a prefix operator: -x, +x, !c, not c.
type Unary struct {
	From int
	Op   string // "-", "+", "!" or "not"
	X    Node
}

// A Binary is an infix operator: + - * / ^ and or. "**" reads as "^",
// "per" as "/", "&&" as "and" and "||" as "or"; OpText keeps what was
// written.
type Binary struct {
	OpPos  int
	Op     string
	OpText string
	X, Y   Node
}

// A Compare is a chain of comparisons: a < b, or a < b <= c, which holds
// when each comparison does.
type Compare struct {
	Ops   []string // "==", "!=", "<", "<=", ">", ">="
	OpPos []int
	Xs    []Node // len(Ops)+1 operands
}

// A Cond is c ? a : b.
type Cond struct {
	C, A, B Node
	Quest   int // offset of "?"
}

// A Call is a function call: name(args).
type Call struct {
	Fun  Word
	Args []Node
	To   int // offset past ")"
}

// A Paren is an expression in parentheses.
type Paren struct {
	From, To int
	X        Node
}

// A Range is "a to b": an uncertain value between a and b, which the
// checker reads as a distribution (a lognormal whose 5th and 95th
// percentiles are a and b, unless a function such as normal(a to b)
// says otherwise).
type Range struct {
	X, Y  Node
	ToPos int // offset of "to"
}

// A Convert is a conversion at the end of a formula, "EXPR -> UNIT" or
// "EXPR to UNIT": the value of X, shown in Unit.
type Convert struct {
	X      Node
	OpPos  int
	OpText string // "->" or "to"
	Unit   Node   // a constant expression of units, such as Mbps or $/month
}

func (n *Number) Pos() int   { return n.From }
func (n *Number) End() int   { return n.To }
func (n *Quantity) Pos() int { return n.From }
func (n *Quantity) End() int { return n.To }
func (n *Unit) Pos() int     { return n.From }
func (n *Unit) End() int     { return n.To }
func (n *Ident) Pos() int    { return n.From }
func (n *Ident) End() int    { return n.To }
func (n *Bool) Pos() int     { return n.From }
func (n *Bool) End() int     { return n.To }
func (n *Unary) Pos() int    { return n.From }
func (n *Unary) End() int    { return n.X.End() }
func (n *Binary) Pos() int   { return n.X.Pos() }
func (n *Binary) End() int   { return n.Y.End() }
func (n *Compare) Pos() int  { return n.Xs[0].Pos() }
func (n *Compare) End() int  { return n.Xs[len(n.Xs)-1].End() }
func (n *Cond) Pos() int     { return n.C.Pos() }
func (n *Cond) End() int     { return n.B.End() }
func (n *Call) Pos() int     { return n.Fun.From }
func (n *Call) End() int     { return n.To }
func (n *Paren) Pos() int    { return n.From }
func (n *Paren) End() int    { return n.To }
func (n *Range) Pos() int    { return n.X.Pos() }
func (n *Range) End() int    { return n.Y.End() }
func (n *Convert) Pos() int  { return n.X.Pos() }
func (n *Convert) End() int  { return n.Unit.End() }

// Inspect walks the tree under n in depth-first order, calling f for
// every node, the words of units included as *Ident. It stops descending
// where f returns false. The walk keeps its own stack: a tree may be as
// deep as its formula is long.
func Inspect(n Node, f func(Node) bool) {
	stack := []Node{n}
	for len(stack) > 0 {
		n := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if n == nil || !f(n) {
			continue
		}
		// Children go on the stack in reverse, so that they are visited
		// in the order written.
		var kids []Node
		switch n := n.(type) {
		case *Quantity:
			kids = append(kids, n.Num)
			if n.Unit != nil {
				kids = append(kids, n.Unit)
			}
		case *Unary:
			kids = append(kids, n.X)
		case *Binary:
			kids = append(kids, n.X, n.Y)
		case *Compare:
			kids = append(kids, n.Xs...)
		case *Cond:
			kids = append(kids, n.C, n.A, n.B)
		case *Call:
			kids = append(kids, n.Args...)
		case *Paren:
			kids = append(kids, n.X)
		case *Convert:
			kids = append(kids, n.X, n.Unit)
		case *Range:
			kids = append(kids, n.X, n.Y)
		}
		for i := len(kids) - 1; i >= 0; i-- {
			stack = append(stack, kids[i])
		}
	}
}
