package syntax

import (
	"strings"
	"testing"
)

// FuzzParse holds the parser to three promises on any text: it never
// panics, an error points inside the text, and a tree written back with
// String reads as the same tree.
func FuzzParse(f *testing.F) {
	for _, s := range []string{
		"100M * 10 / day", "100 s^-1", "3 s^2", "2^30 B", "5 * 10^8 B/s", "1 TB/day -> Mbps",
		"x to $/month", "x -> /s", "$0.023/GB/month", "20%", "10 per day", "a < b < c ? 1 : 0",
		"not a and b or c", "min(a, 2 GB)", "0x1F + 0o17 + 0b101", "1_000", "users // servers",
		"(1 + 2", "1e400", "-2^-2", "2^3^2 B", "500\u00a0B", "$1.5M", "x / 10/day", "1 B s",
		"100M users * 10 requests/user/day", "50M to 150M", "a ? b : c ? d : e", "let x = 1",
		strings.Repeat("(", 70) + "1" + strings.Repeat(")", 70), "\xff", "1 +", "f(,)",
		// A unit to the power 0 is still written apart from its number:
		// "0X0^0" would read back as a hex literal.
		"0 X0^0", "5 s^0", "5 s^0/day", "5 /s^0",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		n, err := Parse(src, testWords)
		if err != nil {
			if err.Off < 0 || err.Off > len(src) || err.Msg == "" || strings.ContainsAny(err.Msg, "\n\r") {
				t.Fatalf("Parse(%q): error %d: %q", src, err.Off, err.Msg)
			}
			return
		}
		text := String(n)
		again, err := Parse(text, testWords)
		if err != nil {
			if strings.Contains(err.Msg, "too long") || strings.Contains(err.Msg, "too deep") {
				return // the parentheses String adds can pass a limit
			}
			t.Fatalf("Parse(%q) = %s, which does not parse: %v", src, text, err)
		}
		if got := String(again); got != text {
			t.Fatalf("Parse(%q) = %s, read back as %s", src, text, got)
		}
	})
}
