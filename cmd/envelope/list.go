package main

import (
	"fmt"
	"strings"

	"github.com/envelope-cli/envelope/estimate"
	"github.com/envelope-cli/envelope/internal/render"
	"github.com/envelope-cli/envelope/internal/render/table"
	"github.com/envelope-cli/envelope/scenarios"
	"github.com/spf13/cobra"
)

func newListCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "list [QUERY]",
		Short: "List the presets with their headline figures, or those that match a query",
		Example: `  envelope list
  envelope list instagram`,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) > 1 {
				return usageError{fmt.Errorf("list takes at most one query; got %d arguments", len(args))}
			}
			return nil
		},
		RunE: runList,
	}
}

// runList lists the presets, or those that match the query in args,
// with their headline figures.
func runList(cmd *cobra.Command, args []string) error {
	names := scenarios.Names()
	if len(args) == 1 {
		names = scenarios.Search(args[0])
		if len(names) == 0 {
			return fmt.Errorf("no preset matches %q (envelope list shows them all)", args[0])
		}
	}
	// The title is prose, and gives way first: a figure reads wrong broken.
	t := render.Table{Header: []string{"name", "title", "headline"}, Caps: []int{1: table.DescriptionWidth}}
	for _, name := range names {
		m, err := scenarios.Load(name, estimate.Options{})
		if err != nil {
			return err
		}
		r, err := m.Evaluate()
		if err != nil {
			return err
		}
		// A figure a line, so that a name and its value stay together.
		// The title escaped here: a newline in it is text, not a
		// line break of the cell.
		t.Rows = append(t.Rows, []string{name, render.Escape(m.Scenario().Title), strings.Join(headline(r), "\n")})
	}
	w := cmd.OutOrStdout()
	return table.Write(w, t, terminalWidth(w))
}

// headline shows a result's headline figures: those its scenario names,
// or its first three outputs.
func headline(r *estimate.Result) []string {
	names := r.Model().Scenario().Headline
	if len(names) == 0 {
		for _, o := range r.Outputs()[:min(3, len(r.Outputs()))] {
			names = append(names, o.Name)
		}
	}
	o := r.DisplayOptions(false)
	var parts []string
	for _, n := range names {
		if v, ok := r.Output(n); ok {
			parts = append(parts, n+" "+v.Format(o))
		}
		for _, v := range r.Inputs() {
			if v.Name == n {
				parts = append(parts, n+" "+v.Format(o))
			}
		}
	}
	return parts
}

// noArgs refuses arguments, as a usage error.
func noArgs(cmd *cobra.Command, args []string) error {
	if len(args) > 0 {
		return usageError{fmt.Errorf("%s takes no arguments", cmd.Name())}
	}
	return nil
}
