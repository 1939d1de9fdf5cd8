package estimate

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func loadModelFile(tb testing.TB, path string) *Model {
	tb.Helper()
	src, err := os.ReadFile(path)
	if err != nil {
		tb.Fatal(err)
	}
	m, err := Load(filepath.Base(path), src, Options{})
	if err != nil {
		tb.Fatal(err)
	}
	return m
}

func TestPointsSpacing(t *testing.T) {
	day := Exact.Day
	q := func(v float64) Quantity { return Quantity{v, Dimensionless} }
	for _, tc := range []struct {
		from, to Quantity
		n        int
		sp       Spacing
		want     string
		log      bool
	}{
		{Quantity{1e7 / day, Rate}, Quantity{1e9 / day, Rate}, 3, SpacingAuto, "115.7/s 1.157K/s 11.57K/s", true},
		{q(1), q(99), 3, SpacingAuto, "1 50 99", false},
		{q(1), q(100), 3, SpacingAuto, "1 10 100", true},
		{q(1), q(100), 3, SpacingLinear, "1 50.5 100", false},
		{q(1), q(8), 4, SpacingLog, "1 2 4 8", true},
		{q(1), q(10), 3, SpacingLog, "1 3.162 10", true},
		{q(0.1), q(0.3), 3, SpacingAuto, "0.1 0.2 0.3", false},
		{q(1000), q(1), 4, SpacingAuto, "1K 100 10 1", true},
	} {
		pts, log, err := Points(tc.from, tc.to, tc.n, tc.sp)
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, p := range pts {
			got = append(got, Format(p, DisplayOptions{}))
		}
		if strings.Join(got, " ") != tc.want || log != tc.log {
			t.Errorf("Points(%v, %v, %d, %d) = %q log %v, want %q log %v", tc.from, tc.to, tc.n, tc.sp, got, log, tc.want, tc.log)
		}
	}
	// A whole log step is exact: the middle point is 100M a day to the bit.
	pts, _, _ := Points(Quantity{1e7 / day, Rate}, Quantity{1e9 / day, Rate}, 3, SpacingAuto)
	if want, _ := Calc("100M/day", Exact); pts[1] != want {
		t.Errorf("middle point %v, want %v", pts[1].Value, want.Value)
	}
	if _, _, err := Points(q(-1), q(1), 3, SpacingLog); err == nil {
		t.Error("a log range across zero: no error")
	}
	if _, _, err := Points(q(1), q(2), 1, SpacingAuto); err == nil {
		t.Error("one step: no error")
	}
}

func TestParseVary(t *testing.T) {
	m := loadModelFile(t, "../scenarios/url-shortener.yaml")
	r, err := m.ParseVary("new_urls=10M/day..1bn/day", 3, SpacingAuto)
	if err != nil || len(r.Values) != 3 || !r.Log {
		t.Fatalf("ParseVary: %v %v", r, err)
	}
	r, err = m.ParseVary("peak_factor=2,3,5", 10, SpacingAuto)
	if err != nil || len(r.Values) != 3 || r.Log || r.Values[2].Value != 5 {
		t.Fatalf("ParseVary list: %v %v", r, err)
	}
	for arg, want := range map[string]string{
		"new_url=1..2":        `unknown input "new_url"; did you mean "new_urls"?`,
		"new_urls=1 B..2 B":   "1:10: new_urls: 1 B is bytes (B), but new_urls is a rate (1/s)",
		"storage_raw=1..2":    "storage_raw is an output",
		"peak_factor":         "want name=FROM..TO",
		"peak_factor=1..2..3": "",
	} {
		_, err := m.ParseVary(arg, 3, SpacingAuto)
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("ParseVary(%q) = %v, want an error with %q", arg, err, want)
		}
	}
}

