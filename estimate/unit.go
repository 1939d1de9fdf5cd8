package estimate

import (
	"math/big"
	"sort"
	"strconv"
	"strings"
)

// A Unit is a named measure: a scale in base units and a dimension. Time
// units from a day upwards take their length from the Conventions in force,
// so their scale is left zero here and filled in by Conventions.Scale.
type Unit struct {
	Name   string
	Scale  float64
	Dim    Dimension
	Binary bool     // an IEC unit, a power of 1024
	span   timeSpan // non-zero for day, week, month, year
	rat    *big.Rat // Scale exactly: 1/8 for a bit, 1/10^9 for ns
}

// timeSpan names the units whose length depends on the conventions.
type timeSpan uint8

const (
	fixed timeSpan = iota
	spanDay
	spanWeek
	spanMonth
	spanYear
)

// IsScaleWord reports whether u is a word that only scales a number,
// such as K, M, bn or million. Percent is a unit, not a scale word: it
// follows its number as a unit does (20 percent).
func (u Unit) IsScaleWord() bool { return u.Dim.IsDimensionless() && !u.percent() }

func (u Unit) percent() bool { return u.Name == "percent" || u.Name == "%" }

var units = buildUnits()

func buildUnits() map[string]Unit {
	m := make(map[string]Unit)
	add := func(scale float64, dim Dimension, names ...string) {
		// The exact scale is read from the float's shortest decimal
		// text: 1e-9 is a billionth, 0.3048 a decimal fraction, and
		// 1/8 and 1/60 are built below as fractions.
		r, _ := new(big.Rat).SetString(strconv.FormatFloat(scale, 'g', -1, 64))
		for _, n := range names {
			m[n] = Unit{Name: n, Scale: scale, Dim: dim, rat: r}
		}
	}
	frac := func(num, den int64, dim Dimension, names ...string) {
		r := big.NewRat(num, den)
		f, _ := r.Float64()
		for _, n := range names {
			m[n] = Unit{Name: n, Scale: f, Dim: dim, rat: r}
		}
	}
	addSpan := func(span timeSpan, names ...string) {
		for _, n := range names {
			m[n] = Unit{Name: n, Dim: Seconds, span: span}
		}
	}

	// Scale words for counts.
	add(1e3, Dimensionless, "K", "thousand")
	add(1e6, Dimensionless, "M", "million")
	add(1e9, Dimensionless, "G", "bn", "billion")
	add(1e12, Dimensionless, "T", "trillion")
	add(0.01, Dimensionless, "percent", "%")

	// Information. A bit is an eighth of a byte; "Kb" and "Kbit" are
	// kilobits, "KB" and "kB" kilobytes.
	add(1, Bytes, "B", "byte", "bytes")
	frac(1, 8, Bytes, "b", "bit", "bits")
	add(1, ByteRate, "Bps")
	frac(1, 8, ByteRate, "bps")
	scale := 1.0
	for i, p := range []string{"K", "M", "G", "T", "P", "E"} {
		scale *= 1000
		add(scale, Bytes, p+"B")
		if i < 5 {
			add(scale/8, Bytes, p+"bit")
			add(scale/8, ByteRate, p+"bps")
		}
		if i < 4 {
			add(scale/8, Bytes, p+"b")
			add(scale, ByteRate, p+"Bps")
		}
	}
	add(1e3, Bytes, "kB")
	add(125, Bytes, "kbit")
	add(125, ByteRate, "kbps")
	scale = 1.0
	for i, p := range []string{"K", "M", "G", "T", "P", "E"} {
		scale *= 1024
		m[p+"iB"] = Unit{Name: p + "iB", Scale: scale, Dim: Bytes, Binary: true, rat: ratOf(scale)}
		if i < 4 {
			m[p+"ibit"] = Unit{Name: p + "ibit", Scale: scale / 8, Dim: Bytes, Binary: true, rat: ratOf(scale / 8)}
		}
	}

	// Time.
	add(1e-9, Seconds, "ns")
	add(1e-6, Seconds, "us", "µs", "μs", "usec")
	add(1e-3, Seconds, "ms", "msec")
	add(1, Seconds, "s", "sec", "secs", "second", "seconds")
	add(60, Seconds, "min", "mins", "minute", "minutes")
	add(3600, Seconds, "h", "hr", "hrs", "hour", "hours")
	addSpan(spanDay, "d", "day", "days")
	addSpan(spanWeek, "wk", "wks", "week", "weeks")
	addSpan(spanMonth, "mo", "month", "months")
	addSpan(spanYear, "yr", "yrs", "year", "years")

	// Rates and frequencies: rpm is requests per minute.
	add(1, Rate, "qps", "rps", "Hz")
	add(1e3, Rate, "kHz")
	add(1e6, Rate, "MHz")
	add(1e9, Rate, "GHz")
	frac(1, 60, Rate, "rpm")

	// Money.
	add(1, Dollars, "USD", "dollar", "dollars", "$")

	// Length, for proximity and map designs.
	add(1, Meters, "m")
	add(1e3, Meters, "km")
	add(1609.344, Meters, "mi")
	add(0.3048, Meters, "ft")
	return m
}

// LookupUnit returns the unit or scale word with the given name.
// Names are case-sensitive: "B" is a byte, "b" a bit.
func LookupUnit(name string) (Unit, bool) {
	u, ok := units[name]
	return u, ok
}

// UnitNames returns the names of every unit and scale word, sorted.
func UnitNames() []string {
	names := make([]string, 0, len(units))
	for n := range units {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// unitNameList is UnitNames, computed once.
var unitNameList = UnitNames()

// ambiguousUnits are lower-case spellings that could mean a byte or a
// bit unit, which envelope will not guess between.
var ambiguousUnits = map[string]string{
	"kb": "kB (or KB) is a kilobyte, kbit (or Kb) a kilobit",
	"mb": "MB is a megabyte, Mb (or Mbit) a megabit",
	"gb": "GB is a gigabyte, Gb (or Gbit) a gigabit",
	"tb": "TB is a terabyte, Tb (or Tbit) a terabit",
	"pb": "PB is a petabyte, Pbit a petabit",
	"eb": "EB is an exabyte",
}

// unknownUnitMessage explains a word that is not a unit: the two
// readings of an ambiguous spelling, or a unit it is a slip of.
func unknownUnitMessage(word string) string {
	msg := "unknown unit " + quote(word)
	if hint, ok := ambiguousUnits[strings.ToLower(word)]; ok && strings.ToLower(word) == word {
		return msg + ": " + hint
	}
	if s := suggestUnit(word); s != "" {
		return msg + "; did you mean " + quote(s) + "?"
	}
	return msg
}
