package main

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"math"
	"strings"
	"testing"

	"github.com/envelope-cli/envelope/estimate"
	"go.yaml.in/yaml/v3"
)

// TestRefFormats renders every reference table in every output format,
// under every conventions profile, and checks that each output is well
// formed.
func TestRefFormats(t *testing.T) {
	for _, table := range refTableNames() {
		for _, conv := range estimate.ProfileNames {
			for _, format := range []string{"table", "markdown", "csv", "json", "yaml"} {
				t.Run(table+"/"+conv+"/"+format, func(t *testing.T) {
					t.Parallel()
					out := refOutput(t, "ref", table, "-o", format, "--conventions", conv)
					if strings.Contains(out, "\x1b[") {
						t.Errorf("colour in output that is not a terminal:\n%s", out)
					}
					switch format {
					case "csv":
						checkCSV(t, out)
					case "json":
						var v map[string]any
						if err := json.Unmarshal([]byte(out), &v); err != nil {
							t.Fatalf("json: %v\n%s", err, out)
						}
						if v["title"] == "" {
							t.Errorf("json has no title:\n%s", out)
						}
					case "yaml":
						var v map[string]any
						if err := yaml.Unmarshal([]byte(out), &v); err != nil {
							t.Fatalf("yaml: %v\n%s", err, out)
						}
						if v["title"] == "" {
							t.Errorf("yaml has no title:\n%s", out)
						}
					case "markdown":
						checkMarkdown(t, out)
					case "table":
						if !strings.Contains(out, "┌") {
							t.Errorf("no table drawn:\n%s", out)
						}
					}
				})
			}
		}
	}
}

// refOutput runs envelope with args and returns what it printed,
// failing the test when it fails or writes to standard error.
func refOutput(t *testing.T, args ...string) string {
	t.Helper()
	var stdout, stderr bytes.Buffer
	if code := run(args, &stdout, &stderr); code != 0 || stderr.Len() > 0 {
		t.Fatalf("envelope %s: exit %d\n%s", strings.Join(args, " "), code, stderr.String())
	}
	return stdout.String()
}

// checkCSV parses out as CSV with a header and at least one record, every
// record as wide as the header, with a value column that reads as a number.
func checkCSV(t *testing.T, out string) {
	t.Helper()
	records, err := csv.NewReader(strings.NewReader(out)).ReadAll()
	if err != nil {
		t.Fatalf("csv: %v\n%s", err, out)
	}
	if len(records) < 2 {
		t.Fatalf("csv has no records:\n%s", out)
	}
	col := -1
	for i, h := range records[0] {
		if h == "value" {
			col = i
		}
	}
	if col < 0 {
		t.Fatalf("csv has no value column: %q", records[0])
	}
	for _, r := range records[1:] {
		if _, err := json.Number(r[col]).Float64(); err != nil {
			t.Errorf("csv value %q is not a number: %v", r[col], err)
		}
	}
}

// checkMarkdown checks that every row of each Markdown table has as many
// cells as its header.
func checkMarkdown(t *testing.T, out string) {
	t.Helper()
	if !strings.HasPrefix(out, "### ") {
		t.Errorf("markdown does not start with a heading:\n%s", out)
	}
	tables, want := 0, -1
	for _, line := range strings.Split(out, "\n") {
		if !strings.HasPrefix(line, "|") {
			want = -1
			continue
		}
		n := markdownCells(line)
		if want < 0 {
			want = n
			tables++
			continue
		}
		if n != want {
			t.Errorf("markdown row has %d cells, its header %d: %s", n, want, line)
		}
	}
	if tables == 0 {
		t.Errorf("no markdown table:\n%s", out)
	}
}

// markdownCells counts the cells of a Markdown table row, not counting
// escaped bars.
func markdownCells(line string) int {
	line = strings.ReplaceAll(line, `\|`, "")
	return strings.Count(line, "|") - 1
}

