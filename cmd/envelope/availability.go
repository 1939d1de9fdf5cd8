package main

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/envelope-cli/envelope/estimate"
	"github.com/envelope-cli/envelope/internal/render"
	"github.com/envelope-cli/envelope/internal/render/table"
	"github.com/spf13/cobra"
)

// availabilityFlags are the flags of availability.
type availabilityFlags struct {
	evalFlags
	serial, parallel bool
}

func newAvailabilityCmd() *cobra.Command {
	var f availabilityFlags
	cmd := &cobra.Command{
		Use:   "availability TARGET...",
		Short: "Downtime a year, month, week and day that availability targets allow",
		Example: `  envelope availability 99.99%
  envelope availability 99.9% 99.99% 99.999%
  envelope availability --serial 99.9% 99.9%
  envelope availability --parallel 99.9% 99.9%`,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) == 0 {
				return usageError{errors.New("availability takes one or more targets, such as 99.99%")}
			}
			if f.serial && f.parallel {
				return usageError{errors.New("--serial and --parallel cannot be combined")}
			}
			if (f.serial || f.parallel) && len(args) < 2 {
				return usageError{errors.New("--serial and --parallel compose two or more targets")}
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error { return runAvailability(cmd, args, &f) },
	}
	cmd.Flags().BoolVar(&f.serial, "serial", false, "compose the targets in series: all must be up")
	cmd.Flags().BoolVar(&f.parallel, "parallel", false, "compose the targets in parallel: one up is enough")
	f.registerDisplay(cmd)
	return cmd
}

// runAvailability shows the downtime each target allows, and that of
// their composition in series or in parallel when asked.
func runAvailability(cmd *cobra.Command, targets []string, f *availabilityFlags) error {
	m, err := loadCalculator("availability.yaml", &f.conv)
	if err != nil {
		return fail(err)
	}
	var results []*estimate.Result
	var shares []estimate.Quantity
	var errs []error
	for _, t := range targets {
		r, err := availabilityOf(m, t)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		results = append(results, r)
		shares = append(shares, r.Inputs()[0].Value)
	}
	if len(errs) > 0 {
		return fail(errors.Join(errs...))
	}
	if f.serial || f.parallel {
		r, err := composeAvailability(m, targets, shares, f.parallel)
		if err != nil {
			return fail(err)
		}
		results = append(results, r)
	}
	return renderAvailability(cmd, results, &f.evalFlags)
}

// composeAvailability evaluates the availability scenario for targets
// composed in series (every one must be up: the product of the shares) or
// in parallel (one up is enough: 1 less the product of the shares down).
// The shares are composed as quantities, each target read whole, so
// '1 - 0.1%' in series with 99.9% is 99.8001%; only the label shown for
// the row is text.
func composeAvailability(m *estimate.Model, targets []string, shares []estimate.Quantity, parallel bool) (*estimate.Result, error) {
	one := estimate.Number(1)
	acc := one
	var err error
	labels := make([]string, len(targets))
	for i, q := range shares {
		label := grouped(targets[i])
		if parallel {
			if q, err = estimate.Sub(one, q); err != nil {
				return nil, err
			}
			label = "(1 - " + label + ")"
		}
		if acc, err = estimate.Mul(acc, q); err != nil {
			return nil, err
		}
		labels[i] = label
	}
	label := strings.Join(labels, " * ")
	if parallel {
		if acc, err = estimate.Sub(one, acc); err != nil {
			return nil, err
		}
		label = "1 - " + label
	}
	o, err := m.Set("availability", acc)
	if err != nil {
		return nil, err
	}
	o.Text = label // shown as written: the composition, not its value
	return m.Evaluate(o)
}

// grouped puts a target written as an expression in parentheses for the
// label of a composed row, so that "1 - 0.1%" reads as one factor.
func grouped(target string) string {
	t := strings.TrimSpace(target)
	if strings.ContainsAny(t, "+-*/^ ") {
		return "(" + t + ")"
	}
	return t
}

