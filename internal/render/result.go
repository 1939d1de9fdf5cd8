package render

import (
	"encoding/csv"
	"fmt"
	"io"
	"math"
	"slices"
	"strconv"

	"github.com/envelope-cli/envelope/estimate"
)

// Options choose what of a result is shown, and how.
type Options struct {
	Format  string // one of Formats; "" is "table"
	Binary  bool   // bytes in IEC units where the file names no unit
	Explain bool   // the working: each formula with its values substituted
	Only    []string
	Inputs  []string // inputs to show; all when empty
	Color   bool     // ANSI colour in tables
	Width   int      // terminal columns that tables fit; 0 is table.DefaultWidth
	Digits  int      // significant digits shown; 0 is estimate.Significant
	// Histograms draws a text histogram beside each uncertain output,
	// for a terminal.
	Histograms bool
	// Probabilities and Sensitivity are what a Monte Carlo run was asked
	// for, computed by the caller (Sampling.Probability, .Sensitivity).
	Probabilities []Probability
	Sensitivity   []Sensitivity
}

// A View is a result prepared for rendering: the inputs and outputs
// that the options choose, and the display options they make.
type View struct {
	Result  *estimate.Result
	Options Options
	Display estimate.DisplayOptions
	Inputs  []estimate.InputValue
	Outputs []estimate.OutputValue
	// Explain is each output's working, by name, when the options ask
	// for it; nil otherwise.
	Explain map[string]estimate.Explanation
}

// NewView prepares r for rendering as opt says.
func NewView(r *estimate.Result, opt Options) *View {
	v := &View{Result: r, Options: opt, Display: r.DisplayOptions(opt.Binary)}
	v.Display.Digits = opt.Digits
	showIn, showOut := nameSet(opt.Inputs), nameSet(opt.Only)
	for _, in := range r.Inputs() {
		if showIn == nil || showIn[in.Name] {
			v.Inputs = append(v.Inputs, in)
		}
	}
	for _, out := range r.Outputs() {
		if showOut == nil || showOut[out.Name] {
			v.Outputs = append(v.Outputs, out)
		}
	}
	if opt.Explain {
		v.Explain = map[string]estimate.Explanation{}
		for _, e := range r.Explain(v.Display) {
			v.Explain[e.Name] = e
		}
	}
	return v
}

// nameSet returns the set of names, or nil for none: a name list of the
// command line may hold 10,000 names, each looked up in constant time.
func nameSet(names []string) map[string]bool {
	if len(names) == 0 {
		return nil
	}
	set := make(map[string]bool, len(names))
	for _, n := range names {
		set[n] = true
	}
	return set
}

// Result writes a result in the format opt chooses: markdown, csv,
// json or yaml. The terminal's tables are package table's, whose Result
// writes every format.
func Result(w io.Writer, r *estimate.Result, opt Options) error {
	v := NewView(r, opt)
	switch opt.Format {
	case "json":
		return JSON(w, v.report())
	case "yaml":
		return YAML(w, v.report())
	case "csv":
		return v.csv(w)
	case "markdown":
		return v.markdown(w)
	}
	return fmt.Errorf("render: no format %q here; package table writes tables", opt.Format)
}

// A Report is a result as data for JSON and YAML: the engine's report
// with the scenario's title, description and sources, so that a report
// says where its numbers come from.
type Report struct {
	Name        string                     `json:"name" yaml:"name"`
	Title       string                     `json:"title,omitempty" yaml:"title,omitempty"`
	Description string                     `json:"description,omitempty" yaml:"description,omitempty"`
	Sources     []string                   `json:"sources,omitempty" yaml:"sources,omitempty"`
	Conventions estimate.ConventionsReport `json:"conventions" yaml:"conventions"`
	Inputs      []estimate.InputReport     `json:"inputs" yaml:"inputs"`
	Outputs     []estimate.OutputReport    `json:"outputs" yaml:"outputs"`
	Expect      []estimate.ExpectReport    `json:"expect" yaml:"expect"`
	Published   []estimate.PublishedReport `json:"published,omitempty" yaml:"published,omitempty"`
	Warnings    []string                   `json:"warnings,omitempty" yaml:"warnings,omitempty"`
	// Sampling says how distributions were made, when there are ranges.
	Sampling      *SamplingReport              `json:"sampling,omitempty" yaml:"sampling,omitempty"`
	Probabilities []Probability                `json:"probabilities,omitempty" yaml:"probabilities,omitempty"`
	Sensitivity   map[string][]InfluenceReport `json:"sensitivity,omitempty" yaml:"sensitivity,omitempty"`
}

