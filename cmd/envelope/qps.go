package main

import "github.com/spf13/cobra"

// newQPSCmd is the quick calculator "envelope qps".
func newQPSCmd() *cobra.Command {
	return newCalculatorCmd(calculator{
		use:   "qps --users N --per-user RATE",
		short: "Requests per day and per second from users and requests per user",
		example: `  envelope qps --users 100M --per-user 10/day
  envelope qps --users 100M --per-user 10/day --peak-factor 2 --read-write 10`,
		file:   "qps.yaml",
		always: []string{"requests_per_day", "qps_avg"},
		flags: []calcFlag{
			{name: "users", input: "users", usage: "active users", metavar: "N", example: "100M", required: true, valid: nonNegative},
			{name: "per-user", input: "per_user", usage: "requests per user", metavar: "RATE", example: "10/day", required: true, valid: nonNegative},
			{name: "peak-factor", input: "peak_factor", usage: "peak-to-average ratio", metavar: "N", shows: []string{"qps_peak"}, valid: atLeastOne},
			{name: "read-write", input: "read_write", usage: "reads per write", metavar: "N", shows: []string{"read_qps_avg", "write_qps_avg"}, valid: nonNegative},
		},
		together: []combination{{
			flags: []string{"peak-factor", "read-write"},
			shows: []string{"read_qps_peak", "write_qps_peak"},
		}},
	})
}
