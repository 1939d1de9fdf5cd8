package estimate

import (
	"errors"
	"testing"
)

// TestErrorData checks the machine-readable form of errors: the kind,
// and the span of the token at fault, for a browser to mark.
func TestErrorData(t *testing.T) {
	src := `name: data
inputs:
  size: 1 GB
  t: 1 s
outputs:
  w: size + t
  x: sise * 2
  y: size / 0 B
  z: (size
`
	_, err := Load("d.yaml", []byte(src), Options{})
	want := []ErrorData{
		{Kind: "dimension", File: "d.yaml", Line: 6, Column: 11, EndCol: 12, Path: "outputs.w", Message: "cannot add B and s"},
		{Kind: "name", File: "d.yaml", Line: 7, Column: 6, EndCol: 10, Path: "outputs.x", Message: `unknown name "sise"; did you mean "size"?`},
		{Kind: "syntax", File: "d.yaml", Line: 9, Column: 6, EndCol: 7, Path: "outputs.z", Message: "unclosed parenthesis: ( has no )"},
	}
	got := Errors(err)
	if len(got) != len(want) {
		t.Fatalf("got %d errors, want %d: %v", len(got), len(want), err)
	}
	for i, e := range got {
		var pe *Error
		if !errors.As(e, &pe) {
			t.Fatalf("%v is not an *Error", e)
		}
		if d := pe.Data(); d != want[i] {
			t.Errorf("Data() = %+v\nwant     %+v", d, want[i])
		}
	}
	m, err := Load("d.yaml", []byte("name: z\ninputs:\n  size: 1 GB\noutputs:\n  c: size / (size - size)\n"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	_, err = m.Evaluate()
	var pe *Error
	if !errors.As(err, &pe) || pe.Kind() != "evaluation" {
		t.Errorf("division by zero: %v, kind %q, want evaluation", err, pe.Kind())
	}
}
