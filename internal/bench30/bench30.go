// Package bench30 gives tests the 30-output model of the benchmarks,
// estimate/testdata/bench30.yaml, with five of its inputs made ranges:
// the model estimate's BenchmarkMonteCarlo30x100K samples, the web page's
// browser test times and web/sheet's BenchmarkSetViewRanges edits.
package bench30

import (
	"fmt"
	"strings"
)

// ranges are the five inputs made uncertain, as the file writes each
// value and as a range about it.
var ranges = []struct{ from, to string }{
	{"value: 100M\n", "value: 50M to 150M\n"},
	{"value: 2/day\n", "value: 1 to 4 per day\n"},
	{"value: 500 KB\n", "value: 200 KB to 2 MB\n"},
	{"value: 10\n", "value: 5 to 20\n"},
	{"value: 3\n    description: Peak", "value: 2 to 4\n    description: Peak"},
}

// WithRanges returns src, the text of bench30.yaml, with the five
// ranges, or an error naming a value the text no longer holds.
func WithRanges(src string) (string, error) {
	for _, r := range ranges {
		if !strings.Contains(src, r.from) {
			return "", fmt.Errorf("bench30.yaml has no %q", r.from)
		}
		src = strings.Replace(src, r.from, r.to, 1)
	}
	return src, nil
}
