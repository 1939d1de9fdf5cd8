package main

import (
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/envelope-cli/envelope/estimate"
	"github.com/envelope-cli/envelope/internal/plot"
	"github.com/envelope-cli/envelope/internal/render"
	"github.com/envelope-cli/envelope/internal/render/table"
	"github.com/spf13/cobra"
)

// maxConfirmed is the most points whose values sweep confirms on the
// exact path (see estimate.SweepResult.Confirm); a longer sweep, read as
// a chart or a file, shows the batch evaluator's values.
const maxConfirmed = 2000

func newSweepCmd() *cobra.Command {
	var (
		f           evalFlags
		vary        []string
		steps       int
		log, linear bool
		chart       bool
		plotFile    string
		force       bool
	)
	cmd := &cobra.Command{
		Use:   "sweep NAME|FILE|- --vary NAME=FROM..TO",
		Short: "Evaluate a scenario over a range of one input, or a grid of two",
		Long: `Sweep evaluates a scenario at points of one input's range (--vary
NAME=FROM..TO, split into --steps points, logarithmically when the range
spans 100x or more) or list (--vary NAME=a,b,c), and shows the headline
outputs (or --only) at each. Two --vary flags make a grid: a table per
output with the first input down and the second across. On a terminal
it also draws a text chart of each output (--chart=false leaves them out;
--chart draws them on any output); --plot FILE.svg or FILE.png writes
the charts as an image.`,
		Example: `  envelope sweep url-shortener --vary new_urls=10M/day..1bn/day --steps 3
  envelope sweep web-service --vary dau=1M..1bn --only servers,storage_replicated
  envelope sweep web-service --vary dau=1M..100M --vary peak_factor=2,3,5 --only servers -o csv
  envelope sweep web-service --vary dau=1M..1bn --plot servers.svg`,
		Args:              exactArgs(1, "a preset name, a scenario file or - for standard input"),
		ValidArgsFunction: completePresets,
		RunE: func(cmd *cobra.Command, args []string) error {
			if log && linear {
				return usageError{errors.New("--log and --linear cannot both be given")}
			}
			if len(vary) == 0 || len(vary) > 2 {
				return usageError{errors.New("sweep takes one or two --vary NAME=FROM..TO")}
			}
			sp := estimate.SpacingAuto
			switch {
			case log:
				sp = estimate.SpacingLog
			case linear:
				sp = estimate.SpacingLinear
			}
			t, err := resolveTarget(args[0], cmd.InOrStdin())
			if err != nil {
				return fail(err)
			}
			drawing, format, err := sweepPlotFile(cmd, t, force)
			if err != nil {
				return err
			}
			m, s, texts, overrides, err := sweepTarget(t, &f, vary, steps, sp)
			if err != nil {
				return fail(err)
			}
			switch {
			case m.Uncertain(overrides...):
				// Ranges elsewhere: each point is sampled, and shows its
				// median and 90% interval.
				if err := s.Sample(m, f.samples.options(), overrides...); err != nil {
					return fail(err)
				}
			case s.Len() <= maxConfirmed:
				if err := s.Confirm(m, overrides...); err != nil {
					return fail(err)
				}
			}
			stderr, w := cmd.ErrOrStderr(), cmd.OutOrStdout()
			if f.output.value != "json" && f.output.value != "yaml" {
				printWarnings(stderr, t.file, m)
			}
			o := estimate.DisplayOptions{Binary: f.binary, Conventions: m.Conventions(), Digits: f.digits.n}
			var inUnits []*estimate.DisplayUnit
			for _, r := range s.Ranges {
				inUnits = append(inUnits, inputUnit(m, r.Name))
			}
			title := m.Scenario().Name
			if tt := m.Scenario().Title; tt != "" {
				title = tt + " (" + title + ")"
			}
			v := render.NewSweepView(title, s, inUnits, texts, o)
			result := f.output.value
			if drawing.stdout() {
				result = "" // the image on standard output is the result
			}
			switch result {
			case "":
			case "json":
				err = render.JSON(w, v.Report())
			case "yaml":
				err = render.YAML(w, v.Report())
			case "csv":
				err = v.CSV(w)
			case "markdown":
				err = v.Markdown(w)
			default:
				err = table.Sweep(w, v, terminalWidth(w))
				draw := isTerminal(w)
				if cmd.Flags().Changed("chart") {
					draw = chart
				}
				if err == nil && draw && len(s.Ranges) == 1 {
					for out := range s.Outputs {
						if err = plot.Text(w, sweepLine(v, out), min(terminalWidth(w), 72), 10); err != nil {
							break
						}
						fmt.Fprintln(w)
					}
				}
			}
			if err != nil {
				return err
			}
			if drawing != nil {
				// A grid draws a line per value of its second input.
				if err := writePlot(drawing, format, v); err != nil {
					return fail(err)
				}
			}
			warnFailedSamples(stderr, v)
			if len(s.Failures) > 0 {
				for _, fl := range s.Failures {
					fmt.Fprintf(stderr, "envelope: at %s: %s: %s\n", pointText(v, fl.Sample), fl.Output, fl.Reason)
				}
				return errSilent
			}
			return nil
		},
	}
	cmd.Flags().StringArrayVar(&vary, "vary", nil, "an input and its values: name=FROM..TO or name=a,b,c (once, or twice for a grid)")
	cmd.Flags().IntVar(&steps, "steps", estimate.DefaultSteps, "points a FROM..TO range is split into")
	cmd.Flags().BoolVar(&log, "log", false, "space the points logarithmically")
	cmd.Flags().BoolVar(&linear, "linear", false, "space the points linearly")
	cmd.Flags().BoolVar(&chart, "chart", true, "draw a text chart of each output (default: on a terminal)")
	fileFlag(cmd, &plotFile, "plot", "write the charts to FILE.svg or FILE.png (- for SVG on standard output)")
	forceFlag(cmd, &force, "the file that --plot names")
	cmd.RegisterFlagCompletionFunc("vary", completeSet)
	f.register(cmd)
	f.samples.register(cmd) // for a sweep of a scenario with ranges
	return cmd
}

