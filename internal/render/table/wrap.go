package table

import (
	"strings"

	"github.com/olekukonko/tablewriter/pkg/twwidth"
)

// Width is the display width of s in a terminal's columns: two for most
// CJK characters, none for a combining mark. It is the measure the
// tables are laid out with.
func Width(s string) int { return twwidth.Width(s) }

// Wrap breaks text into lines of at most width columns of display, at
// spaces, and inside a word only when the word alone is wider: so CJK
// text, which has no spaces, wraps between its characters. Runs of white
// space become one space.
func Wrap(text string, width int) []string {
	width = max(width, 1)
	var lines []string
	var cur strings.Builder
	n := 0
	flush := func() {
		lines = append(lines, cur.String())
		cur.Reset()
		n = 0
	}
	for _, word := range strings.Fields(text) {
		ww := Width(word)
		if n > 0 && n+1+ww <= width {
			cur.WriteByte(' ')
			cur.WriteString(word)
			n += 1 + ww
			continue
		}
		if n > 0 {
			flush()
		}
		if ww <= width {
			cur.WriteString(word)
			n = ww
			continue
		}
		for _, r := range word {
			rw := Width(string(r))
			if n > 0 && n+rw > width {
				flush()
			}
			cur.WriteRune(r)
			n += rw
		}
	}
	if n > 0 || len(lines) == 0 {
		flush()
	}
	return lines
}
