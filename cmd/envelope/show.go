package main

import (
	"github.com/envelope-cli/envelope/estimate"
	"github.com/envelope-cli/envelope/scenarios"
	"github.com/spf13/cobra"
)

func newShowCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "show NAME|-",
		Short: "Print a preset's scenario file as shipped",
		Example: `  envelope show url-shortener
  envelope show instagram`,
		Args:              exactArgs(1, "a preset name, or - for standard input"),
		ValidArgsFunction: completePresetNames,
		RunE:              func(cmd *cobra.Command, args []string) error { return runShow(cmd, args[0]) },
	}
}

// runShow prints the preset arg names as shipped, or a scenario read
// from standard input once it is checked.
func runShow(cmd *cobra.Command, arg string) error {
	var src []byte
	if isStdin(arg) {
		// Read and checked as run reads it, then printed as read.
		t, err := resolveTarget(arg, cmd.InOrStdin())
		if err != nil {
			return err
		}
		if _, err := estimate.Load(t.file, t.src, estimate.Options{}); err != nil {
			return err
		}
		src = t.src
	} else {
		var err error
		if src, err = scenarios.Source(arg); err != nil {
			return err
		}
	}
	_, err := cmd.OutOrStdout().Write(src)
	return err
}
