package table

import (
	"io"
	"strings"

	"github.com/envelope-cli/envelope/internal/render"
	"github.com/olekukonko/tablewriter"
	"github.com/olekukonko/tablewriter/tw"
)

// DefaultWidth is the width tables fit when the terminal's is unknown,
// such as when the output is not a terminal.
const DefaultWidth = 80

// shortCell is the widest a cell is that never wraps: a value such as
// "36.5 TB" or "1.157K/s" reads wrong broken.
const shortCell = 12

// minColumn is the narrowest a column is squeezed to, unless its header
// or its widest word is narrower: narrower, most words would break.
const minColumn = 20

// Write writes t with box-drawing borders, at most width columns wide
// when it can be: the widest columns wrap first, at spaces, by display
// width. Every cell is escaped (see render.Escape), except that a newline
// in a cell is a line break its caller chose: escape (or join) text
// whose newlines are not line breaks.
func Write(w io.Writer, t render.Table, width int) error {
	t = escaped(t).Compact()
	if width <= 0 {
		width = DefaultWidth
	}
	widths := fit(t, width)
	tab := newTable(w, t.Header)
	for _, row := range t.Rows {
		cells := make([]string, len(row))
		for i, c := range row {
			var lines []string
			for _, l := range strings.Split(c, "\n") {
				lines = append(lines, Wrap(l, widths[i])...)
			}
			cells[i] = strings.Join(lines, "\n")
		}
		if err := tab.Append(cells); err != nil {
			return err
		}
	}
	return tab.Render()
}

// escaped is t with every control in its cells escaped, but newlines.
func escaped(t render.Table) render.Table {
	e := render.Table{Caps: t.Caps}
	for _, h := range t.Header {
		e.Header = append(e.Header, render.Escape(h))
	}
	for _, row := range t.Rows {
		cells := make([]string, len(row))
		for i, c := range row {
			// Newlines in a cell are the caller's line breaks; any other
			// control is escaped.
			lines := strings.Split(c, "\n")
			for j, l := range lines {
				lines[j] = render.Escape(l)
			}
			cells[i] = strings.Join(lines, "\n")
		}
		e.Rows = append(e.Rows, cells)
	}
	return e
}

// fit chooses each column's width: as wide as its widest line, or its
// cap, and narrower, widest first, until the table with its borders (three
// columns a cell and one more) fits width, or no column can give more.
func fit(t render.Table, width int) []int {
	n := len(t.Header)
	widths := make([]int, n)
	least := make([]int, n)
	for i, h := range t.Header {
		widths[i] = Width(h)
		longest, short := 0, 0
		for _, r := range t.Rows {
			if i >= len(r) {
				continue
			}
			for _, l := range strings.Split(r[i], "\n") {
				lw := Width(l)
				widths[i] = max(widths[i], lw)
				if lw <= shortCell {
					short = max(short, lw)
				}
				for _, word := range strings.Fields(l) {
					longest = max(longest, Width(word))
				}
			}
		}
		if i < len(t.Caps) && t.Caps[i] > 0 {
			widths[i] = min(widths[i], max(t.Caps[i], Width(h)))
		}
		least[i] = min(widths[i], max(Width(h), short, min(longest, minColumn)))
	}
	total := 3*n + 1
	for _, w := range widths {
		total += w
	}
	// Prose (a capped column) gives way first, down to proseColumn, then
	// every column does.
	for _, prose := range []bool{true, false} {
		for total > width {
			widest := -1
			for i := range widths {
				floor := least[i]
				if prose {
					if i >= len(t.Caps) || t.Caps[i] == 0 {
						continue
					}
					floor = max(floor, proseColumn)
				}
				if widths[i] > floor && (widest < 0 || widths[i] > widths[widest]) {
					widest = i
				}
			}
			if widest < 0 {
				break
			}
			widths[widest]--
			total--
		}
	}
	return widths
}

// proseColumn is the narrowest a capped column of prose is made before
// the other columns give way too.
const proseColumn = 24

// newTable makes a table with plain headers, left-aligned, that wraps
// nothing itself: cells come wrapped.
func newTable(w io.Writer, header []string) *tablewriter.Table {
	t := tablewriter.NewTable(w,
		tablewriter.WithHeaderAutoFormat(tw.Off),
		tablewriter.WithHeaderAlignment(tw.AlignLeft),
		tablewriter.WithRowAlignment(tw.AlignLeft),
		tablewriter.WithRowAutoWrap(tw.WrapNone))
	h := make([]any, len(header))
	for i, s := range header {
		h[i] = s
	}
	t.Header(h...)
	return t
}
