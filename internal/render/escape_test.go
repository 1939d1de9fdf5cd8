package render

import "testing"

func TestEscape(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"plain text, café, 東京", "plain text, café, 東京"},
		{`C:\path\x1b`, `C:\path\x1b`},
		{"a\nb\r\tc", `a\nb\r\tc`},
		{"\x1b[2J\x1b]0;all checks passed\x07", `\x1b[2J\x1b]0;all checks passed\x07`},
		{"\u009b31m", `\u009b31m`},
		{"\x9b31m", `\x9b31m`}, // a stray byte: the 8-bit CSI of a non-UTF-8 terminal
		{"\x00\x7f", `\x00\x7f`},
		{"abc\u202edcba\u2066x\u2069", `abc\u202edcba\u2066x\u2069`},
		{"\u200e\u200f\u061c", `\u200e\u200f\u061c`},
		{"line\u2028para\u2029", `line\u2028para\u2029`},
	} {
		if got := Escape(tc.in); got != tc.want {
			t.Errorf("Escape(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}
