package main

import (
	"fmt"
	"io"
	"strings"

	"github.com/envelope-cli/envelope/estimate"
	"github.com/envelope-cli/envelope/internal/render"
	"github.com/spf13/cobra"
)

// A calcResult is calc's result as JSON.
type calcResult struct {
	Expression  string                     `json:"expression"`
	Value       float64                    `json:"value"`
	Unit        string                     `json:"unit"`
	Display     string                     `json:"display"`
	Condition   bool                       `json:"condition,omitempty"`
	Exact       *bool                      `json:"exact,omitempty"` // false when approximate
	Conventions estimate.ConventionsReport `json:"conventions"`
	Warnings    []string                   `json:"warnings,omitempty"`
	// Distribution is that of an uncertain expression; Value is then
	// its median.
	Distribution *estimate.DistributionReport `json:"distribution,omitempty"`
}

// calcFlags are the flags of calc.
type calcFlags struct {
	to      string
	explain bool
	output  *choiceFlag
	conv    conventionsFlag
	digits  digitsFlag
	samples sampleFlags
}

func newCalcCmd() *cobra.Command {
	f := calcFlags{output: newChoice("text", "text", "json")}
	cmd := &cobra.Command{
		Use:   "calc EXPR",
		Short: "Evaluate one expression with units",
		Example: `  envelope calc '100M * 10 / day'
  envelope calc '500 B * 100M/day * 5 years' --to TB
  envelope calc '1 TB/day -> Mbps'
  envelope calc '100M users * 10 requests/user/day'
  envelope calc '(50M to 150M) * 10 / day'`,
		Args: exactArgs(1, "an expression, such as '100M * 10 / day'"),
		RunE: func(cmd *cobra.Command, args []string) error { return runCalc(cmd, args[0], &f) },
	}
	cmd.Flags().StringVar(&f.to, "to", "", "show the result in this unit (TB, Mbps, GB/day, …)")
	cmd.Flags().BoolVar(&f.explain, "explain", false, "show how each literal and unit was read, in base units")
	addOutputFlag(cmd, f.output)
	addConventionsFlag(cmd, &f.conv, "")
	cmd.Flags().Var(&f.digits, "digits", "significant digits to show, 1 to 17 (default 4)")
	f.samples.register(cmd)
	return cmd
}

// runCalc evaluates one expression and prints its value, its working
// (--explain) or its JSON.
func runCalc(cmd *cobra.Command, arg string, f *calcFlags) error {
	c, err := f.conv.resolve(estimate.Exact)
	if err != nil {
		return fail(err)
	}
	expr := strings.TrimSpace(arg)
	r, err := estimate.CalculateSampled(expr, c, f.samples.options())
	if err != nil {
		return fail(err)
	}
	if f.to != "" {
		if err := convertTo(&r, f.to, c); err != nil {
			return err
		}
	}
	display := r.Format(estimate.DisplayOptions{Conventions: c, Digits: f.digits.n})
	w := cmd.OutOrStdout()
	if warning := r.Warning(); warning != "" && f.output.value == "text" {
		fmt.Fprintf(cmd.ErrOrStderr(), "envelope: warning: %s\n", warning)
	}
	if f.explain && f.output.value == "text" {
		if err := explainCalc(w, expr, r, display, c); err != nil {
			return err
		}
		return writeRangesNote(w, r.Distribution)
	}
	if f.output.value == "json" {
		return render.JSON(w, newCalcResult(expr, r, display, c))
	}
	_, err = fmt.Fprintln(w, display)
	return err
}

// convertTo sets the unit r is shown in to the unit of --to, which must
// measure what r does.
func convertTo(r *estimate.Calculation, to string, c estimate.Conventions) error {
	q := r.Quantity
	if r.Unit != nil {
		return usageError{fmt.Errorf("--to %s: the expression converts to %s already (->); give the unit once", to, r.Unit.Text)}
	}
	if r.Condition {
		return fail(fmt.Errorf("--to %s: a condition (true or false) has no unit", to))
	}
	var err error
	if r.Unit, err = estimate.ParseDisplayUnit(to, c); err != nil {
		return fail(fmt.Errorf("--to %s: %w", to, err))
	}
	if r.Unit.Dim != q.Dim {
		return fail(fmt.Errorf("--to %s: cannot show %s in %s, which measures %s", to, q.Dim.Describe(), to, r.Unit.Dim.Describe()))
	}
	return nil
}

// newCalcResult is calc's result as JSON: an uncertain value as its
// median, with its distribution.
func newCalcResult(expr string, r estimate.Calculation, display string, c estimate.Conventions) calcResult {
	q := r.Quantity
	res := calcResult{Expression: expr, Value: q.Value, Unit: q.Dim.String(), Display: display,
		Condition: r.Condition, Conventions: c.Report()}
	if !r.Exact {
		f := false
		res.Exact = &f
	}
	if warning := r.Warning(); warning != "" {
		res.Warnings = []string{warning}
	}
	if d := r.Distribution; d != nil {
		res.Value, res.Distribution, res.Exact = d.P50, d.Report(), nil
	}
	return res
}

// exactArgs requires n arguments, naming what they are when missing.
func exactArgs(n int, what string) cobra.PositionalArgs {
	return func(cmd *cobra.Command, args []string) error {
		if len(args) != n {
			return usageError{fmt.Errorf("%s takes %s; got %d arguments", cmd.Name(), what, len(args))}
		}
		return nil
	}
}

// explainCalc shows every literal and unit of the expression in base units,
// then the exact result and its display.
func explainCalc(w io.Writer, expr string, r estimate.Calculation, display string, c estimate.Conventions) error {
	cs, err := estimate.Conversions(expr, c)
	if err != nil {
		return fail(err)
	}
	return writeWorking(w, cs, render.Escape(expr), r, display, c)
}

// writeWorking writes each conversion in base units, then the
// expression (already escaped), its exact result and its display, and
// the conventions: the working of calc --explain and repl's :explain.
func writeWorking(w io.Writer, cs []estimate.Conversion, expr string, r estimate.Calculation, display string, c estimate.Conventions) error {
	for _, cv := range cs {
		fmt.Fprintf(w, "  %s = %s\n", render.Escape(cv.Text), baseUnits(cv.Value))
	}
	if r.Undefined != "" {
		// The working stands each range at its median, where the
		// expression has no value; the samples have one.
		_, err := fmt.Fprintf(w, "%s = undefined at the medians (%s); sampled: %s\nconventions: %s\n", expr, r.Undefined, display, c)
		return err
	}
	_, err := fmt.Fprintf(w, "%s = %s = %s\nconventions: %s\n", expr, baseUnits(r.Quantity), display, c)
	return err
}

// writeRangesNote says, after the working of an uncertain value (d not
// nil), what the working shows and where the interval comes from.
func writeRangesNote(w io.Writer, d *estimate.Distribution) error {
	if d == nil {
		return nil
	}
	_, err := fmt.Fprintf(w, "ranges: the working stands each at its median; the interval comes from %d samples (seed %d)\n", d.Samples, d.Seed)
	return err
}

// baseUnits writes a quantity exactly, in base units: "86400 s", "1e+08".
func baseUnits(q estimate.Quantity) string {
	v := formatValue(q.Value)
	switch u := q.Dim.String(); {
	case u == "1":
		return v
	case u[0] == '1':
		return v + u[1:]
	default:
		return v + " " + u
	}
}
