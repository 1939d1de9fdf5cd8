package estimate

import (
	"encoding/json"
	"os"
	"slices"
	"strings"
	"sync"
	"testing"
)

func loadFile(t testing.TB, path string) *Model {
	t.Helper()
	src, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	m, err := Load(path, src, Options{})
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func load(t testing.TB, src string) *Model {
	t.Helper()
	m, err := Load("s.yaml", []byte(src), Options{})
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// TestURLShortener is the example of the spec: write_qps 1157.4/s,
// read_qps 11574/s, storage 36.5 TB, and its expectations hold.
func TestURLShortener(t *testing.T) {
	m := loadFile(t, "testdata/url-shortener.yaml")
	r, err := m.Evaluate()
	if err != nil {
		t.Fatal(err)
	}
	if got, want := m.InputNames(), []string{"new_urls", "read_write_ratio", "record_size", "retention"}; !slices.Equal(got, want) {
		t.Errorf("InputNames() = %q, want %q", got, want)
	}
	if got, want := m.OutputNames(), []string{"write_qps", "read_qps", "records", "storage"}; !slices.Equal(got, want) {
		t.Errorf("OutputNames() = %q, want %q", got, want)
	}
	o := r.DisplayOptions(false)
	outputs := []struct {
		name    string
		value   float64
		unit    string
		display string
	}{
		{"write_qps", 1e8 / 86400, "1/s", "1.157K/s"},
		{"read_qps", 1e9 / 86400, "1/s", "11.57K/s"},
		{"records", 3.65e11, "1", "365bn"},
		{"storage", 36.5e12, "B", "36.5 TB"},
	}
	for i, want := range outputs {
		got := r.outputs[i]
		if got.Name != want.name || !near(got.Value.Value, want.value) || got.Value.Dim.String() != want.unit || got.Format(o) != want.display {
			t.Errorf("output %d = %s %v %s %q, want %s %v %s %q", i, got.Name, got.Value.Value, got.Value.Dim, got.Format(o),
				want.name, want.value, want.unit, want.display)
		}
	}
	if v, ok := r.Output("storage"); !ok || v.Unit == nil || v.Unit.Text != "TB" || v.Description != "Total storage, no replication." {
		t.Errorf(`Output("storage") = %+v, %v`, v, ok)
	}
	if _, ok := r.Output("nothing"); ok {
		t.Error(`Output("nothing") found something`)
	}
	if len(r.expect) != 3 || len(r.Failed()) != 0 {
		t.Errorf("expectations %+v, failed %+v; want 3 that hold", r.expect, r.Failed())
	}
	if e := r.expect[1]; e.Name != "read_qps" || e.Tolerance != 0.001 || e.Expected.Value != 11574 || !e.OK {
		t.Errorf("read_qps expectation = %+v, want 11574/s ± 0.1%% that holds", e)
	}

	want := []string{
		"write_qps = new_urls = 100M/day = 1.157K/s",
		"read_qps = write_qps * read_write_ratio = (1.157K/s) * 10 = 11.57K/s",
		"records = new_urls * retention = (100M/day) * 10 years = 365bn",
		"storage = records * record_size = 365bn * 100 B = 36.5 TB",
	}
	var got []string
	for _, e := range r.Explain(o) {
		got = append(got, e.String())
	}
	if !slices.Equal(got, want) {
		t.Errorf("Explain:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// TestReport pins the JSON that tools rely on: values in base units and
// canonical units.
func TestReport(t *testing.T) {
	m := loadFile(t, "testdata/url-shortener.yaml")
	ov, err := m.Override("read_write_ratio", "20")
	if err != nil {
		t.Fatal(err)
	}
	r, err := m.Evaluate(ov)
	if err != nil {
		t.Fatal(err)
	}
	data, err := json.Marshal(r.Report(r.DisplayOptions(false)))
	if err != nil {
		t.Fatal(err)
	}
	var rep struct {
		Name        string
		Conventions struct{ Day, Month, Year float64 }
		Inputs      []struct {
			Name, Unit, Display string
			Value               float64
			Overridden          bool
		}
		Outputs []struct {
			Name, Unit, Display, Formula string
			Value                        float64
		}
		Expect []struct {
			Name                        string
			Expected, Actual, Tolerance float64
			OK                          bool
		}
	}
	if err := json.Unmarshal(data, &rep); err != nil {
		t.Fatal(err)
	}
	if rep.Name != "url-shortener" || rep.Conventions.Day != 86400 || rep.Conventions.Month != 2592000 || rep.Conventions.Year != 31536000 {
		t.Errorf("report head: %s", data)
	}
	in := rep.Inputs[1]
	if in.Name != "read_write_ratio" || in.Value != 20 || in.Unit != "1" || in.Display != "20" || !in.Overridden {
		t.Errorf("inputs[1] = %+v", in)
	}
	if in := rep.Inputs[3]; in.Name != "retention" || in.Value != 315360000 || in.Unit != "s" || in.Display != "10 years" || in.Overridden {
		t.Errorf("inputs[3] = %+v", in)
	}
	out := rep.Outputs[3]
	if out.Name != "storage" || out.Value != 36.5e12 || out.Unit != "B" || out.Display != "36.5 TB" || out.Formula != "records * record_size" {
		t.Errorf("outputs[3] = %+v", out)
	}
	if out := rep.Outputs[1]; !near(out.Value, 2e9/86400) || out.Unit != "1/s" || out.Display != "23.15K/s" {
		t.Errorf("outputs[1] = %+v", out)
	}
	if e := rep.Expect[1]; e.Name != "read_qps" || e.Expected != 11574 || !near(e.Actual, 2e9/86400) || e.Tolerance != 0.001 || e.OK {
		t.Errorf("expect[1] = %+v", e)
	}
	for _, key := range []string{`"name"`, `"conventions"`, `"inputs"`, `"outputs"`, `"expect"`, `"value"`, `"unit"`, `"display"`, `"formula"`, `"expected"`, `"actual"`, `"tolerance"`, `"ok"`} {
		if !strings.Contains(string(data), key) {
			t.Errorf("report lacks %s: %s", key, data)
		}
	}
}

// TestOutputOrder checks that outputs may refer to each other in any
// order: evaluation follows dependencies, results keep file order.
func TestOutputOrder(t *testing.T) {
	m := load(t, `name: order
inputs:
  users: 10M
outputs:
  peak: avg * factor
  avg: daily / day
  factor: 3
  daily: users * 10
`)
	r, err := m.Evaluate()
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, o := range r.outputs {
		got = append(got, o.Name+"="+o.Format(DisplayOptions{}))
	}
	if want := []string{"peak=3.472K/s", "avg=1.157K/s", "factor=3", "daily=100M"}; !slices.Equal(got, want) {
		t.Errorf("outputs %q, want %q", got, want)
	}
}

func TestOverride(t *testing.T) {
	m := loadFile(t, "testdata/url-shortener.yaml")
	ov, err := m.Override("new_urls", "1bn/day")
	if err != nil {
		t.Fatal(err)
	}
	if ov.Name != "new_urls" || ov.Text != "1bn/day" || !near(ov.Value.Value, 1e9/86400) || ov.Value.Dim != Rate {
		t.Errorf("Override = %+v", ov)
	}
	r, err := m.Evaluate(ov)
	if err != nil {
		t.Fatal(err)
	}
	if in := r.inputs[0]; !in.Overridden || in.Text != "1bn/day" {
		t.Errorf("input = %+v, want overridden by 1bn/day", in)
	}
	storage, _ := r.Output("storage")
	if got := storage.Format(r.DisplayOptions(false)); got != "365 TB" {
		t.Errorf("storage = %s, want 365 TB", got)
	}
	if n := len(r.Failed()); n != 3 {
		t.Errorf("%d expectations fail, want all 3", n)
	}
	if got, want := r.Explain(r.DisplayOptions(false))[2].String(), "records = new_urls * retention = (1bn/day) * 10 years = 3.65T"; got != want {
		t.Errorf("Explain: %q, want %q", got, want)
	}
	// The model is unchanged: evaluating without overrides gives the
	// file's values again.
	r, _ = m.Evaluate()
	if storage, _ := r.Output("storage"); storage.Value.Value != 36.5e12 {
		t.Errorf("storage after an override = %v, want 36.5e12", storage.Value.Value)
	}

	ov, err = m.ParseOverride(" retention = 5years ")
	if err != nil || ov.Name != "retention" || ov.Text != "5years" || ov.Value.Value != 5*365*86400 {
		t.Errorf("ParseOverride = %+v, %v", ov, err)
	}
}

func TestOverrideErrors(t *testing.T) {
	m := loadFile(t, "testdata/url-shortener.yaml")
	tests := []struct{ name, text, err, caret string }{
		{"new_urls", "1bn", "new_urls: 1bn is a plain number, but new_urls needs a rate (1/s)", ""},
		{"new_url", "1", `new_url: unknown input "new_url"; did you mean "new_urls"?`, ""},
		{"storage", "1 TB", "storage: storage is an output; only inputs can be set", ""},
		{"new_urls", "1bn / dya", `new_urls: unknown unit "dya"; did you mean "day"?`, "  1bn / dya\n        ^"},
		{"new_urls", "record_size / day", `new_urls: a value is a constant and cannot refer to "record_size"; make it an output`,
			"  record_size / day\n  ^"},
		{"new_urls", "1/0/day", "new_urls: division by zero", "  1/0/day\n   ^"},
		{"new_urls", "5 +", "new_urls: unexpected end of formula", "  5 +\n    ^"},
	}
	for _, tt := range tests {
		_, err := m.Override(tt.name, tt.text)
		if got := errString(err); got != tt.err {
			t.Errorf("Override(%s, %q): error\n\t%s\nwant\n\t%s", tt.name, tt.text, got, tt.err)
		}
		if got := caretOf(err); got != tt.caret {
			t.Errorf("Override(%s, %q): caret\n%s\nwant\n%s", tt.name, tt.text, got, tt.caret)
		}
	}
	if _, err := m.ParseOverride("new_urls"); errString(err) != `"new_urls": want name=value` {
		t.Errorf("ParseOverride(new_urls): %v", err)
	}
}

// caretOf is the caret of the first error in err.
func caretOf(err error) string {
	for _, e := range Errors(err) {
		if e, ok := e.(*Error); ok {
			return e.Caret()
		}
	}
	return ""
}

// TestEvalSlots exercises the fast path: slots by name, inputs set in
// place, outputs read back in base units.
func TestEvalSlots(t *testing.T) {
	m := loadFile(t, "testdata/url-shortener.yaml")
	in, ok := m.Slot("new_urls")
	if !ok || in != 0 {
		t.Fatalf("Slot(new_urls) = %d, %v", in, ok)
	}
	out, ok := m.Slot("storage")
	if !ok || out != 7 {
		t.Fatalf("Slot(storage) = %d, %v", out, ok)
	}
	if _, ok := m.Slot("nothing"); ok {
		t.Error("Slot(nothing) found a slot")
	}
	slots := m.Slots()
	if len(slots) != 8 || !near(slots[in], 1e8/86400) || slots[out] != 0 {
		t.Fatalf("Slots() = %v", slots)
	}
	for _, users := range []float64{1e8, 2e8, 5e8} {
		slots[in] = users / 86400
		if err := m.Eval(slots); err != nil {
			t.Fatal(err)
		}
		if want := users * 3650 * 100; !near(slots[out], want) {
			t.Errorf("new_urls %v/day: storage %v, want %v", users, slots[out], want)
		}
	}
	slots[in] = 0
	if err := m.Eval(slots); err != nil || slots[out] != 0 {
		t.Errorf("zero input: storage %v, %v", slots[out], err)
	}
}

// TestConcurrentEvaluate evaluates one Model from many goroutines with
// different overrides; run with -race.
func TestConcurrentEvaluate(t *testing.T) {
	m := loadFile(t, "testdata/url-shortener.yaml")
	var wg sync.WaitGroup
	for g := range 8 {
		wg.Go(func() {
			n := float64(g + 1)
			ov := Override{}
			var err error
			if ov, err = m.Override("read_write_ratio", strings.Repeat("1", g+1)); err != nil {
				t.Error(err)
				return
			}
			slots := m.Slots()
			for range 100 {
				r, err := m.Evaluate(ov)
				if err != nil {
					t.Error(err)
					return
				}
				if got, want := r.outputs[1].Value.Value, r.outputs[0].Value.Value*ov.Value.Value; got != want {
					t.Errorf("read_qps = %v, want %v", got, want)
				}
				slots[0] = n
				if err := m.Eval(slots); err != nil || slots[4] != n {
					t.Errorf("Eval: write_qps = %v, %v; want %v", slots[4], err, n)
				}
			}
		})
	}
	wg.Wait()
}

// TestExpectations checks tolerances: the default ±1%, one written after
// ±, one set in a mapping, and deviations.
func TestExpectations(t *testing.T) {
	m := load(t, `name: expect
inputs:
  x: 100
  zero: 0
outputs:
  y: x * 1.005
  z: zero
expect:
  x: 100
  y: 100
  z: 0
  zero:
    value: 1
    tolerance: 200%
`)
	r, err := m.Evaluate()
	if err != nil {
		t.Fatal(err)
	}
	want := []struct {
		name string
		ok   bool
		dev  string
	}{
		{"x", true, "0%"},
		{"y", true, "+0.5%"},
		{"z", true, "0%"},
		{"zero", true, "-100%"},
	}
	for i, w := range want {
		e := r.expect[i]
		if e.Name != w.name || e.OK != w.ok || FormatDeviation(e.Deviation) != w.dev {
			t.Errorf("expect[%d] = %s ok=%v %s, want %s ok=%v %s", i, e.Name, e.OK, FormatDeviation(e.Deviation), w.name, w.ok, w.dev)
		}
	}

	m = load(t, "name: e\ninputs:\n  x: 100\noutputs:\n  y: x * 1.005\n  z: y\nexpect:\n  y: 100 ± 0.1%\n  x: 0\n  z: 100 +- 1%\n")
	r, _ = m.Evaluate()
	if e := r.expect[0]; e.OK || e.Tolerance != 0.001 {
		t.Errorf("y expectation %+v, want one that fails at ± 0.1%%", e)
	}
	if e := r.expect[1]; e.OK || FormatDeviation(e.Deviation) != "n/a" {
		t.Errorf("x expectation %+v, want one that fails with no deviation", e)
	}
	if e := r.expect[2]; !e.OK || e.Tolerance != 0.01 || e.Text != "100" {
		t.Errorf("z expectation %+v, want 100 ± 1%% that holds", e)
	}
	if rep := r.Report(DisplayOptions{}); rep.Expect[1].Deviation != nil || rep.Expect[0].Deviation == nil {
		t.Errorf("report deviations %v, %v; want a number, then null", rep.Expect[0].Deviation, rep.Expect[1].Deviation)
	}
}

// TestExplain covers substitution: parentheses where the text holds an
// operator, outputs shown in their unit, functions left as they are.
func TestExplain(t *testing.T) {
	m := load(t, `name: explain
inputs:
  users: 10M
  size: 2 KiB
  ratio: 1e-3
  lat: 0.5 ms
outputs:
  per_user: size
  total:
    formula: users * per_user
    unit: GB
  hot: ceil(total / 1 GB) * ratio
  rounds: max(1, 1 s / lat)
  block: |
    total /
      users
  rate: total / day
  twice: rate * 2
`)
	r, err := m.Evaluate()
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		"per_user = size = 2 KiB = 2.048 KB",
		"total = users * per_user = 10M * 2.048 KB = 20.48 GB",
		"hot = ceil(total / 1 GB) * ratio = ceil(20.48 GB / 1 GB) * 1e-3 = 0.021",
		"rounds = max(1, 1 s / lat) = max(1, 1 s / 0.5 ms) = 2K",
		"block = total / users = 20.48 GB / 10M = 2.048 KB",
		// A byte rate substituted into another formula leaves out its bits.
		"rate = total / day = 20.48 GB / day = 237 KB/s (1.896 Mbit/s)",
		"twice = rate * 2 = (237 KB/s) * 2 = 474.1 KB/s (3.793 Mbit/s)",
	}
	var got []string
	for _, e := range r.Explain(r.DisplayOptions(false)) {
		got = append(got, e.String())
	}
	if !slices.Equal(got, want) {
		t.Errorf("Explain:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}
