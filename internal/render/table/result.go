package table

import (
	"fmt"
	"io"
	"strings"

	"github.com/envelope-cli/envelope/estimate"
	"github.com/envelope-cli/envelope/internal/render"
)

// Formats are the formats a scenario's result renders in: a table for
// a terminal, the default, or one of package render's.
var Formats = []string{"table", "markdown", "csv", "json", "yaml"}

// DescriptionWidth is the widest a description column grows before it
// wraps, however wide the terminal: prose reads badly in long lines.
const DescriptionWidth = 48

// Result writes a result in the format opt chooses: as tables for a
// terminal, or in a format of package render's (markdown, csv, json,
// yaml) as render.Result writes it.
func Result(w io.Writer, r *estimate.Result, opt render.Options) error {
	switch opt.Format {
	case "json", "yaml", "csv", "markdown":
		return render.Result(w, r, opt)
	}
	return write(w, render.NewView(r, opt))
}

// write writes the inputs and outputs as terminal tables, the working
// when asked, the expectations, and the conventions used.
func write(w io.Writer, v *render.View) error {
	s := v.Result.Model().Scenario()
	title := s.Name
	if s.Title != "" {
		title = s.Title + " (" + s.Name + ")"
	}
	fmt.Fprintln(w, Paint(v.Options.Color, Bold, render.Escape(title)))
	fmt.Fprintln(w)
	in := render.Table{Header: []string{"input", "as written", "value", "description"}, Caps: []int{3: DescriptionWidth}}
	for _, i := range v.Inputs {
		in.Rows = append(in.Rows, []string{inputName(i), oneLine(i.Text), i.Format(v.Display), oneLine(i.Description)})
	}
	if err := Write(w, in, v.Options.Width); err != nil {
		return err
	}
	fmt.Fprintln(w)
	out := render.Table{Header: []string{"output", "value", "formula", "description"}, Caps: []int{3: DescriptionWidth}}
	hist := v.Options.Histograms && v.Result.Sampling() != nil
	if hist {
		out.Header = []string{"output", "value", "5%–95%", "formula", "description"}
		out.Caps = []int{4: DescriptionWidth}
	}
	for _, o := range v.Outputs {
		row := []string{o.Name, o.Format(v.Display), oneLine(o.Formula), oneLine(o.Description)}
		if hist {
			h := ""
			if o.Distribution != nil {
				if bins, _, ok := v.Result.Sampling().Histogram(o.Name, *o.Distribution); ok {
					h = Histogram(bins)
				}
			}
			row = []string{o.Name, o.Format(v.Display), h, oneLine(o.Formula), oneLine(o.Description)}
		}
		out.Rows = append(out.Rows, row)
	}
	if err := Write(w, out, v.Options.Width); err != nil {
		return err
	}
	if v.Explain != nil {
		fmt.Fprintln(w)
		fmt.Fprintln(w, Paint(v.Options.Color, Bold, "working"))
		for _, o := range v.Outputs {
			Explanation(w, v.Explain[o.Name])
		}
	}
	if len(v.Result.Expect()) > 0 && !render.Overridden(v.Result) {
		fmt.Fprintln(w)
		fmt.Fprintln(w, Paint(v.Options.Color, Bold, "expectations"))
		Expectations(w, v.Result.Expect(), v.Display, v.Options.Color)
	}
	if len(v.Result.Published()) > 0 && !render.Overridden(v.Result) {
		fmt.Fprintln(w)
		fmt.Fprintln(w, Paint(v.Options.Color, Bold, "published"))
		PublishedFigures(w, v.Result.Published(), v.Display)
	}
	if err := samplingTables(w, v); err != nil {
		return err
	}
	_, err := fmt.Fprintf(w, "\nconventions: %s\n", v.Result.Conventions())
	return err
}

// Explanation writes one output's working, a step a line:
//
//	read_qps = write_qps * read_write_ratio
//	         = (1.157K/s) * 10
//	         = 11.57K/s
func Explanation(w io.Writer, e estimate.Explanation) {
	name := render.Escape(e.Name)
	pad := strings.Repeat(" ", Width(name))
	formula, substituted := render.Escape(oneLine(e.Formula)), render.Escape(oneLine(e.Substituted))
	fmt.Fprintf(w, "  %s = %s\n", name, formula)
	if substituted != formula {
		fmt.Fprintf(w, "  %s = %s\n", pad, substituted)
	}
	fmt.Fprintf(w, "  %s = %s\n", pad, render.Escape(e.Result))
}

// oneLine joins the lines of a formula written as a YAML block.
func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

// inputName is an input's name, marked when --set set it.
func inputName(i estimate.InputValue) string {
	if i.Overridden {
		return i.Name + " (set)"
	}
	return i.Name
}
