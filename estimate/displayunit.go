package estimate

import (
	"fmt"
	"strings"
)

// A DisplayUnit is a unit a value is shown in on request, such as "TB",
// "Mbps" or "GB/day": any constant expression, shown as written.
type DisplayUnit struct {
	Text  string
	Scale float64 // base units in one Text
	Dim   Dimension
}

// ParseDisplayUnit reads a unit to display values in.
func ParseDisplayUnit(text string, c Conventions) (_ *DisplayUnit, err error) {
	defer guard(&err, "")
	text = strings.TrimSpace(text)
	expr := text
	if strings.HasPrefix(expr, "/") {
		expr = "1" + expr // "/s" for a rate
	}
	q, err := Calc(expr, c)
	if err != nil {
		return nil, err
	}
	if q.Value <= 0 {
		return nil, &Error{Msg: fmt.Sprintf("unit %s must be positive", text)}
	}
	return &DisplayUnit{Text: text, Scale: q.Value, Dim: q.Dim}, nil
}

// Format shows q in u: "91.25 TB". Scale words attach to the number
// ("11.57K"); other units follow a space.
func (u *DisplayUnit) Format(q Quantity) string {
	num := formatRatio(q.Value, u.Scale)
	if unit, ok := units[u.Text]; ok && unit.IsScaleWord() || strings.HasPrefix(u.Text, "/") {
		return num + u.Text
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
		return "", &Error{Msg: fmt.Sprintf("cannot show %s in %s, which measures %s", q.Dim.Describe(), text, u.Dim.Describe())}
	}
	return u.Format(q), nil
}
