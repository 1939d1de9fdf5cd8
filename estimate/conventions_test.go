package estimate

import (
	"testing"
)

func TestProfiles(t *testing.T) {
	tests := []struct {
		name             string
		day, month, year float64
		str              string
	}{
		{"exact", 86400, 30 * 86400, 365 * 86400,
			"exact (day = 86400 s, month = 30 days, year = 365 days)"},
		{"calendar", 86400, 30.436875 * 86400, 365.2425 * 86400,
			"calendar (day = 86400 s, month = 30.436875 days, year = 365.2425 days)"},
		{"napkin", 1e5, 2.5e6, 3e7,
			"napkin (day = 100000 s, month = 2500000 s, year = 30000000 s)"},
	}
	for _, tt := range tests {
		c, err := LookupProfile(tt.name)
		if err != nil {
			t.Fatalf("LookupProfile(%q): %v", tt.name, err)
		}
		if c.Profile != tt.name || c.Day != tt.day || c.Month != tt.month || c.Year != tt.year {
			t.Errorf("LookupProfile(%q) = %+v, want day %v, month %v, year %v", tt.name, c, tt.day, tt.month, tt.year)
		}
		if got := c.String(); got != tt.str {
			t.Errorf("%s.String() = %q, want %q", tt.name, got, tt.str)
		}
	}
	_, err := LookupProfile("napkn")
	if got, want := errString(err), `unknown conventions profile "napkn" (want exact, calendar, napkin); did you mean "napkin"?`; got != want {
		t.Errorf("LookupProfile(napkn): error %q, want %q", got, want)
	}
	adjusted := Exact
	adjusted.Month = 31 * 86400
	if got, want := adjusted.String(), "exact, adjusted (day = 86400 s, month = 31 days, year = 365 days)"; got != want {
		t.Errorf("adjusted.String() = %q, want %q", got, want)
	}
}

// TestConventionUnits checks that day, week, month and year take their
// length from the conventions in force, and other time units do not.
func TestConventionUnits(t *testing.T) {
	tests := []struct {
		expr                  string
		exact, calendar, napk float64
	}{
		{"1 day", 86400, 86400, 1e5},
		{"1 week", 7 * 86400, 7 * 86400, 7e5},
		{"1 month", 30 * 86400, 30.436875 * 86400, 2.5e6},
		{"1 year", 365 * 86400, 365.2425 * 86400, 3e7},
		{"10 years", 3650 * 86400, 3652.425 * 86400, 3e8},
		{"1 hour", 3600, 3600, 3600},
		{"1 ms", 1e-3, 1e-3, 1e-3},
		{"100M/day * 1 day", 1e8, 1e8, 1e8},
	}
	for _, tt := range tests {
		for _, c := range []struct {
			conv Conventions
			want float64
		}{{Exact, tt.exact}, {Calendar, tt.calendar}, {Napkin, tt.napk}} {
			q, err := Calc(tt.expr, c.conv)
			if err != nil || !near(q.Value, c.want) {
				t.Errorf("Calc(%q, %s) = %v, %v; want %v", tt.expr, c.conv.Profile, q.Value, err, c.want)
			}
		}
	}
	// The acceptance figures under napkin arithmetic: 1bn/day is 10K/s.
	q, _ := Calc("100M * 10 / day", Napkin)
	if got := q.String(); got != "10K/s" {
		t.Errorf("100M * 10 / day under napkin = %s, want 10K/s", got)
	}
}

// TestScenarioConventions checks that a scenario chooses a profile and/or
// sets day, month and year individually, each under what comes before it,
// and that Options.Conventions replace them all.
func TestScenarioConventions(t *testing.T) {
	napkin := Napkin
	tests := []struct {
		name             string
		conventions      string
		opt              Options
		day, month, year float64
		str              string
	}{
		{"default", "", Options{}, 86400, 30 * 86400, 365 * 86400,
			"exact (day = 86400 s, month = 30 days, year = 365 days)"},
		{"profile", "conventions:\n  profile: calendar\n", Options{}, 86400, 30.436875 * 86400, 365.2425 * 86400,
			"calendar (day = 86400 s, month = 30.436875 days, year = 365.2425 days)"},
		{"month only", "conventions:\n  month: 31 days\n", Options{}, 86400, 31 * 86400, 365 * 86400,
			"exact, adjusted (day = 86400 s, month = 31 days, year = 365 days)"},
		{"year over napkin", "conventions:\n  profile: napkin\n  year: 12 months\n", Options{}, 1e5, 2.5e6, 3e7,
			"napkin (day = 100000 s, month = 2500000 s, year = 30000000 s)"},
		{"day first", "conventions:\n  day: 100000 s\n  month: 30 days\n  year: 365 days\n", Options{}, 1e5, 3e6, 3.65e7,
			"exact, adjusted (day = 100000 s, month = 3000000 s, year = 36500000 s)"},
		{"options win", "conventions:\n  profile: calendar\n  day: 1 hour\n", Options{Conventions: &napkin}, 1e5, 2.5e6, 3e7,
			"napkin (day = 100000 s, month = 2500000 s, year = 30000000 s)"},
	}
	for _, tt := range tests {
		src := "name: c\n" + tt.conventions + "inputs:\n  x: 1 year\noutputs:\n  y: x\n"
		m, err := Load("c.yaml", []byte(src), tt.opt)
		if err != nil {
			t.Errorf("%s: %v", tt.name, err)
			continue
		}
		c := m.conventions
		if c.Day != tt.day || !near(c.Month, tt.month) || !near(c.Year, tt.year) {
			t.Errorf("%s: conventions %+v, want day %v, month %v, year %v", tt.name, c, tt.day, tt.month, tt.year)
		}
		if got := c.String(); got != tt.str {
			t.Errorf("%s: String() = %q, want %q", tt.name, got, tt.str)
		}
		r, err := m.Evaluate()
		if err != nil {
			t.Fatal(err)
		}
		if r.conventions != c || r.inputs[0].Value.Value != c.Year {
			t.Errorf("%s: result under %+v with x = %v, want the model's conventions and x = a year", tt.name, r.conventions, r.inputs[0].Value.Value)
		}
		if rep := r.Report(r.DisplayOptions(false)); rep.Conventions.Day != c.Day || rep.Conventions.Month != c.Month || rep.Conventions.Year != c.Year {
			t.Errorf("%s: report conventions %+v", tt.name, rep.Conventions)
		}
	}
}
