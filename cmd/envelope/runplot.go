package main

import (
	"fmt"
	"io"
	"math"

	"github.com/envelope-cli/envelope/estimate"
	"github.com/envelope-cli/envelope/internal/plot"
)

// writeDistributions draws a histogram of each uncertain output of a
// sampled result (those in only, or all) to path, as SVG or PNG: the
// same drawing code as a sweep's charts, the axis labelled in the
// output's display unit.
func writeDistributions(file *outFile, r *estimate.Result, only []string, o estimate.DisplayOptions) error {
	format, err := plotFormat(file)
	if err != nil {
		return err
	}
	s := r.Sampling()
	if s == nil {
		return usageError{fmt.Errorf("--plot on run draws the distributions of a scenario with ranges; for a chart over an input, use envelope sweep --plot")}
	}
	want := map[string]bool{}
	for _, n := range only {
		want[n] = true
	}
	var charts []plot.Chart
	for _, out := range r.Outputs() {
		if out.Distribution == nil || (len(want) > 0 && !want[out.Name]) {
			continue
		}
		col, _ := s.Column(out.Name)
		samples := make([]float64, 0, len(col))
		for _, v := range col {
			if !math.IsNaN(v) && !math.IsInf(v, 0) {
				samples = append(samples, v)
			}
		}
		d := *out.Distribution
		unit, dim := out.Unit, out.Value.Dim
		axis := plot.Axis{Label: out.Name, Log: d.P5 > 0 && d.P95 >= 10*d.P5}
		if unit != nil {
			axis.Unit = unit.Scale
		}
		axis.Format = func(x float64) string {
			return estimate.FormatIn(estimate.Quantity{Value: x, Dim: dim}, unit, o)
		}
		title := fmt.Sprintf("%s: %s", out.Name, out.Format(o))
		charts = append(charts, plot.Histogram{Title: title, X: axis, Samples: samples})
	}
	if len(charts) == 0 {
		return fmt.Errorf("--plot: no uncertain output to draw")
	}
	return file.write(func(w io.Writer) error { return plot.Write(w, format, charts...) })
}