// TestRefAvailability pins the published figures for four nines: 52.56
// minutes a year of 365 days, 4.32 a month of 30 days, 1.008 a week.
func TestRefAvailability(t *testing.T) {
	out := refOutput(t, "ref", "availability")
	var row string
	for _, l := range strings.Split(out, "\n") {
		if strings.Contains(l, " 99.99% ") {
			row = l
		}
	}
	for _, want := range []string{"52.56 min", "4.32 min", "1.008 min", "8.64 s"} {
		if !strings.Contains(row, want) {
			t.Errorf("99.99%% row %q lacks %s", row, want)
		}
	}

	var rep availabilityReport
	if err := json.Unmarshal([]byte(refOutput(t, "ref", "availability", "-o", "json")), &rep); err != nil {
		t.Fatal(err)
	}
	for _, tr := range rep.Targets {
		if tr.Target != "99.99%" {
			continue
		}
		want := map[string]float64{"year": 3153.6, "month": 259.2, "week": 60.48, "day": 8.64}
		for _, d := range tr.Downtime {
			if w := want[d.Per]; math.Abs(d.Seconds-w) > 1e-9*w {
				t.Errorf("99.99%% per %s: %v s, want %v s", d.Per, d.Seconds, w)
			}
		}
		return
	}
	t.Error("no 99.99% target in the availability table")
}

func TestDowntimes(t *testing.T) {
	for _, tc := range []struct {
		target string
		conv   estimate.Conventions
		want   []string
	}{
		{"99.99%", estimate.Exact, []string{"52.56 min", "4.32 min", "1.008 min", "8.64 s"}},
		{"99.9%", estimate.Exact, []string{"8.76 hours", "43.2 min", "10.08 min", "1.44 min"}},
		{"99.99%", estimate.Calendar, []string{"52.59 min", "4.383 min", "1.008 min", "8.64 s"}},
		{"99.99%", estimate.Napkin, []string{"50 min", "4.167 min", "1.167 min", "10 s"}},
	} {
		m, err := loadCalculator("availability.yaml", &conventionsFlag{conv: &tc.conv})
		if err != nil {
			t.Fatal(err)
		}
		_, row, err := downtimes(m, tc.target)
		if err != nil {
			t.Fatal(err)
		}
		for i, d := range row {
			if got := estimate.Format(d, estimate.DisplayOptions{Conventions: tc.conv}); got != tc.want[i] {
				t.Errorf("%s (%s) per %s: got %s, want %s", tc.target, tc.conv.Profile, downtimePeriods[i], got, tc.want[i])
			}
		}
	}
	m, err := loadCalculator("availability.yaml", &conventionsFlag{})
	if err != nil {
		t.Fatal(err)
	}
	_, full, err := downtimes(m, "100%")
	if err != nil {
		t.Fatal(err)
	}
	for i, d := range full {
		if d.Value != 0 || d.Dim != estimate.Seconds {
			t.Errorf("100%% per %s: got %v %s, want 0 s", downtimePeriods[i], d.Value, d.Dim)
		}
	}
	if _, _, err := downtimes(m, "1 s"); err == nil {
		t.Error("downtimes accepted a duration as a target")
	}
}

