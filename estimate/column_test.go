package estimate

import (
	"math"
	"strings"
	"testing"
)

func TestColumnUnit(t *testing.T) {
	tb := func(vs ...float64) []Quantity {
		var qs []Quantity
		for _, v := range vs {
			qs = append(qs, Quantity{v, Bytes})
		}
		return qs
	}
	show := func(qs []Quantity, o DisplayOptions) string {
		u := ColumnUnit(qs, o)
		var out []string
		for _, q := range qs {
			out = append(out, FormatIn(q, u, o))
		}
		return strings.Join(out, ", ")
	}
	day := Exact.Day
	for _, tc := range []struct {
		qs   []Quantity
		o    DisplayOptions
		want string
	}{
		{tb(1.2e12, 12e12, 120e12, 1200e12), DisplayOptions{}, "1.2 TB, 12 TB, 120 TB, 1200 TB"},
		// The span at the boundary: 10^4 keeps one scale, one float more does not.
		{tb(1e12, 1e16), DisplayOptions{}, "1 TB, 10000 TB"},
		{tb(1e12, math.Nextafter(1e16, math.Inf(1))), DisplayOptions{}, "1 TB, 10 PB"},
		// The smallest value picks the scale, rounding as Format does:
		// 999.96 GB shows as 1 TB, so the column is in TB.
		{tb(999.96e9, 5e12), DisplayOptions{}, "1 TB, 5 TB"},
		{tb(999.94e9, 5e12), DisplayOptions{}, "999.9 GB, 5000 GB"},
		{tb(0, 2e12, 3e13), DisplayOptions{}, "0 TB, 2 TB, 30 TB"},
		{tb(1<<40, 1<<42), DisplayOptions{Binary: true}, "1 TiB, 4 TiB"},
		{[]Quantity{{1e7 / day, Rate}, {1e8 / day, Rate}}, DisplayOptions{}, "115.7/s, 1157/s"},
		{[]Quantity{{1e3, Rate}, {1e5, Rate}}, DisplayOptions{}, "1K/s, 100K/s"},
		{[]Quantity{{1, Rate}, {2, Rate}}, DisplayOptions{}, "1/s, 2/s"},
		{[]Quantity{{1e7, Dimensionless}, {3e8, Dimensionless}}, DisplayOptions{}, "10M, 300M"},
		{[]Quantity{{500, Dimensionless}, {5000, Dimensionless}}, DisplayOptions{}, "500, 5000"},
		{[]Quantity{{41.4e3, Dollars}, {2e6, Dollars}}, DisplayOptions{}, "$41.4K, $2000K"},
		{[]Quantity{{3 * 365 * day, Seconds}, {10 * 365 * day, Seconds}}, DisplayOptions{}, "3 years, 10 years"},
		{[]Quantity{{3600, Seconds}, {7200, Seconds}}, DisplayOptions{}, "1 hour, 2 hours"},
		{[]Quantity{{1e6, ByteRate}, {5e7, ByteRate}}, DisplayOptions{}, "1 MB/s, 50 MB/s"},
		// No common scale: different dimensions, counted things.
		{[]Quantity{{1, Bytes}, {1, Seconds}}, DisplayOptions{}, "1 B, 1 s"},
		{[]Quantity{{1e6, Count("user")}, {1e8, Count("user")}}, DisplayOptions{}, "1M users, 100M users"},
	} {
		if got := show(tc.qs, tc.o); got != tc.want {
			t.Errorf("column %v: %s, want %s", tc.qs, got, tc.want)
		}
	}
	if ColumnUnit(nil, DisplayOptions{}) != nil || ColumnUnit(tb(0, 0), DisplayOptions{}) != nil {
		t.Error("an empty or all-zero column has a unit")
	}
}

func TestRangeUnit(t *testing.T) {
	day := Exact.Day
	u := RangeUnit("10M/day", Rate, Exact)
	var got []string
	for _, v := range []float64{1e7, 1e8, 1e9} {
		got = append(got, FormatIn(Quantity{v / day, Rate}, u, DisplayOptions{}))
	}
	if strings.Join(got, ", ") != "10M/day, 100M/day, 1bn/day" {
		t.Errorf("per day: %s", got)
	}
	if RangeUnit("5 KB/day", ByteRate, Exact) != nil {
		t.Error("RangeUnit(5 KB/day) is not nil")
	}
	for _, text := range []string{"1000/s", "10M"} {
		if RangeUnit(text, Rate, Exact) != nil {
			t.Errorf("RangeUnit(%q) is not nil", text)
		}
	}
}
