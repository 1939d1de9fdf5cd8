package render

import (
	"encoding/csv"
	"fmt"
	"io"
	"math"
	"slices"
	"strconv"
	"strings"
	"text/tabwriter"

	"github.com/envelope-cli/envelope/estimate"
)

// Formats are the formats a scenario's result renders in.
var Formats = []string{"table", "markdown", "csv", "json", "yaml"}

// Options choose what of a result is shown, and how.
type Options struct {
	Format  string // one of Formats; "" is "table"
	Binary  bool   // bytes in IEC units where the file names no unit
	Explain bool   // the working: each formula with its values substituted
	Only    []string
	Inputs  []string // inputs to show; all when empty
	Color   bool     // ANSI colour in tables
	Width   int      // terminal columns that tables fit; 0 is DefaultWidth
	Digits  int      // significant digits shown; 0 is estimate.Significant
	// Histograms draws a text histogram beside each uncertain output,
	// for a terminal.
	Histograms bool
	// Probabilities and Sensitivity are what a Monte Carlo run was asked
	// for, computed by the caller (Sampling.Probability, .Sensitivity).
	Probabilities []Probability
	Sensitivity   []Sensitivity
}

// DescriptionWidth is the widest a description column grows before it
// wraps, however wide the terminal: prose reads badly in long lines.
const DescriptionWidth = 48

// A view is a result prepared for rendering: the inputs and outputs
// chosen, displays made under the chosen options.
type view struct {
	r       *estimate.Result
	opt     Options
	o       estimate.DisplayOptions
	inputs  []estimate.InputValue
	outputs []estimate.OutputValue
	explain map[string]estimate.Explanation
}

