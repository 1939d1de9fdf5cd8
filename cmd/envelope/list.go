package main

import (
	"fmt"
	"strings"
	"text/tabwriter"

	"github.com/envelope-cli/envelope/estimate"
	"github.com/envelope-cli/envelope/scenarios"
	"github.com/spf13/cobra"
)

func newListCmd() *cobra.Command {
	return &cobra.Command{
		Use:     "list",
		Short:   "List the presets with their headline figures",
		Example: `  envelope list`,
		Args:    noArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			tw := tabwriter.NewWriter(cmd.OutOrStdout(), 0, 0, 2, ' ', 0)
			fmt.Fprintln(tw, "NAME\tTITLE\tHEADLINE")
			for _, name := range scenarios.Names() {
				m, err := scenarios.Load(name, estimate.Options{})
				if err != nil {
					return fail(err)
				}
				r, err := m.Evaluate()
				if err != nil {
					return fail(err)
				}
				fmt.Fprintf(tw, "%s\t%s\t%s\n", name, m.Scenario.Title, headline(r))
			}
			return tw.Flush()
		},
	}
}

// headline shows a result's headline figures: those its scenario names,
// or its first three outputs.
func headline(r *estimate.Result) string {
	names := r.Model.Scenario.Headline
	if len(names) == 0 {
		for _, o := range r.Outputs[:min(3, len(r.Outputs))] {
			names = append(names, o.Name)
		}
	}
	o := r.DisplayOptions(false)
	var parts []string
	for _, n := range names {
		if v, ok := r.Output(n); ok {
			parts = append(parts, n+" "+v.Format(o))
		}
		for _, v := range r.Inputs {
			if v.Name == n {
				parts = append(parts, n+" "+v.Format(o))
			}
		}
	}
	return strings.Join(parts, ", ")
}

// noArgs refuses arguments, as a usage error.
func noArgs(cmd *cobra.Command, args []string) error {
	if len(args) > 0 {
		return usageError{fmt.Errorf("%s takes no arguments", cmd.Name())}
	}
	return nil
}
