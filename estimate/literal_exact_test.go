package estimate

import (
	"strconv"
	"testing"
)

// TestLiteralsRoundOnce checks that a literal's value is the float64
// nearest its decimal meaning: the percent sign, the scale word and the
// unit are folded into the exponent before the number is read.
func TestLiteralsRoundOnce(t *testing.T) {
	for _, tc := range []struct {
		literal string
		decimal string // the exact value in base units
	}{
		{"99.9%", "0.999"},
		{"0.1%", "0.001"},
		{"7 ns", "7e-9"},
		{"3 ns", "3e-9"},
		{"0.5 µs", "5e-7"},
		{"150 ms", "0.15"},
		{"1.5 Mbps", "187500"},
		{"2.5M s", "2.5e6"},
		{"1.5bn", "1.5e9"},
		{"0.3 KB", "300"},
		{"$0.023", "0.023"},
		{"1.1 TB", "1.1e12"},
		{"10 min", "600"},
		{"1 bit", "0.125"},
	} {
		q, err := Calc(tc.literal, Exact)
		if err != nil {
			t.Fatalf("%s: %v", tc.literal, err)
		}
		want, _ := strconv.ParseFloat(tc.decimal, 64)
		if q.Value != want {
			t.Errorf("%s = %v, want %v exactly", tc.literal, q.Value, want)
		}
	}
}