// NewReport returns the report of r limited to what opt shows.
func NewReport(r *estimate.Result, opt Options) Report { return NewView(r, opt).report() }

func (v *View) report() Report {
	rep := v.Result.Report(v.Display)
	shown := make(map[string]bool, len(v.Inputs)+len(v.Outputs))
	for _, in := range v.Inputs {
		shown[in.Name] = true
	}
	rep.Inputs = slices.DeleteFunc(rep.Inputs, func(i estimate.InputReport) bool { return !shown[i.Name] })
	clear(shown)
	for _, out := range v.Outputs {
		shown[out.Name] = true
	}
	rep.Outputs = slices.DeleteFunc(rep.Outputs, func(o estimate.OutputReport) bool { return !shown[o.Name] })
	for i := range rep.Outputs {
		if e, ok := v.Explain[rep.Outputs[i].Name]; ok {
			rep.Outputs[i].Substituted = e.Substituted
		}
	}
	s := v.Result.Model().Scenario()
	out := Report{Name: rep.Name, Title: s.Title, Description: s.Description, Sources: s.Sources,
		Conventions: rep.Conventions, Inputs: rep.Inputs, Outputs: rep.Outputs, Expect: rep.Expect, Published: rep.Published, Warnings: rep.Warnings}
	v.samplingReport(&out)
	return out
}

// markdown renders the same tables as GitHub-flavoured Markdown, ready to
// paste into a design doc, with the scenario's description and sources
// so that the numbers say where they come from.
func (v *View) markdown(w io.Writer) error {
	s := v.Result.Model().Scenario()
	title := s.Name
	if s.Title != "" {
		title = s.Title
	}
	fmt.Fprintf(w, "### %s\n\n", MarkdownText(title))
	if s.Description != "" {
		fmt.Fprintf(w, "%s\n\n", MarkdownText(s.Description))
	}
	in := Table{Header: []string{"Input", "As written", "Value", "Description"}}
	for _, i := range v.Inputs {
		name := Code(i.Name)
		if i.Overridden {
			name += " (set)"
		}
		in.Rows = append(in.Rows, []string{name, MarkdownText(i.Text), MarkdownText(i.Format(v.Display)), MarkdownText(i.Description)})
	}
	if err := in.Markdown(w); err != nil {
		return err
	}
	fmt.Fprintln(w)
	out := Table{Header: []string{"Output", "Value", "Formula", "Description"}}
	for _, o := range v.Outputs {
		formula := Code(o.Formula)
		if e, ok := v.Explain[o.Name]; ok && e.Substituted != e.Formula {
			formula += " = " + Code(e.Substituted)
		}
		out.Rows = append(out.Rows, []string{Code(o.Name), MarkdownText(o.Format(v.Display)), formula, MarkdownText(o.Description)})
	}
	if err := out.Markdown(w); err != nil {
		return err
	}
	if len(v.Result.Expect()) > 0 && !Overridden(v.Result) {
		fmt.Fprintln(w)
		ex := Table{Header: []string{"Expectation", "Actual", "Expected", "Deviation", "Holds"}}
		for _, e := range v.Result.Expect() {
			holds := "yes"
			if !e.OK {
				holds = "**no**"
			}
			name := Code(e.Name)
			if e.Stat != "" {
				name += " (" + e.Stat + ")"
			}
			ex.Rows = append(ex.Rows, []string{name, MarkdownText(e.Format(v.Display)),
				MarkdownText(e.Text + " ± " + FormatPercentage(e.Tolerance)),
				MarkdownText(estimate.FormatDeviation(e.Deviation)), holds})
		}
		if err := ex.Markdown(w); err != nil {
			return err
		}
	}
	if len(v.Result.Published()) > 0 && !Overridden(v.Result) {
		fmt.Fprintln(w)
		pt := Table{Header: []string{"Published", "Computed", "Source printed", "Deviation", "Note"}}
		for _, p := range v.Result.Published() {
			pt.Rows = append(pt.Rows, []string{Code(p.Name), MarkdownText(p.Format(v.Display)), MarkdownText(p.Text),
				MarkdownText(estimate.FormatDeviation(p.Deviation)), MarkdownText(p.Note)})
		}
		if err := pt.Markdown(w); err != nil {
			return err
		}
	}
	if len(s.Sources) > 0 {
		fmt.Fprintln(w, "\nSources:")
		fmt.Fprintln(w)
		for _, src := range s.Sources {
			fmt.Fprintf(w, "- %s\n", MarkdownText(src))
		}
	}
	if err := v.samplingMarkdown(w); err != nil {
		return err
	}
	_, err := fmt.Fprintf(w, "\nConventions: %s.\n", MarkdownText(v.Result.Conventions().String()))
	return err
}

