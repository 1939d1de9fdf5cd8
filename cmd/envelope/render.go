package main

import (
	"encoding/csv"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/envelope-cli/envelope/estimate"
	"github.com/olekukonko/tablewriter"
	"github.com/olekukonko/tablewriter/renderer"
	"github.com/olekukonko/tablewriter/tw"
	"github.com/spf13/cobra"
	"go.yaml.in/yaml/v3"
)

// view is a result prepared for rendering: the outputs chosen with --only,
// displays made under the chosen options.
type view struct {
	r       *estimate.Result
	o       estimate.DisplayOptions
	inputs  []estimate.InputValue
	outputs []estimate.OutputValue
	explain map[string]estimate.Explanation
	color   bool
}

func newView(cmd *cobra.Command, r *estimate.Result, f *evalFlags) *view {
	v := &view{r: r, o: r.DisplayOptions(f.binary), color: useColor(cmd.OutOrStdout())}
	for _, in := range r.Inputs {
		if len(f.inputs) == 0 || slices.Contains(f.inputs, in.Name) {
			v.inputs = append(v.inputs, in)
		}
	}
	for _, out := range r.Outputs {
		if len(f.only) == 0 || slices.Contains(f.only, out.Name) {
			v.outputs = append(v.outputs, out)
		}
	}
	if f.explain {
		v.explain = map[string]estimate.Explanation{}
		for _, e := range r.Explain(v.o) {
			v.explain[e.Name] = e
		}
	}
	return v
}

// renderResult writes a result in the format chosen with -o.
func renderResult(cmd *cobra.Command, r *estimate.Result, f *evalFlags) error {
	v := newView(cmd, r, f)
	w := cmd.OutOrStdout()
	switch f.output.value {
	case "json":
		return writeJSON(w, v.report())
	case "yaml":
		return writeYAML(w, v.report())
	case "csv":
		return v.csv(w)
	case "markdown":
		return v.markdown(w)
	}
	return v.table(w)
}

// report is the result as data, limited to the inputs and outputs shown.
func (v *view) report() estimate.Report {
	rep := v.r.Report(v.o)
	rep.Inputs = slices.DeleteFunc(rep.Inputs, func(i estimate.InputReport) bool {
		return !slices.ContainsFunc(v.inputs, func(s estimate.InputValue) bool { return s.Name == i.Name })
	})
	rep.Outputs = slices.DeleteFunc(rep.Outputs, func(o estimate.OutputReport) bool {
		return !slices.ContainsFunc(v.outputs, func(s estimate.OutputValue) bool { return s.Name == o.Name })
	})
	for i := range rep.Outputs {
		if e, ok := v.explain[rep.Outputs[i].Name]; ok {
			rep.Outputs[i].Substituted = e.Substituted
		}
	}
	return rep
}

func writeYAML(w io.Writer, data any) error {
	enc := yaml.NewEncoder(w)
	enc.SetIndent(2)
	if err := enc.Encode(data); err != nil {
		return err
	}
	return enc.Close()
}

// table renders the inputs and outputs as terminal tables, the working
// when asked, the expectations, and the conventions used.
func (v *view) table(w io.Writer) error {
	s := v.r.Model.Scenario
	title := s.Name
	if s.Title != "" {
		title = s.Title + " (" + s.Name + ")"
	}
	fmt.Fprintln(w, v.bold(title))
	fmt.Fprintln(w)
	in := newTable(w, nil, "input", "as written", "value", "description")
	for _, i := range v.inputs {
		in.Append(inputName(i), i.Text, i.Format(v.o), wrap(i.Description, maxColumn))
	}
	if err := in.Render(); err != nil {
		return err
	}
	fmt.Fprintln(w)
	out := newTable(w, nil, "output", "value", "formula", "description")
	for _, o := range v.outputs {
		out.Append(o.Name, o.Format(v.o), o.Formula, wrap(o.Description, maxColumn))
	}
	if err := out.Render(); err != nil {
		return err
	}
	if v.explain != nil {
		fmt.Fprintln(w)
		fmt.Fprintln(w, v.bold("working"))
		for _, o := range v.outputs {
			writeExplanation(w, v.explain[o.Name])
		}
	}
	if len(v.r.Expect) > 0 && !v.overridden() {
		fmt.Fprintln(w)
		fmt.Fprintln(w, v.bold("expectations"))
		writeExpectations(w, v.r.Expect, v.o, v.color)
	}
	fmt.Fprintf(w, "\nconventions: %s\n", v.r.Conventions)
	return nil
}

