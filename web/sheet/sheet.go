// Package sheet is what the web page computes with: a scenario loaded
// from its text, with inputs edited one by one, evaluated exactly after
// each edit and shown as plain data (every value formatted in its display
// unit, every problem as an estimate.ErrorData).
//
// It is ordinary Go, tested without a browser; web/wasm exposes it to
// JavaScript under GOOS=js GOARCH=wasm, where every value is computed
// locally, in the page.
//
// # Ranges and sweeps
//
// An input with a range ("50M to 150M", in the file or typed into a
// field) makes the sheet sample (Model.Simulate, Samples samples): each
// uncertain output's view then carries its median, its 90% interval and
// a histogram (DistributionView), and Sensitivity ranks the inputs that
// drive an output, for a bar chart. Sweep evaluates the headline outputs
// over an input's slider span, for a chart per output.
package sheet

import (
	"bytes"
	"errors"
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/envelope-cli/envelope/estimate"
	"github.com/envelope-cli/envelope/internal/render"
)

// A Sheet is a compiled scenario and the values its inputs are set to.
// It is not safe for use from several goroutines at once; the page has
// one.
type Sheet struct {
	file  string
	src   []byte
	model *estimate.Model
	set   map[string]estimate.Override
	texts map[string]string // what each edited input's field holds
	// shown caches each input's display by its text: formatting an exact
	// value costs as much as evaluating it, and an edit changes one input.
	shown map[string]string
	// samples is how many samples a scenario with ranges is drawn with;
	// 0 means PageSamples. last is the evaluation of the values as set,
	// kept until the next edit: a view, its working and its
	// sensitivities share one.
	samples int
	last    *evaluation
	// cache carries the draws of unchanged ranges from one edit's run to
	// the next; a run's samples live until the next (see evaluate).
	cache estimate.SampleCache
}

type evaluation struct {
	r   *estimate.Result
	err error
}

// A View is a sheet as the page shows it.
type View struct {
	File        string       `json:"file"`
	Name        string       `json:"name"`
	Title       string       `json:"title,omitempty"`
	Description string       `json:"description,omitempty"`
	Conventions string       `json:"conventions"`
	Inputs      []InputView  `json:"inputs"`
	Outputs     []OutputView `json:"outputs"`
	Expect      []ExpectView `json:"expect,omitempty"`
	// Errors are the problems of the evaluation (a division by zero, say),
	// placed in the file; the outputs are then those of the last good one.
	Errors []estimate.ErrorData `json:"errors,omitempty"`
	// Samples is the number of samples drawn, when an input has a range.
	Samples int `json:"samples,omitempty"`
}

// An InputView is an input's field and slider.
type InputView struct {
	Name        string `json:"name"`
	Text        string `json:"text"`    // as written in the file or the field
	Display     string `json:"display"` // its value in its display unit
	Description string `json:"description,omitempty"`
	Edited      bool   `json:"edited,omitempty"`
	Slider      Slider `json:"slider"`
	// Distribution is set for an input with a range.
	Distribution *DistributionView `json:"distribution,omitempty"`
}

// A Slider is the span a slider runs over, in the input's base units.
// A logarithmic one suits counts, sizes and rates, whose plausible values
// differ by orders of magnitude; a linear one suits small ratios.
type Slider struct {
	Log   bool    `json:"log"`
	Min   float64 `json:"min"`
	Max   float64 `json:"max"`
	Value float64 `json:"value"`
}

// An OutputView is an output's value in its display unit.
type OutputView struct {
	Name        string `json:"name"`
	Display     string `json:"display"`
	Formula     string `json:"formula"`
	Description string `json:"description,omitempty"`
	Headline    bool   `json:"headline,omitempty"`
	// Distribution is set for an output that depends on a range; Display
	// is then its median and 90% interval, as the CLI shows it.
	Distribution *DistributionView `json:"distribution,omitempty"`
}

// An ExpectView is one expectation, checked.
type ExpectView struct {
	Name string `json:"name"`
	OK   bool   `json:"ok"`
	Text string `json:"text"`
}

// Load compiles a scenario's text. Its errors are every problem of the
// file, each an *estimate.Error; see Errors.
func Load(file string, src []byte) (*Sheet, error) {
	m, err := estimate.Load(file, src, estimate.Options{})
	if err != nil {
		return nil, err
	}
	return &Sheet{file: file, src: slices.Clone(src), model: m,
		set: map[string]estimate.Override{}, texts: map[string]string{}, shown: map[string]string{}}, nil
}

// File returns the name the sheet's errors give its file.
func (s *Sheet) File() string { return s.file }

// Source returns the scenario's text as loaded, before any edit.
func (s *Sheet) Source() []byte { return s.src }

