package estimate

import (
	"strings"
	"testing"
)

const apiScenario = `name: api
inputs:
  users: 100M
  size: 2 KB
outputs:
  storage: users * size
`

// TestOverrideByName holds overrides to their names: an Override made by
// hand is found by its name, checked, and never taken for input 0.
func TestOverrideByName(t *testing.T) {
	m := load(t, apiScenario)
	r, err := m.Evaluate(Override{Name: "size", Value: Quantity{Value: 4000, Dim: Bytes}})
	if err != nil {
		t.Fatal(err)
	}
	if v, _ := r.Output("storage"); v.Value.Value != 4e11 {
		t.Errorf("storage = %v, want 4e11 (size set to 4 KB)", v.Value.Value)
	}
	if r.inputs[0].Value.Value != 1e8 {
		t.Errorf("users = %v: the override went to input 0", r.inputs[0].Value.Value)
	}
	for _, o := range []Override{
		{Name: "sise", Value: Quantity{Value: 1, Dim: Bytes}},
		{Name: "size", Value: Quantity{Value: 1, Dim: Seconds}},
		{Name: "storage", Value: Quantity{Value: 1, Dim: Bytes}},
	} {
		if _, err := m.Evaluate(o); err == nil {
			t.Errorf("Evaluate(%+v): no error", o)
		}
	}
}

// TestSet checks Model.Set, the checked override by name.
func TestSet(t *testing.T) {
	m := load(t, apiScenario)
	o, err := m.Set("users", Quantity{Value: 1.5e9})
	if err != nil {
		t.Fatal(err)
	}
	r, err := m.Evaluate(o)
	if err != nil {
		t.Fatal(err)
	}
	if v, _ := r.Output("storage"); v.Value.Value != 3e12 {
		t.Errorf("storage = %v, want 3e12", v.Value.Value)
	}
	for _, tc := range []struct {
		name string
		q    Quantity
		msg  string
	}{
		{"user", Quantity{Value: 1}, `user: unknown input "user"; did you mean "users"?`},
		{"storage", Quantity{Value: 1, Dim: Bytes}, "storage: storage is an output; only inputs can be set"},
		{"size", Quantity{Value: 1, Dim: Seconds}, "size: 1 s is a time (s), but size needs bytes (B)"},
	} {
		if _, err := m.Set(tc.name, tc.q); err == nil || err.Error() != tc.msg {
			t.Errorf("Set(%s, %v): %v, want %s", tc.name, tc.q, err, tc.msg)
		}
	}
}

// TestCompileChecksNames: a Scenario built in Go has its names checked as
// a parsed one does, not silently dropped.
func TestCompileChecksNames(t *testing.T) {
	s := &Scenario{Name: "go",
		Inputs:  []*Input{{Name: "Users", Value: Text{Value: "1"}}, {Name: "day", Value: Text{Value: "1"}}},
		Outputs: []*Output{{Name: "2x", Formula: Text{Value: "1"}}},
	}
	_, err := s.Compile(Options{})
	if err == nil {
		t.Fatal("no error")
	}
	for _, want := range []string{`name "Users" must be lower-case`, `name "day" is a unit`, `name "2x" must be lower-case`} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("errors %q lack %q", err, want)
		}
	}
}
