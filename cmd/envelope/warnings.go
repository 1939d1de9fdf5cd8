package main

import (
	"fmt"
	"io"

	"github.com/envelope-cli/envelope/estimate"
)

// printWarnings writes a model's warnings to w, one line each, and
// reports how many there were. A warning names an output whose
// dimension is implausible (B^2, B*s): a slip the engine cannot call an
// error, since the arithmetic itself is sound.
func printWarnings(w io.Writer, file string, m *estimate.Model) int {
	ws := m.Warnings()
	for _, x := range ws {
		prefix := ""
		if file != "" {
			prefix = file + ": "
		}
		fmt.Fprintf(w, "envelope: warning: %soutputs.%s\n", prefix, x)
	}
	return len(ws)
}