// Set gives an input a new value, any constant expression of its
// dimension ("200M/day", "2.5 KiB"). An empty text, or the text in the
// file, returns it to its value in the file. A bad value leaves the
// input as it was and returns the problem, its Path the input's name and
// its Column inside text.
func (s *Sheet) Set(name, text string) error {
	text = strings.TrimSpace(text)
	if in := s.input(name); in != nil && (text == "" || text == strings.TrimSpace(in.Value.Value)) {
		delete(s.set, name)
		delete(s.texts, name)
		s.last = nil
		return nil
	}
	o, err := s.model.Override(name, text)
	if err != nil {
		return err
	}
	s.set[name], s.texts[name] = o, text
	s.last = nil
	return nil
}

// Slide sets an input from a slider, to v in base units rounded to three
// significant digits, and returns the text it now holds: in the unit the
// file wrote it in where that can be told ("100M/day" slides to
// "231M/day"), or else in the best unit.
func (s *Sheet) Slide(name string, v float64) (string, error) {
	in := s.input(name)
	if in == nil {
		return "", &estimate.Error{Path: name, Msg: "unknown input " + quote(name)}
	}
	// The file's own value, checked as an override, has the input's
	// dimension: one constant compiled, not the whole model evaluated.
	file, err := s.model.Override(name, in.Value.Value)
	if err != nil {
		return "", err
	}
	text := s.inUnitOf(in.Value.Value, estimate.Quantity{Value: v, Dim: file.Value.Dim})
	if err := s.Set(name, text); err != nil {
		return "", err
	}
	return text, nil
}

// Overrides returns the edited inputs as "name=value", in file order.
func (s *Sheet) Overrides() []string {
	var all []string
	for _, in := range s.model.Scenario().Inputs {
		if t, ok := s.texts[in.Name]; ok {
			all = append(all, in.Name+"="+t)
		}
	}
	return all
}

// View evaluates the sheet and returns what the page shows.
func (s *Sheet) View() View {
	sc := s.model.Scenario()
	v := View{File: s.file, Name: sc.Name, Title: sc.Title, Description: sc.Description,
		Conventions: s.model.Conventions().String()}
	r, err := s.evaluate()
	if err != nil {
		v.Errors = Errors(err)
		// Show the file's values, so that the page still has its fields.
		if r, err = s.model.Simulate(estimate.SampleOptions{Samples: s.Samples()}); err != nil {
			return v
		}
	}
	o := r.DisplayOptions(false)
	sm := r.Sampling()
	if sm != nil {
		v.Samples = sm.Samples
	}
	for i, in := range r.Inputs() {
		key := fmt.Sprint(in.Name, "=", in.Text, "@", s.Samples())
		display, ok := s.shown[key]
		if !ok {
			if len(s.shown) > 4*len(sc.Inputs) {
				clear(s.shown) // a slider leaves many behind
			}
			display = in.Format(o)
			s.shown[key] = display
		}
		v.Inputs = append(v.Inputs, InputView{Name: in.Name, Text: in.Text, Display: display,
			Description: in.Description, Edited: in.Overridden, Slider: slider(in.Value, sc.Inputs[i]),
			Distribution: distributionView(sm, in.Name, in.Distribution, in.Unit, o, false)})
	}
	for _, out := range r.Outputs() {
		v.Outputs = append(v.Outputs, OutputView{Name: out.Name, Display: out.Format(o), Formula: out.Formula,
			Description: out.Description, Headline: slices.Contains(sc.Headline, out.Name),
			Distribution: distributionView(sm, out.Name, out.Distribution, out.Unit, o, true)})
	}
	for _, e := range r.Expect() {
		v.Expect = append(v.Expect, ExpectView{Name: e.Name, OK: e.OK,
			Text: fmt.Sprintf("%s is %s, expected %s ± %s", e.Name, e.Format(o), oneLine(e.Text), render.FormatPercentage(e.Tolerance))})
	}
	return v
}

// Explain returns the working of the named output, on one line:
// "storage_raw = records * record_size = 365bn * 100 B = 36.5 TB".
func (s *Sheet) Explain(name string) (string, error) {
	r, err := s.evaluate()
	if err != nil {
		return "", err
	}
	for _, e := range r.Explain(r.DisplayOptions(false)) {
		if e.Name == name {
			return e.String(), nil
		}
	}
	return "", &estimate.Error{Path: name, Msg: "unknown output " + quote(name)}
}

// Markdown renders the sheet as "envelope run -o markdown" does, with
// the edited inputs as --set would give them.
func (s *Sheet) Markdown() (string, error) {
	r, err := s.evaluate()
	if err != nil {
		return "", err
	}
	var b bytes.Buffer
	if err := render.Result(&b, r, render.Options{Format: "markdown"}); err != nil {
		return "", err
	}
	return b.String(), nil
}

