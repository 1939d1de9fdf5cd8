package estimate

import (
	"encoding/json"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"
)

// The fuzz targets check more than the absence of panics: every error is
// a list of one-line *Errors placed inside the input, every success is
// finite, displays without +Inf or NaN, and reports JSON that reads back
// exactly. `go test` replays their seeds and every crasher kept under
// testdata/fuzz; `make fuzz` runs each for FUZZTIME.

var calcSeeds = []string{
	"100M * 10 / day",
	"10bn / day",
	"500 B * 100M/day * 5 years",
	"1 TB/day",
	"2 KB + 3 s",
	"$0.023 * 1 GB / month",
	"20% * 1.5bn",
	"2.5 KiB", "1e-300", "1e300 * 1e300", "2**1023", "2**1024", "1/0", "0/0", "-1e308 * 10",
	"sqrt(-1)", "log2(0)", "max(1 B, 2 B, 3 s)", "ceil(1.5 s)", "1 ? 2 : 3", "1 < 2 ? 3 s : 4 s",
	"((((1))))", "(1", "1)", "$", "$x", "1e400", "0x1F", "1_000_000", ".5", "5.", "1..2",
	"\"text\"", "[1, 2]", "{a: 1}", "a.b", "let x = 1; x", "1; 2", "nil", "true", "!1", "not true",
	"10/day", "100 Mbps", "1 µs", "3 yr", "1 bit", "7 weeks", "1 sec ** 2", "B", "KiB / s",
	"1 %", "5%", "1.5 M s", "1 thousand million", "-(-(-1))", "+-+-1", "1e", "1e+", "_Q0",
	"\u00a0", "\xff", "\x00", "1\n+\n2", "1 +\t2", strings.Repeat("(", MaxNesting) + "1" + strings.Repeat(")", MaxNesting),
}

// FuzzCalc fuzzes the quantity literal parser and constant expressions
// through Calc and ParseQuantity.
func FuzzCalc(f *testing.F) {
	for _, s := range calcSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, expr string) {
		q, err := Calc(expr, Exact)
		if err != nil {
			checkErrors(t, err, "", []string{expr})
			return
		}
		if !isFinite(q.Value) {
			t.Fatalf("Calc(%q) = %v, not finite, without an error", expr, q.Value)
		}
		checkDisplay(t, q)
		p, err := ParseQuantity(expr, q.Dim, Exact)
		if err != nil || math.Float64bits(p.Value) != math.Float64bits(q.Value) || p.Dim != q.Dim {
			t.Fatalf("ParseQuantity(%q, %v) = %v, %v; Calc gave %v", expr, q.Dim, p, err, q)
		}
		if _, err := Conversions(expr, Exact); err != nil {
			t.Fatalf("Conversions(%q) fails although Calc does not: %v", expr, err)
		}
	})
}

// FuzzFormula fuzzes the formula compiler and evaluator: a formula over
// inputs of several dimensions, compiled in a scenario and evaluated with
// the given input values.
func FuzzFormula(f *testing.F) {
	seeds := []string{
		"a * t", "a / t", "a + t", "c * a / t", "a / (t * 1 s)", "sqrt(a * a)", "ceil(c)", "max(a, 2 KB)",
		"c > 1 ? a : 0 B", "a ** 2", "c ** c", "log10(c)", "a / 0 B", "-a", "abs(-a)", "floor(a / 1 GB)",
		"t * 1 day", "a * 8 / t", "min()", "round(c, 2)", "a t", "a +", "d", "a ++ t", "a ?? t",
		"c ^ 1000", "1 / (c - c)", "a * 1e308 * 1e308", "0 * a", "((a))", "x.y", "a[0]", "a | t",
		"1 B ** 0.5", "(a)**(1/2)", "c == 1 && c > 0 ? 1 : 2", "a * t * c",
	}
	for i, s := range seeds {
		v := []float64{1, 0, -1, 1e300, 1e-300, 100}[i%6]
		f.Add(s, v, 1e3, 2.5)
	}
	f.Fuzz(func(t *testing.T, formula string, a, b, c float64) {
		// Through the compiler directly, which needs no YAML quoting.
		slots := []float64{a, b, c}
		r := testResolver{"a": {0, Bytes}, "t": {1, Seconds}, "c": {2, Dimensionless}}
		fm, es := compileFormula(formula, &scope{conv: Exact, r: r, names: map[string]bool{"a": true, "t": true, "c": true}})
		if es != nil {
			checkErrors(t, es.inFormula("", 1, 1, "", formula), "", []string{formula})
		} else if v := fm.root.eval(slots); !isFinite(v) {
			if _, _, bad := diagnose(fm.root, slots); !bad {
				t.Fatalf("%q = %v with a=%v b=%v c=%v, but diagnose finds nothing", formula, v, a, b, c)
			}
		}

		// And as a scenario, with the values as overrides.
		quoted, _ := json.Marshal(formula)
		src := fuzzScenario(string(quoted))
		m, err := Load("f.yaml", []byte(src), Options{})
		if err != nil {
			checkErrors(t, err, "f.yaml", splitLines([]byte(src)))
			return
		}
		var ovs []Override
		for _, in := range []struct {
			name, unit string
			v          float64
		}{{"a", "B", a}, {"t", "s", b}, {"c", "", c}} {
			o, err := m.Override(in.name, strings.TrimSpace(fmt.Sprintf("%v %s", in.v, in.unit)))
			if err != nil {
				checkErrors(t, err, "", nil)
				continue
			}
			ovs = append(ovs, o)
		}
		checkEvaluate(t, m, ovs...)
	})
}

