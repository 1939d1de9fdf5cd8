package main

import "github.com/spf13/cobra"

// newStorageCmd is the quick calculator "envelope storage".
func newStorageCmd() *cobra.Command {
	return newCalculatorCmd(calculator{
		use:   "storage --rate RATE --size SIZE --retention TIME",
		short: "Storage from objects written, their size and how long they are kept",
		example: `  envelope storage --rate 100M/day --size 500B --retention 5years
  envelope storage --rate 100M/day --size 500B --retention 5years --replication 3`,
		file:   "storage.yaml",
		always: []string{"objects_per_day", "storage_per_day", "objects_retained", "storage_raw"},
		flags: []calcFlag{
			{name: "rate", input: "rate", usage: "objects written", metavar: "RATE", example: "100M/day", required: true, valid: nonNegative},
			{name: "size", input: "size", usage: "bytes per object", metavar: "SIZE", example: "500B", required: true, valid: nonNegative},
			{name: "retention", input: "retention", usage: "how long objects are kept", metavar: "TIME", example: "5years", required: true, valid: nonNegative},
			{name: "replication", input: "replication", usage: "copies of each object", metavar: "N", shows: []string{"storage_replicated"}, valid: atLeastOne},
		},
	})
}
