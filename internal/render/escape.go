package render

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// Escape makes untrusted text safe to print to a terminal: it writes every
// C0 control (U+0000–U+001F), DEL, C1 control (U+0080–U+009F), bidi
// control (U+061C, U+200E, U+200F, U+202A–U+202E, U+2066–U+2069), line
// and paragraph separator (U+2028, U+2029), and byte that is not UTF-8 as
// a Go-style escape: \n, \r and \t, \x1b for the other bytes below 0x80
// and for stray bytes, \u009b for the rest. The text then cannot move the
// cursor, set a window title, reorder what follows it or break a line.
// Other text, backslashes included, is unchanged.
func Escape(s string) string {
	if !needsEscape(s) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			fmt.Fprintf(&b, `\x%02x`, s[i])
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\r':
			b.WriteString(`\r`)
		case r == '\t':
			b.WriteString(`\t`)
		case r < 0x20 || r == 0x7f:
			fmt.Fprintf(&b, `\x%02x`, r)
		case isControl(r):
			fmt.Fprintf(&b, `\u%04x`, r)
		default:
			b.WriteString(s[i : i+size])
		}
		i += size
	}
	return b.String()
}

func needsEscape(s string) bool {
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if (r == utf8.RuneError && size == 1) || r < 0x20 || r == 0x7f || isControl(r) {
			return true
		}
		i += size
	}
	return false
}

// isControl reports whether r is a C1 control, a bidi control or a line
// or paragraph separator: the runes above 0x7f that Escape escapes.
func isControl(r rune) bool {
	switch {
	case r >= 0x80 && r <= 0x9f,
		r == 0x061c, r == 0x200e, r == 0x200f,
		r >= 0x202a && r <= 0x202e,
		r >= 0x2066 && r <= 0x2069,
		r == 0x2028, r == 0x2029:
		return true
	}
	return false
}
