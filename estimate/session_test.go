package estimate_test

import (
	"errors"
	"fmt"
	"math"
	"runtime"
	"strings"
	"testing"

	"github.com/envelope-cli/envelope/estimate"
)

// A sessionStep is one line of a session and what it gives: the display
// of its value, or the error, with its caret, that it fails with.
type sessionStep struct {
	line string
	want string // the display, or "error: " and the error
	name string // the name the line sets, if any
}

func TestSession(t *testing.T) {
	tests := []struct {
		name  string
		steps []sessionStep
	}{
		{"variables", []sessionStep{
			{line: "dau = 100M", want: "100M", name: "dau"},
			{line: "dau * 10/day", want: "11.57K/s"},
			{line: "  reads_per_user = 10  ", want: "10", name: "reads_per_user"},
			{line: "dau * reads_per_user / day", want: "11.57K/s"},
			// A name may be set again, to a value of another dimension.
			{line: "dau = 1 TB", want: "1 TB", name: "dau"},
			{line: "dau / 1 day", want: "11.57 MB/s (92.59 Mbit/s)"},
		}},
		{"ans", []sessionStep{
			{line: "100M * 10 / day", want: "11.57K/s"},
			{line: "ans * 2", want: "23.15K/s"},
			{line: "peak = ans * 3", want: "69.44K/s", name: "peak"},
			{line: "ans", want: "69.44K/s"},
			// A condition gives true or false and leaves ans as it was.
			{line: "ans > 50K/s", want: "true"},
			{line: "ans", want: "69.44K/s"},
		}},
		{"conversions", []sessionStep{
			{line: "daily = 1 TB/day", want: "11.57 MB/s (92.59 Mbit/s)", name: "daily"},
			{line: "daily -> Mbps", want: "92.59 Mbps"},
			{line: "daily to GB/hour", want: "41.67 GB/hour"},
			// The unit is how this line is shown; the name keeps a quantity.
			{line: "bw = daily * 2 -> Gbps", want: "0.1852 Gbps", name: "bw"},
			{line: "bw", want: "23.15 MB/s (185.2 Mbit/s)"},
			{line: "ans -> MB/s", want: "23.15 MB/s"},
		}},
		{"exact", []sessionStep{
			{line: "third = 1/3", want: "0.3333", name: "third"},
			{line: "third * 3 == 1", want: "true"},
			{line: "x = 0.1", want: "0.1", name: "x"},
			{line: "x + 0.2 == 0.3", want: "true"},
			{line: "49M/day", want: "567.1/s"},
			{line: "ans * 1 day", want: "49M"},
		}},
		{"counted things", []sessionStep{
			{line: "users = 100M users", want: "100M users", name: "users"},
			{line: "users * 10 requests/user/day", want: "11.57K requests/s"},
			// After a number a word is a unit, as in calc, even where it
			// is also a name; standing alone it is the name.
			{line: "10 users", want: "10 users"},
			{line: "users / 10 users", want: "10M"},
		}},
		{"unknown names", []sessionStep{
			{line: "dau = 100M", want: "100M", name: "dau"},
			{line: "dua * 2", want: "error: 1:1: unknown name \"dua\"; did you mean \"dau\"?\n  dua * 2\n  ^"},
			{line: "y = 2 * mau", want: "error: 1:9: unknown name \"mau\"; did you mean \"dau\"?\n  y = 2 * mau\n          ^"},
			{line: "y = 2 * bandwidth", want: "error: 1:9: unknown unit or name \"bandwidth\"; set it first: bandwidth = VALUE\n  y = 2 * bandwidth\n          ^"},
			// After / a word counts things, as in calc, unless it is a
			// slip of a name.
			{line: "dau / dua", want: "error: 1:7: unknown name \"dua\"; did you mean \"dau\"? (to count duas, write 1 dua)\n  dau / dua\n        ^"},
			{line: "dau / 1 dua", want: "100M/dua"},
			{line: "dau / user", want: "100M/user"},
			{line: "y", want: "error: 1:1: unknown unit or name \"y\"; set it first: y = VALUE\n  y\n  ^"},
			{line: "5 * mb", want: "error: 1:5: unknown unit or name \"mb\": MB is a megabyte, Mb (or Mbit) a megabit\n  5 * mb\n      ^"},
			{line: "dau / dya", want: "error: 1:7: unknown unit or name \"dya\"; did you mean \"day\"?\n  dau / dya\n        ^"},
		}},
		{"no ans yet", []sessionStep{
			{line: "ans + 1", want: "error: 1:1: ans is the last result, and there is none yet\n  ans + 1\n  ^"},
		}},
		{"names", []sessionStep{
			{line: "Dau = 4", want: "error: 1:1: name \"Dau\" must be lower-case letters, digits and '_', starting with a letter or '_'\n  Dau = 4\n  ^"},
			{line: "  2x = 4", want: "error: 1:3: name \"2x\" must be lower-case letters, digits and '_', starting with a letter or '_'\n    2x = 4\n    ^"},
			{line: "ans = 3", want: "error: 1:1: ans is the last result, set by each line; choose another name\n  ans = 3\n  ^"},
			{line: "day = 3", want: "error: 1:1: name \"day\" is a unit or scale word; choose another\n  day = 3\n  ^"},
			{line: "ceil = 3", want: "error: 1:1: name \"ceil\" is a function; choose another\n  ceil = 3\n  ^"},
			{line: "per = 3", want: "error: 1:1: name \"per\" is a reserved word; choose another\n  per = 3\n  ^"},
		}},
		{"errors", []sessionStep{
			{line: "x = 2 KB + 3 s", want: "error: 1:10: cannot add B and s\n  x = 2 KB + 3 s\n           ^"},
			{line: "x = 1 GB / (2 - 2)", want: "error: 1:10: division by zero\n  x = 1 GB / (2 - 2)\n           ^"},
			{line: "x =", want: "error: 1:4: empty formula\n  x =\n     ^"},
			{line: "x = 2 GB > 1 GiB", want: "error: 1:10: 2 GB > 1 GiB is a condition (true or false); a name holds a quantity\n  x = 2 GB > 1 GiB\n           ^"},
			{line: "1 TB/day -> s", want: "error: 1:13: cannot show a byte rate (B/s) in s, which measures a time (s)\n  1 TB/day -> s\n              ^"},
			// A comparison is no assignment.
			{line: "x == 1", want: "error: 1:1: unknown unit or name \"x\"; set it first: x = VALUE\n  x == 1\n  ^"},
			// A failed line sets nothing.
			{line: "ans", want: "error: 1:1: ans is the last result, and there is none yet\n  ans\n  ^"},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := estimate.NewSession(estimate.Exact)
			for _, step := range tt.steps {
				a, err := s.Eval(step.line)
				got := a.Format(estimate.DisplayOptions{})
				if err != nil {
					got = "error: " + errorWithCaret(err)
				}
				if got != step.want {
					t.Errorf("%q: got\n%s\nwant\n%s", step.line, got, step.want)
				}
				if err == nil && a.Name != step.name {
					t.Errorf("%q: sets %q, want %q", step.line, a.Name, step.name)
				}
			}
		})
	}
}

