package estimate

import (
	"math"
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

	short bool // leave out the bit rate beside a byte rate
}

// Significant is the number of significant digits shown.
const Significant = 4

// A scale is one step of a display ladder: "K" for 1000 of a count.
type scale struct {
	factor float64
	name   string
}

var (
	countScales   = []scale{{1, ""}, {1e3, "K"}, {1e6, "M"}, {1e9, "bn"}, {1e12, "T"}}
	decimalBytes  = []scale{{1, " B"}, {1e3, " KB"}, {1e6, " MB"}, {1e9, " GB"}, {1e12, " TB"}, {1e15, " PB"}, {1e18, " EB"}}
	binaryBytes   = []scale{{1, " B"}, {1 << 10, " KiB"}, {1 << 20, " MiB"}, {1 << 30, " GiB"}, {1 << 40, " TiB"}, {1 << 50, " PiB"}, {1 << 60, " EiB"}}
	bitScales     = []scale{{1, " bit"}, {1e3, " Kbit"}, {1e6, " Mbit"}, {1e9, " Gbit"}, {1e12, " Tbit"}, {1e15, " Pbit"}}
	smallSeconds  = []scale{{1e-9, " ns"}, {1e-6, " µs"}, {1e-3, " ms"}, {1, " s"}, {60, " min"}, {3600, " hours"}}
	singularUnits = map[string]string{" hours": " hour", " days": " day", " months": " month", " years": " year"}
)

// Format shows q in the best unit for its dimension with four significant
// digits: counts 11.57K, rates 11.57K/s, bytes 91.25 TB, byte rates
// 9.645 MB/s (77.16 Mbit/s), durations 5 years, money $41.4K, and any
// other dimension in base units, 1.2e15 B*s.
func Format(q Quantity, o DisplayOptions) string {
	v := q.Value
	if !isFinite(v) {
		return strconv.FormatFloat(v, 'g', -1, 64)
	}
	if q.Dim.counts != "" {
		return formatCounted(q, o)
	}
	sign := ""
	if v < 0 || (v == 0 && math.Signbit(v)) {
		sign, v = "-", -v
	}
	switch q.Dim {
	case Dimensionless:
		return sign + onLadder(v, countScales)
	case Rate:
		return sign + formatRate(v, o.Conventions)
	case Bytes:
		return sign + onLadder(v, byteScales(o))
	case ByteRate:
		if o.short {
			return sign + onLadder(v, byteScales(o)) + "/s"
		}
		return sign + onLadder(v, byteScales(o)) + "/s (" + sign + bitsOnLadder(v) + "/s)"
	case Seconds:
		return sign + onLadder(v, durationScales(o.Conventions))
	case Dollars:
		return sign + "$" + onLadder(v, countScales)
	}
	if u := q.Dim.String(); strings.HasPrefix(u, "1/") {
		return sign + formatNumber(v) + u[1:] // 2.5/B/s, not 2.5 1/B/s
	}
	return sign + formatNumber(v) + " " + q.Dim.String()
}

func byteScales(o DisplayOptions) []scale {
	if o.Binary {
		return binaryBytes
	}
	return decimalBytes
}

func durationScales(c Conventions) []scale {
	if c.Day == 0 {
		c = Exact
	}
	s := append([]scale(nil), smallSeconds...)
	return append(s, scale{c.Day, " days"}, scale{c.Month, " months"}, scale{c.Year, " years"})
}

// onLadder shows v ≥ 0 in the largest step of the ladder that leaves at
// least 1 after rounding, so that 999.96 shows as 1K, not 1000.
func onLadder(v float64, ladder []scale) string {
	step := ladder[0]
	if v == 0 {
		// Zero has no best unit: show it in the base one, "0 s", not "0 ns".
		for _, s := range ladder {
			if s.factor == 1 {
				step = s
			}
		}
	}
	for i := len(ladder) - 1; i > 0 && v != 0; i-- {
		if roundSignificant(v/ladder[i].factor) >= 1 {
			step = ladder[i]
			break
		}
	}
	if ladder[0].factor == 1 && ladder[0].name == "" && roundSignificant(v/step.factor) >= 1e15 {
		// Past the largest scale word a count reads best as a plain
		// exponent: 8.988e307, not 8.988e295T.
		step = ladder[0]
	}
	num := formatNumber(v / step.factor)
	if num == "1" {
		if s, ok := singularUnits[step.name]; ok {
			return num + s
		}
	}
	return num + step.name
}

// roundSignificant rounds v to Significant digits, exactly as the decimal
// text would read.
func roundSignificant(v float64) float64 {
	r, _ := strconv.ParseFloat(strconv.FormatFloat(v, 'e', Significant-1, 64), 64)
	return r
}

// formatNumber shows v with Significant digits, without trailing zeros,
// in exponent form (1.2e15) only when very large or small.
func formatNumber(v float64) string {
	if v == 0 {
		return "0"
	}
	r := roundSignificant(v)
	if a := math.Abs(r); a >= 1e15 || a < 1e-4 {
		// Format v, not r: rounding the largest float64s overflows.
		return cleanExponent(strconv.FormatFloat(v, 'g', Significant, 64))
	}
	return strconv.FormatFloat(r, 'f', -1, 64)
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
func formatRate(v float64, c Conventions) string {
	if c.Day == 0 {
		c = Exact
	}
	switch {
	case v == 0 || roundSignificant(v) >= 0.1:
		return onLadder(v, countScales) + "/s"
	case roundSignificant(v*c.Day) >= 0.1:
		return onLadder(v*c.Day, countScales) + "/day"
	}
	return onLadder(v*c.Year, countScales) + "/year"
}

// formatCounted shows a quantity of counted things with their nouns, in
// the best unit of the rest of its dimension: 100M users, 11.57K
// tweets/s, 300 B/tweet, 10 requests/user/day, $1.2/user/month.
func formatCounted(q Quantity, o DisplayOptions) string {
	o.short = true
	s := Format(Quantity{q.Value, q.Dim.base()}, o)
	head, per := s, ""
	if i := strings.LastIndexByte(s, '/'); i >= 0 && isTimeUnit(s[i+1:]) {
		head, per = s[:i], s[i:]
	}
	one := strings.TrimLeft(head, "-$") == "1"
	var nouns, denoms strings.Builder
	for _, c := range q.Dim.Counts() {
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
	case "s", "day", "year":
		return true
	}
	return false
}
