package main

import "github.com/spf13/cobra"

// newBandwidthCmd is the quick calculator "envelope bandwidth".
func newBandwidthCmd() *cobra.Command {
	return newCalculatorCmd(calculator{
		use:     "bandwidth --rate RATE --size SIZE",
		short:   "Bandwidth in bytes and bits per second from a request rate and size",
		example: `  envelope bandwidth --rate 20K/s --size 500B`,
		file:    "bandwidth.yaml",
		always:  []string{"bandwidth", "transfer_per_day", "transfer_per_month"},
		flags: []calcFlag{
			{name: "rate", input: "rate", usage: "requests per second", metavar: "RATE", example: "20K/s", required: true, valid: nonNegative},
			{name: "size", input: "size", usage: "bytes per request", metavar: "SIZE", example: "500B", required: true, valid: nonNegative},
		},
	})
}
