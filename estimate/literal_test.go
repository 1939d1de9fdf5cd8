package estimate

import (
	"math"
	"slices"
	"testing"
)

// near reports whether got equals want to within a few ulps: unit scales
// are products of decimal constants, so exact equality is too strict for
// some of them.
// A calcCase is an expression and the quantity it evaluates to.
type calcCase struct {
	expr  string
	value float64
	dim   Dimension
}

// checkCalc evaluates each case under Exact and compares value and
// dimension.
func checkCalc(t *testing.T, tests []calcCase) {
	t.Helper()
	for _, tt := range tests {
		q, err := Calc(tt.expr, Exact)
		if err != nil {
			t.Errorf("Calc(%q): %v", tt.expr, err)
			continue
		}
		if !near(q.Value, tt.value) || q.Dim != tt.dim {
			t.Errorf("Calc(%q) = %v %s, want %v %s", tt.expr, q.Value, q.Dim, tt.value, tt.dim)
		}
	}
}

func near(got, want float64) bool {
	if got == want {
		return true
	}
	return math.Abs(got-want) <= 1e-12*math.Abs(want)
}

// TestUnits evaluates one of every unit and scale word of the spec.
//
// A handful were cross-checked by hand with GNU units 2.22 and qalc 4.x:
//
//	units -t '1 Tbit' byte                 → 1.25e+11     (1 Tb)
//	units -t '1 Gbit/s' 'byte/s'           → 1.25e+08     (1 Gbps)
//	units -t '1 PiB' byte                  → 1.1258999e+15
//	qalc  -t '1 EiB to bytes'              → 1.152921505E18 B
//	units -t '1 microsecond' s             → 1e-06        (1 µs)
//	units -t '1 week' s                    → 604800
//	units -t '30 days' s                   → 2592000      (1 month, exact)
//	units -t '5 * 365 days' s              → 1.5768e+08   (5 years, exact)
//	units -t '2.5e6 s' days                → 28.935185    (2.5M s)
func TestUnits(t *testing.T) {
	const day = 86400
	tests := []calcCase{
		// Information: B is always a byte, b always a bit.
		{"1 B", 1, Bytes},
		{"1 byte", 1, Bytes},
		{"2 bytes", 2, Bytes},
		{"1 KB", 1e3, Bytes},
		{"1 MB", 1e6, Bytes},
		{"1 GB", 1e9, Bytes},
		{"1 TB", 1e12, Bytes},
		{"1 PB", 1e15, Bytes},
		{"1 EB", 1e18, Bytes},
		{"1 KiB", 1 << 10, Bytes},
		{"1 MiB", 1 << 20, Bytes},
		{"1 GiB", 1 << 30, Bytes},
		{"1 TiB", 1 << 40, Bytes},
		{"1 PiB", 1 << 50, Bytes},
		{"1 EiB", 1 << 60, Bytes},
		{"1 b", 0.125, Bytes},
		{"1 bit", 0.125, Bytes},
		{"8 bits", 1, Bytes},
		{"1 Kb", 125, Bytes},
		{"1 Mb", 125e3, Bytes},
		{"1 Gb", 125e6, Bytes},
		{"1 Tb", 125e9, Bytes},
		{"1 bps", 0.125, ByteRate},
		{"1 Kbps", 125, ByteRate},
		{"1 Mbps", 125e3, ByteRate},
		{"1 Gbps", 125e6, ByteRate},
		{"1 Tbps", 125e9, ByteRate},

		// Time; day and longer follow the conventions (exact here).
		{"1 ns", 1e-9, Seconds},
		{"1 us", 1e-6, Seconds},
		{"1 µs", 1e-6, Seconds}, // U+00B5 MICRO SIGN
		{"1 μs", 1e-6, Seconds}, // U+03BC GREEK SMALL LETTER MU
		{"1 ms", 1e-3, Seconds},
		{"1 s", 1, Seconds},
		{"1 sec", 1, Seconds},
		{"1 second", 1, Seconds},
		{"2 seconds", 2, Seconds},
		{"1 min", 60, Seconds},
		{"1 minute", 60, Seconds},
		{"2 minutes", 120, Seconds},
		{"1 hr", 3600, Seconds},
		{"1 hour", 3600, Seconds},
		{"2 hours", 7200, Seconds},
		{"1 day", day, Seconds},
		{"2 days", 2 * day, Seconds},
		{"1 week", 7 * day, Seconds},
		{"2 weeks", 14 * day, Seconds},
		{"1 month", 30 * day, Seconds},
		{"2 months", 60 * day, Seconds},
		{"1 year", 365 * day, Seconds},
		{"2 years", 730 * day, Seconds},
		{"1 yr", 365 * day, Seconds},

		// Money and rates.
		{"1 USD", 1, Dollars},
		{"$1", 1, Dollars},
		{"1 qps", 1, Rate},
		{"1 rps", 1, Rate},

		// Scale words for counts: T alone is a trillion, G a billion.
		{"1 K", 1e3, Dimensionless},
		{"1 thousand", 1e3, Dimensionless},
		{"1 M", 1e6, Dimensionless},
		{"1 million", 1e6, Dimensionless},
		{"1 G", 1e9, Dimensionless},
		{"1 bn", 1e9, Dimensionless},
		{"1 billion", 1e9, Dimensionless},
		{"1 T", 1e12, Dimensionless},
		{"1 trillion", 1e12, Dimensionless},
	}
	checkCalc(t, tests)
}