// fuzzScenario is the scenario FuzzFormula loads: inputs a (bytes), t
// (a time) and c (a number), and an output y with the fuzzed formula,
// given as a YAML scalar.
func fuzzScenario(formula string) string {
	return fmt.Sprintf("name: fuzz\ninputs:\n  a: 1 B\n  t: 1 s\n  c: 1\noutputs:\n  y: %s\n  z: y\n", formula)
}

// TestFuzzFormulaTemplate holds FuzzFormula's scenario half to running:
// with a good formula its template must load and evaluate.
func TestFuzzFormulaTemplate(t *testing.T) {
	m, err := Load("f.yaml", []byte(fuzzScenario(`"a * c / t"`)), Options{})
	if err != nil {
		t.Fatalf("the template does not load: %v", err)
	}
	r, err := m.Evaluate()
	if err != nil {
		t.Fatal(err)
	}
	if v, _ := r.Output("z"); v.Value != (Quantity{1, ByteRate}) {
		t.Errorf("z = %v, want 1 B/s", v.Value)
	}
}

// FuzzLoad fuzzes the scenario loader with whole files, and evaluates
// what loads.
func FuzzLoad(f *testing.F) {
	for _, dir := range []string{"testdata", "testdata/bad", "../scenarios"} {
		files, _ := filepath.Glob(filepath.Join(dir, "*.yaml"))
		for _, file := range files {
			if src, err := os.ReadFile(file); err == nil {
				f.Add(src)
			}
		}
	}
	f.Add([]byte("name: x\ninputs:\n  a: 1\noutputs:\n  b: a * 2\n"))
	f.Add([]byte("\ufeffname: x\r\ninputs:\r\n  a: 1 GB\r\noutputs:\r\n  y: a / 1 s\r\n"))
	f.Add([]byte("name: x\ninputs: {a: &x 1}\noutputs: {b: *x}\n"))
	f.Add([]byte("name: x\ninputs:\n  a: 1\noutputs:\n  b: |\n    a *\n      2 / 0\n"))
	f.Add([]byte("name: x\ninputs:\n  a: 1\noutputs:\n  b: c\n  c: b\n"))
	f.Add([]byte("name: x\ninputs:\n  a: 1\noutputs:\n  b: a\n---\nname: y\n"))
	f.Fuzz(func(t *testing.T, src []byte) {
		m, err := Load("f.yaml", src, Options{})
		if err != nil {
			checkErrors(t, err, "f.yaml", splitLines(trimBOM(src)))
			return
		}
		checkEvaluate(t, m)
	})
}

type testResolver map[string]struct {
	slot int
	dim  Dimension
}

func (r testResolver) resolve(name string) (int, Dimension, bool) {
	s, ok := r[name]
	return s.slot, s.dim, ok
}

func (r testResolver) unknown(name string) string { return fmt.Sprintf("unknown name %q", name) }

func trimBOM(src []byte) []byte {
	if len(src) >= 3 && string(src[:3]) == "\ufeff" {
		return src[3:]
	}
	return src
}