// TestRefData checks the data files as data: every figure reads as what it
// claims to be, and every name agrees with the engine's units.
func TestRefData(t *testing.T) {
	lat, err := latencyData()
	if err != nil {
		t.Fatal(err)
	}
	used := map[string]bool{}
	for _, op := range lat.Operations {
		if len(op.Latency) == 0 {
			t.Errorf("latency: %s has no figure", op.Name)
		}
		for key, text := range op.Latency {
			used[key] = true
			if _, err := estimate.ParseQuantity(text, estimate.Seconds, estimate.Exact); err != nil {
				t.Errorf("latency: %s, %s: %v", op.Name, key, err)
			}
		}
	}
	for _, s := range lat.Sources {
		if !used[s.Key] {
			t.Errorf("latency: source %s gives no figure", s.Key)
		}
		if s.Author == "" || s.Title == "" || s.Year == 0 || !strings.HasPrefix(s.URL, "http") || s.Label == "" {
			t.Errorf("latency: source %s lacks a label, author, title, year or URL: %+v", s.Key, s)
		}
	}

	pow, err := powersData()
	if err != nil {
		t.Fatal(err)
	}
	// 2^10n is one binary unit and 10^3n one decimal unit of the symbol's
	// prefix: the names agree with the engine's units.
	for _, part := range []struct {
		powers []namedPower
		binary bool
	}{{pow.Two, true}, {pow.Ten, false}} {
		for _, p := range part.powers {
			q, err := estimate.Calc(p.Power, estimate.Exact)
			if err != nil {
				t.Fatalf("powers: %s: %v", p.Power, err)
			}
			// The SI symbol for kilo is k, but the byte unit is KB.
			unit := strings.ToUpper(p.Symbol[:1]) + p.Symbol[1:] + "B"
			u, err := estimate.Calc("1 "+unit, estimate.Exact)
			if err != nil {
				t.Fatalf("powers: %s: unit %s: %v", p.Power, unit, err)
			}
			if u.Value != q.Value {
				t.Errorf("powers: %s = %v, but 1 %s = %v", p.Power, q.Value, unit, u.Value)
			}
			if got := estimate.Format(u, estimate.DisplayOptions{Binary: part.binary}); got != "1 "+unit {
				t.Errorf("powers: 1 %s displays as %s", unit, got)
			}
		}
	}

	avail, err := availabilityData()
	if err != nil {
		t.Fatal(err)
	}
	last := 0.0
	for _, tg := range avail.Targets {
		q, err := estimate.ParseQuantity(tg.Target, estimate.Dimensionless, estimate.Exact)
		if err != nil {
			t.Fatalf("availability: %v", err)
		}
		if q.Value <= last || q.Value > 1 {
			t.Errorf("availability: %s is not above the target before it and at most 100%%", tg.Target)
		}
		last = q.Value
	}

	tm, err := timeData()
	if err != nil {
		t.Fatal(err)
	}
	for _, u := range tm.Units {
		if _, err := estimate.ParseQuantity(u, estimate.Seconds, estimate.Exact); err != nil {
			t.Errorf("time: %v", err)
		}
	}
	for _, d := range tm.Daily {
		if !strings.HasSuffix(d, "/day") {
			t.Errorf("time: daily volume %s is not per day", d)
		}
		if _, err := estimate.ParseQuantity(d, estimate.Rate, estimate.Exact); err != nil {
			t.Errorf("time: %v", err)
		}
	}
}

func TestRefPowersExact(t *testing.T) {
	var rep powersReport
	if err := json.Unmarshal([]byte(refOutput(t, "ref", "powers", "-o", "json")), &rep); err != nil {
		t.Fatal(err)
	}
	for i, p := range rep.Two {
		if want := uint64(1) << (10 * (i + 1)); p.Value != want {
			t.Errorf("%s = %d, want %d", p.Power, p.Value, want)
		}
	}
	want := uint64(1)
	for _, p := range rep.Ten {
		want *= 1000
		if p.Value != want {
			t.Errorf("%s = %d, want %d", p.Power, p.Value, want)
		}
	}
	if len(rep.Two) != 6 || len(rep.Ten) != 6 {
		t.Errorf("want 2^10 … 2^60 and 10^3 … 10^18, got %d and %d powers", len(rep.Two), len(rep.Ten))
	}
}

func TestGroupDigits(t *testing.T) {
	for in, want := range map[string]string{
		"0": "0", "999": "999", "1024": "1,024", "86400": "86,400", "2629746": "2,629,746",
		"1152921504606846976": "1,152,921,504,606,846,976", "1234.5": "1,234.5", "5e-10": "5e-10",
	} {
		if got := groupDigits(in); got != want {
			t.Errorf("groupDigits(%s) = %s, want %s", in, got, want)
		}
	}
}
