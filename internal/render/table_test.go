package render

import (
	"bytes"
	"strings"
	"testing"
)

func TestMarkdownTableLeavesOutEmptyColumns(t *testing.T) {
	tab := Table{Header: []string{"input", "value", "description"}, Rows: [][]string{{"a", "1", ""}, {"b", "2", " "}}}
	var b bytes.Buffer
	if err := tab.Markdown(&b); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(b.String(), "description") {
		t.Errorf("empty column shown:\n%s", b.String())
	}
}

func TestMarkdownTable(t *testing.T) {
	for _, tc := range []struct {
		name string
		tab  Table
		want string
	}{
		{"padded to the widest cell", Table{Header: []string{"Input", "Value"}, Rows: [][]string{{"`users`", "100M"}, {"a", "1"}}},
			"| Input   | Value |\n|:--------|:------|\n| `users` | 100M  |\n| a       | 1     |\n"},
		{"three columns at least", Table{Header: []string{"", "x"}},
			"|   | x |\n|:--|:--|\n"},
		{"no rows", Table{Header: []string{"Condition", "Probability"}},
			"| Condition | Probability |\n|:----------|:------------|\n"},
		{"CJK two columns a character", Table{Header: []string{"名前", "v"}, Rows: [][]string{{"日本語", "±1"}}},
			"| 名前   | v  |\n|:-------|:---|\n| 日本語 | ±1 |\n"},
		{"cells trimmed", Table{Header: []string{"a"}, Rows: [][]string{{"  x  "}}},
			"| a |\n|:--|\n| x |\n"},
	} {
		var b bytes.Buffer
		if err := tc.tab.Markdown(&b); err != nil {
			t.Fatal(err)
		}
		if b.String() != tc.want {
			t.Errorf("%s:\n%s\nwant\n%s", tc.name, b.String(), tc.want)
		}
	}
}
