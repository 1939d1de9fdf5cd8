package estimate

import (
	"math"
	"math/big"
	"math/rand/v2"
	"testing"
)

var byteSecond = Dimension{Byte: 1, Second: 1}

// A formatCase is a quantity, display options and the text Format gives.
type formatCase struct {
	value float64
	dim   Dimension
	opt   DisplayOptions
	want  string
}

func checkFormat(t *testing.T, tests []formatCase) {
	t.Helper()
	for _, tt := range tests {
		if got := Format(Quantity{tt.value, tt.dim}, tt.opt); got != tt.want {
			t.Errorf("Format(%.17g %s, %+v) = %q, want %q", tt.value, tt.dim, tt.opt, got, tt.want)
		}
	}
}

func TestFormat(t *testing.T) {
	binary := DisplayOptions{Binary: true}
	tests := []formatCase{
		// Counts: 4 significant digits, trailing zeros dropped, a scale
		// word attached.
		{0, Dimensionless, DisplayOptions{}, "0"},
		{1, Dimensionless, DisplayOptions{}, "1"},
		{0.2, Dimensionless, DisplayOptions{}, "0.2"},
		{999, Dimensionless, DisplayOptions{}, "999"},
		{1000, Dimensionless, DisplayOptions{}, "1K"},
		{11574.074, Dimensionless, DisplayOptions{}, "11.57K"},
		{1.5e6, Dimensionless, DisplayOptions{}, "1.5M"},
		{1e10, Dimensionless, DisplayOptions{}, "10bn"},
		{3.65e11, Dimensionless, DisplayOptions{}, "365bn"},
		{1.2e12, Dimensionless, DisplayOptions{}, "1.2T"},
		{1234.5, Dimensionless, DisplayOptions{}, "1.235K"}, // half away from zero
		{78.125, Dimensionless, DisplayOptions{}, "78.13"},
		{273.75e12, Bytes, DisplayOptions{}, "273.8 TB"},
		{-78.125, Dimensionless, DisplayOptions{}, "-78.13"},
		{123456789, Bytes, DisplayOptions{Digits: 9}, "123.456789 MB"},
		{2.3e3 / (30 * 86400), Dimension{Dollar: 1, Second: -1}, DisplayOptions{}, "$2.3K/month"},
		{1500, Meters, DisplayOptions{}, "1.5 km"},
		{1235.5, Dimensionless, DisplayOptions{}, "1.236K"},
		{0.00012345, Dimensionless, DisplayOptions{}, "0.0001235"}, // the float stands for 0.00012345
		{1e-5, Dimensionless, DisplayOptions{}, "1e-5"},
		{2.5e-7, Dimensionless, DisplayOptions{}, "2.5e-7"},
		{1e15, Dimensionless, DisplayOptions{}, "1000T"},

		// Rates.
		{11574.074, Rate, DisplayOptions{}, "11.57K/s"},
		{115740.74, Rate, DisplayOptions{}, "115.7K/s"},
		{1, Rate, DisplayOptions{}, "1/s"},
		// Below 0.1/s a rate reads better per day, or per year.
		{0.1, Rate, DisplayOptions{}, "0.1/s"},
		{10.0 / 86400, Rate, DisplayOptions{}, "10/day"},
		{10.0 / 1e5, Rate, DisplayOptions{Conventions: Napkin}, "10/day"},
		{1.0 / (365 * 86400), Rate, DisplayOptions{}, "1/year"},
		{0, Rate, DisplayOptions{}, "0/s"},
		{-10.0 / 86400, Rate, DisplayOptions{}, "-10/day"},

		// Bytes: decimal by default, binary on request.
		{1, Bytes, DisplayOptions{}, "1 B"},
		{0.125, Bytes, DisplayOptions{}, "0.125 B"},
		{2048, Bytes, DisplayOptions{}, "2.048 KB"},
		{91.25e12, Bytes, DisplayOptions{}, "91.25 TB"},
		{36.5e12, Bytes, DisplayOptions{}, "36.5 TB"},
		{1e18, Bytes, DisplayOptions{}, "1 EB"},
		{1e21, Bytes, DisplayOptions{}, "1000 EB"},
		{2048, Bytes, binary, "2 KiB"},
		{1000, Bytes, binary, "1000 B"},
		{83 << 40, Bytes, binary, "83 TiB"},
		{91.25e12, Bytes, binary, "82.99 TiB"},
		{1 << 60, Bytes, binary, "1 EiB"},

		// Byte rates, with the bit rate beside them.
		{9.645e6, ByteRate, DisplayOptions{}, "9.645 MB/s (77.16 Mbit/s)"},
		{1e12 / 86400, ByteRate, DisplayOptions{}, "11.57 MB/s (92.59 Mbit/s)"},
		{125e6, ByteRate, DisplayOptions{}, "125 MB/s (1 Gbit/s)"},
		{0.125, ByteRate, DisplayOptions{}, "0.125 B/s (1 bit/s)"},
		{1 << 20, ByteRate, binary, "1 MiB/s (8.389 Mbit/s)"},

		// Durations: the largest unit that fits, in the singular for one.
		{1e-9, Seconds, DisplayOptions{}, "1 ns"},
		{1e-12, Seconds, DisplayOptions{}, "0.001 ns"},
		{1.5e-6, Seconds, DisplayOptions{}, "1.5 µs"},
		{3.2e-3, Seconds, DisplayOptions{}, "3.2 ms"},
		{1.5, Seconds, DisplayOptions{}, "1.5 s"},
		{59.99, Seconds, DisplayOptions{}, "59.99 s"},
		{60, Seconds, DisplayOptions{}, "1 min"},
		{90, Seconds, DisplayOptions{}, "1.5 min"},
		{3600, Seconds, DisplayOptions{}, "1 hour"},
		{7200, Seconds, DisplayOptions{}, "2 hours"},
		{86400, Seconds, DisplayOptions{}, "1 day"},
		{7 * 86400, Seconds, DisplayOptions{}, "7 days"},
		{2.5e6, Seconds, DisplayOptions{}, "28.94 days"},
		{30 * 86400, Seconds, DisplayOptions{}, "1 month"},
		{365 * 86400, Seconds, DisplayOptions{}, "1 year"},
		{5 * 365 * 86400, Seconds, DisplayOptions{}, "5 years"},
		// Day, month and year follow the conventions shown under.
		{3e7, Seconds, DisplayOptions{}, "11.57 months"},
		{3e7, Seconds, DisplayOptions{Conventions: Napkin}, "1 year"},
		{1e5, Seconds, DisplayOptions{Conventions: Napkin}, "1 day"},
		{365.2425 * 86400, Seconds, DisplayOptions{Conventions: Calendar}, "1 year"},
		{365 * 86400, Seconds, DisplayOptions{Conventions: Calendar}, "11.99 months"},

		// Money.
		{41400, Dollars, DisplayOptions{}, "$41.4K"},
		{0.023, Dollars, DisplayOptions{}, "$0.023"},
		{1.5e9, Dollars, DisplayOptions{}, "$1.5bn"},

		// Negative values keep their sign in front, also before $ and
		// inside the bit rate.
		{-15, Dimensionless, DisplayOptions{}, "-15"},
		{-11574.074, Rate, DisplayOptions{}, "-11.57K/s"},
		{-2048, Bytes, binary, "-2 KiB"},
		{-9.645e6, ByteRate, DisplayOptions{}, "-9.645 MB/s (-77.16 Mbit/s)"},
		{-3.2e-3, Seconds, DisplayOptions{}, "-3.2 ms"},
		{-41400, Dollars, DisplayOptions{}, "-$41.4K"},

		// Any other dimension is shown in base units, in exponent form
		// when very large or small.
		{1.2e15, byteSecond, DisplayOptions{}, "1.2e15 B*s"},
		{12, byteSecond, DisplayOptions{}, "12 B*s"},
		{2.3e-11, Dimension{Byte: -1, Dollar: 1}, DisplayOptions{}, "2.3e-11 USD/B"},
		{-0.023, Dimension{Byte: -1, Dollar: 1}, DisplayOptions{}, "-0.023 USD/B"},
		{1e6, Dimension{Byte: 2}, DisplayOptions{}, "1000000 B^2"},
		{12345678, Dimension{Second: -2}, DisplayOptions{}, "12350000/s^2"},

		// Values that are not finite are shown as they are.
		{math.Inf(1), Bytes, DisplayOptions{}, "(too large to show)"},
		{math.Inf(-1), Dimensionless, DisplayOptions{}, "(too large to show, negative)"},
		{math.NaN(), Seconds, DisplayOptions{}, "(not a number)"},
	}
	checkFormat(t, tests)
	if got, want := (Quantity{11574.074, Rate}).String(), "11.57K/s"; got != want {
		t.Errorf("Quantity.String() = %q, want %q", got, want)
	}
}

