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

// sweepFlags are the flags of sweep.
type sweepFlags struct {
	evalFlags
	vary        []string
	steps       int
	log, linear bool
	chart       bool
	plotFile    string
	force       bool
}

func newSweepCmd() *cobra.Command {
	var f sweepFlags
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
		RunE:              func(cmd *cobra.Command, args []string) error { return runSweep(cmd, args[0], &f) },
	}
	cmd.Flags().StringArrayVar(&f.vary, "vary", nil, "an input and its values: name=FROM..TO or name=a,b,c (once, or twice for a grid)")
	cmd.Flags().IntVar(&f.steps, "steps", estimate.DefaultSteps, "points a FROM..TO range is split into")
	cmd.Flags().BoolVar(&f.log, "log", false, "space the points logarithmically")
	cmd.Flags().BoolVar(&f.linear, "linear", false, "space the points linearly")
	cmd.Flags().BoolVar(&f.chart, "chart", true, "draw a text chart of each output (default: on a terminal)")
	fileFlag(cmd, &f.plotFile, "plot", "write the charts to FILE.svg or FILE.png (- for SVG on standard output)")
	forceFlag(cmd, &f.force, "the file that --plot names")
	cmd.RegisterFlagCompletionFunc("vary", completeSet)
	f.register(cmd)
	f.samples.register(cmd) // for a sweep of a scenario with ranges
	return cmd
}

// runSweep sweeps the scenario arg names over the ranges of --vary and
// writes the sweep in the format chosen, and its charts where asked.
func runSweep(cmd *cobra.Command, arg string, f *sweepFlags) error {
	sp, err := f.spacing()
	if err != nil {
		return err
	}
	t, err := resolveTarget(arg, cmd.InOrStdin())
	if err != nil {
		return fail(err)
	}
	drawing, format, err := sweepPlotFile(cmd, t, f.force)
	if err != nil {
		return err
	}
	m, s, texts, overrides, err := sweepTarget(t, &f.evalFlags, f.vary, f.steps, sp)
	if err != nil {
		return fail(err)
	}
	if err := evaluatePoints(m, s, f.samples.options(), overrides); err != nil {
		return fail(err)
	}
	stderr := cmd.ErrOrStderr()
	if f.output.value != "json" && f.output.value != "yaml" {
		printWarnings(stderr, t.file, m)
	}
	v := newSweepView(m, s, texts, &f.evalFlags)
	if !drawing.stdout() { // else the image on standard output is the result
		if err := writeSweep(cmd, v, f); err != nil {
			return err
		}
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
}

// spacing is the spacing of the points that --log and --linear choose,
// and checks that sweep has one or two --vary.
func (f *sweepFlags) spacing() (estimate.Spacing, error) {
	if f.log && f.linear {
		return 0, usageError{errors.New("--log and --linear cannot both be given")}
	}
	if len(f.vary) == 0 || len(f.vary) > 2 {
		return 0, usageError{errors.New("sweep takes one or two --vary NAME=FROM..TO")}
	}
	switch {
	case f.log:
		return estimate.SpacingLog, nil
	case f.linear:
		return estimate.SpacingLinear, nil
	}
	return estimate.SpacingAuto, nil
}

// evaluatePoints evaluates the points of a sweep again, beyond the batch
// evaluator: each sampled, when the scenario has ranges elsewhere, to
// show its median and 90% interval; or else on the exact path, when
// there are at most maxConfirmed.
func evaluatePoints(m *estimate.Model, s *estimate.SweepResult, so estimate.SampleOptions, overrides []estimate.Override) error {
	switch {
	case m.Uncertain(overrides...):
		return s.Sample(m, so, overrides...)
	case s.Len() <= maxConfirmed:
		return s.Confirm(m, overrides...)
	}
	return nil
}

// newSweepView prepares a sweep for rendering, under the scenario's
// title, each input in the unit the scenario gives it.
func newSweepView(m *estimate.Model, s *estimate.SweepResult, texts []string, f *evalFlags) *render.SweepView {
	o := estimate.DisplayOptions{Binary: f.binary, Conventions: m.Conventions(), Digits: f.digits.n}
	var inUnits []*estimate.DisplayUnit
	for _, r := range s.Ranges {
		inUnits = append(inUnits, inputUnit(m, r.Name))
	}
	title := m.Scenario().Name
	if tt := m.Scenario().Title; tt != "" {
		title = tt + " (" + title + ")"
	}
	return render.NewSweepView(title, s, inUnits, texts, o)
}

// writeSweep writes a sweep in the format -o chooses; as tables, with a
// text chart of each output after them on a terminal (or as --chart
// says) when one input is swept.
func writeSweep(cmd *cobra.Command, v *render.SweepView, f *sweepFlags) error {
	w := cmd.OutOrStdout()
	switch f.output.value {
	case "json":
		return render.JSON(w, v.Report())
	case "yaml":
		return render.YAML(w, v.Report())
	case "csv":
		return v.CSV(w)
	case "markdown":
		return v.Markdown(w)
	}
	if err := table.Sweep(w, v, terminalWidth(w)); err != nil {
		return err
	}
	draw := isTerminal(w)
	if cmd.Flags().Changed("chart") {
		draw = f.chart
	}
	if !draw || len(v.Sweep.Ranges) != 1 {
		return nil
	}
	for out := range v.Sweep.Outputs {
		if err := plot.Text(w, sweepLine(v, out), min(terminalWidth(w), 72), 10); err != nil {
			return err
		}
		fmt.Fprintln(w)
	}
	return nil
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
