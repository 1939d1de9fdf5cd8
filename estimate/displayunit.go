package estimate

import (
	"fmt"
	"math/big"
	"strings"

	"github.com/envelope-cli/envelope/internal/syntax"
)

// A DisplayUnit is a unit a value is shown in on request, such as "TB",
// "Mbps", "GB/day", "$/month" or "%": any constant expression of units,
// shown as written.
type DisplayUnit struct {
	Text  string
	Scale float64 // base units in one Text
	Dim   Dimension
	rat   *big.Rat // Scale exactly
	// column is set for a unit ColumnUnit chose, in which whole numbers
	// round as any other: the reader asked for no unit.
	column bool
	// ladder shows the number with a scale word, 10M/day: set for a
	// unit RangeUnit chose.
	ladder bool
}

// ParseDisplayUnit reads a unit to display values in, as --to and a
// conversion ("-> Mbps") take it. Words that are no unit count things,
// as in a one-off calculation: "requests/day".
func ParseDisplayUnit(text string, c Conventions) (_ *DisplayUnit, err error) {
	defer guard(&err, "")
	u, es := parseDisplayUnit(text, calcScope(c))
	if es != nil {
		return nil, es.inFormula("", 1, 1, "", text)
	}
	return u, nil
}

// parseDisplayUnit reads a unit in the scope sc, built once.
func parseDisplayUnit(text string, sc *scope) (*DisplayUnit, offsetErrors) {
	tree, err := syntax.ParseUnit(text, sc.kind)
	if err != nil {
		return nil, offsetErrors{{runeOffset(text, err.Off), err.Msg}}
	}
	b := builder{p: &parsedFormula{src: text, tree: tree}, sc: sc}
	return b.displayUnit(tree, nil)
}

// Format shows q in u: "91.25 TB", "11.57K" (a scale word attaches to
// the number), "99.9%", "$2.3K/month" (a dollar unit leads).
func (u *DisplayUnit) Format(q Quantity) string {
	if !isFinite(q.Value) {
		return Format(q, DisplayOptions{})
	}
	return u.format(decimalOf(q.Value), DisplayOptions{})
}

// FormatDigits shows q in u with n significant digits (1 to 17), and
// more where u needs them: in %, as many as it takes not to show 100%
// for what is not.
func (u *DisplayUnit) FormatDigits(q Quantity, n int) string {
	if !isFinite(q.Value) {
		return Format(q, DisplayOptions{})
	}
	return u.format(decimalOf(q.Value), DisplayOptions{Digits: n})
}

// format shows the exact value x in u.
func (u *DisplayUnit) format(x *big.Rat, o DisplayOptions) string {
	num := u.formatNumber(x, o)
	if one, ok := singularUnits[" "+u.Text]; ok && u.column && num == "1" {
		return num + one // 1 hour, 2 hours
	}
	switch unit, ok := units[u.Text]; {
	case u.Text == "1":
		return num // a plain number asked for in full
	case ok && unit.IsScaleWord(), u.Text == "%", strings.HasPrefix(u.Text, "/"), u.column && scaleWordRate(u.Text):
		return num + u.Text
	case u.Text == "$" || strings.HasPrefix(u.Text, "$/") || strings.HasPrefix(u.Text, "$ "),
		u.column && strings.HasPrefix(u.Text, "$"): // $K, from ColumnUnit
		if strings.HasPrefix(num, "-") {
			return "-$" + num[1:] + u.Text[1:]
		}
		return "$" + num + u.Text[1:]
	}
	return num + " " + u.Text
}

// Convert shows q in the unit text under c, failing when the dimensions
// differ: the --to of a one-off calculation.
func Convert(q Quantity, text string, c Conventions) (_ string, err error) {
	defer guard(&err, "")
	u, err := ParseDisplayUnit(text, c)
	if err != nil {
		return "", err
	}
	if u.Dim != q.Dim {
		return "", &Error{Msg: fmt.Sprintf("cannot show %s in %s, which measures %s", q.Dim.Describe(), u.Text, u.Dim.Describe())}
	}
	return u.Format(q), nil
}

// scaleWordRate reports whether text is a scale word over a unit, as in
// K/s or M/day, which attaches to its number as the scale word alone
// does in a column: 11.57K/s (asked for with --to, it stays 11.57 K/s).
func scaleWordRate(text string) bool {
	word, _, ok := strings.Cut(text, "/")
	unit, known := units[word]
	return ok && known && unit.IsScaleWord()
}