// TestLiterals covers the ways a quantity is written: with or without a
// space, with a scale word before a unit, with $ and %, and as a rate.
func TestLiterals(t *testing.T) {
	tests := []calcCase{
		{"500 B", 500, Bytes},
		{"500B", 500, Bytes},
		{"100M", 1e8, Dimensionless},
		{"1.5bn", 1.5e9, Dimensionless},
		{"1.5 bn", 1.5e9, Dimensionless},
		{"5years", 5 * 365 * 86400, Seconds},
		{"5 years", 5 * 365 * 86400, Seconds},
		{"2 KiB", 2048, Bytes},
		{"2KiB", 2048, Bytes},
		{"2.5 KiB", 2560, Bytes},
		{"2.5M s", 2.5e6, Seconds},
		{"1.5K B", 1500, Bytes},
		{"3 K rps", 3000, Rate},
		{"$0.023", 0.023, Dollars},
		{"$5M", 5e6, Dollars},
		{"$1.5 K", 1500, Dollars},
		{"$.5", 0.5, Dollars},
		{"20%", 0.2, Dimensionless},
		{"0.1%", 0.001, Dimensionless},
		{"20% * 50", 10, Dimensionless},
		{"10/day", 10.0 / 86400, Rate},
		{"10 / day", 10.0 / 86400, Rate},
		{"100M/day", 1e8 / 86400, Rate},
		{"1 TB/day", 1e12 / 86400, ByteRate},
		{"1e9", 1e9, Dimensionless},
		{"1E9", 1e9, Dimensionless},
		{"2.5e-3 s", 2.5e-3, Seconds},
		{"1e3K", 1e6, Dimensionless},
		{".5 KB", 500, Bytes},
		{"1_000_000", 1e6, Dimensionless},
		{"0x10", 16, Dimensionless},
		// A unit by itself is one of it.
		{"day", 86400, Seconds},
		{"GB / day", 1e9 / 86400, ByteRate},
		// min followed by "(" is the function; alone it is a minute.
		{"min(3, 2) * min", 120, Seconds},
	}
	checkCalc(t, tests)
}

// TestCaseSensitiveUnits pins the pairs that differ only in case or in a
// letter: B is a byte and b a bit, T a trillion and TB a terabyte.
func TestCaseSensitiveUnits(t *testing.T) {
	tests := []struct {
		name   string
		scale  float64
		dim    Dimension
		binary bool
	}{
		{"B", 1, Bytes, false},
		{"b", 0.125, Bytes, false},
		{"T", 1e12, Dimensionless, false},
		{"TB", 1e12, Bytes, false},
		{"Tb", 1.25e11, Bytes, false},
		{"TiB", 1 << 40, Bytes, true},
		{"M", 1e6, Dimensionless, false},
		{"MB", 1e6, Bytes, false},
		{"Mb", 1.25e5, Bytes, false},
		{"Mbps", 1.25e5, ByteRate, false},
		{"G", 1e9, Dimensionless, false},
		{"ms", 1e-3, Seconds, false},
	}
	for _, tt := range tests {
		u, ok := LookupUnit(tt.name)
		if !ok {
			t.Errorf("LookupUnit(%q): not found", tt.name)
			continue
		}
		if u.Name != tt.name || !near(u.Scale, tt.scale) || u.Dim != tt.dim || u.Binary != tt.binary {
			t.Errorf("LookupUnit(%q) = %+v, want scale %v, dimension %v, binary %v", tt.name, u, tt.scale, tt.dim, tt.binary)
		}
		if got, want := u.IsScaleWord(), tt.dim.IsDimensionless(); got != want {
			t.Errorf("LookupUnit(%q).IsScaleWord() = %v, want %v", tt.name, got, want)
		}
	}
	for _, name := range []string{"kb", "mb", "tb", "Bn", "BN", "k", "Day", "MIB", "mbps"} {
		if u, ok := LookupUnit(name); ok {
			t.Errorf("LookupUnit(%q) = %+v, want no such unit", name, u)
		}
	}
}

func TestUnitNames(t *testing.T) {
	names := UnitNames()
	if !slices.IsSorted(names) {
		t.Errorf("UnitNames() is not sorted: %q", names)
	}
	for _, want := range []string{"B", "b", "bps", "bn", "day", "EiB", "K", "qps", "rps", "µs", "USD", "yr"} {
		if !slices.Contains(names, want) {
			t.Errorf("UnitNames() lacks %q", want)
		}
	}
	for _, name := range names {
		if _, ok := LookupUnit(name); !ok {
			t.Errorf("UnitNames() lists %q, which LookupUnit does not know", name)
		}
	}
}

// TestParseQuantity is the reading of a flag value: a constant expression
// of a known dimension.
func TestParseQuantity(t *testing.T) {
	q, err := ParseQuantity("100M/day", Rate, Exact)
	if err != nil || !near(q.Value, 1e8/86400) {
		t.Errorf("ParseQuantity(100M/day) = %v, %v", q, err)
	}
	q, err = ParseQuantity("5years", Seconds, Napkin)
	if err != nil || q.Value != 1.5e8 {
		t.Errorf("ParseQuantity(5years, napkin) = %v, %v; want 1.5e8 s", q.Value, err)
	}
	_, err = ParseQuantity("2 KiB", Seconds, Exact)
	if got, want := errString(err), "2 KiB has dimension B, want s"; got != want {
		t.Errorf("ParseQuantity(2 KiB, s): error %q, want %q", got, want)
	}
}

// errString is err's message, or "" for nil.
func errString(err error) string {
	if err == nil {
		return ""
	}
	return err.Error()
}
