package main

import (
	"errors"
	"fmt"
	"io/fs"
	"os"

	"github.com/envelope-cli/envelope/render"
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
		RunE: func(cmd *cobra.Command, args []string) error {
			src, err := scenarios.Source(args[0])
			if err != nil {
				return err
			}
			file := scenarios.FileName(scenarios.Resolve(args[0]))
			if len(args) == 2 {
				file = args[1]
			}
			if file == "-" {
				_, err := cmd.OutOrStdout().Write(src)
				return err
			}
			// Lstat: a symlink, even a dangling one, is a file that exists.
			info, err := os.Lstat(file)
			switch {
			case err == nil && !force:
				return fmt.Errorf("%s already exists; use --force to overwrite it", render.Escape(file))
			case err == nil && info.IsDir():
				return fmt.Errorf("%s is a directory", render.Escape(file))
			case err == nil && !info.Mode().IsRegular() && info.Mode()&fs.ModeSymlink == 0:
				return fmt.Errorf("%s is not a regular file; init replaces only files and symlinks", render.Escape(file))
			case err != nil && !errors.Is(err, fs.ErrNotExist):
				return fmt.Errorf("%s: %v", file, errors.Unwrap(err))
			}
			if err := writeFileAtomic(file, src, 0o644); err != nil {
				return err
			}
			_, err = fmt.Fprintf(cmd.OutOrStdout(), "wrote %s; evaluate it with: envelope run %s\n", render.Escape(file), render.Escape(file))
			return err
		},
	}
	cmd.Flags().BoolVar(&force, "force", false, "replace the file (or symlink) if it exists")
	return cmd
}