// availabilityOf evaluates the availability scenario for one target, a
// share between 0% and 100%.
func availabilityOf(m *estimate.Model, target string) (*estimate.Result, error) {
	o, err := m.Override("availability", target)
	if err != nil {
		return nil, argError(target, target, 0, false, err)
	}
	if v := o.Value.Value; v < 0 || v > 1 {
		msg := fmt.Sprintf("availability %s must lie between 0%% and 100%%", render.Escape(target))
		// 99.99 was meant as 99.99%; 101% or 2 * 60% was not.
		if v > 1 && v <= 100 && !strings.ContainsAny(target, "%*/+-^( ") {
			msg += fmt.Sprintf("; did you mean %s%%?", render.Escape(target))
		}
		return nil, errors.New(msg)
	}
	return m.Evaluate(o)
}

// renderAvailability shows the targets side by side: a row each in a
// table, or one scenario result after another as data.
func renderAvailability(cmd *cobra.Command, results []*estimate.Result, f *evalFlags) error {
	w := cmd.OutOrStdout()
	opt := renderOptions(cmd, f)
	switch f.output.value {
	case "json", "yaml", "csv":
		var reps []render.Report
		for _, r := range results {
			reps = append(reps, render.NewReport(r, opt))
		}
		switch f.output.value {
		case "json":
			return render.JSON(w, reps)
		case "yaml":
			return render.YAML(w, reps)
		}
		return availabilityCSV(w, reps)
	}
	md := f.output.value == "markdown"
	t := render.Table{Header: []string{"availability", "per year", "per month", "per week", "per day"}}
	o := results[0].DisplayOptions(f.binary)
	o.Digits = f.digits.n
	for _, r := range results {
		in := r.Inputs()[0]
		// Escaped here, so that a newline in a target is text and the
		// one before "= 99.9%" the only line break.
		label := render.Escape(in.Text)
		if p := formatPercent(in.Value.Value); in.Text != p {
			label += " = " + p
			if !md && table.Width(label) > 24 {
				// The result on a line of its own, never broken.
				label = render.Escape(in.Text) + "\n= " + p
			}
		}
		if md {
			// A target written otherwise than as its percentage is an
			// expression: in a code span, as formulas are.
			label = render.MarkdownText(in.Text)
			if p := formatPercent(in.Value.Value); in.Text != p {
				label = render.Code(in.Text) + " = " + p
			}
		}
		row := []string{label}
		for _, p := range downtimePeriods {
			v, _ := r.Output("downtime_per_" + p)
			row = append(row, v.Format(o))
		}
		t.Rows = append(t.Rows, row)
	}
	var err error
	if md {
		err = t.Markdown(w)
	} else {
		err = table.Write(w, t, opt.Width)
	}
	if err != nil {
		return err
	}
	if f.explain {
		shown := map[string]bool{}
		for _, r := range results {
			if t := r.Inputs()[0].Text; !shown[t] {
				shown[t] = true
				fmt.Fprintf(w, "\n%s\n", render.Escape(t))
				for _, e := range r.Explain(o) {
					table.Explanation(w, e)
				}
			}
		}
	}
	_, err = fmt.Fprintf(w, "\nconventions: %s\n", results[0].Conventions())
	return err
}

// formatPercent shows a share as a percentage with enough digits to tell
// nines apart: 0.998001 as 99.8001%.
// formatPercent shows an availability in %, through the engine's
// display, which never shows 100% for what is not (99.9999999%), with
// nine significant digits: 99.8001%, 99.85005%.
func formatPercent(v float64) string {
	return percentUnit.FormatDigits(estimate.Quantity{Value: v}, 9)
}

var percentUnit = func() *estimate.DisplayUnit {
	u, err := estimate.ParseDisplayUnit("%", estimate.Exact)
	if err != nil {
		panic(err) // "%" is a unit of the engine's own
	}
	return u
}()

func availabilityCSV(w io.Writer, reps []render.Report) error {
	cw := csv.NewWriter(w)
	cw.Write([]string{"availability", "name", "value", "unit", "display", "formula"})
	for _, rep := range reps {
		target := rep.Inputs[0].Expression
		for _, o := range rep.Outputs {
			cw.Write([]string{target, o.Name, formatValue(o.Value), o.Unit, o.Display, o.Formula})
		}
	}
	cw.Flush()
	return cw.Error()
}