// errorWithCaret renders each problem of err and its caret, as envelope
// prints them.
func errorWithCaret(err error) string {
	var lines []string
	for _, e := range estimate.Errors(err) {
		lines = append(lines, e.Error())
		var pe *estimate.Error
		if errors.As(e, &pe) && pe.Caret() != "" {
			lines = append(lines, pe.Caret())
		}
	}
	return strings.Join(lines, "\n")
}

func TestSessionConventions(t *testing.T) {
	s := estimate.NewSession(estimate.Exact)
	steps := []struct {
		conv       *estimate.Conventions
		line, want string
	}{
		{nil, "billing = 1 month", "1 month"},
		{nil, "100M / day", "1.157K/s"},
		{&estimate.Napkin, "100M / day", "1K/s"},
		// A name keeps its value in base units.
		{nil, "billing / 1 s", "2.592M"},
		{nil, "1 month / 1 s", "2.5M"},
		{&estimate.Calendar, "1 year -> days", "365.2 days"},
	}
	for _, st := range steps {
		if st.conv != nil {
			s.SetConventions(*st.conv)
		}
		a, err := s.Eval(st.line)
		if err != nil {
			t.Fatalf("%q under %s: %v", st.line, s.Conventions().Profile, err)
		}
		if got := a.Format(estimate.DisplayOptions{Conventions: s.Conventions()}); got != st.want {
			t.Errorf("%q under %s: got %s, want %s", st.line, s.Conventions().Profile, got, st.want)
		}
	}
}