// checkErrors checks that err is a list of *Errors, each of one line,
// with a message, in file, and placed inside lines when it has a place.
func checkErrors(t *testing.T, err error, file string, lines []string) {
	t.Helper()
	all := Errors(err)
	if len(all) == 0 {
		t.Fatalf("error %v holds no errors", err)
	}
	for _, e := range all {
		pe, ok := e.(*Error)
		if !ok {
			t.Fatalf("error %q is a %T, not an *Error", e, e)
		}
		msg := pe.Error()
		if strings.ContainsAny(msg, "\r\n\u0085\u2028\u2029") {
			t.Fatalf("error is not one line: %q", msg)
		}
		if pe.Msg == "" {
			t.Fatalf("error without a message: %q", msg)
		}
		if strings.HasPrefix(pe.Msg, "internal error") {
			t.Fatalf("internal error: %q", msg)
		}
		if pe.File != file {
			t.Fatalf("error in file %q, want %q: %q", pe.File, file, msg)
		}
		if lines == nil || pe.Line == 0 {
			if pe.Line == 0 && pe.Col != 0 && lines != nil {
				t.Fatalf("error with a column but no line: %q", msg)
			}
			continue
		}
		if pe.Line < 1 || pe.Line > len(lines) {
			t.Fatalf("error at line %d of %d: %q", pe.Line, len(lines), msg)
		}
		if n := utf8.RuneCountInString(lines[pe.Line-1]); pe.Col < 0 || pe.Col > n+1 {
			t.Fatalf("error at column %d of a line of %d characters: %q\n%q", pe.Col, n, msg, lines[pe.Line-1])
		}
		if c := pe.Caret(); strings.Count(c, "\n") > 1 {
			t.Fatalf("caret of more than two lines: %q", c)
		}
	}
}

// checkEvaluate evaluates m and checks that a result is finite, displays
// without +Inf or NaN and survives JSON exactly, or that the error is
// well formed.
func checkEvaluate(t *testing.T, m *Model, ovs ...Override) {
	t.Helper()
	r, err := m.Evaluate(ovs...)
	if err != nil {
		checkErrors(t, err, m.scenario.File, m.scenario.lines)
		return
	}
	for _, v := range r.outputs {
		if !isFinite(v.Value.Value) {
			t.Fatalf("output %s = %v without an error", v.Name, v.Value.Value)
		}
	}
	for _, binary := range []bool{false, true} {
		o := r.DisplayOptions(binary)
		rep := r.Report(o)
		data, err := json.Marshal(rep)
		if err != nil {
			t.Fatalf("JSON of the report: %v", err)
		}
		var back Report
		if err := json.Unmarshal(data, &back); err != nil {
			t.Fatalf("reading back the report's JSON: %v", err)
		}
		if !reflect.DeepEqual(normalize(rep), normalize(back)) {
			t.Fatalf("report does not survive JSON:\n%+v\n%+v", rep, back)
		}
		for _, v := range rep.Inputs {
			checkDisplayText(t, v.Display)
		}
		for _, v := range rep.Outputs {
			checkDisplayText(t, v.Display)
		}
		for _, e := range r.Explain(o) {
			checkDisplayText(t, e.Result) // the formula is text as written
		}
		for _, e := range r.expect {
			checkDisplayText(t, e.Format(o)+" "+FormatDeviation(e.Deviation))
		}
	}
}

// normalize makes nil and empty slices of a Report compare equal.
func normalize(r Report) Report {
	if len(r.Expect) == 0 {
		r.Expect = nil
	}
	if len(r.Inputs) == 0 {
		r.Inputs = nil
	}
	if len(r.Outputs) == 0 {
		r.Outputs = nil
	}
	return r
}

// checkDisplay checks that a finite q displays without +Inf or NaN in
// every format.
func checkDisplay(t *testing.T, q Quantity) {
	t.Helper()
	for _, o := range []DisplayOptions{{}, {Binary: true}, {Conventions: Napkin}, {short: true}} {
		checkDisplayText(t, Format(q, o))
	}
}

func checkDisplayText(t *testing.T, s string) {
	t.Helper()
	if strings.Contains(s, "Inf") || strings.Contains(s, "NaN") {
		t.Fatalf("display %q shows a non-finite value", s)
	}
}