func newView(r *estimate.Result, opt Options) *view {
	v := &view{r: r, opt: opt, o: r.DisplayOptions(opt.Binary)}
	v.o.Digits = opt.Digits
	showIn, showOut := nameSet(opt.Inputs), nameSet(opt.Only)
	for _, in := range r.Inputs() {
		if showIn == nil || showIn[in.Name] {
			v.inputs = append(v.inputs, in)
		}
	}
	for _, out := range r.Outputs() {
		if showOut == nil || showOut[out.Name] {
			v.outputs = append(v.outputs, out)
		}
	}
	if opt.Explain {
		v.explain = map[string]estimate.Explanation{}
		for _, e := range r.Explain(v.o) {
			v.explain[e.Name] = e
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

// Result writes a result in the format opt chooses.
func Result(w io.Writer, r *estimate.Result, opt Options) error {
	v := newView(r, opt)
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
	return v.table(w)
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
func NewReport(r *estimate.Result, opt Options) Report { return newView(r, opt).report() }

func (v *view) report() Report {
	rep := v.r.Report(v.o)
	shown := make(map[string]bool, len(v.inputs)+len(v.outputs))
	for _, in := range v.inputs {
		shown[in.Name] = true
	}
	rep.Inputs = slices.DeleteFunc(rep.Inputs, func(i estimate.InputReport) bool { return !shown[i.Name] })
	clear(shown)
	for _, out := range v.outputs {
		shown[out.Name] = true
	}
	rep.Outputs = slices.DeleteFunc(rep.Outputs, func(o estimate.OutputReport) bool { return !shown[o.Name] })
	for i := range rep.Outputs {
		if e, ok := v.explain[rep.Outputs[i].Name]; ok {
			rep.Outputs[i].Substituted = e.Substituted
		}
	}
	s := v.r.Model().Scenario()
	out := Report{Name: rep.Name, Title: s.Title, Description: s.Description, Sources: s.Sources,
		Conventions: rep.Conventions, Inputs: rep.Inputs, Outputs: rep.Outputs, Expect: rep.Expect, Published: rep.Published, Warnings: rep.Warnings}
	v.samplingReport(&out)
	return out
}

// table renders the inputs and outputs as terminal tables, the working
// when asked, the expectations, and the conventions used.
func (v *view) table(w io.Writer) error {
	s := v.r.Model().Scenario()
	title := s.Name
	if s.Title != "" {
		title = s.Title + " (" + s.Name + ")"
	}
	fmt.Fprintln(w, Paint(v.opt.Color, Bold, Escape(title)))
	fmt.Fprintln(w)
	in := Table{Header: []string{"input", "as written", "value", "description"}, Caps: []int{3: DescriptionWidth}}
	for _, i := range v.inputs {
		in.Rows = append(in.Rows, []string{inputName(i), oneLine(i.Text), i.Format(v.o), oneLine(i.Description)})
	}
	if err := in.Terminal(w, v.opt.Width); err != nil {
		return err
	}
	fmt.Fprintln(w)
	out := Table{Header: []string{"output", "value", "formula", "description"}, Caps: []int{3: DescriptionWidth}}
	hist := v.opt.Histograms && v.r.Sampling() != nil
	if hist {
		out.Header = []string{"output", "value", "5%–95%", "formula", "description"}
		out.Caps = []int{4: DescriptionWidth}
	}
	for _, o := range v.outputs {
		row := []string{o.Name, o.Format(v.o), oneLine(o.Formula), oneLine(o.Description)}
		if hist {
			h := ""
			if o.Distribution != nil {
				if bins, _, ok := v.r.Sampling().Histogram(o.Name, *o.Distribution); ok {
					h = Histogram(bins)
				}
			}
			row = []string{o.Name, o.Format(v.o), h, oneLine(o.Formula), oneLine(o.Description)}
		}
		out.Rows = append(out.Rows, row)
	}
	if err := out.Terminal(w, v.opt.Width); err != nil {
		return err
	}
	if v.explain != nil {
		fmt.Fprintln(w)
		fmt.Fprintln(w, Paint(v.opt.Color, Bold, "working"))
		for _, o := range v.outputs {
			Explanation(w, v.explain[o.Name])
		}
	}
	if len(v.r.Expect()) > 0 && !overridden(v.r) {
		fmt.Fprintln(w)
		fmt.Fprintln(w, Paint(v.opt.Color, Bold, "expectations"))
		Expectations(w, v.r.Expect(), v.o, v.opt.Color)
	}
	if len(v.r.Published()) > 0 && !overridden(v.r) {
		fmt.Fprintln(w)
		fmt.Fprintln(w, Paint(v.opt.Color, Bold, "published"))
		PublishedFigures(w, v.r.Published(), v.o)
	}
	if err := v.samplingTables(w); err != nil {
		return err
	}
	_, err := fmt.Fprintf(w, "\nconventions: %s\n", v.r.Conventions())
	return err
}

// Explanation writes one output's working, a step a line:
//
//	read_qps = write_qps * read_write_ratio
//	         = (1.157K/s) * 10
//	         = 11.57K/s
func Explanation(w io.Writer, e estimate.Explanation) {
	name := Escape(e.Name)
	pad := strings.Repeat(" ", Width(name))
	formula, substituted := Escape(oneLine(e.Formula)), Escape(oneLine(e.Substituted))
	fmt.Fprintf(w, "  %s = %s\n", name, formula)
	if substituted != formula {
		fmt.Fprintf(w, "  %s = %s\n", pad, substituted)
	}
	fmt.Fprintf(w, "  %s = %s\n", pad, Escape(e.Result))
}

// oneLine joins the lines of a formula written as a YAML block.
func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

func inputName(i estimate.InputValue) string {
	if i.Overridden {
		return i.Name + " (set)"
	}
	return i.Name
}

// markdown renders the same tables as GitHub-flavoured Markdown, ready to
// paste into a design doc, with the scenario's description and sources
// so that the numbers say where they come from.
func (v *view) markdown(w io.Writer) error {
	s := v.r.Model().Scenario()
	title := s.Name
	if s.Title != "" {
		title = s.Title
	}
	fmt.Fprintf(w, "### %s\n\n", MarkdownText(title))
	if s.Description != "" {
		fmt.Fprintf(w, "%s\n\n", MarkdownText(s.Description))
	}
	in := Table{Header: []string{"Input", "As written", "Value", "Description"}}
	for _, i := range v.inputs {
		name := Code(i.Name)
		if i.Overridden {
			name += " (set)"
		}
		in.Rows = append(in.Rows, []string{name, MarkdownText(i.Text), MarkdownText(i.Format(v.o)), MarkdownText(i.Description)})
	}
	if err := in.Markdown(w); err != nil {
		return err
	}
	fmt.Fprintln(w)
	out := Table{Header: []string{"Output", "Value", "Formula", "Description"}}
	for _, o := range v.outputs {
		formula := Code(o.Formula)
		if e, ok := v.explain[o.Name]; ok && e.Substituted != e.Formula {
			formula += " = " + Code(e.Substituted)
		}
		out.Rows = append(out.Rows, []string{Code(o.Name), MarkdownText(o.Format(v.o)), formula, MarkdownText(o.Description)})
	}
	if err := out.Markdown(w); err != nil {
		return err
	}
	if len(v.r.Expect()) > 0 && !overridden(v.r) {
		fmt.Fprintln(w)
		ex := Table{Header: []string{"Expectation", "Actual", "Expected", "Deviation", "Holds"}}
		for _, e := range v.r.Expect() {
			holds := "yes"
			if !e.OK {
				holds = "**no**"
			}
			name := Code(e.Name)
			if e.Stat != "" {
				name += " (" + e.Stat + ")"
			}
			ex.Rows = append(ex.Rows, []string{name, MarkdownText(e.Format(v.o)),
				MarkdownText(e.Text + " ± " + FormatPercentage(e.Tolerance)),
				MarkdownText(estimate.FormatDeviation(e.Deviation)), holds})
		}
		if err := ex.Markdown(w); err != nil {
			return err
		}
	}
	if len(v.r.Published()) > 0 && !overridden(v.r) {
		fmt.Fprintln(w)
		pt := Table{Header: []string{"Published", "Computed", "Source printed", "Deviation", "Note"}}
		for _, p := range v.r.Published() {
			pt.Rows = append(pt.Rows, []string{Code(p.Name), MarkdownText(p.Format(v.o)), MarkdownText(p.Text),
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
	_, err := fmt.Fprintf(w, "\nConventions: %s.\n", MarkdownText(v.r.Conventions().String()))
	return err
}

// csv renders one row per value: section,name,value,unit,display,formula.
// The section of an input set on the command line is "input (set)".
// CSV is data: its fields are quoted as CSV needs, not escaped.
func (v *view) csv(w io.Writer) error {
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
	for _, p := range v.opt.Probabilities {
		cw.Write([]string{"probability", p.Condition, FormatValue(p.Probability), "1", p.share(), p.Condition})
	}
	for _, sens := range v.opt.Sensitivity {
		for _, inf := range sens.Influences {
			unit := inf.Low.Dim.String()
			cw.Write([]string{"sensitivity", sens.Output + "." + inf.Input + ".at_p5", csvValue(inf.Low.Value), unit, influenceFigure(inf.Low, v.o), ""})
			cw.Write([]string{"sensitivity", sens.Output + "." + inf.Input + ".at_p95", csvValue(inf.High.Value), unit, influenceFigure(inf.High, v.o), ""})
			cw.Write([]string{"sensitivity", sens.Output + "." + inf.Input + ".spearman", FormatValue(inf.Spearman), "1", fmt.Sprintf("%.2f", inf.Spearman), ""})
		}
	}
	for _, p := range v.r.Published() {
		cw.Write([]string{"published", p.Name, FormatValue(p.Published.Value), p.Published.Dim.String(), p.FormatPublished(v.o), p.Text})
	}
	cw.Flush()
	return cw.Error()
}

// overridden reports whether any input was set on the command line, which
// makes the file's expectations moot.
func overridden(r *estimate.Result) bool {
	return slices.ContainsFunc(r.Inputs(), func(i estimate.InputValue) bool { return i.Overridden })
}

// Expectations writes each expectation with its actual value, what was
// expected, and the deviation, in aligned columns.
func Expectations(w io.Writer, es []estimate.ExpectResult, o estimate.DisplayOptions, color bool) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	for _, e := range es {
		mark := Paint(color, Green, "ok")
		if !e.OK {
			mark = Paint(color, Red, "FAIL")
		}
		name := Escape(e.Name)
		if e.Stat != "" {
			name += " (" + e.Stat + ")"
		}
		fmt.Fprintf(tw, "  %s\t%s\t%s\texpected %s ± %s\t%s\n", mark, name,
			e.Format(o), Escape(oneLine(e.Text)),
			FormatPercentage(e.Tolerance), estimate.FormatDeviation(e.Deviation))
	}
	return tw.Flush()
}

// PublishedFigures writes each published figure beside the value
// computed, with the deviation and the note; they are information, never
// a failure.
func PublishedFigures(w io.Writer, ps []estimate.PublishedResult, o estimate.DisplayOptions) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	for _, p := range ps {
		fmt.Fprintf(tw, "  note\t%s\t%s\tpublished %s\t%s\n", Escape(p.Name), p.Format(o),
			Escape(oneLine(p.Text)), estimate.FormatDeviation(p.Deviation))
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	// The notes follow, each under its figure, wrapped to fit 80 columns.
	for _, p := range ps {
		if p.Note == "" {
			continue
		}
		for i, line := range Wrap(Escape(oneLine(p.Note)), 72) {
			lead := "        "
			if i == 0 {
				lead = "  " + Escape(p.Name) + ": "
				if Width(lead) > 8 {
					fmt.Fprintln(w, strings.TrimRight(lead, " "))
					lead = "        "
				}
			}
			fmt.Fprintln(w, lead+line)
		}
	}
	return nil
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
