package estimate

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// describeErrors renders every error in err on its own line, as the CLI
// prints them, each followed by its caret snippet when it has one.
func describeErrors(err error) string {
	var lines []string
	for _, e := range Errors(err) {
		lines = append(lines, e.Error())
		if e, ok := e.(*Error); ok && e.Caret() != "" {
			lines = append(lines, e.Caret())
		}
	}
	return strings.Join(lines, "\n")
}

// loadAndEvaluate loads src as s.yaml and, when it compiles, evaluates it.
func loadAndEvaluate(src string) error {
	m, err := Load("s.yaml", []byte(src), Options{})
	if err != nil {
		return err
	}
	_, err = m.Evaluate()
	return err
}

// validationTests pin, for each class of problem a scenario file can have,
// the exact message, its place as file:line:col and, inside a formula,
// the caret under the offending character.
var validationTests = []struct {
	name, src, want string
}{
	// YAML syntax errors. The YAML decoder gives a line but no column, and
	// its parser (not its scanner) counts lines from 0: "yaml flow" and
	// "yaml indent" pin the correction.
	{
		name: "yaml flow",
		src: `name: x
inputs:
  a: 1
  c: [1
outputs:
  y: a
`,
		want: `s.yaml:4:1: YAML: did not find expected ',' or ']'`,
	},
	{
		name: "yaml indent",
		src: `name: x
inputs:
  a: 1
 bb: 2
outputs:
  y: a
`,
		want: `s.yaml:4:1: YAML: did not find expected key`,
	},
	{
		name: "yaml quote",
		src: `name: x
inputs:
  a: "1
outputs:
  y: a
`,
		want: `s.yaml:3:1: YAML: found unexpected end of stream`,
	},
	{
		name: "yaml mapping value",
		src: `name: x
inputs:
  a: b: c
outputs:
  y: a
`,
		want: `s.yaml:3:1: YAML: mapping values are not allowed in this context`,
	},
	{
		name: "yaml two docs",
		src: `name: x
inputs:
  a: 1
outputs:
  y: a
---
name: y
`,
		want: `s.yaml:6:1: a scenario file holds one YAML document; found a second`,
	},
	{
		name: "yaml empty",
		src:  ``,
		want: `s.yaml:1:1: empty file: a scenario needs name, inputs and outputs`,
	},
	{
		name: "yaml list",
		src: `- a
`,
		want: `s.yaml:1:1: a scenario is a mapping with keys name, inputs and outputs`,
	},
	// Unknown keys, with the closest valid key.
	{
		name: "unknown top key",
		src: `name: x
titel: X
inputs:
  a: 1
outputs:
  y: a
`,
		want: `s.yaml:2:1: unknown key "titel"; did you mean "title"?`,
	},
	{
		name: "unknown top key far",
		src: `name: x
inputs:
  a: 1
outputs:
  y: a
foo: 1
`,
		want: `s.yaml:6:1: unknown key "foo" (want name, title, description, sources, conventions, counts, headline, inputs, outputs, expect, published)`,
	},
	{
		name: "unknown input key",
		src: `name: x
inputs:
  a:
    valeu: 1
outputs:
  y: a
`,
		want: `s.yaml:4:5: inputs.a: unknown key "valeu"; did you mean "value"?
s.yaml:4:5: inputs.a: missing value`,
	},
	{
		name: "unknown output key",
		src: `name: x
inputs:
  a: 1
outputs:
  y:
    formula: a
    unti: KB
`,
		want: `s.yaml:7:5: outputs.y: unknown key "unti"; did you mean "unit"?`,
	},
	{
		name: "unknown conventions key",
		src: `name: x
conventions:
  yaer: 360 days
inputs:
  a: 1
outputs:
  y: a
`,
		want: `s.yaml:3:3: conventions: unknown key "yaer"; did you mean "year"?`,
	},
	{
		name: "unknown expect key",
		src: `name: x
inputs:
  a: 1
outputs:
  y: a
expect:
  y:
    value: 1
    tolerence: 1%
`,
		want: `s.yaml:9:5: expect.y: unknown key "tolerence"; did you mean "tolerance"?`,
	},
	// Keys given twice; missing name, inputs or outputs; values missing or not scalars.
	{
		name: "duplicate key",
		src: `name: x
name: y
inputs:
  a: 1
outputs:
  y: a
`,
		want: `s.yaml:2:1: duplicate key "name"`,
	},
	{
		name: "missing all",
		src: `title: X
`,
		want: `s.yaml:1:1: missing name
s.yaml:1:1: missing inputs
s.yaml:1:1: missing outputs`,
	},
	{
		name: "missing name",
		src: `inputs:
  a: 1
outputs:
  y: a
`,
		want: `s.yaml:1:1: missing name`,
	},
	{
		name: "missing inputs",
		src: `name: x
outputs:
  y: 2
`,
		want: `s.yaml:1:1: missing inputs`,
	},
	{
		name: "missing outputs",
		src: `name: x
inputs:
  a: 1
`,
		want: `s.yaml:1:1: missing outputs`,
	},
	{
		name: "empty inputs",
		src: `name: x
inputs: {}
outputs:
  y: 2
`,
		want: `s.yaml:2:9: inputs: no inputs`,
	},
	{
		name: "missing input value",
		src: `name: x
inputs:
  a:
    description: A.
outputs:
  y: 2
`,
		want: `s.yaml:4:5: inputs.a: missing value`,
	},
	{
		name: "missing formula",
		src: `name: x
inputs:
  a: 1
outputs:
  y:
    unit: KB
`,
		want: `s.yaml:6:5: outputs.y: missing formula`,
	},
	{
		name: "list value",
		src: `name: x
inputs:
  a: [1, 2]
outputs:
  y: 2
`,
		want: `s.yaml:3:6: inputs.a: want a single value, not a list`,
	},
	// Bad or duplicate names.
	{
		name: "bad scenario name",
		src: `name: URL_shortener
inputs:
  a: 1
outputs:
  y: a
`,
		want: `s.yaml:1:7: name: scenario name "URL_shortener" must be lower-case letters and digits joined by '-'`,
	},
	{
		name: "bad names",
		src: `name: x
inputs:
  Users: 1
  2fast: 1
  KB: 1
  day: 1
  sqrt: 1
  and: 1
outputs:
  y: 2
`,
		want: `s.yaml:3:3: inputs.Users: name "Users" must be lower-case letters, digits and '_', starting with a letter or '_'
s.yaml:4:3: inputs.2fast: name "2fast" must be lower-case letters, digits and '_', starting with a letter or '_'
s.yaml:5:3: inputs.KB: name "KB" must be lower-case letters, digits and '_', starting with a letter or '_'
s.yaml:6:3: inputs.day: name "day" is a unit or scale word; choose another
s.yaml:7:3: inputs.sqrt: name "sqrt" is a function; choose another
s.yaml:8:3: inputs.and: name "and" is a reserved word; choose another`,
	},
	{
		name: "duplicate names",
		src: `name: x
inputs:
  a: 1
  a: 2
outputs:
  a: 3
  y: 4
  y: 5
`,
		want: `s.yaml:4:3: inputs.a: duplicate name "a" (also in inputs)
s.yaml:6:3: outputs.a: duplicate name "a" (also in inputs)
s.yaml:8:3: outputs.y: duplicate name "y" (also in outputs)`,
	},
	// An input that refers to a name: inputs are constants.
	{
		name: "input refers",
		src: `name: x
inputs:
  a: 1
  bb: 2 * a
outputs:
  y: bb
`,
		want: `s.yaml:4:11: inputs.bb: an input is a constant and cannot refer to "a"; make it an output
    bb: 2 * a
            ^`,
	},
	{
		name: "input refers output",
		src: `name: x
inputs:
  a: y / 2
outputs:
  y: 2
`,
		want: `s.yaml:3:6: inputs.a: an input is a constant and cannot refer to "y"; make it an output
    a: y / 2
       ^`,
	},
	// Formula syntax errors, at the offending character in the file: in a
	// plain scalar, in a quoted one (one column more) and in a | block (one
	// line more). An unexpected end points at the last character.
	{
		name: "syntax plain",
		src: `name: x
inputs:
  a: 1
outputs:
  y: a +
  z: a * * 2
  w: (a
`,
		want: `s.yaml:5:8: outputs.y: unexpected end of formula
    y: a +
         ^
s.yaml:6:10: outputs.z: unexpected operator "*"
    z: a * * 2
           ^
s.yaml:7:6: outputs.w: unclosed parenthesis: ( has no )
    w: (a
       ^`,
	},
	{
		name: "syntax quoted",
		src: `name: x
inputs:
  a: 1
outputs:
  y: "a + * 2"
  z: 'a * * 2'
  w: "  a +"
`,
		want: `s.yaml:5:11: outputs.y: unexpected operator "*"
    y: "a + * 2"
            ^
s.yaml:6:11: outputs.z: unexpected operator "*"
    z: 'a * * 2'
            ^
s.yaml:7:11: outputs.w: unexpected end of formula
    w: "  a +"
            ^`,
	},
	{
		name: "syntax block",
		src: `name: x
inputs:
  a: 1
outputs:
  y: |
    a *
      (2 +
`,
		want: `s.yaml:7:10: outputs.y: unexpected end of formula
        (2 +
           ^`,
	},
	{
		name: "block indicator",
		src: `name: x
inputs:
  a: 1
outputs:
  y: |2
      a + 1 s
`,
		want: `s.yaml:6:9: outputs.y: cannot add 1 and s
        a + 1 s
          ^`,
	},
	{
		name: "block blank lines",
		src: `name: x
inputs:
  a: 1
outputs:
  y: |

    a *

      (2 + 1 s)
`,
		want: `s.yaml:9:10: outputs.y: cannot add 1 and s
        (2 + 1 s)
           ^`,
	},
	{
		name: "syntax input",
		src: `name: x
inputs:
  a: 1 KB +
  bb: $
outputs:
  y: 2
`,
		want: `s.yaml:3:11: inputs.a: unexpected end of formula
    a: 1 KB +
            ^
s.yaml:4:7: inputs.bb: a number must follow $ (as in $0.023)
    bb: $
        ^`,
	},
	// Unknown names, with "did you mean".
	{
		name: "unknown names",
		src: `name: x
inputs:
  users: 1
outputs:
  y: usres * 2
  z: "x + usrs"
  w: |
    2 *
      y * usres
`,
		want: `s.yaml:5:6: outputs.y: unknown name "usres"; did you mean "users"?
    y: usres * 2
       ^
s.yaml:6:7: outputs.z: unknown name "x"
    z: "x + usrs"
        ^
s.yaml:6:11: outputs.z: unknown name "usrs"; did you mean "users"?
    z: "x + usrs"
            ^
s.yaml:9:11: outputs.w: unknown name "usres"; did you mean "users"?
        y * usres
            ^`,
	},
	{
		name: "unknown function",
		src: `name: x
inputs:
  a: 1
outputs:
  y: flor(a)
  z: sqrt(a) + log2(a) + log10(a)
`,
		want: `s.yaml:5:6: outputs.y: unknown function flor; did you mean floor?
    y: flor(a)
       ^`,
	},
	// Cycles, reported once, from the member first in the file, at its
	// mention of the next; outputs that depend on a cycle are not reported.
	{
		name: "cycle",
		src: `name: x
inputs:
  i: 1
outputs:
  aa: bb + i
  bb: cc * 2
  cc: aa
  dd: dd
  ee: aa * 2
`,
		want: `s.yaml:5:7: outputs.aa: cycle: aa -> bb -> cc -> aa
    aa: bb + i
        ^
s.yaml:8:7: outputs.dd: cycle: dd -> dd
    dd: dd
        ^`,
	},
	{
		name: "cycle later",
		src: `name: x
inputs:
  i: 1
outputs:
  ee: i * 2
  cc: aa + 1
  aa: cc
`,
		want: `s.yaml:6:7: outputs.cc: cycle: cc -> aa -> cc
    cc: aa + 1
        ^`,
	},
	// Dimension mismatches.
	{
		name: "dimension",
		src: `name: x
inputs:
  size: 1 KB
  t: 3 s
outputs:
  a: size + t
  c: "t < size ? 1 : 0"
  dd: |
    size +
      t
  e: ceil(size)
  f: min(size, t)
`,
		want: `s.yaml:6:11: outputs.a: cannot add B and s
    a: size + t
            ^
s.yaml:7:9: outputs.c: cannot compare s and B
    c: "t < size ? 1 : 0"
          ^
s.yaml:9:10: outputs.dd: cannot add B and s
      size +
           ^
s.yaml:11:11: outputs.e: ceil needs a plain number or a count, not B (divide by a unit first, e.g. x / (1 GB))
    e: ceil(size)
            ^
s.yaml:12:16: outputs.f: min needs arguments of one dimension, not B and s
    f: min(size, t)
                 ^`,
	},
	// A display unit that does not fit.
	{
		name: "display unit",
		src: `name: x
inputs:
  size:
    value: 1 KB
    unit: s
outputs:
  a:
    formula: size
    unit: KB/s
  c:
    formula: size
    unit: XB
  dd:
    formula: size
    unit: -1 KB
`,
		want: `s.yaml:5:11: inputs.size.unit: unit s measures a time (s), but size is bytes (B)
s.yaml:9:11: outputs.a.unit: unit KB/s measures a byte rate (B/s), but a is bytes (B)
s.yaml:12:11: outputs.c.unit: unknown unit or name "XB"
s.yaml:15:11: outputs.dd.unit: unit -1 KB must be positive`,
	},
	// Expectations for an unknown name or of the wrong dimension.
	{
		name: "expect",
		src: `name: x
inputs:
  size: 1 KB
outputs:
  a: size
expect:
  sise: 1 KB
  nothing: 1
  a: 3 s
  size: 1 KB ± 2 s
`,
		want: `s.yaml:7:3: expect.sise: unknown name "sise"; did you mean "size"?
s.yaml:8:3: expect.nothing: unknown name "nothing"
s.yaml:9:6: expect.a: expected 3 s is a time (s), but a is bytes (B)
s.yaml:10:16: expect.size: tolerance must be a percentage, such as ± 0.5%`,
	},
	{
		name: "headline",
		src: `name: x
headline: [total, totl]
inputs:
  a: 1
outputs:
  total: a
`,
		want: `s.yaml:2:1: headline: unknown name "totl"; did you mean "total"?`,
	},
	// A name that is a unit word is reported where it is declared, and
	// the headline that lists it adds no "unknown name" before it.
	{
		name: "headline of a bad name",
		src: `name: x
headline: [day, total]
inputs:
  a: 1
outputs:
  day: a * 2
  total: a
`,
		want: `s.yaml:6:3: outputs.day: name "day" is a unit or scale word; choose another`,
	},
	{
		name: "expect value",
		src: `name: x
inputs:
  size: 1 KB
outputs:
  a: size
expect:
  a: 1 KB +
  size: "1 + sizee"
`,
		want: `s.yaml:7:11: expect.a: unexpected end of formula
    a: 1 KB +
            ^
s.yaml:8:14: expect.size: unknown unit "sizee"
    size: "1 + sizee"
               ^`,
	},
	// Conventions.
	{
		name: "conventions",
		src: `name: x
conventions:
  profile: napkn
  day: 1 KB
  month: -30 days
  year: 1/0 s
inputs:
  a: 1
outputs:
  y: a
`,
		want: `s.yaml:3:12: conventions.profile: unknown conventions profile "napkn" (want exact, calendar, napkin); did you mean "napkin"?
s.yaml:4:8: conventions.day: a day must be a positive time, such as 86400 s
s.yaml:5:10: conventions.month: a month must be a positive time, such as 30 days
s.yaml:6:10: conventions.year: division by zero
    year: 1/0 s
           ^`,
	},
	// Division by zero, NaN and overflow at evaluation, naming the output;
	// an output that reads a failed one is not reported again.
	{
		name: "eval",
		src: `name: x
inputs:
  size: 1 KB
  z: 0
  n: -8
outputs:
  a: size / z
  b2: "z / z"
  c: |
    1 +
      10 ** 400 * z
  dd: 1e300 * 1e300 * (z + 1)
  e: a * 2
  f: "n ** (1/3)"
  g: sqrt(n)
  hh: log10(z)
`,
		want: `s.yaml:7:11: outputs.a: division by zero in a = size / z
    a: size / z
            ^
s.yaml:8:10: outputs.b2: division by zero in b2 = z / z
    b2: "z / z"
           ^
s.yaml:11:10: outputs.c: overflow: result is too large for a float64 in c = 1 + 10 ** 400 * z
        10 ** 400 * z
           ^
s.yaml:12:13: outputs.dd: overflow: result is too large for a float64 in dd = 1e300 * 1e300 * (z + 1)
    dd: 1e300 * 1e300 * (z + 1)
              ^
s.yaml:14:9: outputs.f: result is not a number (NaN) in f = n ** (1/3)
    f: "n ** (1/3)"
          ^
s.yaml:15:6: outputs.g: square root of a negative number in g = sqrt(n)
    g: sqrt(n)
       ^
s.yaml:16:7: outputs.hh: log10 of zero in hh = log10(z)
    hh: log10(z)
        ^`,
	},
}

