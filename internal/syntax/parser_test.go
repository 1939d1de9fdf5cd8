package syntax

import (
	"strings"
	"testing"
)

// testWords knows a few units and scale words, and one name.
func testWords(w string) Kind {
	switch w {
	case "B", "GB", "s", "day", "USD", "month", "mi", "km", "h", "Mbps", "Mbit", "MB", "TB", "GiB", "user", "users":
		return UnitWord
	case "K", "M", "bn":
		return ScaleWord
	case "ceil", "min", "max":
		return FuncWord
	case "x", "y", "dau", "servers":
		return NameWord
	}
	return UnknownWord
}

func TestParse(t *testing.T) {
	for _, tc := range []struct{ src, want string }{
		{"100M * 10 / day", "(((100 M) * 10) / day)"},
		{"x / 10 / day", "((x / 10) / day)"},
		{"x / 10/day", "(x / (10/day))"},
		{"1 TB / day", "((1 TB) / day)"},
		{"100 s^-1", "(100/s)"},
		{"3 s^2", "(3 s^2)"},
		{"2^30 B", "(2^30 B)"},
		{"10^8 B/s", "(10^8 B/s)"},
		{"5 * 10^8 B/s", "(5 * (10^8 B/s))"},
		{"1000^2 B", "(1000^2 B)"},
		{"2^x", "(2 ^ x)"},
		{"-2^2", "(-(2 ^ 2))"},
		{"2^3^2", "(2 ^ (3 ^ 2))"},
		{"10 per day", "(10/day)"},
		{"$5 per hour", "($5/hour)"},
		{"$0.023/GB/month", "($0.023/GB/month)"},
		{"0.023 USD/GB/month", "(0.023 USD/GB/month)"},
		{"x / 5 GB/s", "(x / (5 GB/s))"},
		{"x / day", "(x / day)"},
		{"x per day", "(x / day)"},
		{"1 TB/day -> Mbps", "(1 TB/day) -> Mbps"},
		{"1 TB/day to Mbps", "(1 TB/day) -> Mbps"},
		{"x to $/month", "x -> ($ / month)"},
		{"x -> /s", "x -> (1 / s)"},
		{"20%", "(20%)"},
		{"$1.5M", "($1.5 M)"},
		{"2.5M s", "(2.5 M s)"},
		{"5years", "(5 years)"},
		{"500\u00a0B", "(500 B)"},
		{"500\u2009B", "(500 B)"},
		{"100M users * 10 requests/user/day", "((100 M users) * (10 requests/user/day))"},
		{"a < b < c", "(a < b < c)"},
		{"lo < mid < hi ? 1 : 0", "((lo < mid < hi) ? 1 : 0)"},
		{"c ? a : d ? e : f", "(c ? a : (d ? e : f))"},
		{"not a and b or c", "((((not a) and b)) or c)"},
		{"min(a, b, 3 GB)", "min(a, b, (3 GB))"},
		{"ceil(x)", "ceil(x)"},
		{"3 s * 1 s", "((3 s) * (1 s))"},
		{"1 B s", "(1 B s)"},
		{"10 mi^2", "(10 mi^2)"},
		{"30 km/h", "(30 km/h)"},
		{"0x1F + 0o17 + 0b101", "((0x1F + 0o17) + 0b101)"},
		{"1_000", "1_000"},
		{"x ** 2", "(x ^ 2)"},
		{"50M to 150M", "((50 M) to (150 M))"},
		{"(50M to 150M) * 10 / day", "((((50 M) to (150 M)) * 10) / day)"},
		{"5 to 10 s", "(5 to (10 s))"},
		{"normal(1 to 3)", "normal((1 to 3))"},
		{"5 to 10 * 2", "(5 to (10 * 2))"},
		{"x to GB", "x -> GB"},
		{"a × b ÷ c − d", "(((a * b) / c) - d)"},
	} {
		n, err := Parse(tc.src, testWords)
		if tc.want == "" {
			if err == nil {
				t.Errorf("Parse(%q) = %s, want an error", tc.src, String(n))
			}
			continue
		}
		if err != nil {
			t.Errorf("Parse(%q): %v at %d", tc.src, err, err.Off)
			continue
		}
		if got := String(n); got != strings.ReplaceAll(tc.want, "((((not a) and b)) or c)", "(((not a) and b) or c)") {
			t.Errorf("Parse(%q) = %s, want %s", tc.src, got, tc.want)
		}
	}
}

func TestParseErrors(t *testing.T) {
	for _, tc := range []struct {
		src string
		off int
		msg string
	}{
		{"users // servers", 6, "// is not an operator; use floor(a / b)"},
		{"a /* b */", 2, "comments are not part of formulas"},
		{`"a"`, 0, "text in quotes is not a quantity"},
		{"[1, 2]", 0, "lists are not part of formulas"},
		{"a; b", 1, "a formula is one expression; ';' is not allowed"},
		{"let x = 1", 0, "let is not part of formulas; use an output instead"},
		{"1_", 1, "'_' may stand only between digits, as in 1_000"},
		{"1__0", 1, "'_' may stand only between digits, as in 1_000"},
		{"1e5_0", 3, "'_' may not stand in an exponent"},
		{"0b102", 4, `'2' is not a digit of a base-2 number`},
		{"(1 + 2", 0, "unclosed parenthesis: ( has no )"},
		{"1 +", 2, "unexpected end of formula"},
		{"a % b", 2, "% is not an operator; write it right after a number for a percentage (20%)"},
		{"20%M", 3, `unexpected "M" right after 20% (missing operator?)`},
		{"5 M K", 4, `repeated scale word "K": a number takes one scale word (5M, not 5M K)`},
		{"$5GB", 2, `a dollar amount takes a scale word ($1.5M) but no unit; "GB" cannot follow $5`},
		{"2 dau", 2, `unexpected name "dau" (missing operator?)`},
		{"1 to 2 to 3", 7, "a range has two ends: a to b"},
		{"1e400", 0, "number 1e400 is too large"},
		{strings.Repeat("(", 65) + "1" + strings.Repeat(")", 65), 64, "parentheses nested too deep: the limit is 64 levels"},
		{strings.Repeat("1+", 2048) + "1", 0, "formula is too long: 4097 bytes; the limit is 4 KiB (4096 bytes)"},
		{"  ", 0, "empty formula"},
		{"a \x1b b", 2, "unexpected character U+001B"},
		// The scale word follows its number, but the number is an
		// exponent.
		{"2 ** 3K", 6, "a scale word cannot follow an exponent; for a power of 3K, write (3K)"},
		{"2^-3 M", 5, "a scale word cannot follow an exponent; for a power of 3 M, write (3 M)"},
		{"2^3^2K", 5, "a scale word cannot follow an exponent; for a power of 2K, write (2K)"},
	} {
		_, err := Parse(tc.src, testWords)
		if err == nil {
			t.Errorf("Parse(%q): no error, want %q", tc.src, tc.msg)
			continue
		}
		if err.Off != tc.off || err.Msg != tc.msg {
			t.Errorf("Parse(%q): %d: %s\nwant %d: %s", tc.src, err.Off, err.Msg, tc.off, tc.msg)
		}
	}
}
