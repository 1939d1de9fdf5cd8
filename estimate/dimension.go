package estimate

import (
	"strconv"
	"strings"
)

// A Dimension is what a quantity measures: integer exponents of the base
// units byte, second and US dollar. The zero Dimension is a plain number
// (a count or a ratio).
type Dimension struct {
	Byte, Second, Dollar int8
}

// Common dimensions.
var (
	Dimensionless = Dimension{}
	Bytes         = Dimension{Byte: 1}
	Seconds       = Dimension{Second: 1}
	Dollars       = Dimension{Dollar: 1}
	Rate          = Dimension{Second: -1}
	ByteRate      = Dimension{Byte: 1, Second: -1}
)

// Mul is the dimension of a product.
func (d Dimension) Mul(e Dimension) Dimension {
	return Dimension{d.Byte + e.Byte, d.Second + e.Second, d.Dollar + e.Dollar}
}

// Div is the dimension of a quotient.
func (d Dimension) Div(e Dimension) Dimension {
	return Dimension{d.Byte - e.Byte, d.Second - e.Second, d.Dollar - e.Dollar}
}

// Pow is the dimension raised to an integer power.
func (d Dimension) Pow(n int) Dimension {
	return Dimension{d.Byte * int8(n), d.Second * int8(n), d.Dollar * int8(n)}
}

// IsDimensionless reports whether d is a plain number.
func (d Dimension) IsDimensionless() bool { return d == Dimensionless }

// String renders d canonically: "1" for a plain number, otherwise the base
// units in the order B, s, USD joined by "*", with "^n" exponents and a "/"
// before each negative one: "1/s", "B/s", "B*s", "USD/B", "B^2".
func (d Dimension) String() string {
	var b strings.Builder
	names := [3]string{"B", "s", "USD"}
	exps := [3]int8{d.Byte, d.Second, d.Dollar}
	for i, e := range exps {
		if e > 0 {
			if b.Len() > 0 {
				b.WriteByte('*')
			}
			writePower(&b, names[i], int(e))
		}
	}
	if b.Len() == 0 {
		b.WriteByte('1')
	}
	for i, e := range exps {
		if e < 0 {
			b.WriteByte('/')
			writePower(&b, names[i], -int(e)) // in int: -(-128) overflows int8
		}
	}
	return b.String()
}

func writePower(b *strings.Builder, name string, e int) {
	b.WriteString(name)
	if e != 1 {
		b.WriteByte('^')
		b.WriteString(strconv.Itoa(e))
	}
}

// Describe names d for a reader: "a plain number", "bytes (B)",
// "a rate (1/s)", or the canonical form for other dimensions.
func (d Dimension) Describe() string {
	switch d {
	case Dimensionless:
		return "a plain number"
	case Bytes:
		return "bytes (B)"
	case Seconds:
		return "a time (s)"
	case Dollars:
		return "money (USD)"
	case Rate:
		return "a rate (1/s)"
	case ByteRate:
		return "a byte rate (B/s)"
	}
	return d.String()
}
