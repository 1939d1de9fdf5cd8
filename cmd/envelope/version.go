package main

import (
	"fmt"
	"runtime/debug"

	"github.com/spf13/cobra"
)

func newVersionCmd() *cobra.Command {
	return &cobra.Command{
		Use:     "version",
		Short:   "Print envelope's version and the revision it was built from",
		Example: `  envelope version`,
		Args:    noArgs,
		RunE:    func(cmd *cobra.Command, args []string) error { return runVersion(cmd) },
	}
}

// runVersion prints the version.
func runVersion(cmd *cobra.Command) error {
	_, err := fmt.Fprintln(cmd.OutOrStdout(), versionString())
	return err
}

// versionString reads the module version and VCS revision from the build
// information the go command embeds.
func versionString() string {
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return "envelope (unknown version)"
	}
	s := "envelope " + info.Main.Version
	var rev, when, modified string
	for _, kv := range info.Settings {
		switch kv.Key {
		case "vcs.revision":
			rev = kv.Value
		case "vcs.time":
			when = kv.Value
		case "vcs.modified":
			if kv.Value == "true" {
				modified = ", modified"
			}
		}
	}
	if rev != "" {
		s += fmt.Sprintf(" (revision %.12s, %s%s)", rev, when, modified)
	}
	return s + " " + info.GoVersion
}
