package estimate

import (
	"math"
	"math/big"
	"strconv"
	"strings"
)

// Display rounds exact values, never floats: a value is a rational (the
// exact path's result, or the decimal a float64 stands for), and rounding
// to significant digits is done on it, half away from zero, as people
// round by hand: 78.125 shows as 78.13 and 273.75 TB as 273.8 TB. A
// value of any size shows, so no display is ever +Inf, NaN or a zero that
// was not computed.

// A decimal is a rounded value: mant × 10^exp, mant an integer of at
// most the digits asked for.
type decimal struct {
	neg  bool
	mant *big.Int // ≥ 0
	exp  int
}

var bigTen = big.NewInt(10)

// pow10 returns 10^n (1 for n < 0), which the caller must not change: the
// powers a display needs are made once, since rounding a value asks for
// several and an edit of the web page formats every value.
func pow10(n int) *big.Int {
	if n >= 0 && n < len(pow10s) {
		return pow10s[n]
	}
	return new(big.Int).Exp(bigTen, big.NewInt(int64(n)), nil)
}

var pow10s = func() (p [64]*big.Int) {
	p[0] = big.NewInt(1)
	for i := 1; i < len(p); i++ {
		p[i] = new(big.Int).Mul(p[i-1], bigTen)
	}
	return p
}()

// decimalOf is the exact decimal a float64 stands for: the shortest text
// that reads back as it, so that 0.1 is a tenth and 78.125 a tie.
func decimalOf(v float64) *big.Rat {
	if v != 0 && math.Abs(v) < 0x1p-1022 {
		// A subnormal's shortest text has too few digits to show: take
		// its exact value.
		return new(big.Rat).SetFloat64(v)
	}
	r, ok := new(big.Rat).SetString(strconv.FormatFloat(v, 'g', -1, 64))
	if !ok {
		return new(big.Rat)
	}
	return r
}

// log10Floor returns ⌊log10 x⌋ for x > 0.
func log10Floor(x *big.Rat) int {
	// An estimate from the bit lengths, then corrected by comparison.
	e := int(float64(x.Num().BitLen()-x.Denom().BitLen()) * 0.30102999566398)
	for {
		switch {
		case ratCmpPow10(x, e) < 0:
			e--
		case ratCmpPow10(x, e+1) >= 0:
			e++
		default:
			return e
		}
	}
}

// ratCmpPow10 compares x with 10^e.
func ratCmpPow10(x *big.Rat, e int) int {
	p := new(big.Rat)
	if e >= 0 {
		p.SetInt(pow10(e))
	} else {
		p.SetFrac(big.NewInt(1), pow10(-e))
	}
	return x.Cmp(p)
}

// roundSig rounds x to n significant digits, half away from zero.
func roundSig(x *big.Rat, n int) decimal {
	d := decimal{neg: x.Sign() < 0, mant: new(big.Int)}
	if x.Sign() == 0 {
		return d
	}
	a := new(big.Rat).Abs(x)
	e := log10Floor(a) - n + 1
	m := roundScaled(a, e)
	if m.Cmp(pow10(n)) >= 0 { // 9.9996 rounds up to 10.00
		e++
		m = roundScaled(a, e)
	}
	d.mant, d.exp = m, e
	return d
}

// roundScaled rounds a / 10^e, half away from zero (a ≥ 0).
func roundScaled(a *big.Rat, e int) *big.Int {
	s := new(big.Rat).Set(a)
	if e >= 0 {
		s.Quo(s, new(big.Rat).SetInt(pow10(e)))
	} else {
		s.Mul(s, new(big.Rat).SetInt(pow10(-e)))
	}
	return ratRound(s)
}

// atLeastOne reports whether x rounds, at n significant digits, to one
// or more: the test for a step of a display ladder.
func atLeastOne(x *big.Rat, n int) bool {
	if x.Sign() <= 0 {
		return false
	}
	if n < 1 || n >= len(nearOne) {
		d := roundSig(x, n)
		return len(d.mant.String())+d.exp > 0
	}
	// x rounds to 1 or more exactly when it is at least 1 − 5×10^-(n+1):
	// 0.99995 and up show as 1.000 at four digits.
	return x.Cmp(nearOne[n]) >= 0
}

// nearOne holds 1 − 5×10^-(n+1) for n significant digits.
var nearOne = func() (t [20]*big.Rat) {
	for n := 1; n < len(t); n++ {
		t[n] = new(big.Rat).SetFrac(new(big.Int).Sub(pow10(n+1), big.NewInt(5)), pow10(n+1))
	}
	return t
}()

// String writes d without trailing zeros, in exponent form (1.2e15)
// when it is 1e15 or more or below 1e-4.
func (d decimal) String() string {
	if d.mant.Sign() == 0 {
		return "0"
	}
	digits := strings.TrimRight(d.mant.String(), "0")
	exp := d.exp + len(d.mant.String()) - len(digits) // value = digits × 10^exp
	point := len(digits) + exp                        // digits before the decimal point
	sign := ""
	if d.neg {
		sign = "-"
	}
	switch {
	case point > 15 || point < -3:
		s := digits[:1]
		if len(digits) > 1 {
			s += "." + digits[1:]
		}
		return sign + s + "e" + strconv.Itoa(point-1)
	case point <= 0:
		return sign + "0." + strings.Repeat("0", -point) + digits
	case point >= len(digits):
		return sign + digits + strings.Repeat("0", point-len(digits))
	}
	return sign + digits[:point] + "." + digits[point:]
}

// exponent writes d in exponent form whatever its size: 1.235e5.
func (d decimal) exponent() string {
	if d.mant.Sign() == 0 {
		return "0"
	}
	digits := strings.TrimRight(d.mant.String(), "0")
	point := len(d.mant.String()) + d.exp
	s := digits[:1]
	if len(digits) > 1 {
		s += "." + digits[1:]
	}
	if d.neg {
		s = "-" + s
	}
	return s + "e" + strconv.Itoa(point-1)
}

// formatSig shows x with n significant digits.
func formatSig(x *big.Rat, n int) string { return roundSig(x, n).String() }

// wholeDigits shows x with all its digits when it is a whole number of
// at most maxWhole digits, as a value in a unit the reader asked for:
// 123456789 B in B is 123456789 B, not 123500000 B.
func wholeDigits(x *big.Rat) (string, bool) {
	const maxWhole = 21
	if !x.IsInt() {
		return "", false
	}
	s := x.Num().String()
	if len(strings.TrimPrefix(s, "-")) > maxWhole {
		return "", false
	}
	return s, true
}
