package estimate

import (
	"math"
	"math/big"
	"strconv"
	"strings"
)

// DisplayOptions control how a quantity is shown.
type DisplayOptions struct {
	// Binary shows bytes in IEC units (KiB, MiB, …) instead of decimal ones.
	Binary bool
	// Conventions give the lengths of days, months and years when showing
	// durations; the zero value means Exact.
	Conventions Conventions
	// Digits is the number of significant digits shown, 1 to 17; zero
	// means Significant.
	Digits int

	short bool // leave out the bit rate beside a byte rate
}

// Significant is the number of significant digits shown by default.
const Significant = 4

// MaxDigits is the most significant digits a display may ask for: as
// many as a float64 holds.
const MaxDigits = 17

func (o DisplayOptions) digits() int {
	if o.Digits < 1 || o.Digits > MaxDigits {
		return Significant
	}
	return o.Digits
}

// A scale is one step of a display ladder: "K" for 1000 of a count.
type scale struct {
	factor *big.Rat
	name   string
}

func ladder(steps ...any) []scale {
	var out []scale
	for i := 0; i < len(steps); i += 2 {
		var f *big.Rat
		switch v := steps[i].(type) {
		case float64:
			f = decimalOf(v)
		case *big.Rat:
			f = v
		}
		out = append(out, scale{f, steps[i+1].(string)})
	}
	return out
}

var (
	countScales   = ladder(1.0, "", 1e3, "K", 1e6, "M", 1e9, "bn", 1e12, "T")
	decimalBytes  = ladder(1.0, " B", 1e3, " KB", 1e6, " MB", 1e9, " GB", 1e12, " TB", 1e15, " PB", 1e18, " EB")
	binaryBytes   = ladder(1.0, " B", float64(1<<10), " KiB", float64(1<<20), " MiB", float64(1<<30), " GiB", float64(1<<40), " TiB", float64(1<<50), " PiB", float64(1<<60), " EiB")
	bitScales     = ladder(1.0, " bit", 1e3, " Kbit", 1e6, " Mbit", 1e9, " Gbit", 1e12, " Tbit", 1e15, " Pbit")
	smallSeconds  = ladder(1e-9, " ns", 1e-6, " µs", 1e-3, " ms", 1.0, " s", 60.0, " min", 3600.0, " hours")
	lengthScales  = ladder(1.0, " m", 1e3, " km")
	singularUnits = map[string]string{" hours": " hour", " days": " day", " months": " month", " years": " year"}
	moneyRate     = Dimension{Dollar: 1, Second: -1}
	ratEight      = big.NewRat(8, 1)
)

// Format shows q in the best unit for its dimension with four significant
// digits, rounded half away from zero: counts 11.57K, rates 11.57K/s,
// bytes 91.25 TB, byte rates 9.645 MB/s (77.16 Mbit/s), durations
// 5 years, money $41.4K, money rates $2.3K/month, lengths 3.2 km, and any
// other dimension in base units, 1.2e15 B*s. The value is taken as the
// decimal its float64 stands for (0.1 is a tenth).
func Format(q Quantity, o DisplayOptions) string {
	if !isFinite(q.Value) {
		// Never from the engine, whose values are always finite.
		switch {
		case math.IsNaN(q.Value):
			return "(not a number)"
		case q.Value > 0:
			return "(too large to show)"
		}
		return "(too large to show, negative)"
	}
	return formatRat(decimalOf(q.Value), q.Dim, o)
}

// formatRat shows the exact value x of dimension d, as Format does.
func formatRat(x *big.Rat, d Dimension, o DisplayOptions) string {
	if d.counts != "" {
		return formatCounted(x, d, o)
	}
	sign := ""
	if x.Sign() < 0 {
		sign, x = "-", new(big.Rat).Neg(x)
	}
	n := o.digits()
	switch d {
	case Dimensionless:
		return sign + onLadder(x, countScales, n)
	case Rate:
		return sign + formatRate(x, o.Conventions, n)
	case Bytes:
		return sign + onLadder(x, byteScales(o), n)
	case ByteRate:
		if o.short {
			return sign + onLadder(x, byteScales(o), n) + "/s"
		}
		bits := new(big.Rat).Mul(x, ratEight)
		return sign + onLadder(x, byteScales(o), n) + "/s (" + sign + onLadder(bits, bitScales, n) + "/s)"
	case Seconds:
		return sign + onLadder(x, durationScales(o.Conventions), n)
	case Dollars:
		return sign + "$" + onLadder(x, countScales, n)
	case moneyRate:
		perMonth := new(big.Rat).Mul(x, convRat(conventionsOr(o.Conventions).Month))
		return sign + "$" + onLadder(perMonth, countScales, n) + "/month"
	case Meters:
		return sign + onLadder(x, lengthScales, n)
	}
	if u := d.String(); strings.HasPrefix(u, "1/") {
		return sign + formatSig(x, n) + u[1:] // 2.5/B/s, not 2.5 1/B/s
	}
	return sign + formatSig(x, n) + " " + d.String()
}

func conventionsOr(c Conventions) Conventions {
	if c.Day == 0 {
		return Exact
	}
	return c
}

// convRat is a convention's length of time, exactly.
func convRat(v float64) *big.Rat { return new(big.Rat).SetFloat64(v) }

func byteScales(o DisplayOptions) []scale {
	if o.Binary {
		return binaryBytes
	}
	return decimalBytes
}