func TestSessionSet(t *testing.T) {
	s := estimate.NewSession(estimate.Exact)
	for _, tt := range []struct {
		name string
		q    estimate.Quantity
		err  string
	}{
		{"dau", estimate.Quantity{Value: 1e8}, ""},
		{"photo_size", estimate.Quantity{Value: 2e6, Dim: estimate.Bytes}, ""},
		{"ans", estimate.Quantity{Value: 1}, "ans is the last result, set by each line; choose another name"},
		{"DAU", estimate.Quantity{Value: 1}, `name "DAU" must be lower-case letters, digits and '_', starting with a letter or '_'`},
		{"GB", estimate.Quantity{Value: 1}, `name "GB" must be lower-case letters, digits and '_', starting with a letter or '_'`},
		{"min", estimate.Quantity{Value: 1}, `name "min" is a unit or scale word; choose another`},
		{"inf", estimate.Quantity{Value: math.Inf(1)}, "inf: the value is not finite"},
	} {
		err := s.Set(tt.name, tt.q)
		if got := errString(err); got != tt.err {
			t.Errorf("Set(%q): error %q, want %q", tt.name, got, tt.err)
		}
	}
	a, err := s.Eval("dau * photo_size / day")
	if err != nil {
		t.Fatal(err)
	}
	if got, want := a.Format(estimate.DisplayOptions{}), "2.315 GB/s (18.52 Gbit/s)"; got != want {
		t.Errorf("got %s, want %s", got, want)
	}
	if got, want := strings.Join(s.Names(), " "), "ans dau photo_size"; got != want {
		t.Errorf("Names() = %s, want %s", got, want)
	}
	if q, ok := s.Value("photo_size"); !ok || q != (estimate.Quantity{Value: 2e6, Dim: estimate.Bytes}) {
		t.Errorf("Value(photo_size) = %v, %v", q, ok)
	}
	if _, ok := s.Value("nope"); ok {
		t.Error("Value(nope) found a value")
	}
}

func errString(err error) string {
	if err == nil {
		return ""
	}
	return err.Error()
}

// The working of a line is taken when it is evaluated: a name set later
// does not change how an earlier line was read.
func TestSessionConversions(t *testing.T) {
	s := estimate.NewSession(estimate.Exact)
	for _, line := range []string{"dau = 100M", "reads = dau * 10/day -> /s"} {
		if _, err := s.Eval(line); err != nil {
			t.Fatal(err)
		}
	}
	a, err := s.Eval("peak = reads * 3 + 1 KB/s / 1 B")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Eval("reads = 1"); err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, c := range a.Conversions {
		got = append(got, c.Text+" = "+c.Value.String())
	}
	want := []string{"reads = 11.57K/s", "1 KB/s = 1 KB/s (8 Kbit/s)", "1 B = 1 B"}
	if strings.Join(got, "; ") != strings.Join(want, "; ") {
		t.Errorf("conversions:\n got %q\nwant %q", got, want)
	}
	if a.Expr != "reads * 3 + 1 KB/s / 1 B" || a.Name != "peak" {
		t.Errorf("Expr %q, Name %q", a.Expr, a.Name)
	}
}

