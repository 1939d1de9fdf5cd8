package estimate_test

import (
	"math"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/envelope-cli/envelope/estimate"
)

// unitsPage is the page whose unit tables TestUnitsTable checks.
var unitsPage = filepath.Join("..", "docs", "scenario-format.md")

// unitTableHeader starts each table of units on unitsPage. A row lists
// the spellings of a unit, its value as an expression in base units and
// its canonical dimension, each in backquotes; prose may follow them:
//
//	| `h` `hr` `hrs` `hour` `hours` | `3600 s` | `s` |
const unitTableHeader = "| units | value | dimension |"

var codeSpan = regexp.MustCompile("`([^`]+)`")

// A unitRow is one row of a unit table.
type unitRow struct {
	line       int
	names      []string
	value, dim string
}

func unitRows(t *testing.T) []unitRow {
	src, err := os.ReadFile(unitsPage)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(string(src), "\n")
	var rows []unitRow
	for i := 0; i < len(lines); i++ {
		if lines[i] != unitTableHeader {
			continue
		}
		for i += 2; i < len(lines) && strings.HasPrefix(lines[i], "|"); i++ {
			cells := strings.Split(strings.Trim(lines[i], "| "), " | ")
			if len(cells) != 3 {
				t.Fatalf("%s:%d: want 3 cells, got %q", unitsPage, i+1, lines[i])
			}
			r := unitRow{line: i + 1}
			for _, m := range codeSpan.FindAllStringSubmatch(cells[0], -1) {
				r.names = append(r.names, m[1])
			}
			value := codeSpan.FindStringSubmatch(cells[1])
			dim := codeSpan.FindStringSubmatch(cells[2])
			if len(r.names) == 0 || value == nil || dim == nil {
				t.Fatalf("%s:%d: want names, a value and a dimension in backquotes: %q", unitsPage, i+1, lines[i])
			}
			r.value, r.dim = value[1], dim[1]
			rows = append(rows, r)
		}
	}
	if len(rows) == 0 {
		t.Fatalf("%s: no table starting %q", unitsPage, unitTableHeader)
	}
	return rows
}

// baseOnly reports whether a value is written in numbers and base units
// alone, so that the table checks each unit against arithmetic, not
// against another unit.
func baseOnly(expr string) bool {
	for _, f := range strings.Fields(strings.NewReplacer("(", " ", ")", " ", "/", " ", "*", " ").Replace(expr)) {
		if _, err := strconv.ParseFloat(strings.TrimPrefix(f, "$"), 64); err == nil {
			continue
		}
		switch f {
		case "s", "B", "m":
			continue
		}
		return false
	}
	return true
}

// TestUnitsTable checks the unit tables of the scenario reference
// against the engine: every row's units exist with the value and
// dimension it shows (under the exact conventions, the default), and
// every unit and scale word the engine knows is listed exactly once.
func TestUnitsTable(t *testing.T) {
	listed := map[string]int{}
	for _, r := range unitRows(t) {
		if !baseOnly(r.value) {
			t.Errorf("%s:%d: value %q: write it in numbers and s, B, m or $ alone", unitsPage, r.line, r.value)
			continue
		}
		want, err := estimate.Calc(r.value, estimate.Exact)
		if err != nil {
			t.Errorf("%s:%d: value %q: %v", unitsPage, r.line, r.value, err)
			continue
		}
		for _, n := range r.names {
			if l, dup := listed[n]; dup {
				t.Errorf("%s:%d: %s is listed twice (also on line %d)", unitsPage, r.line, n, l)
			}
			listed[n] = r.line
			u, ok := estimate.LookupUnit(n)
			if !ok {
				t.Errorf("%s:%d: %s is not a unit", unitsPage, r.line, n)
				continue
			}
			got := estimate.Exact.Scale(u)
			if math.Abs(got-want.Value) > 1e-12*math.Abs(want.Value) {
				t.Errorf("%s:%d: %s is %v in base units; the table says %s = %v", unitsPage, r.line, n, got, r.value, want.Value)
			}
			if u.Dim != want.Dim {
				t.Errorf("%s:%d: %s is of dimension %s; the value %s is %s", unitsPage, r.line, n, u.Dim, r.value, want.Dim)
			}
			if u.Dim.String() != r.dim {
				t.Errorf("%s:%d: %s is of dimension %s; the table says %s", unitsPage, r.line, n, u.Dim, r.dim)
			}
		}
	}
	for _, n := range estimate.UnitNames() {
		if _, ok := listed[n]; !ok {
			t.Errorf("%s: unit %s is missing from the unit tables", unitsPage, n)
		}
	}
}
