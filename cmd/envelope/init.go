package main

import (
	"fmt"
	"io"

	"github.com/envelope-cli/envelope/internal/render"
	"github.com/envelope-cli/envelope/scenarios"
	"github.com/spf13/cobra"
)

func newInitCmd() *cobra.Command {
	var force bool
	cmd := &cobra.Command{
		Use:   "init NAME [FILE|-]",
		Short: "Write a preset to a file to edit (default NAME.yaml; - for standard output)",
		Example: `  envelope init url-shortener
  envelope init web-service my-service.yaml`,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) < 1 || len(args) > 2 {
				return usageError{fmt.Errorf("init takes a preset name and an optional file; got %d arguments", len(args))}
			}
			return nil
		},
		ValidArgsFunction: completePresetNames,
		RunE:              func(cmd *cobra.Command, args []string) error { return runInit(cmd, args, force) },
	}
	forceFlag(cmd, &force, "the file")
	return cmd
}

// runInit writes the preset args[0] names to a file, args[1] or the
// preset's own file name, refusing to replace one unless force is set.
func runInit(cmd *cobra.Command, args []string, force bool) error {
	src, err := scenarios.Source(args[0])
	if err != nil {
		return err
	}
	file := scenarios.FileName(scenarios.Resolve(args[0]))
	if len(args) == 2 {
		file = args[1]
	}
	out, err := newOutFile(cmd, "init", file, force)
	if err != nil {
		return err
	}
	if err := out.write(func(w io.Writer) error { _, err := w.Write(src); return err }); err != nil || out.stdout() {
		return err
	}
	_, err = fmt.Fprintf(cmd.OutOrStdout(), "wrote %s; evaluate it with: envelope run %s\n", render.Escape(file), render.Escape(file))
	return err
}