// TestFormatBoundaries checks rounding at the edges of each step of a
// ladder, one float64 either side: a value that rounds to 1000 of a step
// moves up to the next one (999.95 shows as 1K, not 1000), and one just
// below stays (999.9499… shows as 999.9).
func TestFormatBoundaries(t *testing.T) {
	below := func(v float64) float64 { return math.Nextafter(v, 0) }
	above := func(v float64) float64 { return math.Nextafter(v, math.Inf(1)) }
	binary := DisplayOptions{Binary: true}
	tests := []formatCase{
		{999.95, Dimensionless, DisplayOptions{}, "1K"},
		{below(999.95), Dimensionless, DisplayOptions{}, "999.9"},
		{above(999.95), Dimensionless, DisplayOptions{}, "1K"},
		{999.95e3, Dimensionless, DisplayOptions{}, "1M"},
		{below(999.95e3), Dimensionless, DisplayOptions{}, "999.9K"},
		{999.95e6, Dimensionless, DisplayOptions{}, "1bn"},
		{below(999.95e6), Dimensionless, DisplayOptions{}, "999.9M"},
		{999.95e9, Dimensionless, DisplayOptions{}, "1T"},
		{below(999.95e9), Dimensionless, DisplayOptions{}, "999.9bn"},
		{below(1000), Dimensionless, DisplayOptions{}, "1K"},
		{9999.5, Dimensionless, DisplayOptions{}, "10K"}, // a tie, rounded away from zero
		{9999.4, Dimensionless, DisplayOptions{}, "9.999K"},
		{99995, Dimensionless, DisplayOptions{}, "100K"},

		{999.95, Bytes, DisplayOptions{}, "1 KB"},
		{below(999.95), Bytes, DisplayOptions{}, "999.9 B"},
		{999.95e9, Bytes, DisplayOptions{}, "1 TB"},
		{below(999.95e9), Bytes, DisplayOptions{}, "999.9 GB"},
		{0.099995, Rate, DisplayOptions{}, "0.1/s"},
		{below(0.099995), Rate, DisplayOptions{}, "8.64K/day"},
		{999.95, ByteRate, DisplayOptions{}, "1 KB/s (8 Kbit/s)"},
		{below(999.95), ByteRate, DisplayOptions{}, "999.9 B/s (8 Kbit/s)"},
		{999.95, Dollars, DisplayOptions{}, "$1K"},
		{below(999.95), Dollars, DisplayOptions{}, "$999.9"},

		// A binary step holds up to 1023.9…, so just under 0.99995 KiB
		// reads as 1024 B: still four correct digits.
		{0.99995 * 1024, Bytes, binary, "1 KiB"},
		{below(0.99995 * 1024), Bytes, binary, "1024 B"},
		{1023, Bytes, binary, "1023 B"},
		{0.99995 * (1 << 20), Bytes, binary, "1 MiB"},
		{below(0.99995 * (1 << 20)), Bytes, binary, "1024 KiB"},

		// Durations step up at 60 s, an hour, a day, a month, a year.
		{59.995, Seconds, DisplayOptions{}, "60 s"}, // the float stands for 59.995, a tie
		{59.994, Seconds, DisplayOptions{}, "59.99 s"},
		{59.9995, Seconds, DisplayOptions{}, "1 min"},
		{below(60), Seconds, DisplayOptions{}, "1 min"},
		{3599.9, Seconds, DisplayOptions{}, "1 hour"},
		{86399.9, Seconds, DisplayOptions{}, "1 day"},
		{0.99995 * 365 * 86400, Seconds, DisplayOptions{}, "1 year"},
		{0.9999 * 365 * 86400, Seconds, DisplayOptions{}, "12.17 months"},
		{0.99995e-6, Seconds, DisplayOptions{}, "1 µs"},
		{below(0.99995e-6), Seconds, DisplayOptions{}, "999.9 ns"},
	}
	checkFormat(t, tests)
}

