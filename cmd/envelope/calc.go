package main

import (
	"encoding/json"
	"fmt"

	"github.com/envelope-cli/envelope/estimate"
	"github.com/spf13/cobra"
)

type calcResult struct {
	Expression string  `json:"expression"`
	Value      float64 `json:"value"`
	Unit       string  `json:"unit"`
	Display    string  `json:"display"`
}

func newCalcCmd() *cobra.Command {
	var (
		to     string
		output = newChoice("text", "text", "json")
		conv   conventionsFlag
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
			q, err := estimate.Calc(args[0], c)
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
			if output.value == "json" {
				return writeJSON(w, calcResult{Expression: args[0], Value: q.Value, Unit: q.Dim.String(), Display: display})
			}
			_, err = fmt.Fprintln(w, display)
			return err
		},
	}
	cmd.Flags().StringVar(&to, "to", "", "show the result in this unit (TB, Mbps, GB/day, …)")
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

func writeJSON(w interface{ Write([]byte) (int, error) }, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}
