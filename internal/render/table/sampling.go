package table

import (
	"fmt"
	"io"
	"strings"

	"github.com/envelope-cli/envelope/estimate"
	"github.com/envelope-cli/envelope/internal/render"
)

// sparks are the eighths of a block, for a text histogram.
var sparks = []rune(" ▁▂▃▄▅▆▇█")

// Histogram draws a histogram's bins (estimate.Sampling.Histogram) as a
// line of blocks, from the 5th to the 95th percentile.
func Histogram(bins []int) string {
	top := 0
	for _, c := range bins {
		top = max(top, c)
	}
	if top == 0 {
		return ""
	}
	var b strings.Builder
	for _, c := range bins {
		b.WriteRune(sparks[(c*8+top-1)/top])
	}
	return b.String()
}

// samplingTables writes the probabilities, the sensitivities and the
// sampling line of a table.
func samplingTables(w io.Writer, v *render.View) error {
	s := v.Result.Sampling()
	if s == nil {
		return nil
	}
	if len(v.Options.Probabilities) > 0 {
		fmt.Fprintln(w)
		fmt.Fprintln(w, Paint(v.Options.Color, Bold, "probabilities"))
		for _, p := range v.Options.Probabilities {
			fmt.Fprintf(w, "  P(%s) = %s\n", render.Escape(p.Condition), p.Share())
		}
	}
	for _, sens := range v.Options.Sensitivity {
		fmt.Fprintln(w)
		fmt.Fprintln(w, Paint(v.Options.Color, Bold, "sensitivity of "+render.Escape(sens.Output)))
		t := render.Table{Header: []string{"input", "output at its p5", "at its p95", "swing", "rank correlation"}}
		for _, inf := range sens.Influences {
			t.Rows = append(t.Rows, []string{inf.Input, render.InfluenceFigure(inf.Low, v.Display), render.InfluenceFigure(inf.High, v.Display),
				render.InfluenceFigure(estimate.Quantity{Value: inf.Swing, Dim: inf.Low.Dim}, v.Display), fmt.Sprintf("%.2f", inf.Spearman)})
		}
		if err := Write(w, t, v.Options.Width); err != nil {
			return err
		}
		for _, inf := range sens.Influences {
			if inf.Undefined != "" {
				fmt.Fprintf(w, "  %s is undefined with %s: %s\n", render.Escape(sens.Output), inf.Input, inf.Undefined)
			}
		}
		if len(sens.Influences) > 0 {
			fmt.Fprintf(w, "  pin down %s first\n", sens.Influences[0].Input)
		}
	}
	fmt.Fprintf(w, "\nsampling: %s\n", render.SamplingLine(s))
	for _, l := range v.FailedLines() {
		fmt.Fprintf(w, "  %s\n", render.Escape(l))
	}
	if v.Explain != nil {
		fmt.Fprintln(w, "the working stands each range at its median; the intervals come from the samples")
	}
	return nil
}
