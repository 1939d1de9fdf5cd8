package table

import (
	"bytes"
	"strings"
	"testing"

	"github.com/envelope-cli/envelope/internal/render"
)

func TestWrap(t *testing.T) {
	for _, tc := range []struct {
		text  string
		width int
		want  []string
	}{
		{"Average bytes stored per URL.", 12, []string{"Average", "bytes stored", "per URL."}},
		{"one  two\nthree", 80, []string{"one two three"}},
		{"", 10, []string{""}},
		{"supercalifragilistic", 8, []string{"supercal", "ifragili", "stic"}},
		// CJK characters are two columns wide and wrap between them.
		{"每日活跃用户数量", 6, []string{"每日活", "跃用户", "数量"}},
		{"日本語 text", 7, []string{"日本語", "text"}},
	} {
		got := Wrap(tc.text, tc.width)
		if strings.Join(got, "|") != strings.Join(tc.want, "|") {
			t.Errorf("Wrap(%q, %d) = %q, want %q", tc.text, tc.width, got, tc.want)
		}
		for _, l := range got {
			if Width(l) > tc.width && !strings.Contains(tc.text, " ") && len([]rune(l)) > 1 {
				t.Errorf("Wrap(%q, %d): line %q is %d wide", tc.text, tc.width, l, Width(l))
			}
		}
	}
}

// TestTableFits lays out tables with long prose, formulas and CJK text
// at several widths: every line fits, and no text is lost.
func TestTableFits(t *testing.T) {
	long := "Bytes for all records over the retention period, one copy (the source prints 365 TB by counting ten years twice)."
	cjk := "每个用户每天上传的照片数量，按照平均值计算，不包括视频和其他媒体文件。"
	tab := render.Table{
		Header: []string{"output", "value", "formula", "description"},
		Rows: [][]string{
			{"storage_raw", "36.5 TB", "records * record_size", long},
			{"photos", "2M/day", "ceil((read_qps_peak + write_qps_peak) / server_capacity)", cjk},
		},
		Caps: []int{3: DescriptionWidth},
	}
	for _, width := range []int{70, 80, 100, 200} {
		var b bytes.Buffer
		if err := Write(&b, tab, width); err != nil {
			t.Fatal(err)
		}
		out := b.String()
		for _, l := range strings.Split(strings.TrimSuffix(out, "\n"), "\n") {
			if w := Width(l); w > width {
				t.Errorf("width %d: line %d wide: %s", width, w, l)
			}
		}
		// Each column's fragments, read down the table, hold its cells.
		columns := make([]string, 4)
		for _, l := range strings.Split(out, "\n") {
			if cells := strings.Split(l, "│"); len(cells) == 6 {
				for i := range columns {
					columns[i] += strings.ReplaceAll(cells[i+1], " ", "")
				}
			}
		}
		for _, cell := range []string{long, cjk, "ceil((read_qps_peak + write_qps_peak) / server_capacity)"} {
			if !strings.Contains(strings.Join(columns, "|"), strings.ReplaceAll(cell, " ", "")) {
				t.Errorf("width %d: %q lost or reordered:\n%s", width, cell, out)
			}
		}
	}
}

func TestTableLeavesOutEmptyColumns(t *testing.T) {
	tab := render.Table{Header: []string{"input", "value", "description"}, Rows: [][]string{{"a", "1", ""}, {"b", "2", " "}}}
	var b bytes.Buffer
	if err := Write(&b, tab, 80); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(b.String(), "description") {
		t.Errorf("empty column shown:\n%s", b.String())
	}
}

// TestTableEscapes: a cell cannot reach the terminal with a control
// character in it.
func TestTableEscapes(t *testing.T) {
	tab := render.Table{Header: []string{"name", "description"},
		Rows: [][]string{{"x\x1b[2J", "\x1b]0;all checks passed\x07 \u009b31m \u202eevil"}}}
	var b bytes.Buffer
	if err := Write(&b, tab, 80); err != nil {
		t.Fatal(err)
	}
	if s := b.String(); strings.ContainsAny(s, "\x1b\x07\u009b\u202e") {
		t.Errorf("control characters reached the output: %q", s)
	}
}
