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
			// against it, "0 X0^0" would read back as the hex literal 0X0.
			// writeUnit writes a power 0 after a "/", where it may have
			// been written ("$0/A^0"), as any word may follow a "/".
			if n.Unit.Factors[0].Exp > 0 {
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
		case f.Exp <= 0:
			// A power 0 is written after "/" too: "/A^0" reads A^-0,
			// which is A^0, and any word may follow a "/", where it may
			// not stand alone ("B A^0" is no unit if A is none).
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
