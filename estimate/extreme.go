package estimate

import "math/big"

// formatIn shows the value x of a display unit u: x / u's scale, with
// all its digits when that is a whole number (123456789 B in B is
// 123456789 B, not 123500000 B), and, in %, with as many digits as it
// takes not to show 100% for what is not 100% (99.9999999%).
func (u *DisplayUnit) formatNumber(x *big.Rat, o DisplayOptions) string {
	scale := u.rat
	if scale == nil {
		scale = decimalOf(u.Scale)
	}
	v := new(big.Rat).Quo(x, scale)
	n := o.digits()
	if u.ladder {
		sign := ""
		if v.Sign() < 0 {
			sign, v = "-", v.Neg(v)
		}
		return sign + onLadder(v, countScales, n)
	}
	if s, ok := wholeDigits(v); ok && len(s) > n && !u.column {
		return s
	}
	d := roundSig(v, n)
	s := d.String()
	if whole := len(d.mant.String()) + d.exp; whole > n && !v.IsInt() {
		// Rounding to n digits would print zeros that were not computed
		// (123500 B for 123456.7 B): show the whole part, every digit of
		// it computed (123457 B), or, past 15 digits, an exponent.
		if whole <= 15 {
			s = roundSig(v, whole).String()
		} else {
			s = d.exponent()
		}
	}
	if u.Text == "%" {
		hundred := big.NewRat(100, 1)
		for n < MaxDigits && (s == "100" || s == "-100") && v.Cmp(hundred) != 0 && new(big.Rat).Neg(v).Cmp(hundred) != 0 {
			n++
			s = formatSig(v, n)
		}
	}
	return s
}
