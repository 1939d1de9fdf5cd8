package estimate

import (
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
)

// A Dimension is what a quantity measures: integer exponents of the base
// units byte, second, US dollar and metre, and of the counted things a
// scenario declares (users, requests, tweets). The zero Dimension is a
// plain number (a ratio, or a count of nothing in particular).
//
// Dimensions are comparable with ==; a counted thing is a dimension of
// its own, so that 100M users plus 10 requests is an error, as 2 KB
// plus 3 s is.
type Dimension struct {
	Byte, Second, Dollar, Length int8

	// counts holds the exponents of counted things in a canonical text,
	// "request^1 user^-1", sorted by name, so that == compares them.
	// Dimensions are combined while formulas are checked, never while
	// they are evaluated, so the text costs nothing per evaluation.
	counts string
}

// Common dimensions.
var (
	Dimensionless = Dimension{}
	Bytes         = Dimension{Byte: 1}
	Seconds       = Dimension{Second: 1}
	Dollars       = Dimension{Dollar: 1}
	Meters        = Dimension{Length: 1}
	Rate          = Dimension{Second: -1}
	ByteRate      = Dimension{Byte: 1, Second: -1}
)

// Count returns the dimension of a counted thing, such as "user". The
// name is the singular: a count of users is Count("user").
func Count(name string) Dimension { return Dimension{counts: name + "^1"} }

// A CountPower is one counted thing of a dimension with its exponent:
// request/user has {request 1} and {user -1}.
type CountPower struct {
	Name string
	Exp  int
}

// Counts returns the counted things of d, sorted by name.
func (d Dimension) Counts() []CountPower {
	if d.counts == "" {
		return nil
	}
	var out []CountPower
	for _, f := range strings.Fields(d.counts) {
		name, exp, _ := strings.Cut(f, "^")
		n, _ := strconv.Atoi(exp)
		out = append(out, CountPower{name, n})
	}
	return out
}

// base returns d without its counted things.
func (d Dimension) base() Dimension {
	d.counts = ""
	return d
}

// withCounts returns d with the given counted things, dropping those
// whose exponent is zero.
func (d Dimension) withCounts(cs []CountPower) Dimension {
	slices.SortFunc(cs, func(a, b CountPower) int { return strings.Compare(a.Name, b.Name) })
	var b strings.Builder
	for _, c := range cs {
		if c.Exp == 0 {
			continue
		}
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(c.Name)
		b.WriteByte('^')
		b.WriteString(strconv.Itoa(c.Exp))
	}
	d.counts = b.String()
	return d
}

// An ErrDimensionRange reports a dimension whose exponent would leave the
// range a Dimension holds, -128 to 127.
var ErrDimensionRange = fmt.Errorf("dimension exponent out of range (-128 to 127)")

// Mul is the dimension of a product.
func (d Dimension) Mul(e Dimension) (Dimension, error) { return d.combine(e, 1) }

// Div is the dimension of a quotient.
func (d Dimension) Div(e Dimension) (Dimension, error) { return d.combine(e, -1) }

// Pow is the dimension raised to an integer power.
func (d Dimension) Pow(n int) (Dimension, error) { return Dimensionless.combine(d, n) }

// combine returns d·eᵏ, or ErrDimensionRange when an exponent would not
// fit: squaring B^100 is an error, not 1/B^56.
func (d Dimension) combine(e Dimension, k int) (Dimension, error) {
	var exps [4]int
	a, b := d.baseExps(), e.baseExps()
	for i := range exps {
		exps[i] = int(a[i]) + k*int(b[i])
		if exps[i] < math.MinInt8 || exps[i] > math.MaxInt8 {
			return Dimension{}, ErrDimensionRange
		}
	}
	out := fromExps(exps)
	if d.counts == "" && e.counts == "" {
		return out, nil
	}
	cs := d.Counts()
	for _, c := range e.Counts() {
		i := slices.IndexFunc(cs, func(x CountPower) bool { return x.Name == c.Name })
		if i < 0 {
			cs = append(cs, CountPower{c.Name, 0})
			i = len(cs) - 1
		}
		cs[i].Exp += k * c.Exp
		if cs[i].Exp < math.MinInt8 || cs[i].Exp > math.MaxInt8 {
			return Dimension{}, ErrDimensionRange
		}
	}
	return out.withCounts(cs), nil
}

// root returns the dimension whose nth power is d, if there is one: the
// square root of m^2 is m, and B has none.
func (d Dimension) root(n int) (Dimension, bool) {
	var exps [4]int
	for i, e := range d.baseExps() {
		if int(e)%n != 0 {
			return Dimension{}, false
		}
		exps[i] = int(e) / n
	}
	out := fromExps(exps)
	cs := d.Counts()
	for i := range cs {
		if cs[i].Exp%n != 0 {
			return Dimension{}, false
		}
		cs[i].Exp /= n
	}
	return out.withCounts(cs), true
}

// IsDimensionless reports whether d is a plain number.
func (d Dimension) IsDimensionless() bool { return d == Dimensionless }

// baseNames are the base units in the order String writes them.
var baseNames = [4]string{"B", "s", "USD", "m"}

func (d Dimension) baseExps() [4]int8 { return [4]int8{d.Byte, d.Second, d.Dollar, d.Length} }

// fromExps is the dimension with the given base exponents, each of which
// the caller has checked to fit an int8.
func fromExps(e [4]int) Dimension {
	return Dimension{Byte: int8(e[0]), Second: int8(e[1]), Dollar: int8(e[2]), Length: int8(e[3])}
}

// String renders d canonically: "1" for a plain number, otherwise the
// base units in the order B, s, USD, m, then the counted things, joined
// by "*" with "^n" exponents; then a "/" before each negative one,
// counted things first: "1/s", "B/s", "B*s", "USD/B", "B^2", "tweet/s",
// "request/user/s".
func (d Dimension) String() string {
	var b strings.Builder
	exps := d.baseExps()
	counts := d.Counts()
	for i, e := range exps {
		if e > 0 {
			writeFactor(&b, "*", baseNames[i], int(e))
		}
	}
	for _, c := range counts {
		if c.Exp > 0 {
			writeFactor(&b, "*", c.Name, c.Exp)
		}
	}
	if b.Len() == 0 {
		b.WriteByte('1')
	}
	for _, c := range counts {
		if c.Exp < 0 {
			b.WriteByte('/')
			writePower(&b, c.Name, -c.Exp)
		}
	}
	for i, e := range exps {
		if e < 0 {
			b.WriteByte('/')
			writePower(&b, baseNames[i], -int(e)) // in int: -(-128) overflows int8
		}
	}
	return b.String()
}

func writeFactor(b *strings.Builder, sep, name string, e int) {
	if b.Len() > 0 {
		b.WriteString(sep)
	}
	writePower(b, name, e)
}

func writePower(b *strings.Builder, name string, e int) {
	b.WriteString(name)
	if e != 1 {
		b.WriteByte('^')
		b.WriteString(strconv.Itoa(e))
	}
}

// Describe names d for a reader: "a plain number", "bytes (B)",
// "a rate (1/s)", "a count of users (user)", or the canonical form for
// other dimensions.
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
	case Meters:
		return "a length (m)"
	case Rate:
		return "a rate (1/s)"
	case ByteRate:
		return "a byte rate (B/s)"
	}
	if cs := d.Counts(); len(cs) == 1 && cs[0].Exp == 1 && d.base() == Dimensionless {
		return fmt.Sprintf("a count of %s (%s)", plural(cs[0].Name), cs[0].Name)
	}
	return d.String()
}