// writeExplanation shows one output's working, a step a line:
//
//	read_qps = write_qps * read_write_ratio
//	         = (1.157K/s) * 10
//	         = 11.57K/s
func writeExplanation(w io.Writer, e estimate.Explanation) {
	pad := strings.Repeat(" ", len(e.Name))
	formula, substituted := oneLine(e.Formula), oneLine(e.Substituted)
	fmt.Fprintf(w, "  %s = %s\n", e.Name, formula)
	if substituted != formula {
		fmt.Fprintf(w, "  %s = %s\n", pad, substituted)
	}
	fmt.Fprintf(w, "  %s = %s\n", pad, e.Result)
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
// paste into a design doc.
func (v *view) markdown(w io.Writer) error {
	s := v.r.Model.Scenario
	title := s.Name
	if s.Title != "" {
		title = s.Title
	}
	fmt.Fprintf(w, "### %s\n\n", mdEscape(title))
	md := tablewriter.WithRenderer(renderer.NewMarkdown())
	in := newTable(w, md, "Input", "As written", "Value", "Description")
	for _, i := range v.inputs {
		name := "`" + i.Name + "`"
		if i.Overridden {
			name += " (set)"
		}
		in.Append(name, mdEscape(i.Text), mdEscape(i.Format(v.o)), mdEscape(i.Description))
	}
	if err := in.Render(); err != nil {
		return err
	}
	fmt.Fprintln(w)
	out := newTable(w, md, "Output", "Value", "Formula", "Description")
	for _, o := range v.outputs {
		formula := "`" + mdEscape(o.Formula) + "`"
		if e, ok := v.explain[o.Name]; ok && e.Substituted != e.Formula {
			formula += " = " + mdEscape(e.Substituted)
		}
		out.Append("`"+o.Name+"`", mdEscape(o.Format(v.o)), formula, mdEscape(o.Description))
	}
	if err := out.Render(); err != nil {
		return err
	}
	if len(v.r.Expect) > 0 && !v.overridden() {
		fmt.Fprintln(w)
		ex := newTable(w, md, "Expectation", "Actual", "Expected", "Deviation", "Holds")
		for _, e := range v.r.Expect {
			holds := "yes"
			if !e.OK {
				holds = "**no**"
			}
			ex.Append("`"+e.Name+"`", mdEscape(e.Format(v.o)), mdEscape(e.Text)+" ± "+formatPercentage(e.Tolerance),
				estimate.FormatDeviation(e.Deviation), holds)
		}
		if err := ex.Render(); err != nil {
			return err
		}
	}
	fmt.Fprintf(w, "\nConventions: %s.\n", v.r.Conventions)
	return nil
}

// mdEscape keeps text from breaking a Markdown table cell.
func mdEscape(s string) string {
	s = strings.ReplaceAll(s, "|", `\|`)
	return strings.Join(strings.Fields(s), " ")
}

// csv renders one row per value: section,name,value,unit,display,formula.
// The section of an input set on the command line is "input (set)".
func (v *view) csv(w io.Writer) error {
	cw := csv.NewWriter(w)
	cw.Write([]string{"section", "name", "value", "unit", "display", "formula"})
	rep := v.report()
	for _, i := range rep.Inputs {
		section := "input"
		if i.Overridden {
			section = "input (set)"
		}
		cw.Write([]string{section, i.Name, formatValue(i.Value), i.Unit, i.Display, i.Expression})
	}
	for _, o := range rep.Outputs {
		cw.Write([]string{"output", o.Name, formatValue(o.Value), o.Unit, o.Display, o.Formula})
	}
	cw.Flush()
	return cw.Error()
}

// maxColumn is the widest a description grows before it wraps, so that a
// table fits a terminal.
const maxColumn = 48

// wrap breaks text into lines of at most width runes, at spaces.
func wrap(text string, width int) string {
	var b strings.Builder
	n := 0
	for _, word := range strings.Fields(text) {
		l := len([]rune(word))
		switch {
		case n == 0:
		case n+1+l > width:
			b.WriteByte('\n')
			n = 0
		default:
			b.WriteByte(' ')
			n++
		}
		b.WriteString(word)
		n += l
	}
	return b.String()
}

// newTable makes a table with plain headers, left-aligned, with long
// descriptions wrapped.
func newTable(w io.Writer, opt tablewriter.Option, header ...any) *tablewriter.Table {
	opts := []tablewriter.Option{
		tablewriter.WithHeaderAutoFormat(tw.Off),
		tablewriter.WithHeaderAlignment(tw.AlignLeft),
		tablewriter.WithRowAlignment(tw.AlignLeft),
		tablewriter.WithRowAutoWrap(tw.WrapNone),
	}
	if opt != nil {
		opts = append(opts, opt)
	}
	t := tablewriter.NewTable(w, opts...)
	t.Header(header...)
	return t
}

// overridden reports whether any input was set on the command line, which
// makes the file's expectations moot.
func (v *view) overridden() bool {
	for _, i := range v.r.Inputs {
		if i.Overridden {
			return true
		}
	}
	return false
}
