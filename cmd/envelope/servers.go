package main

import "github.com/spf13/cobra"

// newServersCmd is the quick calculator "envelope servers".
func newServersCmd() *cobra.Command {
	return newCalculatorCmd(calculator{
		use:   "servers --rate RATE --per-server RATE",
		short: "Servers needed for a request rate at a target utilization",
		example: `  envelope servers --rate 231K/s --per-server 10K/s
  envelope servers --rate 231K/s --per-server 10K/s --utilization 70%`,
		file:   "servers.yaml",
		always: []string{"capacity_per_server", "servers", "load_per_server"},
		flags: []calcFlag{
			{name: "rate", input: "rate", usage: "requests per second to serve", metavar: "RATE", example: "231K/s", required: true, valid: nonNegative},
			{name: "per-server", input: "per_server", usage: "requests per second one server handles", metavar: "RATE", example: "10K/s", required: true, valid: positive},
			{name: "utilization", input: "utilization", usage: "share of capacity to plan for", metavar: "SHARE", valid: positiveShare},
		},
	})
}
