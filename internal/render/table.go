package render

import (
	"io"
	"slices"
	"strings"

	"github.com/clipperhouse/displaywidth"
)

// A Table is a header and rows of cells, written as a GitHub table by
// Markdown or laid out to fit a terminal by package table. A column
// whose cells are empty in every row is left out of both.
type Table struct {
	Header []string
	Rows   [][]string
	// Caps limit the width of columns in a terminal, by index, for prose
	// that reads better narrow; 0 or a missing entry leaves a column as
	// wide as the terminal allows.
	Caps []int
}

// Markdown writes t as a GitHub-flavoured Markdown table, every column
// left-aligned and padded to its widest cell. Its cells must already be
// Markdown, on one line: see MarkdownText and Code.
func (t Table) Markdown(w io.Writer) error {
	t = t.Compact()
	if len(t.Header) == 0 {
		return nil // every column empty: no table
	}
	widths := make([]int, len(t.Header))
	for i := range t.Header {
		widths[i] = markdownWidth(cell(t.Header, i))
		for _, r := range t.Rows {
			widths[i] = max(widths[i], markdownWidth(cell(r, i)))
		}
	}
	var b strings.Builder
	markdownRow(&b, t.Header, widths)
	b.WriteByte('|')
	for _, n := range widths {
		// Three columns at least, as the cells are.
		b.WriteByte(':')
		b.WriteString(strings.Repeat("-", max(n+2, 3)-1))
		b.WriteByte('|')
	}
	b.WriteByte('\n')
	for _, r := range t.Rows {
		markdownRow(&b, r, widths)
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// markdownRow writes one line of a Markdown table: each cell trimmed,
// after a space and padded with spaces to its column's width.
func markdownRow(b *strings.Builder, row []string, widths []int) {
	b.WriteByte('|')
	for i, n := range widths {
		c := cell(row, i)
		b.WriteByte(' ')
		b.WriteString(c)
		b.WriteString(strings.Repeat(" ", max(n+1, 2)-markdownWidth(c)))
		b.WriteByte('|')
	}
	b.WriteByte('\n')
}

// cell is row's cell i without the white space around it, or "" for a
// row that has none.
func cell(row []string, i int) string {
	if i >= len(row) {
		return ""
	}
	return strings.TrimSpace(row[i])
}

// markdownWidth is the width of a cell of Markdown in a fixed-width
// font, which the table's padding lines up in a text editor: a column
// for most characters, two for most CJK characters, none for a
// combining mark. East Asian ambiguous characters count one column,
// whatever the locale, so that a document's tables are the same bytes
// whoever regenerates them.
func markdownWidth(s string) int {
	n := 0
	for _, r := range s {
		n += displaywidth.Options{}.Rune(r)
	}
	return n
}

// Compact returns t without the columns that are empty in every row.
func (t Table) Compact() Table {
	var keep []int
	for i := range t.Header {
		if slices.ContainsFunc(t.Rows, func(r []string) bool { return i < len(r) && strings.TrimSpace(r[i]) != "" }) {
			keep = append(keep, i)
		}
	}
	if len(keep) == len(t.Header) || len(t.Rows) == 0 {
		return t
	}
	c := Table{}
	for _, i := range keep {
		c.Header = append(c.Header, t.Header[i])
		if i < len(t.Caps) {
			c.Caps = append(c.Caps, t.Caps[i])
		} else {
			c.Caps = append(c.Caps, 0)
		}
	}
	for _, r := range t.Rows {
		var cells []string
		for _, i := range keep {
			if i < len(r) {
				cells = append(cells, r[i])
			} else {
				cells = append(cells, "")
			}
		}
		c.Rows = append(c.Rows, cells)
	}
	return c
}
