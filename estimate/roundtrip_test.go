package estimate

import (
	"math"
	"math/rand/v2"
	"strings"
	"testing"
)

// readBackDimensions are the dimensions TestFormatReadsBack displays:
// every one Format has a ladder for, and others it shows in base units.
var readBackDimensions = []Dimension{
	Dimensionless, Bytes, Seconds, Dollars, Meters, Rate, ByteRate,
	{Second: 2}, {Byte: 1, Second: 1}, {Dollar: 1, Second: -1}, {Dollar: 1, Byte: -1},
	{Length: 2}, {Length: 1, Second: -1}, {Byte: -1, Second: -1}, {Byte: 3},
	Count("user"), must(Count("request").Div(Seconds)), must(must(Count("request").Div(Count("user"))).Div(Seconds)),
	must(Bytes.Div(Count("tweet"))), must(Count("user").Pow(2)), must(Dollars.Div(Count("user"))),
	must(ByteRate.Div(Count("server"))),
}

// readBackUnits are display units, as --to and unit: take them.
var readBackUnits = []string{
	"TB", "GiB", "B", "Mbps", "MB/s", "GB/day", "ms", "hours", "days", "years", "$/month", "USD/GB/month",
	"%", "K", "M", "km", "mi/h", "ft^2", "requests/day", "/s", "/day", "USD",
}

// TestFormatReadsBack holds display to its promise: the text Format
// prints for any quantity, and a display unit's text, parse back to the
// same value within the digits shown.
func TestFormatReadsBack(t *testing.T) {
	rng := rand.New(rand.NewPCG(8, 13))
	var opts []DisplayOptions
	for _, c := range []Conventions{Exact, Calendar, Napkin} {
		opts = append(opts, DisplayOptions{Conventions: c}, DisplayOptions{Conventions: c, Binary: true})
	}
	for range 800 {
		v := math.Pow(10, rng.Float64()*44-22)
		if rng.IntN(4) == 0 {
			v = -v
		}
		if rng.IntN(50) == 0 {
			v = 0
		}
		for _, d := range readBackDimensions {
			for _, o := range opts {
				q := Quantity{v, d}
				readsBack(t, q, Format(q, o), o.Conventions)
			}
		}
		for _, text := range readBackUnits {
			u, err := ParseDisplayUnit(text, Exact)
			if err != nil {
				t.Fatalf("ParseDisplayUnit(%q): %v", text, err)
			}
			q := Quantity{v * u.Scale, u.Dim}
			readsBack(t, q, u.Format(q), Exact)
		}
	}
}

// readsBack checks that display, and the bit rate in parentheses beside
// a byte rate, read back as q within the four digits shown.
func readsBack(t *testing.T, q Quantity, display string, c Conventions) {
	t.Helper()
	texts := []string{display}
	if main, bits, ok := strings.Cut(display, " ("); ok {
		texts = []string{main, strings.TrimSuffix(bits, ")")}
	}
	for _, text := range texts {
		r, err := Calculate(text, c)
		if err != nil {
			t.Fatalf("%v (%s) displays as %q, which does not read back: %v", q.Value, q.Dim, display, err)
		}
		got := r.Quantity
		if got.Dim != q.Dim {
			t.Fatalf("%v (%s) displays as %q, which reads back as %s", q.Value, q.Dim, display, got.Dim)
		}
		if d := math.Abs(got.Value - q.Value); d > 5.001e-4*math.Abs(q.Value) && d > 1e-300 {
			t.Fatalf("%v (%s) displays as %q, which reads back as %v", q.Value, q.Dim, display, got.Value)
		}
	}
}