// TestConvert is the --to of envelope calc and the unit: of a scenario.
func TestConvert(t *testing.T) {
	tests := []struct{ expr, unit, want string }{
		{"500 B * 100M/day * 5 years", "TB", "91.25 TB"},
		{"500 B * 100M/day * 5 years", "TiB", "82.99 TiB"},
		{"1 TB/day", "Mbps", "92.59 Mbps"},
		{"1 TB/day", "GB/day", "1000 GB/day"},
		{"1 TB/day", "MB/s", "11.57 MB/s"},
		{"100M * 10 / day", "/s", "11574/s"},
		{"100M * 10 / day", "K/s", "11.57 K/s"},
		{"100M * 10 / day", "qps", "11574 qps"},
		{"1bn", "M", "1000M"},
		{"1bn", "K", "1000000K"},
		{"5 years", "days", "1825 days"},
		{"90 s", "min", "1.5 min"},
		{"$0.023 / 1 GB * 1 PB", "USD", "23000 USD"},
		{"1 GB * 1 day", "GB*day", "1 GB*day"},
	}
	for _, tt := range tests {
		q, err := Calc(tt.expr, Exact)
		if err != nil {
			t.Fatalf("Calc(%q): %v", tt.expr, err)
		}
		got, err := Convert(q, tt.unit, Exact)
		if err != nil || got != tt.want {
			t.Errorf("Convert(%s, %q) = %q, %v; want %q", tt.expr, tt.unit, got, err, tt.want)
		}
	}

	errs := []struct{ expr, unit, want string }{
		{"2 KB", "s", "cannot show bytes (B) in s, which measures a time (s)"},
		{"1 TB/day", "TB", "cannot show a byte rate (B/s) in TB, which measures bytes (B)"},
		{"1 TB", "XB", `1:1: unknown unit or name "XB"`},
		{"1 TB", "requests", `cannot show bytes (B) in requests, which measures a count of requests (request)`},
		{"1 TB", "-1 TB", "1:1: unit -1 TB must be positive"},
		{"1 TB", "0 B", "1:1: unit 0 B must be positive"},
	}
	for _, tt := range errs {
		q, _ := Calc(tt.expr, Exact)
		_, err := Convert(q, tt.unit, Exact)
		if got := errString(err); got != tt.want {
			t.Errorf("Convert(%s, %q): error %q, want %q", tt.expr, tt.unit, got, tt.want)
		}
	}
}