// pointText names the inputs' values at point p: "dau = 1M, peak = 2".
func pointText(v *render.SweepView, p int) string {
	var at []string
	for i, j := range v.Sweep.Point(p) {
		at = append(at, v.Sweep.Ranges[i].Name+" = "+v.Input(i, j))
	}
	return strings.Join(at, ", ")
}

// warnFailedSamples warns, for each output of a sampled sweep, of the
// points where some samples leave it undefined, which its figures there
// leave out: the first such point, with how many and why, and how many
// points there are.
func warnFailedSamples(w io.Writer, v *render.SweepView) {
	s := v.Sweep
	for out, name := range s.Outputs {
		first, points := -1, 0
		for p := range s.Len() {
			if d := s.Distribution(out, p); d != nil && d.Failed > 0 {
				if first < 0 {
					first = p
				}
				points++
			}
		}
		if first < 0 {
			continue
		}
		fmt.Fprintf(w, "envelope: warning: at %s, %s (left out of its figures", pointText(v, first),
			render.Escape(render.FailedSamples(name, s.Distribution(out, first))))
		if points > 1 {
			fmt.Fprintf(w, "; and at %d more of the %d points", points-1, s.Len())
		}
		fmt.Fprintln(w, ")")
	}
}

// inputUnit is the display unit the scenario gives an input, or nil.
func inputUnit(m *estimate.Model, name string) *estimate.DisplayUnit {
	r, err := m.Evaluate()
	if err != nil {
		return nil
	}
	for _, in := range r.Inputs() {
		if in.Name == name {
			return in.Unit
		}
	}
	return nil
}

// sweepTarget loads a scenario and sweeps it as the flags say. It
// returns the ranges as written too, and the overrides.
func sweepTarget(t target, f *evalFlags, vary []string, steps int, sp estimate.Spacing) (*estimate.Model, *estimate.SweepResult, []string, []estimate.Override, error) {
	opt, err := f.conv.options()
	if err != nil {
		return nil, nil, nil, nil, err
	}
	m, err := estimate.Load(t.file, t.src, opt)
	if err != nil {
		return nil, nil, nil, nil, err
	}
	overrides, errs := parseSets(m, f.set)
	var ranges []estimate.Range
	var texts []string
	for _, arg := range vary {
		r, err := m.ParseVary(arg, steps, sp)
		if err != nil {
			errs = append(errs, argErrors("--vary", arg, err))
			continue
		}
		ranges = append(ranges, r)
		_, text, _ := strings.Cut(arg, "=")
		texts = append(texts, text)
	}
	only := f.only
	for _, name := range only {
		if !slices.Contains(m.OutputNames(), name) {
			errs = append(errs, fmt.Errorf("--only: %s", unknownOutput(name, m.OutputNames())))
		}
	}
	if len(errs) > 0 {
		return nil, nil, nil, nil, errors.Join(errs...)
	}
	if len(only) == 0 {
		only = headlineOutputs(m)
	}
	s, err := m.Sweep(ranges, slices.Compact(only), overrides...)
	return m, s, texts, overrides, err
}

// headlineOutputs are the outputs a scenario's headline names, or its
// first three.
func headlineOutputs(m *estimate.Model) []string {
	var names []string
	for _, n := range m.Scenario().Headline {
		if slices.Contains(m.OutputNames(), n) {
			names = append(names, n)
		}
	}
	if len(names) == 0 {
		names = m.OutputNames()[:min(3, len(m.OutputNames()))]
	}
	return names
}

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