// csv renders one row per value: section,name,value,unit,display,formula.
// The section of an input set on the command line is "input (set)".
// CSV is data: its fields are quoted as CSV needs, not escaped.
func (v *View) csv(w io.Writer) error {
	cw := csv.NewWriter(w)
	cw.Write([]string{"section", "name", "value", "unit", "display", "formula"})
	rep := v.report()
	for _, i := range rep.Inputs {
		section := "input"
		if i.Overridden {
			section = "input (set)"
		}
		cw.Write([]string{section, i.Name, FormatValue(i.Value), i.Unit, i.Display, i.Expression})
	}
	for _, o := range rep.Outputs {
		cw.Write([]string{"output", o.Name, FormatValue(o.Value), o.Unit, o.Display, o.Formula})
	}
	// An uncertain output's figures, one row each: the same numbers as
	// JSON's distribution, in base units.
	for _, o := range rep.Outputs {
		if d := o.Distribution; d != nil {
			for _, f := range []struct {
				name string
				v    float64
			}{{"mean", d.Mean}, {"sd", d.SD}, {"p5", d.P5}, {"p25", d.P25}, {"p50", d.P50}, {"p75", d.P75}, {"p95", d.P95}} {
				cw.Write([]string{"distribution", o.Name + "." + f.name, FormatValue(f.v), o.Unit, "", ""})
			}
		}
	}
	// And the samples that leave a value undefined, counted.
	for _, l := range v.failedRows() {
		cw.Write(l)
	}
	for _, p := range v.Options.Probabilities {
		cw.Write([]string{"probability", p.Condition, FormatValue(p.Probability), "1", p.Share(), p.Condition})
	}
	for _, sens := range v.Options.Sensitivity {
		for _, inf := range sens.Influences {
			unit := inf.Low.Dim.String()
			cw.Write([]string{"sensitivity", sens.Output + "." + inf.Input + ".at_p5", csvValue(inf.Low.Value), unit, InfluenceFigure(inf.Low, v.Display), ""})
			cw.Write([]string{"sensitivity", sens.Output + "." + inf.Input + ".at_p95", csvValue(inf.High.Value), unit, InfluenceFigure(inf.High, v.Display), ""})
			cw.Write([]string{"sensitivity", sens.Output + "." + inf.Input + ".spearman", FormatValue(inf.Spearman), "1", fmt.Sprintf("%.2f", inf.Spearman), ""})
		}
	}
	for _, p := range v.Result.Published() {
		cw.Write([]string{"published", p.Name, FormatValue(p.Published.Value), p.Published.Dim.String(), p.FormatPublished(v.Display), p.Text})
	}
	cw.Flush()
	return cw.Error()
}

// Overridden reports whether any input was set on the command line,
// which makes the file's expectations moot.
func Overridden(r *estimate.Result) bool {
	return slices.ContainsFunc(r.Inputs(), func(i estimate.InputValue) bool { return i.Overridden })
}

// csvValue is FormatValue, or empty for NaN, a value undefined.
func csvValue(v float64) string {
	if math.IsNaN(v) {
		return ""
	}
	return FormatValue(v)
}

// FormatValue writes a base-unit value so that it reads back exactly, in
// the same form as JSON numbers: plain digits unless very large or small.
func FormatValue(v float64) string {
	if a := math.Abs(v); a != 0 && (a < 1e-6 || a >= 1e21) {
		return strconv.FormatFloat(v, 'e', -1, 64)
	}
	return strconv.FormatFloat(v, 'f', -1, 64)
}

// FormatPercentage shows a fraction as a percentage: 0.001 as "0.1%".
func FormatPercentage(f float64) string { return strconv.FormatFloat(f*100, 'g', -1, 64) + "%" }
