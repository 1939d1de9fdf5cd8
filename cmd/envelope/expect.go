package main

import (
	"fmt"
	"io"
	"math"
	"strconv"
	"text/tabwriter"

	"github.com/envelope-cli/envelope/estimate"
)

// writeExpectations prints each expectation with its actual value, what was
// expected, and the deviation, in aligned columns.
func writeExpectations(w io.Writer, es []estimate.ExpectResult, o estimate.DisplayOptions, color bool) {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	for _, e := range es {
		mark := paint(color, ansiGreen, "ok")
		if !e.OK {
			mark = paint(color, ansiRed, "FAIL")
		}
		fmt.Fprintf(tw, "  %s\t%s\t%s\texpected %s ± %s\t%s\n", mark, e.Name,
			e.Format(o), e.Text,
			formatPercentage(e.Tolerance), estimate.FormatDeviation(e.Deviation))
	}
	tw.Flush()
}

// formatValue writes a base-unit value so that it reads back exactly, in
// the same form as JSON numbers: plain digits unless very large or small.
func formatValue(v float64) string {
	if a := math.Abs(v); a != 0 && (a < 1e-6 || a >= 1e21) {
		return strconv.FormatFloat(v, 'e', -1, 64)
	}
	return strconv.FormatFloat(v, 'f', -1, 64)
}

// formatPercentage shows a fraction as a percentage: 0.001 as "0.1%".
func formatPercentage(f float64) string { return strconv.FormatFloat(f*100, 'g', -1, 64) + "%" }