func TestFormatDeviation(t *testing.T) {
	tests := []struct {
		d    float64
		want string
	}{
		{0, "0%"},
		{1e-12, "0%"},
		{0.0022, "+0.22%"},
		{-0.1359944703646104, "-13.6%"},
		{9, "+900%"},
		{math.NaN(), "n/a"},
	}
	for _, tt := range tests {
		if got := FormatDeviation(tt.d); got != tt.want {
			t.Errorf("FormatDeviation(%v) = %q, want %q", tt.d, got, tt.want)
		}
	}
}

// TestAcceptance runs the calculations of the spec's acceptance list as
// envelope calc does: Calc, then Format or, with --to, Convert.
func TestAcceptance(t *testing.T) {
	tests := []struct{ expr, to, want string }{
		{"100M * 10 / day", "", "11.57K/s"},
		{"10bn / day", "", "115.7K/s"},
		{"500 B * 100M/day * 5 years", "TB", "91.25 TB"},
		{"1 TB/day", "Mbps", "92.59 Mbps"},
	}
	for _, tt := range tests {
		q, err := Calc(tt.expr, Exact)
		if err != nil {
			t.Errorf("Calc(%q): %v", tt.expr, err)
			continue
		}
		got := Format(q, DisplayOptions{})
		if tt.to != "" {
			got, err = Convert(q, tt.to, Exact)
		}
		if err != nil || got != tt.want {
			t.Errorf("calc %q --to %q = %q, %v; want %q", tt.expr, tt.to, got, err, tt.want)
		}
	}
	if _, err := Calc("2 KB + 3 s", Exact); errString(err) != "1:6: cannot add B and s" {
		t.Errorf("calc '2 KB + 3 s': %v, want a dimension error", err)
	}
}

// TestAtLeastOne checks the threshold against rounding: around each
// threshold and at random, at every number of digits.
func TestAtLeastOne(t *testing.T) {
	rng := rand.New(rand.NewPCG(4, 4))
	for n := 1; n < 22; n++ {
		var xs []*big.Rat
		for _, d := range []int64{-1, 0, 1} {
			// 1 − 5×10^-(n+1) and a hair either side
			t := new(big.Rat).SetFrac(new(big.Int).Sub(pow10(n+1), big.NewInt(5)), pow10(n+1))
			xs = append(xs, new(big.Rat).Add(t, big.NewRat(d, 1<<62)))
		}
		for range 200 {
			xs = append(xs, new(big.Rat).SetFloat64(math.Exp(rng.NormFloat64())))
		}
		for _, x := range xs {
			d := roundSig(x, n)
			if want := len(d.mant.String())+d.exp > 0; atLeastOne(x, n) != want {
				t.Fatalf("atLeastOne(%s, %d) = %v, want %v", x.FloatString(25), n, !want, want)
			}
		}
	}
}