// TestConstantsStayConstants is issue 17's: where one value is needed,
// a range is an error at its place, not its median taken quietly.
func TestConstantsStayConstants(t *testing.T) {
	m := loadModelFile(t, "../scenarios/web-service.yaml")
	for _, tc := range []struct {
		what string
		err  error
		want string
	}{
		{"--vary's end", func() error { _, err := m.ParseVary("dau=1M..(1M to 2M)", 3, SpacingAuto); return err }(),
			"1:13: dau: the end of a range to vary must be a single value, not a range"},
		{"--vary's start", func() error { _, err := m.ParseVary(" dau = normal(1M, 1K)..2M", 3, SpacingAuto); return err }(),
			"1:8: dau: the start of a range to vary must be a single value, not a range"},
		{"a value to vary", func() error { _, err := m.ParseRange("dau", "1M, 2M to 3M", 3, SpacingAuto); return err }(),
			"1:8: dau: a value to vary must be a single value, not a range"},
		{"a condition", func() error { _, err := m.ParseCondition("servers = (1 to 2)"); return err }(),
			"1:14: servers: the value of a condition must be a single value, not a range"},
	} {
		if tc.err == nil || !strings.Contains(tc.err.Error(), tc.want) {
			t.Errorf("%s: %v, want an error with %q", tc.what, tc.err, tc.want)
		}
	}
}

// TestSweepAcceptance is issue 11's first acceptance check, in the
// engine: url-shortener's storage at 10M, 100M and 1bn new URLs a day.
func TestSweepAcceptance(t *testing.T) {
	m := loadModelFile(t, "../scenarios/url-shortener.yaml")
	r, err := m.ParseVary("new_urls=10M/day..1bn/day", 3, SpacingAuto)
	if err != nil {
		t.Fatal(err)
	}
	s, err := m.Sweep([]Range{r}, []string{"storage_raw"})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"3.65 TB", "36.5 TB", "365 TB"}
	for p := range s.Len() {
		if got := FormatIn(s.Value(0, p), s.Units[0], DisplayOptions{}); got != want[p] {
			t.Errorf("point %d: %s, want %s", p, got, want[p])
		}
	}
}

// TestSweepAgreesWithExact holds every point of a sweep of each preset,
// over each input in turn and over a grid of two, to the display of the
// exact path: Model.Evaluate with the point's values set by Model.Set.
// A confirmed sweep agrees everywhere; the batch evaluator's own values
// agree except at the edge of a step function (ceil of a whole number),
// which the test counts and logs.
func TestSweepAgreesWithExact(t *testing.T) {
	files, _ := filepath.Glob("../scenarios/*.yaml")
	files = append(files, "testdata/bench30.yaml")
	checked, batchOff := 0, 0
	for _, f := range files {
		if filepath.Base(f) == "index.yaml" {
			continue
		}
		m := loadModelFile(t, f)
		var sweeps [][]Range
		for i, name := range m.InputNames() {
			v := m.inputs[i].value
			if v.Value == 0 {
				continue
			}
			pts, log, err := Points(Quantity{v.Value / 100, v.Dim}, Quantity{v.Value * 100, v.Dim}, 5, SpacingAuto)
			if err != nil {
				t.Fatal(err)
			}
			sweeps = append(sweeps, []Range{{Name: name, Values: pts, Log: log}})
			if len(sweeps) == 2 {
				sweeps = append(sweeps, []Range{sweeps[0][0], {Name: name, Values: pts[1:4]}})
			}
		}
		for _, rs := range sweeps {
			s, err := m.Sweep(rs, nil)
			if err != nil {
				t.Fatal(err)
			}
			batch := make([][]string, len(s.Outputs))
			units := make([]*DisplayUnit, len(s.Outputs))
			for o := range s.Outputs {
				units[o] = s.Units[o]
				if units[o] == nil {
					units[o] = ColumnUnit(s.Column(o), DisplayOptions{})
				}
				for p := range s.Len() {
					batch[o] = append(batch[o], s.Format(o, p, units[o], DisplayOptions{}))
				}
			}
			if err := s.Confirm(m); err != nil {
				t.Fatal(err)
			}
			for p := range s.Len() {
				if _, failed := s.Failed(p); failed {
					continue
				}
				var ovs []Override
				for i, q := range s.Inputs(p) {
					ov, err := m.Set(rs[i].Name, q)
					if err != nil {
						t.Fatal(err)
					}
					ovs = append(ovs, ov)
				}
				res, err := m.Evaluate(ovs...)
				if err != nil {
					t.Fatalf("%s: point %d: the sweep did not fail but the exact path did: %v", f, p, err)
				}
				for o, name := range s.Outputs {
					ov, _ := res.Output(name)
					ov.Unit = units[o]
					want := ov.Format(DisplayOptions{})
					if got := s.Format(o, p, units[o], DisplayOptions{}); got != want {
						t.Errorf("%s: sweep of %v, point %d: %s = %s, exact %s", f, rs[0].Name, p, name, got, want)
					}
					if got := batch[o][p]; got != strings.TrimPrefix(want, approxMark) {
						batchOff++
						t.Logf("%s: sweep of %v, point %d: batch %s = %s, exact %s", f, rs[0].Name, p, name, got, want)
					}
					checked++
				}
			}
		}
	}
	if checked < 1000 {
		t.Errorf("only %d values checked", checked)
	}
	t.Logf("%d values checked; the batch evaluator's display differs from the exact path's in %d", checked, batchOff)
}