func TestValidation(t *testing.T) {
	for _, tt := range validationTests {
		t.Run(tt.name, func(t *testing.T) {
			got := describeErrors(loadAndEvaluate(tt.src))
			if got != tt.want {
				t.Errorf("got:\n%s\nwant:\n%s", got, tt.want)
			}
		})
	}
}

// TestErrorFields checks that an Error carries its parts separately, for
// tools that want them rather than the rendered line.
func TestErrorFields(t *testing.T) {
	err := loadAndEvaluate("name: x\ninputs:\n  size: 1 KB\noutputs:\n  total: \"size + 1 s\"\n")
	es := Errors(err)
	if len(es) != 1 {
		t.Fatalf("want one error, got %v", err)
	}
	e, ok := es[0].(*Error)
	if !ok {
		t.Fatalf("error is %T, want *Error", es[0])
	}
	want := Error{File: "s.yaml", Line: 5, Col: 16, Path: "outputs.total", Msg: "cannot add B and s", Source: `  total: "size + 1 s"`}
	if *e != want {
		t.Errorf("error = %#v\nwant %#v", *e, want)
	}
	if got := (&Error{Msg: "m"}).Error(); got != "m" {
		t.Errorf("bare Error() = %q", got)
	}
	if got := (&Error{File: "f", Line: 3, Msg: "m"}).Error(); got != "f:3: m" {
		t.Errorf("Error() without a column = %q", got)
	}
	if got := (&Error{Path: "p", Msg: "m", Col: 2}).Error(); got != "p: m" {
		t.Errorf("Error() without a line = %q", got)
	}
	if got := (&Error{Msg: "m", Col: 2}).Caret(); got != "" {
		t.Errorf("Caret() without a source = %q", got)
	}
	if got := Errors(nil); got != nil {
		t.Errorf("Errors(nil) = %v", got)
	}
}

// TestManyProblems checks that every problem of one file is reported, in
// file order, whichever stage finds it. The expected output is in a golden
// file; go test -update rewrites it.
func TestManyProblems(t *testing.T) {
	const name = "testdata/many-problems.yaml"
	src, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	_, err = Load(name, src, Options{})
	errs := Errors(err)
	for i := 1; i < len(errs); i++ {
		a, b := errs[i-1].(*Error), errs[i].(*Error)
		if a.Line > b.Line || a.Line == b.Line && a.Col > b.Col {
			t.Errorf("not in file order:\n\t%v\n\t%v", a, b)
		}
	}
	got := []byte(describeErrors(err) + "\n")
	golden := filepath.Join("testdata", "many-problems.golden")
	if *update {
		if err := os.WriteFile(golden, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("errors of %s:\n%s\nwant (%s):\n%s", name, got, golden, want)
	}
}