func durationScales(c Conventions) []scale {
	c = conventionsOr(c)
	s := append([]scale(nil), smallSeconds...)
	return append(s, scale{convRat(c.Day), " days"}, scale{convRat(c.Month), " months"}, scale{convRat(c.Year), " years"})
}

// onLadder shows x ≥ 0 in the largest step of the ladder that leaves at
// least 1 after rounding, so that 999.96 shows as 1K, not 1000.
func onLadder(x *big.Rat, l []scale, n int) string {
	step := l[0]
	if x.Sign() == 0 {
		// Zero has no best unit: show it in the base one, "0 s", not "0 ns".
		for _, s := range l {
			if s.factor.Cmp(ratOne) == 0 {
				step = s
			}
		}
	}
	for i := len(l) - 1; i > 0 && x.Sign() != 0; i-- {
		if atLeastOne(new(big.Rat).Quo(x, l[i].factor), n) {
			step = l[i]
			break
		}
	}
	v := new(big.Rat).Quo(x, step.factor)
	if l[0].name == "" && step.name != "" && ratCmpPow10(v, 15) >= 0 {
		// Past the largest scale word a count reads best as a plain
		// exponent: 8.988e307, not 8.988e295T.
		step, v = l[0], x
	}
	num := formatSig(v, n)
	if num == "1" {
		if s, ok := singularUnits[step.name]; ok {
			return num + s
		}
	}
	return num + step.name
}

// formatPlain shows v with all its digits, for values that must be read
// exactly, such as the seconds in a convention.
func formatPlain(v float64) string {
	if a := math.Abs(v); a != 0 && (a >= 1e21 || a < 1e-6) {
		return cleanExponent(strconv.FormatFloat(v, 'g', -1, 64))
	}
	return strconv.FormatFloat(v, 'f', -1, 64)
}

// cleanExponent turns Go's 1.2e+15 and 1.2e-05 into 1.2e15 and 1.2e-5,
// and drops trailing zeros of the mantissa.
func cleanExponent(s string) string {
	mant, exp, ok := strings.Cut(s, "e")
	if !ok {
		return s
	}
	if strings.Contains(mant, ".") {
		mant = strings.TrimRight(strings.TrimRight(mant, "0"), ".")
	}
	neg := strings.HasPrefix(exp, "-")
	exp = strings.TrimLeft(exp, "+-")
	exp = strings.TrimLeft(exp, "0")
	if neg {
		exp = "-" + exp
	}
	return mant + "e" + exp
}

// formatRate shows a rate per second, or, when that would be a small
// fraction, per day or per year: "11.57K/s", "10/day", "3.65/year".
func formatRate(x *big.Rat, c Conventions, n int) string {
	c = conventionsOr(c)
	tenth := big.NewRat(1, 10)
	if x.Sign() == 0 || roundedAtLeast(x, tenth, n) {
		return onLadder(x, countScales, n) + "/s"
	}
	if perDay := new(big.Rat).Mul(x, convRat(c.Day)); roundedAtLeast(perDay, tenth, n) {
		return onLadder(perDay, countScales, n) + "/day"
	}
	return onLadder(new(big.Rat).Mul(x, convRat(c.Year)), countScales, n) + "/year"
}

// roundedAtLeast reports whether x, rounded to n digits, is at least min.
func roundedAtLeast(x, min *big.Rat, n int) bool {
	d := roundSig(x, n)
	v := new(big.Rat).SetInt(d.mant)
	if d.exp >= 0 {
		v.Mul(v, new(big.Rat).SetInt(pow10(d.exp)))
	} else {
		v.Quo(v, new(big.Rat).SetInt(pow10(-d.exp)))
	}
	return v.Cmp(min) >= 0
}

// formatCounted shows a quantity of counted things with their nouns, in
// the best unit of the rest of its dimension: 100M users, 11.57K
// tweets/s, 300 B/tweet, 10 requests/user/day, $1.2/user/month.
func formatCounted(x *big.Rat, d Dimension, o DisplayOptions) string {
	o.short = true
	s := formatRat(x, d.base(), o)
	head, per := s, ""
	if i := strings.LastIndexByte(s, '/'); i >= 0 && isTimeUnit(s[i+1:]) {
		head, per = s[:i], s[i:]
	} else if i := strings.IndexByte(s, '/'); i >= 0 && d.base() != Dimensionless && !strings.Contains(s[:i], " ") {
		// 3/s^2 users reads better as 3 users/s^2.
		head, per = s[:i], s[i:]
	}
	one := strings.TrimLeft(head, "-$") == "1"
	var nouns, denoms strings.Builder
	for _, c := range d.Counts() {
		switch {
		case c.Exp == 1 && one:
			nouns.WriteString(" " + c.Name)
		case c.Exp == 1:
			nouns.WriteString(" " + plural(c.Name))
		case c.Exp > 1:
			nouns.WriteString(" " + c.Name + "^" + strconv.Itoa(c.Exp))
		case c.Exp == -1:
			denoms.WriteString("/" + c.Name)
		default:
			denoms.WriteString("/" + c.Name + "^" + strconv.Itoa(-c.Exp))
		}
	}
	return head + nouns.String() + denoms.String() + per
}

// isTimeUnit reports whether a rate's display ends in this unit of time.
func isTimeUnit(u string) bool {
	switch u {
	case "s", "day", "month", "year":
		return true
	}
	return false
}