// A scenario's inputs and outputs come into a session as names, exactly.
func TestSessionSetResult(t *testing.T) {
	m, err := estimate.Load("url-shortener.yaml", []byte(urlShortener), estimate.Options{})
	if err != nil {
		t.Fatal(err)
	}
	r, err := m.Evaluate()
	if err != nil {
		t.Fatal(err)
	}
	s := estimate.NewSession(estimate.Exact)
	if err := s.SetResult(r); err != nil {
		t.Fatal(err)
	}
	want := "ans new_urls read_qps read_write_ratio record_size records retention storage write_qps"
	if _, err := s.Eval("1"); err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(s.Names(), " "); got != want {
		t.Errorf("names: %s, want %s", got, want)
	}
	for line, want := range map[string]string{
		"storage -> TB":                 "36.5 TB",
		"records == 365bn":              "true",
		"write_qps * 1 day == 100M":     "true",
		"storage / retention -> GB/day": "10 GB/day",
	} {
		a, err := s.Eval(line)
		if err != nil {
			t.Fatalf("%s: %v", line, err)
		}
		if got := a.Format(estimate.DisplayOptions{}); got != want {
			t.Errorf("%s = %s, want %s", line, got, want)
		}
	}
}

// A scenario may have a name that a session cannot hold.
func TestSessionSetResultAns(t *testing.T) {
	m, err := estimate.Load("ans.yaml", []byte("name: ans\ninputs:\n  ans: 42\n  x: 2\noutputs:\n  y: ans * x\n"), estimate.Options{})
	if err != nil {
		t.Fatal(err)
	}
	r, err := m.Evaluate()
	if err != nil {
		t.Fatal(err)
	}
	s := estimate.NewSession(estimate.Exact)
	if err := s.SetResult(r); err == nil || !strings.Contains(err.Error(), "ans is the last result") {
		t.Errorf("SetResult: %v, want an error about ans", err)
	}
	if q, ok := s.Value("y"); !ok || q.Value != 84 {
		t.Errorf("y = %v, %v; want 84", q, ok)
	}
	if _, ok := s.Value("ans"); ok {
		t.Error("ans was set")
	}
}

// FuzzSession checks that no line makes a session fail inside: every
// problem is an error placed in the line, with a column inside it.
func FuzzSession(f *testing.F) {
	for _, seed := range []string{"dau = 100M", "dau * 10/day", "x = ", " = 5", "ans -> /s", "é = 1", "x == 1",
		"a=b=c", "x = 2 GB > 1 GiB", "users = 10 users", "1/(ans-ans)", "y = dau / dua", "\tz\t=\t3",
		"r * dau", "x = r - r", "(1 to 2) * r + dau", "1 / (r - 1.5)", "normal(dau, 1) > r", "r to 3"} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, line string) {
		// Few samples, so that a line with a range costs little.
		s := estimate.NewSessionSampled(estimate.Exact, estimate.SampleOptions{Samples: 64})
		s.Eval("dau = 100M")
		s.Eval("users = 5 users")
		s.Eval("r = 1 to 2")
		_, err := s.Eval(line)
		for _, e := range estimate.Errors(err) {
			var pe *estimate.Error
			if !errors.As(e, &pe) {
				t.Fatalf("%q: %T %v", line, e, e)
			}
			if strings.Contains(pe.Msg, "internal error") {
				t.Fatalf("%q: %v", line, e)
			}
			if pe.Col < 1 || pe.Col > len([]rune(line))+1 {
				t.Fatalf("%q: column %d outside the line", line, pe.Col)
			}
		}
	})
}

