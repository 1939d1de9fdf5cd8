package main

import (
	"fmt"
	"io"

	"github.com/envelope-cli/envelope/estimate"
	"github.com/olekukonko/tablewriter"
	"github.com/olekukonko/tablewriter/tw"
)

// renderTable prints a result as two tables, inputs and outputs, and a
// line naming the conventions used.
func renderTable(w io.Writer, r *estimate.Result, o estimate.DisplayOptions, explain bool) error {
	s := r.Model.Scenario
	if s.Title != "" {
		fmt.Fprintf(w, "%s (%s)\n\n", s.Title, s.Name)
	} else {
		fmt.Fprintf(w, "%s\n\n", s.Name)
	}
	in := newTable(w, "input", "as written", "value", "description")
	for _, v := range r.Inputs {
		name := v.Name
		if v.Overridden {
			name += " (set)"
		}
		in.Append(name, v.Text, v.Format(o), v.Description)
	}
	if err := in.Render(); err != nil {
		return err
	}
	fmt.Fprintln(w)
	out := newTable(w, "output", "value", "formula", "description")
	for _, v := range r.Outputs {
		out.Append(v.Name, v.Format(o), v.Formula, v.Description)
	}
	if err := out.Render(); err != nil {
		return err
	}
	if explain {
		fmt.Fprintln(w)
		for _, e := range r.Explain(o) {
			fmt.Fprintln(w, e)
		}
	}
	if len(r.Expect) > 0 {
		fmt.Fprintln(w)
		for _, e := range r.Expect {
			fmt.Fprintln(w, expectLine(e, o))
		}
	}
	fmt.Fprintf(w, "\nconventions: %s\n", r.Conventions)
	return nil
}

// expectLine shows one expectation: "ok   write_qps  1.157K/s, expected 1.157K/s ± 1% (+0.0006%)".
func expectLine(e estimate.ExpectResult, o estimate.DisplayOptions) string {
	mark := "ok  "
	if !e.OK {
		mark = "FAIL"
	}
	return fmt.Sprintf("%s %s: %s, expected %s ± %g%% (%s)", mark, e.Name,
		estimate.Format(e.Actual, o), e.Text, e.Tolerance*100, estimate.FormatDeviation(e.Deviation))
}

func newTable(w io.Writer, header ...any) *tablewriter.Table {
	t := tablewriter.NewTable(w,
		tablewriter.WithHeaderAutoFormat(tw.Off),
		tablewriter.WithHeaderAlignment(tw.AlignLeft),
		tablewriter.WithRowAutoWrap(tw.WrapNone),
	)
	t.Header(header...)
	return t
}