func TestSweepGrid(t *testing.T) {
	m := loadModelFile(t, "../scenarios/web-service.yaml")
	a, _ := m.ParseVary("dau=1M..100M", 3, SpacingAuto)
	b, _ := m.ParseVary("peak_factor=2,3", 0, SpacingAuto)
	ov, _ := m.Override("server_capacity", "2K/s")
	s, err := m.Sweep([]Range{a, b}, []string{"servers"}, ov)
	if err != nil {
		t.Fatal(err)
	}
	if s.Len() != 6 {
		t.Fatalf("%d points, want 6", s.Len())
	}
	for p := range s.Len() {
		in := s.Inputs(p)
		// ceil(dau * 22/day * peak / server capacity)
		want := float64(int64(in[0].Value*22/86400*in[1].Value/2000 + 0.9999999))
		if got := s.Value(0, p).Value; got != want {
			t.Errorf("point %d (%v): servers %v, want %v", p, in, got, want)
		}
	}
	if got := s.Point(3); got[0] != 1 || got[1] != 1 {
		t.Errorf("Point(3) = %v, want [1 1]", got)
	}
	if _, err := m.Sweep([]Range{a, a}, nil); err == nil {
		t.Error("the same input twice: no error")
	}
	if _, err := m.Sweep([]Range{a}, []string{"servers", "servers"}); err == nil {
		t.Error("an output twice: no error")
	}
	ov2, _ := m.Override("dau", "5M")
	if _, err := m.Sweep([]Range{a}, nil, ov2); err == nil {
		t.Error("set and varied: no error")
	}
}

func TestSweepFailure(t *testing.T) {
	m, err := Load("f.yaml", []byte("name: f\ninputs:\n  x: 1\noutputs:\n  y: 1 / x\n"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	s, err := m.Sweep([]Range{{Name: "x", Values: []Quantity{{-1, Dimensionless}, {0, Dimensionless}, {1, Dimensionless}}}}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if f, ok := s.Failed(1); !ok || !strings.Contains(f.String(), "division by zero") {
		t.Errorf("point 1: %v %v, want a division by zero", f, ok)
	}
	if _, ok := s.Failed(0); ok {
		t.Error("point 0 failed")
	}
}

// BenchmarkSweep1000 is a 1,000-point sweep of the 30 outputs of
// testdata/bench30.yaml, from parsing the range to the last value,
// compiling the batch program included. Issue 11 holds it under 10 ms.
func BenchmarkSweep1000(b *testing.B) {
	m := loadModelFile(b, "testdata/bench30.yaml")
	b.ReportAllocs()
	for b.Loop() {
		r, err := m.ParseVary("users=1M..1bn", 1000, SpacingAuto)
		if err != nil {
			b.Fatal(err)
		}
		s, err := m.Sweep([]Range{r}, nil)
		if err != nil || s.Len() != 1000 || len(s.Outputs) != 30 {
			b.Fatal(err)
		}
	}
}