// evaluate evaluates the values as set: exactly, or when an input has a
// range by sampling it (Model.Simulate), with Samples samples.
func (s *Sheet) evaluate() (*estimate.Result, error) {
	if s.last == nil {
		// The cache reuses the memory of the last run's samples, which
		// nothing holds once last is replaced.
		r, err := s.model.Simulate(estimate.SampleOptions{Samples: s.Samples(), Cache: &s.cache}, s.overrides()...)
		s.last = &evaluation{r, err}
	}
	return s.last.r, s.last.err
}

// overrides returns the edited inputs' values, in file order.
func (s *Sheet) overrides() []estimate.Override {
	ovs := make([]estimate.Override, 0, len(s.set))
	for _, in := range s.model.Scenario().Inputs {
		if o, ok := s.set[in.Name]; ok {
			ovs = append(ovs, o)
		}
	}
	return ovs
}

func (s *Sheet) input(name string) *estimate.Input {
	for _, in := range s.model.Scenario().Inputs {
		if in.Name == name {
			return in
		}
	}
	return nil
}

// inUnitOf writes q in the unit of written, a value such as "100M/day"
// or "500 KB": the longest start of it that is a plain number is taken
// for the number and the rest for the unit, if the rest has q's
// dimension. Otherwise q is written in its best unit.
func (s *Sheet) inUnitOf(written string, q estimate.Quantity) string {
	c := s.model.Conventions()
	best := estimate.Format(q, estimate.DisplayOptions{Digits: 3, Conventions: c})
	runes := []rune(strings.TrimSpace(written))
	for i := len(runes); i > 0; i-- {
		num, unit := string(runes[:i]), string(runes[i:])
		if runes[i-1] == ' ' {
			continue // the same split, one rune on
		}
		if strings.TrimSpace(unit) == "" {
			if i == len(runes) && q.Dim == (estimate.Dimension{}) {
				return best
			}
			continue
		}
		if _, err := estimate.ParseQuantity(num, estimate.Dimension{}, c); err != nil {
			continue
		}
		one, err := estimate.Calc("1 "+strings.TrimSpace(unit), c)
		if err != nil || one.Dim != q.Dim || one.Value <= 0 {
			continue
		}
		x := roundTo(q.Value/one.Value, 3)
		n := estimate.Format(estimate.Quantity{Value: x}, estimate.DisplayOptions{Digits: 3})
		if !strings.HasPrefix(unit, " ") && !strings.HasPrefix(unit, "/") && !strings.HasPrefix(unit, "*") {
			unit = " " + unit // "3KB" slid to 2.5K is "2.5K KB", not "2.5KKB"
		}
		// Taken only if it reads back as the value meant.
		if back, err := estimate.Calc(n+unit, c); err == nil && back.Dim == q.Dim &&
			math.Abs(back.Value-x*one.Value) <= 1e-9*math.Abs(x*one.Value) {
			return n + unit
		}
	}
	return best
}

// slider chooses a slider's span for an input's value: logarithmic, from
// a hundredth to a hundred times the value in the file, for counts,
// sizes, rates and durations; linear from 0 for small plain numbers
// (ratios, factors, fractions) and for zero or negative values.
func slider(v estimate.Quantity, in *estimate.Input) Slider {
	x := v.Value
	plain := v.Dim == (estimate.Dimension{})
	if x > 0 && !(plain && x <= 20) {
		return Slider{Log: true, Min: x / 100, Max: x * 100, Value: x}
	}
	hi := math.Max(4*math.Abs(x), 1)
	if plain && x > 0 && x <= 1 {
		hi = 1 // a fraction
	}
	return Slider{Min: math.Min(0, x), Max: hi, Value: x}
}

// roundTo rounds v to n significant digits.
func roundTo(v float64, n int) float64 {
	if v == 0 || math.IsInf(v, 0) || math.IsNaN(v) {
		return v
	}
	p := math.Pow(10, float64(n)-math.Ceil(math.Log10(math.Abs(v))))
	return math.Round(v*p) / p
}

// Errors returns every problem of err in machine-readable form. An error
// that is not an *estimate.Error becomes one of kind "internal".
func Errors(err error) []estimate.ErrorData {
	var all []estimate.ErrorData
	for _, e := range estimate.Errors(err) {
		var pe *estimate.Error
		if errors.As(e, &pe) {
			all = append(all, pe.Data())
		} else {
			all = append(all, estimate.ErrorData{Kind: "internal", Message: e.Error()})
		}
	}
	return all
}

func quote(s string) string { return `"` + s + `"` }

func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }
