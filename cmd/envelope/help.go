package main

import (
	"fmt"
	"strings"

	"github.com/spf13/cobra"
)

// newHelpCmd replaces cobra's help command, which prints "Unknown help
// topic" and exits 0 for a command that does not exist: here that is a
// usage error, exit 2.
func newHelpCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "help [COMMAND]",
		Short: "Help about any command",
		ValidArgsFunction: func(c *cobra.Command, args []string, _ string) ([]string, cobra.ShellCompDirective) {
			var names []string
			if cmd, _, err := c.Root().Find(args); err == nil {
				for _, sub := range cmd.Commands() {
					if sub.IsAvailableCommand() {
						names = append(names, sub.Name())
					}
				}
			}
			return names, cobra.ShellCompDirectiveNoFileComp
		},
		RunE: runHelp,
	}
}

// runHelp prints the help of the command args name.
func runHelp(c *cobra.Command, args []string) error {
	cmd, rest, err := c.Root().Find(args)
	if err != nil || cmd == nil || len(rest) > 0 {
		return usageError{fmt.Errorf("unknown help topic %q", strings.Join(args, " "))}
	}
	return cmd.Help()
}

// refuseUnknownShells makes "completion tcsh" a usage error: cobra prints
// the completion command's help for it and exits 0.
func refuseUnknownShells(root *cobra.Command) {
	for _, c := range root.Commands() {
		if c.Name() != "completion" {
			continue
		}
		var shells []string
		for _, sub := range c.Commands() {
			shells = append(shells, sub.Name())
		}
		c.Args = cobra.ArbitraryArgs
		c.RunE = func(cmd *cobra.Command, args []string) error {
			if len(args) == 0 {
				return usageError{fmt.Errorf("completion takes a shell: %s", strings.Join(shells, ", "))}
			}
			return usageError{fmt.Errorf("no completion for shell %q (want %s)", args[0], strings.Join(shells, ", "))}
		}
	}
}
