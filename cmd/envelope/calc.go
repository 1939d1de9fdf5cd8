package main

import (
	"fmt"
	"io"
	"strings"

	"github.com/envelope-cli/envelope/estimate"
	"github.com/envelope-cli/envelope/render"
	"github.com/spf13/cobra"
)

type calcResult struct {
	Expression  string                     `json:"expression"`
	Value       float64                    `json:"value"`
	Unit        string                     `json:"unit"`
	Display     string                     `json:"display"`
	Conventions estimate.ConventionsReport `json:"conventions"`
}

func newCalcCmd() *cobra.Command {
	var (
		to      string
		explain bool
		output  = newChoice("text", "text", "json")
		conv    conventionsFlag
	)
	cmd := &cobra.Command{
		Use:   "calc EXPR",
		Short: "Evaluate one expression with units",
		Example: `  envelope calc '100M * 10 / day'
  envelope calc '500 B * 100M/day * 5 years' --to TB
  envelope calc '1 TB/day' --to Mbps`,
		Args: exactArgs(1, "an expression, such as '100M * 10 / day'"),
		RunE: func(cmd *cobra.Command, args []string) error {
			c := conv.or(estimate.Exact)
			expr := strings.TrimSpace(args[0])
			q, err := estimate.Calc(expr, c)
			if err != nil {
				return fail(err)
			}
			display := estimate.Format(q, estimate.DisplayOptions{Conventions: c})
			if to != "" {
				if display, err = estimate.Convert(q, to, c); err != nil {
					return fail(fmt.Errorf("--to %s: %w", to, err))
				}
			}
			w := cmd.OutOrStdout()
			if explain && output.value == "text" {
				return explainCalc(w, expr, q, display, c)
			}
			if output.value == "json" {
				return render.JSON(w, calcResult{Expression: expr, Value: q.Value, Unit: q.Dim.String(), Display: display,
					Conventions: c.Report()})
			}
			_, err = fmt.Fprintln(w, display)
			return err
		},
	}
	cmd.Flags().StringVar(&to, "to", "", "show the result in this unit (TB, Mbps, GB/day, …)")
	cmd.Flags().BoolVar(&explain, "explain", false, "show how each literal and unit was read, in base units")
	addOutputFlag(cmd, output)
	addConventionsFlag(cmd, &conv, "")
	return cmd
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
func explainCalc(w io.Writer, expr string, q estimate.Quantity, display string, c estimate.Conventions) error {
	cs, err := estimate.Conversions(expr, c)
	if err != nil {
		return fail(err)
	}
	for _, cv := range cs {
		fmt.Fprintf(w, "  %s = %s\n", render.Escape(cv.Text), baseUnits(cv.Value))
	}
	_, err = fmt.Fprintf(w, "%s = %s = %s\nconventions: %s\n", render.Escape(expr), baseUnits(q), display, c)
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
