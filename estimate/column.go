package estimate

import (
	"math"
	"regexp"
	"strings"
)

// Column display: a column of values (a sweep's, a table's) reads best
// on one scale, 1.2 TB, 12 TB, 1200 TB, rather than 1.2 TB, 12 TB,
// 1.2 PB, where the eye must notice the unit change to compare them. As
// x/perf's benchunit scales a benchmark column, the scale is the one the
// smallest value would be shown in, so that every value shows at least
// 1 in it; a column that spans more than MaxColumnSpan reads better with
// each value in its own best unit.

// MaxColumnSpan is the largest ratio between the largest and the
// smallest (non-zero, absolute) value of a column that ColumnUnit still
// shows on one scale.
const MaxColumnSpan = 1e4

// numberPrefix is the number at the start of a display: -1.2, 1.2e15,
// $41.4.
var numberPrefix = regexp.MustCompile(`^-?\$?[0-9]+(\.[0-9]+)?(e-?[0-9]+)?`)

// ColumnUnit returns the unit to show every value of a column in, or nil
// when each should be shown in its own best unit (see Format): when the
// values differ in dimension, are not finite, are all zero, span more
// than MaxColumnSpan, or have a dimension with no ladder of units to
// choose from (counted things, B*s). The unit is the one Format chooses
// for the smallest non-zero value under o: TB, K/s, /day, years, $K, or
// "1" for plain numbers below a thousand. Byte rates drop the bit rate
// beside them. Show the values with FormatIn.
func ColumnUnit(values []Quantity, o DisplayOptions) *DisplayUnit {
	if len(values) == 0 {
		return nil
	}
	dim := values[0].Dim
	if dim.counts != "" {
		return nil
	}
	lo, hi := math.Inf(1), 0.0
	for _, q := range values {
		if q.Dim != dim || !isFinite(q.Value) {
			return nil
		}
		if a := math.Abs(q.Value); a != 0 {
			lo, hi = min(lo, a), max(hi, a)
		}
	}
	if hi == 0 || hi > lo*MaxColumnSpan {
		return nil
	}
	o.short = true
	shown := formatRat(decimalOf(lo), dim, o)
	num := numberPrefix.FindString(shown)
	if num == "" || strings.Contains(num, "e") {
		return nil // a value past every unit, shown with an exponent
	}
	return unitFromSuffix(strings.TrimPrefix(num, "-"), shown[len(num):], dim, o.Conventions)
}

// unitFromSuffix makes the DisplayUnit that shows values as the display
// number+suffix did: suffix " TB" is the unit TB, "K/s" and "/day"
// attach to the number, "" is a plain number, and a display that began
// with $ is in dollars.
func unitFromSuffix(num, suffix string, dim Dimension, c Conventions) *DisplayUnit {
	money := strings.HasPrefix(num, "$")
	text := strings.TrimSpace(suffix)
	for plural, one := range singularUnits {
		if suffix == one {
			text = strings.TrimSpace(plural) // 1 hour, 2 hours
		}
	}
	parse := text
	if parse == "" {
		parse = "1"
	}
	u, err := ParseDisplayUnit(parse, c)
	if err != nil {
		return nil
	}
	want := dim
	if money {
		want.Dollar--
	}
	if u.Dim != want {
		return nil
	}
	u.Dim, u.column = dim, true
	switch {
	case money:
		u.Text = "$" + text
	case text == "":
		u.Text = "1"
	default:
		u.Text = text
	}
	return u
}

// FormatIn shows q in the unit u under o, or in its best unit when u is
// nil, as Format does: the display of a column whose unit ColumnUnit
// chose.
func FormatIn(q Quantity, u *DisplayUnit, o DisplayOptions) string {
	if u == nil || !isFinite(q.Value) {
		return Format(q, o)
	}
	return u.format(decimalOf(q.Value), o)
}

// RangeUnit returns the unit to show a swept input's values in, from the
// way a value of the range was written: a rate written per day, week,
// month or year ("10M/day") is shown per that period with a scale word,
// 10M/day, 100M/day, 1bn/day, rather than as 115.7/s. It returns nil for
// any other text: show the values in their best units, or a ColumnUnit.
func RangeUnit(text string, dim Dimension, c Conventions) *DisplayUnit {
	i := strings.LastIndexByte(text, '/')
	if i < 0 || dim.Second != -1 {
		return nil
	}
	period := strings.TrimSpace(text[i+1:])
	switch period {
	case "day", "week", "month", "year":
	default:
		return nil
	}
	u, err := ParseDisplayUnit("/"+period, c)
	if err != nil || u.Dim != dim {
		return nil
	}
	u.column, u.ladder = true, true
	return u
}
