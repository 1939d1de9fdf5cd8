package main

import (
	"fmt"
	"os"

	"github.com/spf13/cobra"
	"github.com/spf13/cobra/doc"
)

// newManCmd writes envelope's man pages with cobra's generator, one per
// command, for make man. It is hidden: a build step, not a user's command.
func newManCmd() *cobra.Command {
	return &cobra.Command{
		Use:    "man DIR",
		Short:  "Write envelope's man pages (section 1) to DIR",
		Hidden: true,
		Args:   exactArgs(1, "the directory to write the man pages to"),
		RunE: func(cmd *cobra.Command, args []string) error {
			dir := args[0]
			if err := os.MkdirAll(dir, 0o755); err != nil {
				return fmt.Errorf("%s: %v", dir, unwrapPath(err))
			}
			root := cmd.Root()
			root.DisableAutoGenTag = true // pages that do not change with the date
			header := &doc.GenManHeader{Title: "ENVELOPE", Section: "1", Source: "envelope", Manual: "envelope manual"}
			if err := doc.GenManTree(root, header, dir); err != nil {
				return err
			}
			_, err := fmt.Fprintf(cmd.OutOrStdout(), "wrote man pages to %s\n", dir)
			return err
		},
	}
}