// A name set to a range keeps it as a range: the line shows the
// interval that calc shows, and a line that reads the name is sampled
// from the name's own samples, so that it prints what calc prints for
// the same expression written out.
func TestSessionRanges(t *testing.T) {
	calc := func(expr string) string {
		t.Helper()
		c, err := estimate.Calculate(expr, estimate.Exact)
		if err != nil {
			t.Fatal(err)
		}
		return c.Format(estimate.DisplayOptions{})
	}
	s := estimate.NewSession(estimate.Exact)
	eval := func(line string) estimate.Answer {
		t.Helper()
		a, err := s.Eval(line)
		if err != nil {
			t.Fatalf("%s: %v", line, err)
		}
		return a
	}
	for _, tc := range []struct {
		line, want string
		uncertain  bool
	}{
		{"users = 10M to 100M", calc("10M to 100M"), true},
		{"users * 2", calc("(10M to 100M) * 2"), true},
		{"ans / 2", calc("10M to 100M"), true},
		{"per_user = 2 KB", "2 KB", false},
		{"users * per_user", calc("(10M to 100M) * 2 KB"), true},
	} {
		a := eval(tc.line)
		if got := a.Format(estimate.DisplayOptions{}); got != tc.want || (a.Distribution != nil) != tc.uncertain {
			t.Errorf("%s = %s (uncertain %v), want %s (%v)", tc.line, got, a.Distribution != nil, tc.want, tc.uncertain)
		}
	}
	// A name is one quantity in every sample.
	if d := eval("users - users").Distribution; d == nil || d.P5 != 0 || d.P95 != 0 {
		t.Errorf("users - users: %+v, want 0 in every sample", d)
	}
	// Ranges of different lines are independent.
	eval("a1 = 1 to 2")
	eval("a2 = 1 to 2")
	if d := eval("a1 - a2").Distribution; d == nil || !(d.P5 < -0.1 && d.P95 > 0.1) {
		t.Errorf("a1 - a2: %+v, want a spread around 0", d)
	}
	// A name holds a value, never text: setting users again leaves
	// twice, set from it, as it was.
	twice := eval("twice = users * 2").Format(estimate.DisplayOptions{})
	eval("users = 5")
	if got := eval("twice").Format(estimate.DisplayOptions{}); got != twice {
		t.Errorf("twice = %s after users changed, want %s", got, twice)
	}
	if a := eval("users * 2"); a.Distribution != nil || a.Format(estimate.DisplayOptions{}) != "10" {
		t.Errorf("users * 2 = %s, want 10, certain", a.Format(estimate.DisplayOptions{}))
	}
	// A condition is true or false at the medians, as in calc.
	if a := eval("twice > 60M"); !a.Condition || a.Distribution != nil || a.Format(estimate.DisplayOptions{}) != "true" {
		t.Errorf("twice > 60M = %s", a.Format(estimate.DisplayOptions{}))
	}
	// Lookup shows a name as a line reading it shows it; Value gives its
	// value at the medians.
	if c, ok := s.Lookup("twice"); !ok || c.Format(estimate.DisplayOptions{}) != twice {
		t.Errorf("Lookup(twice) = %s, want %s", c.Format(estimate.DisplayOptions{}), twice)
	}
	if q, ok := s.Value("twice"); !ok || math.Abs(q.Value-2*math.Sqrt(1e15)) > 1 {
		t.Errorf("Value(twice) = %v, want 2 × the median of 10M to 100M", q)
	}
}

// A line that reads a range is sampled as often as the session says.
func TestSessionSampled(t *testing.T) {
	s := estimate.NewSessionSampled(estimate.Exact, estimate.SampleOptions{Samples: 1000, Seed: 7})
	if _, err := s.Eval("x = normal(10, 1)"); err != nil {
		t.Fatal(err)
	}
	a, err := s.Eval("x * 2")
	if err != nil {
		t.Fatal(err)
	}
	c, err := estimate.CalculateSampled("normal(10, 1) * 2", estimate.Exact, estimate.SampleOptions{Samples: 1000, Seed: 7})
	if err != nil {
		t.Fatal(err)
	}
	if a.Distribution == nil || *a.Distribution != *c.Distribution {
		t.Errorf("x * 2: %+v, want %+v", a.Distribution, c.Distribution)
	}
	// A line whose samples are not all finite fails as calc does, and
	// sets nothing.
	if _, err := s.Eval("y = 1 / (x - x)"); err == nil {
		t.Error("1 / (x - x): no error")
	}
	if _, ok := s.Value("y"); ok {
		t.Error("y was set")
	}
}

