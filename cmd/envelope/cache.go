package main

import "github.com/spf13/cobra"

// newCacheCmd is the quick calculator "envelope cache".
func newCacheCmd() *cobra.Command {
	return newCalculatorCmd(calculator{
		use:   "cache --rate RATE --size SIZE",
		short: "Cache memory by the 80/20 rule: the hot share of a window's requests",
		example: `  envelope cache --rate 20K/s --size 500B
  envelope cache --rate 20K/s --size 500B --hot 20% --window 1day`,
		file:   "cache.yaml",
		always: []string{"requests_in_window", "cached_objects", "cache_memory"},
		flags: []calcFlag{
			{name: "rate", input: "rate", usage: "read requests per second", metavar: "RATE", example: "20K/s", required: true, valid: nonNegative},
			{name: "size", input: "size", usage: "bytes per cached object", metavar: "SIZE", example: "500B", required: true, valid: nonNegative},
			{name: "hot", input: "hot", usage: "share of requests worth caching", metavar: "SHARE", valid: share},
			{name: "window", input: "window", usage: "period the cache covers", metavar: "TIME", valid: nonNegative},
		},
	})
}
