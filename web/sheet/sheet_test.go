package sheet

import (
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/envelope-cli/envelope/estimate"
	"github.com/envelope-cli/envelope/internal/bench30"
	"github.com/envelope-cli/envelope/scenarios"
)

func load(t *testing.T, name string) *Sheet {
	t.Helper()
	src, err := scenarios.Source(name)
	if err != nil {
		t.Fatal(err)
	}
	s, err := Load(scenarios.FileName(name), src)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func output(v View, name string) string {
	for _, o := range v.Outputs {
		if o.Name == name {
			return o.Display
		}
	}
	return "(missing)"
}

func TestSetAndView(t *testing.T) {
	s := load(t, "url-shortener")
	if got := output(s.View(), "storage_raw"); got != "36.5 TB" {
		t.Errorf("storage_raw = %s, want 36.5 TB", got)
	}
	if err := s.Set("new_urls", "200M/day"); err != nil {
		t.Fatal(err)
	}
	v := s.View()
	if got := output(v, "storage_raw"); got != "73 TB" {
		t.Errorf("storage_raw = %s, want 73 TB", got)
	}
	if !v.Inputs[0].Edited || v.Inputs[0].Text != "200M/day" {
		t.Errorf("new_urls = %+v, want edited to 200M/day", v.Inputs[0])
	}
	if got := strings.Join(s.Overrides(), " "); got != "new_urls=200M/day" {
		t.Errorf("Overrides() = %q", got)
	}
	if err := s.Set("new_urls", ""); err != nil {
		t.Fatal(err)
	}
	if got := output(s.View(), "storage_raw"); got != "36.5 TB" {
		t.Errorf("after reset, storage_raw = %s, want 36.5 TB", got)
	}
}

func TestSetErrors(t *testing.T) {
	s := load(t, "url-shortener")
	for _, tc := range []struct{ name, text, kind, msg string }{
		{"new_urls", "200M/dya", "name", `unknown`},
		{"new_urls", "200 GB", "dimension", "new_urls needs"},
		{"new_urlz", "1", "name", `did you mean "new_urls"`},
		{"storage_raw", "1", "name", "is an output"},
	} {
		err := s.Set(tc.name, tc.text)
		es := Errors(err)
		if len(es) != 1 || es[0].Path != tc.name || !strings.Contains(es[0].Message, tc.msg) {
			t.Errorf("Set(%q, %q) = %+v, want one error at %s saying %q", tc.name, tc.text, es, tc.name, tc.msg)
		}
	}
	if got := output(s.View(), "storage_raw"); got != "36.5 TB" {
		t.Errorf("after bad values, storage_raw = %s, want 36.5 TB", got)
	}
}

func TestLoadErrorsArePlaced(t *testing.T) {
	_, err := Load("bad.yaml", []byte("name: bad\ninputs:\n  x: 1 GB\noutputs:\n  y: x + 1 s\n"))
	es := Errors(err)
	if len(es) != 1 || es[0].Line != 5 || es[0].Column == 0 || es[0].Kind != "dimension" {
		t.Errorf("errors = %+v, want one dimension error on line 5", es)
	}
}

func TestSlide(t *testing.T) {
	s := load(t, "url-shortener")
	for _, tc := range []struct {
		name string
		v    float64
		want string
	}{
		{"new_urls", 231e6 / 86400, "231M/day"},
		{"record_size", 2500, "2.5K B"},
		{"retention", 3 * 365 * 86400, "3 years"},
		{"read_write_ratio", 12.345, "12.3"},
	} {
		got, err := s.Slide(tc.name, tc.v)
		if err != nil || got != tc.want {
			t.Errorf("Slide(%s, %g) = %q, %v; want %q", tc.name, tc.v, got, err, tc.want)
		}
	}
}

func TestSliderSpans(t *testing.T) {
	v := load(t, "url-shortener").View()
	for _, in := range v.Inputs {
		sl := in.Slider
		if sl.Value < sl.Min || sl.Value > sl.Max {
			t.Errorf("%s: slider %+v does not hold its value", in.Name, sl)
		}
		wantLog := in.Name != "read_write_ratio" && in.Name != "peak_factor"
		if sl.Log != wantLog {
			t.Errorf("%s: slider log = %v, want %v", in.Name, sl.Log, wantLog)
		}
	}
}

func TestExplainAndMarkdown(t *testing.T) {
	s := load(t, "url-shortener")
	s.Set("new_urls", "200M/day")
	e, err := s.Explain("storage_raw")
	if err != nil || e != "storage_raw = records * record_size = 730bn * 100 B = 73 TB" {
		t.Errorf("Explain = %q, %v", e, err)
	}
	md, err := s.Markdown()
	if err != nil || !strings.Contains(md, "73 TB") || !strings.Contains(md, "|") {
		t.Errorf("Markdown = %q, %v", md, err)
	}
}

func TestYAMLReplacesEditedValues(t *testing.T) {
	s := load(t, "url-shortener")
	s.Set("new_urls", "200M/day")
	s.Set("read_write_ratio", "20")
	s.Set("record_size", "1: x") // refused: the field's text is not kept
	if err := s.Set("retention", "1 > 0 ? 5 years : 1 year"); err != nil {
		t.Fatal(err)
	}
	b, err := s.YAML()
	if err != nil {
		t.Fatal(err)
	}
	again, err := Load("again.yaml", b)
	if err != nil {
		t.Fatalf("the saved file does not load: %v\n%s", err, b)
	}
	v := again.View()
	if v.Inputs[0].Text != "200M/day" || v.Inputs[1].Text != "20" || v.Inputs[2].Text != "100 B" || v.Inputs[3].Text != "1 > 0 ? 5 years : 1 year" {
		t.Errorf("saved inputs = %+v", v.Inputs)
	}
	if !strings.Contains(string(b), "# the source multiplies") {
		t.Errorf("the saved file lost its comments:\n%s", b)
	}
	if got := output(v, "storage_raw"); got != "36.5 TB" { // 200M/day for 5 years
		t.Errorf("saved storage_raw = %s", got)
	}
	src := string(s.Source())
	want := strings.Replace(strings.Replace(src, "value: 100M/day", "value: 200M/day", 1), "value: 10\n", "value: 20\n", 1)
	want = strings.Replace(want, "value: 10 years", "value: '1 > 0 ? 5 years : 1 year'", 1)
	if string(b) != want {
		t.Errorf("the saved file changes more than the edited values:\n%s", b)
	}
}

// TestYAMLOfEveryPreset edits every input of every preset to a value of
// its own dimension, written another way, and checks that the saved file
// loads with the new values and keeps every other line.
func TestYAMLOfEveryPreset(t *testing.T) {
	for _, name := range scenarios.Names() {
		s := load(t, name)
		texts := map[string]string{}
		for _, in := range s.View().Inputs {
			text := "(" + in.Text + ") * 2"
			if err := s.Set(in.Name, text); err != nil {
				t.Fatalf("%s: %s: %v", name, in.Name, err)
			}
			texts[in.Name] = text
		}
		b, err := s.YAML()
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		again, err := Load(name+".yaml", b)
		if err != nil {
			t.Fatalf("%s: the saved file does not load: %v", name, err)
		}
		for _, in := range again.View().Inputs {
			if in.Text != texts[in.Name] {
				t.Errorf("%s: %s = %q, want %q", name, in.Name, in.Text, texts[in.Name])
			}
		}
		if strings.Count(string(b), "\n") != strings.Count(string(s.Source()), "\n") {
			t.Errorf("%s: the saved file has %d lines, the preset %d", name,
				strings.Count(string(b), "\n"), strings.Count(string(s.Source()), "\n"))
		}
	}
}

func TestPack(t *testing.T) {
	src, _ := scenarios.Source("twitter")
	got, err := Unpack(Pack(src))
	if err != nil || string(got) != string(src) {
		t.Errorf("Unpack(Pack(x)) != x: %v", err)
	}
	if _, err := Unpack("!!"); err == nil {
		t.Error("Unpack of a damaged link succeeded")
	}
	big := Pack(make([]byte, estimate.MaxFileSize+10))
	if _, err := Unpack(big); err == nil {
		t.Error("Unpack of a huge scenario succeeded")
	}
}

func TestEveryPresetViews(t *testing.T) {
	for _, name := range scenarios.Names() {
		v := load(t, name).View()
		if len(v.Errors) > 0 || len(v.Outputs) == 0 {
			t.Errorf("%s: %+v", name, v.Errors)
		}
	}
}

// loadBench30 loads the 30-output model of estimate's benchmarks, with
// its five ranges if ranged.
func loadBench30(b *testing.B, ranged bool) *Sheet {
	src, err := os.ReadFile(filepath.Join("..", "..", "estimate", "testdata", "bench30.yaml"))
	if err != nil {
		b.Fatal(err)
	}
	text := string(src)
	if ranged {
		if text, err = bench30.WithRanges(text); err != nil {
			b.Fatal(err)
		}
	}
	s, err := Load("bench30.yaml", []byte(text))
	if err != nil {
		b.Fatal(err)
	}
	return s
}

// BenchmarkSetView is one edit of the page on the 30-output model: set
// an input, evaluate exactly, format every value.
func BenchmarkSetView(b *testing.B) {
	s := loadBench30(b, false)
	vals := []string{"200M", "150M", "100M"}
	for i := 0; b.Loop(); i++ {
		if err := s.Set("users", vals[i%3]); err != nil {
			b.Fatal(err)
		}
		json.Marshal(s.View())
	}
}

// BenchmarkSetViewRanges is one edit of a range on the 30-output model
// with five ranges (estimate's BenchmarkMonteCarlo30x100K), at the page's
// PageSamples: set the range, sample, summarise every output with its
// histogram, format every value.
func BenchmarkSetViewRanges(b *testing.B) {
	s := loadBench30(b, true)
	vals := []string{"60M to 160M", "40M to 120M", "50M to 150M"}
	for i := 0; b.Loop(); i++ {
		if err := s.Set("users", vals[i%3]); err != nil {
			b.Fatal(err)
		}
		if v := s.View(); v.Samples != PageSamples || len(v.Errors) > 0 {
			b.Fatalf("%d samples, errors %v", v.Samples, v.Errors)
		}
	}
}

func TestSlideUnknownInput(t *testing.T) {
	s := load(t, "url-shortener")
	if _, err := s.Slide("storage_raw", 1); err == nil {
		t.Error("Slide of an output succeeded")
	}
}

func find(v View, name string) OutputView {
	for _, o := range v.Outputs {
		if o.Name == name {
			return o
		}
	}
	return OutputView{}
}

func TestRangeSamples(t *testing.T) {
	s := load(t, "url-shortener")
	if v := s.View(); v.Samples != 0 || find(v, "storage_raw").Distribution != nil {
		t.Fatalf("a scenario without ranges is sampled: %d samples", v.Samples)
	}
	if err := s.Set("new_urls", "50M/day to 150M/day"); err != nil {
		t.Fatal(err)
	}
	v := s.View()
	if v.Samples != PageSamples {
		t.Errorf("samples = %d, want %d", v.Samples, PageSamples)
	}
	out := find(v, "storage_raw")
	d := out.Distribution
	if d == nil {
		t.Fatalf("storage_raw has no distribution: %+v", out)
	}
	if !strings.Contains(out.Display, "(90%: ") || len(d.Bins) != estimate.HistogramBins || !(d.P5 < d.P50 && d.P50 < d.P95) {
		t.Errorf("storage_raw = %q, %+v", out.Display, d)
	}
	// The same text as the CLI: OutputValue.Format of Simulate's result.
	m, _ := scenarios.Load("url-shortener", estimate.Options{})
	ov, _ := m.Override("new_urls", "50M/day to 150M/day")
	r, err := m.Simulate(estimate.SampleOptions{Samples: PageSamples}, ov)
	if err != nil {
		t.Fatal(err)
	}
	for _, o := range r.Outputs() {
		if o.Name == "storage_raw" {
			if want := o.Format(r.DisplayOptions(false)); out.Display != want {
				t.Errorf("storage_raw shows %q, the CLI %q", out.Display, want)
			}
		}
	}
	inf, err := s.Sensitivity("storage_raw")
	if err != nil {
		t.Fatal(err)
	}
	if len(inf) != 1 || inf[0].Input != "new_urls" || inf[0].Swing <= 0 || inf[0].Low == "" {
		t.Errorf("Sensitivity(storage_raw) = %+v", inf)
	}
	if w, err := s.Explain("storage_raw"); err != nil || !strings.HasPrefix(w, "storage_raw = ") {
		t.Errorf("Explain = %q, %v", w, err)
	}
	s.SetSamples(estimate.DefaultSamples)
	if v := s.View(); v.Samples != estimate.DefaultSamples {
		t.Errorf("samples = %d, want %d", v.Samples, estimate.DefaultSamples)
	}
}

func TestSweep(t *testing.T) {
	s := load(t, "url-shortener")
	sw, err := s.Sweep("new_urls", 41)
	if err != nil {
		t.Fatal(err)
	}
	if !sw.Log || len(sw.X) != 41 || !sw.Confirmed || len(sw.Series) == 0 || len(sw.XTicks) < 2 {
		t.Fatalf("sweep = %+v", sw)
	}
	// The middle point is the file's value, 100M/day: storage_raw 36.5 TB.
	for _, se := range sw.Series {
		if se.Output == "storage_raw" && se.Text[20] != "36.5 TB" {
			t.Errorf("storage_raw at the middle = %q, want 36.5 TB", se.Text[20])
		}
		if len(se.Y) != 41 || len(se.YTicks) < 2 || se.YTicks[0].Label == "" {
			t.Errorf("%s: %d points, ticks %+v", se.Output, len(se.Y), se.YTicks)
		}
	}
	t.Logf("x ticks %+v; %s ticks %+v", sw.XTicks, sw.Series[0].Output, sw.Series[0].YTicks)
	if _, err := s.Sweep("nope", 10); err == nil {
		t.Error("a sweep of an unknown input is no error")
	}
}

// TestSensitivityAfterAnEdit: the page's sensitivity chart honours the
// edits, as its values do: with record_size edited to 1 KB, the swing of
// storage_raw is ten times the file's, and inputs that storage_raw does
// not read (peak_factor, given a range) are left out.
func TestSensitivityAfterAnEdit(t *testing.T) {
	s := load(t, "url-shortener")
	for name, text := range map[string]string{"new_urls": "50M/day to 150M/day", "record_size": "1 KB", "peak_factor": "2 to 4"} {
		if err := s.Set(name, text); err != nil {
			t.Fatal(err)
		}
	}
	s.SetSamples(20_000)
	inf, err := s.Sensitivity("storage_raw")
	if err != nil {
		t.Fatal(err)
	}
	if len(inf) != 1 || inf[0].Input != "new_urls" {
		t.Fatalf("Sensitivity(storage_raw) = %+v, want new_urls alone", inf)
	}
	// new_urls at its p5, 50M/day, for ten 365-day years, at 1 KB.
	if want := 50e6 * 3650 * 1000; math.Abs(inf[0].LowV-want) > 1e-9*want || inf[0].Low != "182 TB" {
		t.Errorf("storage_raw with new_urls at p5 = %v (%s), want %v", inf[0].LowV, inf[0].Low, want)
	}
}

// TestFailedSamplesInThePage: an output that some samples leave
// undefined says how many and why, as the CLI does.
func TestFailedSamplesInThePage(t *testing.T) {
	s, err := Load("f.yaml", []byte("name: f\ninputs:\n  a: normal(1, 1)\noutputs:\n  y: sqrt(a)\n  z: a * 2\n"))
	if err != nil {
		t.Fatal(err)
	}
	v := s.View()
	y, z := find(v, "y").Distribution, find(v, "z").Distribution
	if y == nil || y.Failed != "y: 15.93% of samples failed: square root of a negative number" || z == nil || z.Failed != "" {
		t.Errorf("y %+v, z %+v", y, z)
	}
}
