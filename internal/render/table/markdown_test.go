package table

import (
	"bytes"
	"io"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/envelope-cli/envelope/internal/render"
	"github.com/olekukonko/tablewriter"
	"github.com/olekukonko/tablewriter/pkg/twwidth"
	"github.com/olekukonko/tablewriter/renderer"
	"github.com/olekukonko/tablewriter/tw"
)

// tablewriterMarkdown writes t as envelope wrote Markdown tables before
// render.Table.Markdown, through tablewriter's Markdown renderer.
func tablewriterMarkdown(w io.Writer, t render.Table) error {
	t = t.Compact()
	tab := tablewriter.NewTable(w,
		tablewriter.WithHeaderAutoFormat(tw.Off),
		tablewriter.WithHeaderAlignment(tw.AlignLeft),
		tablewriter.WithRowAlignment(tw.AlignLeft),
		tablewriter.WithRowAutoWrap(tw.WrapNone),
		tablewriter.WithRenderer(renderer.NewMarkdown()))
	h := make([]any, len(t.Header))
	for i, s := range t.Header {
		h[i] = s
	}
	tab.Header(h...)
	for _, row := range t.Rows {
		if err := tab.Append(row); err != nil {
			return err
		}
	}
	return tab.Render()
}

// TestMarkdownAsTablewriter checks that render's own Markdown tables,
// which the web page's engine writes without a table library, are the
// bytes tablewriter wrote, for tables of cells as render makes them:
// Markdown on one line, with wide, combining and ambiguous characters,
// empty cells, empty columns and ragged spaces.
func TestMarkdownAsTablewriter(t *testing.T) {
	if twwidth.IsEastAsian() {
		// render counts an East Asian ambiguous character (±, ×, …)
		// as one column whatever the locale, so that a document's
		// tables do not change with who regenerates them.
		t.Skip("the environment asks tablewriter for East Asian widths (RUNEWIDTH_EASTASIAN, or a CJK locale)")
	}
	words := []string{"", "", " ", "a", "x_y", `\*x\*`, "`code`", "`` a`b ``", `a \| b`, "100M", "1.157K/s",
		"± 0.1%", "5%–95%", "日本語", "每日活跃用户", "e\u0301", "🙂", "ｆｕｌｌ", "×", "…", "µs", "**no**", "(set)", "🇯🇵", "x\u200by"}
	rng := rand.New(rand.NewPCG(1, 2))
	text := func() string {
		var parts []string
		for range rng.IntN(4) {
			parts = append(parts, words[rng.IntN(len(words))])
		}
		return strings.Join(parts, " ")
	}
	for n := range 500 {
		cols, rows := 1+rng.IntN(5), rng.IntN(5)
		tab := render.Table{}
		for range cols {
			tab.Header = append(tab.Header, text())
		}
		for range rows {
			var row []string
			for range cols {
				row = append(row, text())
			}
			tab.Rows = append(tab.Rows, row)
		}
		var got, want bytes.Buffer
		if err := tab.Markdown(&got); err != nil {
			t.Fatal(err)
		}
		if err := tablewriterMarkdown(&want, tab); err != nil {
			t.Fatal(err)
		}
		if got.String() != want.String() {
			t.Fatalf("table %d, %q %q:\ngot\n%s\nwant (tablewriter)\n%s", n, tab.Header, tab.Rows, got.String(), want.String())
		}
	}
}
