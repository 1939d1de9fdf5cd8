package main

import (
	"errors"
	"fmt"
	"io/fs"
	"os"

	"github.com/envelope-cli/envelope/scenarios"
	"github.com/spf13/cobra"
)

func newShowCmd() *cobra.Command {
	return &cobra.Command{
		Use:               "show NAME",
		Short:             "Print a preset's scenario file as shipped",
		Example:           `  envelope show url-shortener`,
		Args:              exactArgs(1, "a preset name"),
		ValidArgsFunction: completePresetNames,
		RunE: func(cmd *cobra.Command, args []string) error {
			src, err := scenarios.Source(args[0])
			if err != nil {
				return fail(err)
			}
			_, err = cmd.OutOrStdout().Write(src)
			return err
		},
	}
}

func newInitCmd() *cobra.Command {
	var force bool
	cmd := &cobra.Command{
		Use:   "init NAME [FILE]",
		Short: "Write a preset to a file to edit (default NAME.yaml)",
		Example: `  envelope init url-shortener
  envelope init web-service my-service.yaml`,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) < 1 || len(args) > 2 {
				return usageError{fmt.Errorf("init takes a preset name and an optional file; got %d arguments", len(args))}
			}
			return nil
		},
		ValidArgsFunction: completePresetNames,
		RunE: func(cmd *cobra.Command, args []string) error {
			src, err := scenarios.Source(args[0])
			if err != nil {
				return fail(err)
			}
			file := scenarios.FileName(scenarios.Resolve(args[0]))
			if len(args) == 2 {
				file = args[1]
			}
			flag := os.O_WRONLY | os.O_CREATE | os.O_EXCL
			if force {
				flag = os.O_WRONLY | os.O_CREATE | os.O_TRUNC
			}
			out, err := os.OpenFile(file, flag, 0o644)
			if errors.Is(err, fs.ErrExist) {
				return fail(fmt.Errorf("%s already exists; use --force to overwrite it", file))
			}
			if err != nil {
				return fail(fmt.Errorf("%s: cannot write: %v", file, errors.Unwrap(err)))
			}
			if _, err := out.Write(src); err != nil {
				out.Close()
				return fail(fmt.Errorf("%s: %v", file, err))
			}
			if err := out.Close(); err != nil {
				return fail(fmt.Errorf("%s: %v", file, err))
			}
			fmt.Fprintf(cmd.OutOrStdout(), "wrote %s; evaluate it with: envelope run %s\n", file, file)
			return nil
		},
	}
	cmd.Flags().BoolVar(&force, "force", false, "overwrite the file if it exists")
	return cmd
}

// completePresetNames offers preset names only.
func completePresetNames(_ *cobra.Command, args []string, _ string) ([]string, cobra.ShellCompDirective) {
	if len(args) > 0 {
		return nil, cobra.ShellCompDirectiveDefault
	}
	return scenarios.Names(), cobra.ShellCompDirectiveNoFileComp
}
