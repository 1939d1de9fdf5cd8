package estimate

import "sort"

// A Unit is a named measure: a scale in base units and a dimension. Time
// units from a day upwards take their length from the Conventions in force,
// so their scale is left zero here and filled in by Conventions.Scale.
type Unit struct {
	Name   string
	Scale  float64
	Dim    Dimension
	Binary bool     // an IEC unit, a power of 1024
	span   timeSpan // non-zero for day, week, month, year
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

// IsScaleWord reports whether u is a word that only scales a count,
// such as K, M, bn or million.
func (u Unit) IsScaleWord() bool { return u.Dim.IsDimensionless() }

var units = buildUnits()

func buildUnits() map[string]Unit {
	m := make(map[string]Unit)
	add := func(scale float64, dim Dimension, names ...string) {
		for _, n := range names {
			m[n] = Unit{Name: n, Scale: scale, Dim: dim}
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

	// Information. A bit is an eighth of a byte.
	add(1, Bytes, "B", "byte", "bytes")
	add(1.0/8, Bytes, "b", "bit", "bits")
	dec := []string{"K", "M", "G", "T", "P", "E"}
	scale := 1.0
	for i, p := range dec {
		scale *= 1000
		add(scale, Bytes, p+"B")
		if i < 4 {
			add(scale/8, Bytes, p+"b")
			add(scale/8, ByteRate, p+"bps")
		}
	}
	add(1.0/8, ByteRate, "bps")
	scale = 1.0
	for _, p := range dec {
		scale *= 1024
		m[p+"iB"] = Unit{Name: p + "iB", Scale: scale, Dim: Bytes, Binary: true}
	}

	// Time.
	add(1e-9, Seconds, "ns")
	add(1e-6, Seconds, "us", "µs", "μs")
	add(1e-3, Seconds, "ms")
	add(1, Seconds, "s", "sec", "second", "seconds")
	add(60, Seconds, "min", "minute", "minutes")
	add(3600, Seconds, "hr", "hour", "hours")
	addSpan(spanDay, "day", "days")
	addSpan(spanWeek, "week", "weeks")
	addSpan(spanMonth, "month", "months")
	addSpan(spanYear, "year", "years", "yr")

	// Money and rates.
	add(1, Dollars, "USD")
	add(1, Rate, "qps", "rps")
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