// A scenario simulated into a session brings its inputs' and outputs'
// samples together: an output less what it is made of is 0 in every
// sample.
func TestSessionSetResultRanges(t *testing.T) {
	m, err := estimate.Load("r.yaml", []byte("name: r\ninputs:\n  dau: 10M to 100M\n  k: 3\noutputs:\n  y: dau * k\n"), estimate.Options{})
	if err != nil {
		t.Fatal(err)
	}
	s := estimate.NewSession(estimate.Exact)
	r, err := m.Simulate(s.SampleOptions())
	if err != nil {
		t.Fatal(err)
	}
	if err := s.SetResult(r); err != nil {
		t.Fatal(err)
	}
	a, err := s.Eval("y - dau * k")
	if err != nil {
		t.Fatal(err)
	}
	if d := a.Distribution; d == nil || d.P5 != 0 || d.P95 != 0 {
		t.Errorf("y - dau * k: %+v, want 0 in every sample", d)
	}
	for _, name := range []string{"dau", "y"} {
		c, _ := s.Lookup(name)
		if c.Distribution == nil {
			t.Errorf("%s lost its range", name)
		}
	}
	// Samples of another count cannot be read beside the session's.
	r, err = m.Simulate(estimate.SampleOptions{Samples: 1000})
	if err != nil {
		t.Fatal(err)
	}
	want := "dau: 1000 samples, but the session draws 100000; it holds the value at the medians"
	if err := s.SetResult(r); err == nil || !strings.Contains(err.Error(), want) {
		t.Errorf("SetResult of 1000 samples: %v, want %q", err, want)
	}
	if c, _ := s.Lookup("dau"); c.Distribution != nil {
		t.Error("dau kept samples of another count")
	}
}

// A line costs what it mentions, whatever the session holds: four times
// the names cost four times as much, not sixteen, and a name of 100 KB
// costs in proportion to its length, not to its square. Measured in
// bytes allocated, which a busy machine does not change as it changes
// time (BenchmarkSessionNames and BenchmarkSessionLongName time them).
func TestSessionCostIsLinear(t *testing.T) {
	allocated := func(lines []string) uint64 {
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		s := estimate.NewSession(estimate.Exact)
		for _, line := range lines {
			if _, err := s.Eval(line); err != nil {
				t.Fatal(err)
			}
		}
		runtime.ReadMemStats(&after)
		return after.TotalAlloc - before.TotalAlloc
	}
	chain := func(n int) []string {
		lines := []string{"n0 = 1 KB"}
		for i := 1; i < n; i++ {
			lines = append(lines, fmt.Sprintf("n%d = n%d + 1 KB", i, i-1))
		}
		return lines
	}
	small, large := allocated(chain(500)), allocated(chain(2000))
	if ratio := float64(large) / float64(small); ratio > 5 {
		t.Errorf("2000 names allocate %.1f times what 500 do (%d and %d bytes)", ratio, large, small)
	}
	const n = 100_000
	if b := allocated([]string{strings.Repeat("a", n) + " = 1"}); b > 20*n {
		t.Errorf("a name of %d bytes allocates %d bytes", n, b)
	}
}

// TestSessionSamplesBounded: the names of a session hold at most
// estimate.MaxSessionSamples samples, so that a file of ranges cannot take the
// machine's memory; setting a name again frees its own.
func TestSessionSamplesBounded(t *testing.T) {
	const per = 2_000_000
	s := estimate.NewSessionSampled(estimate.Exact, estimate.SampleOptions{Samples: per})
	for i := range estimate.MaxSessionSamples / per {
		if _, err := s.Eval(fmt.Sprintf("r%d = 1 to 2", i)); err != nil {
			t.Fatalf("name %d: %v", i, err)
		}
	}
	_, err := s.Eval("one_more = 1 to 2")
	if err == nil || !strings.Contains(err.Error(), "hold at most 10000000 samples") {
		t.Fatalf("past the bound: %v, want an error naming it", err)
	}
	if _, ok := s.Value("one_more"); ok {
		t.Error("the refused name was set")
	}
	if _, err := s.Eval("r0 = 3 to 4"); err != nil {
		t.Errorf("setting a name again, which frees its samples: %v", err)
	}
	if _, err := s.Eval("r0 * 2"); err != nil {
		t.Errorf("a line that sets no name: %v", err)
	}
}
