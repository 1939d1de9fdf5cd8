package estimate

import (
	"errors"
	"math"
	"strings"
	"testing"
)

// TestSolveServers is issue 11's acceptance check: the largest dau that
// 100 servers carry, against the formula, and one user more needs 101.
func TestSolveServers(t *testing.T) {
	m := loadModelFile(t, "../scenarios/web-service.yaml")
	c, err := m.ParseCondition("servers = 100")
	if err != nil {
		t.Fatal(err)
	}
	sol, err := m.Solve("dau", c, SolveOptions{})
	if err != nil {
		t.Fatal(err)
	}
	// servers = ceil(dau * 22/day * 3 / 1000/s): at most 100 while
	// dau * 66 <= 100 * 86,400,000, so dau <= 130,909,090.9.
	want := math.Floor(100 * 86400 * 1000 / 66)
	if sol.Value.Value != want || !sol.Largest || !sol.Exact || sol.Step != 1 || !sol.Monotone {
		t.Fatalf("solution %+v, want dau = %v, the largest, exact, step 1", sol, want)
	}
	if sol.Output.Value != 100 || sol.Next.Value != want+1 || sol.NextOutput.Value != 101 {
		t.Errorf("at %v: %v servers; at %v: %v, want 100 and 101", sol.Value, sol.Output, sol.Next, sol.NextOutput)
	}
	// One more dau needs 101 servers, on the exact path.
	ov, _ := m.Set("dau", Quantity{want + 1, Dimensionless})
	r, _ := m.Evaluate(ov)
	if v, _ := r.Output("servers"); v.Value.Value != 101 {
		t.Errorf("dau %v needs %v servers, want 101", want+1, v.Value)
	}
	// The plateau where 100 servers are needed starts where 99 stop.
	if low := math.Floor(99*86400*1000/66) + 1; sol.Low.Value != low || sol.High.Value != want {
		t.Errorf("plateau %v..%v, want %v..%v", sol.Low.Value, sol.High.Value, low, want)
	}
}

func TestSolveContinuous(t *testing.T) {
	m := loadModelFile(t, "../scenarios/url-shortener.yaml")
	for _, tc := range []struct {
		input, cond string
		want        float64
		largest     bool
	}{
		// storage_raw = new_urls * 10 years * 100 B: 1 PB at 1e15/(3.1536e9) per second.
		{"new_urls", "storage_raw <= 1 PB", 1e15 / (10 * 365 * 86400 * 100), true},
		{"new_urls", "storage_raw >= 1 PB", 1e15 / (10 * 365 * 86400 * 100), false},
		{"new_urls", "storage_raw = 1 PB", 1e15 / (10 * 365 * 86400 * 100), true},
		{"retention", "storage_raw = 73 TB", 20 * 365 * 86400, true},
	} {
		c, err := m.ParseCondition(tc.cond)
		if err != nil {
			t.Fatal(err)
		}
		sol, err := m.Solve(tc.input, c, SolveOptions{})
		if err != nil {
			t.Fatalf("%s: %v", tc.cond, err)
		}
		if math.Abs(sol.Value.Value-tc.want) > 1e-15*tc.want || sol.Largest != tc.largest {
			t.Errorf("%s: %s = %v (largest %v), want %v", tc.cond, tc.input, sol.Value.Value, sol.Largest, tc.want)
		}
		// Full precision: the neighbouring float64 is past the edge.
		if math.Nextafter(sol.Value.Value, sol.Next.Value) != sol.Next.Value {
			t.Errorf("%s: %v and %v are not neighbours", tc.cond, sol.Value.Value, sol.Next.Value)
		}
	}
}

func TestSolveNotMet(t *testing.T) {
	m := loadModelFile(t, "../scenarios/web-service.yaml")
	for cond, want := range map[string]string{
		"servers = 100.5":             "is not met: servers jumps from 100 to 101 at dau = 130.9M",
		"servers <= 0":                "not met at either end (servers is 1 and 6.88bn), and no crossing found on a grid of",
		"storage_raw >= 0 TB":         "holds for every dau scanned",
		"servers = 100 extra":         "",
		"servers < 100":               "must be =, <= or >=",
		"server = 100":                `no output named "server"; did you mean "servers"?`,
		"servers = 1 TB":              "but servers is a plain number",
		"storage_raw = 1 PB/s":        "",
		"cache_memory = 80 GB > 1 GB": "",
	} {
		c, err := m.ParseCondition(cond)
		if err == nil {
			_, err = m.Solve("dau", c, SolveOptions{})
		}
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%s: %v, want an error with %q", cond, err, want)
		}
	}
	c, _ := m.ParseCondition("servers = 100.5")
	_, err := m.Solve("dau", c, SolveOptions{})
	var ne *NotMetError
	if !errors.As(err, &ne) || !ne.Jump {
		t.Errorf("a jump over the value: %v, want a *NotMetError with Jump", err)
	}
	c, _ = m.ParseCondition("servers = 100")
	if _, err := m.Solve("dau", c, SolveOptions{From: Quantity{1, Dimensionless}, To: Quantity{1e6, Dimensionless}}); !errors.As(err, &ne) {
		t.Errorf("bounds that miss it: %v, want a *NotMetError", err)
	}
	if _, err := m.Solve("servers", c, SolveOptions{}); err == nil || !strings.Contains(err.Error(), "is an output") {
		t.Errorf("solving for an output: %v", err)
	}
}

func TestSolveNotMonotone(t *testing.T) {
	m, err := Load("u.yaml", []byte("name: u\ninputs:\n  x: 5\noutputs:\n  y: (x - 5) * (x - 5)\n"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	c, _ := m.ParseCondition("y <= 100")
	sol, err := m.Solve("x", c, SolveOptions{From: Quantity{0, Dimensionless}, To: Quantity{100, Dimensionless}})
	if err != nil {
		t.Fatal(err)
	}
	if sol.Monotone || sol.Value.Value != 15 || !sol.Largest {
		t.Errorf("solution %+v, want x = 15, the largest, not monotone", sol)
	}
}

// TestSolveInside is issue 17's: x² = 16 is met at x = ±4, inside
// -10..10, though not at either end. Solve reports the first, or the
// last with Last, and says that there are two.
func TestSolveInside(t *testing.T) {
	m, err := Load("sq.yaml", []byte("name: sq\ninputs:\n  x: 1\noutputs:\n  sq: x * x\n"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	c, _ := m.ParseCondition("sq = 16")
	for _, tc := range []struct {
		last bool
		want float64
	}{{false, -4}, {true, 4}} {
		sol, err := m.Solve("x", c, SolveOptions{From: Quantity{-10, Dimensionless}, To: Quantity{10, Dimensionless}, Last: tc.last})
		if err != nil {
			t.Fatalf("last %v: %v", tc.last, err)
		}
		if sol.Value.Value != tc.want || !sol.Exact || sol.Crossings != 2 || len(sol.Others) != 1 {
			t.Errorf("last %v: x = %v (exact %v), %d crossings, others %v; want %v, exact, 2 crossings", tc.last, sol.Value.Value, sol.Exact, sol.Crossings, sol.Others, tc.want)
		}
	}
}
