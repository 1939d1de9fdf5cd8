package main

import (
	"io"
	"slices"

	"github.com/envelope-cli/envelope/estimate"
	"github.com/envelope-cli/envelope/internal/plot"
	"github.com/envelope-cli/envelope/internal/render"
	"github.com/spf13/cobra"
)

// sweepLine is the chart of one output of a sweep of one input, its
// axes labelled as the table shows values.
func sweepLine(v *render.SweepView, out int) plot.Line {
	s := v.Sweep
	r := s.Ranges[0]
	l := plot.Line{Title: s.Outputs[out]}
	l.X, l.Y = sweepAxes(v, out)
	for p := range s.Len() {
		if _, failed := s.Failed(p); failed {
			continue
		}
		l.XS = append(l.XS, r.Values[p].Value)
		l.YS = append(l.YS, s.Value(out, p).Value)
	}
	return l
}

// sweepAxes are the axes of an output's chart: the first input across,
// the output up, each labelled in its display unit.
func sweepAxes(v *render.SweepView, out int) (x, y plot.Axis) {
	s := v.Sweep
	r := s.Ranges[0]
	axis := func(label string, log bool, unit *estimate.DisplayUnit, own *estimate.DisplayUnit, dim estimate.Dimension) plot.Axis {
		a := plot.Axis{Label: label, Log: log}
		if unit != nil {
			a.Unit = unit.Scale
		}
		a.Format = func(x float64) string {
			return estimate.FormatIn(estimate.Quantity{Value: x, Dim: dim}, own, v.Options)
		}
		return a
	}
	x = axis(r.Name, r.Log, v.InputUnits[0], rangeOwnUnit(v), r.Values[0].Dim)
	y = axis(s.Outputs[out], r.Log && allPositive(s.Column(out)) && spans(s.Column(out)), v.OutputUnits[out], s.Units[out], s.Dims[out])
	return x, y
}

// sweepLines is the chart of one output of a grid: a line over the
// first input for each value of the second, labelled as the table is.
func sweepLines(v *render.SweepView, out int) plot.Lines {
	s := v.Sweep
	second := s.Ranges[1]
	l := plot.Lines{Title: s.Outputs[out]}
	l.X, l.Y = sweepAxes(v, out)
	for j := range second.Values {
		series := plot.Series{Label: second.Name + " = " + v.Input(1, j)}
		for p := range s.Len() {
			if s.Point(p)[1] != j {
				continue
			}
			if _, failed := s.Failed(p); failed {
				continue
			}
			series.XS = append(series.XS, s.Inputs(p)[0].Value)
			series.YS = append(series.YS, s.Value(out, p).Value)
		}
		l.Series = append(l.Series, series)
	}
	return l
}

// rangeOwnUnit is the unit to label the input's ticks in: a per-day unit
// the range was written in; otherwise each tick in its best unit.
func rangeOwnUnit(v *render.SweepView) *estimate.DisplayUnit {
	r := v.Sweep.Ranges[0]
	return estimate.RangeUnit(v.InputTexts[0], r.Values[0].Dim, v.Options.Conventions)
}

func allPositive(qs []estimate.Quantity) bool {
	return !slices.ContainsFunc(qs, func(q estimate.Quantity) bool { return q.Value <= 0 })
}

// spans reports whether a column spans 10x or more, worth a log axis.
func spans(qs []estimate.Quantity) bool {
	lo, hi := qs[0].Value, qs[0].Value
	for _, q := range qs {
		lo, hi = min(lo, q.Value), max(hi, q.Value)
	}
	return hi >= 10*lo
}

// sweepPlotFile checks the file that --plot names, and its format.
func sweepPlotFile(cmd *cobra.Command, t target, force bool) (*outFile, string, error) {
	drawing, err := flagFile(cmd, "plot", force, scenarioRead(t)...)
	if err != nil || drawing == nil {
		return nil, "", err
	}
	if err := stdoutAlone(cmd, drawing, "output", "chart", "explain"); err != nil {
		return nil, "", err
	}
	format, err := plotFormat(drawing)
	if err != nil {
		return nil, "", usageError{err}
	}
	return drawing, format, nil
}

// writePlot writes a chart of each output to file.
func writePlot(file *outFile, format string, v *render.SweepView) error {
	var charts []plot.Chart
	for out := range v.Sweep.Outputs {
		if len(v.Sweep.Ranges) == 2 {
			charts = append(charts, sweepLines(v, out))
			continue
		}
		charts = append(charts, sweepLine(v, out))
	}
	return file.write(func(w io.Writer) error { return plot.Write(w, format, charts...) })
}
