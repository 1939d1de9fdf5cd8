package syntax

import (
	"strconv"
	"strings"
)

// String writes n back as formula text, with every operation in
// parentheses, so that reading the text gives the same tree: the shape of
// a parse made visible, for tests and for the fuzzer.
func String(n Node) string {
	var b strings.Builder
	write(&b, n)
	return b.String()
}

func write(b *strings.Builder, n Node) {
	switch n := n.(type) {
	case *Number:
		b.WriteString(n.Text)
	case *Quantity:
		b.WriteByte('(')
		if n.Dollar {
			b.WriteByte('$')
		}
		writeNum(b, n.Num)
		if n.Percent {
			b.WriteByte('%')
		}
		if n.Scale != nil {
			b.WriteByte(' ')
			b.WriteString(n.Scale.Name)
		}
		if n.Unit != nil {
			// Apart from the number unless it starts with "/": written
			// against it, "0 X0^0" would read back as the hex literal 0X0,
			// and a unit to the power 0 has no "/" to keep it apart.
			if n.Unit.Factors[0].Exp >= 0 {
				b.WriteByte(' ')
			}
			writeUnit(b, n.Unit)
		}
		b.WriteByte(')')
	case *Unit:
		writeUnit(b, n)
	case *Ident:
		b.WriteString(n.Name)
	case *Bool:
		b.WriteString(strconv.FormatBool(n.Value))
	case *Unary:
		b.WriteByte('(')
		b.WriteString(n.Op)
		if n.Op == "not" {
			b.WriteByte(' ')
		}
		write(b, n.X)
		b.WriteByte(')')
	case *Binary:
		b.WriteByte('(')
		write(b, n.X)
		b.WriteString(" " + n.Op + " ")
		write(b, n.Y)
		b.WriteByte(')')
	case *Compare:
		b.WriteByte('(')
		for i, x := range n.Xs {
			if i > 0 {
				b.WriteString(" " + n.Ops[i-1] + " ")
			}
			write(b, x)
		}
		b.WriteByte(')')
	case *Cond:
		b.WriteByte('(')
		write(b, n.C)
		b.WriteString(" ? ")
		write(b, n.A)
		b.WriteString(" : ")
		write(b, n.B)
		b.WriteByte(')')
	case *Call:
		b.WriteString(n.Fun.Name)
		b.WriteByte('(')
		for i, a := range n.Args {
			if i > 0 {
				b.WriteString(", ")
			}
			write(b, a)
		}
		b.WriteByte(')')
	case *Paren:
		write(b, n.X)
	case *Range:
		b.WriteByte('(')
		write(b, n.X)
		b.WriteString(" to ")
		write(b, n.Y)
		b.WriteByte(')')
	case *Convert:
		write(b, n.X)
		b.WriteString(" -> ")
		write(b, n.Unit)
	}
}

// writeNum writes the number of a quantity: a power of numbers goes
// without parentheses, which would end the quantity ("2^30 B").
func writeNum(b *strings.Builder, n Node) {
	switch n := n.(type) {
	case *Binary:
		writeNum(b, n.X)
		b.WriteString("^")
		writeNum(b, n.Y)
	case *Unary:
		b.WriteString(n.Op)
		writeNum(b, n.X)
	default:
		write(b, n)
	}
}

// writeUnit writes a unit expression tight, "B/s", as it reads back as
// one unit; juxtaposed words keep their space ("B s").
func writeUnit(b *strings.Builder, u *Unit) {
	for i, f := range u.Factors {
		switch {
		case f.Exp < 0:
			b.WriteString("/")
		case i > 0:
			b.WriteString(" ")
		}
		b.WriteString(f.Word.Name)
		if e := abs(f.Exp); e != 1 {
			b.WriteString("^" + strconv.Itoa(e))
		}
	}
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}
