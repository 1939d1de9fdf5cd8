package estimate_test

import (
	"errors"
	"math"
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
		"a=b=c", "x = 2 GB > 1 GiB", "users = 10 users", "1/(ans-ans)", "y = dau / dua", "\tz\t=\t3"} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, line string) {
		s := estimate.NewSession(estimate.Exact)
		s.Eval("dau = 100M")
		s.Eval("users = 5 users")
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
