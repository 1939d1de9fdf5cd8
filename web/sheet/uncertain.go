package sheet

import (
	"math"

	"github.com/envelope-cli/envelope/estimate"
	"github.com/envelope-cli/envelope/internal/render"
)

// PageSamples is the number of samples the page draws for a scenario
// with ranges: the CLI's estimate.DefaultSamples, so that the page shows
// the intervals "envelope run" prints. An edit re-draws only the ranges
// it changed (estimate.SampleCache), and the summaries take two straight
// passes over each column, which is what keeps an edit of the 30-output
// model with five ranges within 100 ms in the browser. See
// Sheet.SetSamples.
const PageSamples = estimate.DefaultSamples

// A DistributionView is an uncertain value as the page draws it: its
// median and 90% interval, in base units and as text, and a histogram of
// its samples from the 5th to the 95th percentile.
type DistributionView struct {
	Median  string  `json:"median"`         // the median alone, in the display unit
	P5      float64 `json:"p5"`             // in base units
	P50     float64 `json:"p50"`            // in base units
	P95     float64 `json:"p95"`            // in base units
	Bins    []int   `json:"bins,omitempty"` // estimate.HistogramBins counts from P5 to P95
	LogBins bool    `json:"log_bins"`       // the bins are spaced logarithmically
	Low     string  `json:"low"`            // P5, in the display unit
	High    string  `json:"high"`           // P95, in the display unit
	Samples int     `json:"samples"`
	// Failed says how many samples leave the value undefined, left out
	// of the figures above, and why the first did, as the CLI says it
	// (render.FailedSamples); empty when none did.
	Failed string `json:"failed,omitempty"`
}

// An InfluenceView is one bar of a sensitivity chart: the output with
// the input at its 5th and at its 95th percentile, every other input at
// its median.
type InfluenceView struct {
	Input    string  `json:"input"`
	Low      string  `json:"low"`
	High     string  `json:"high"`
	LowV     float64 `json:"low_value"`  // in base units
	HighV    float64 `json:"high_value"` // in base units
	Swing    float64 `json:"swing"`      // |high − low|, in base units
	Spearman float64 `json:"spearman"`   // rank correlation of the samples
}

// SetSamples sets the number of samples a scenario with ranges is drawn
// with; 0 means PageSamples.
func (s *Sheet) SetSamples(n int) {
	if n != s.samples {
		s.samples = n
		s.last = nil
	}
}

// Samples returns the number of samples a scenario with ranges is drawn
// with.
func (s *Sheet) Samples() int {
	if s.samples <= 0 {
		return PageSamples
	}
	return min(s.samples, estimate.MaxSamples)
}

// distributionView shows a distribution, with its histogram when bins is
// set: binning costs about half as much as sampling, so inputs, whose
// ranges the page does not draw, go without.
func distributionView(sm *estimate.Sampling, name string, d *estimate.Distribution, unit *estimate.DisplayUnit, o estimate.DisplayOptions, bins bool) *DistributionView {
	if sm == nil || d == nil {
		return nil
	}
	var counts []int
	var logBins bool
	if bins {
		counts, logBins, _ = sm.Histogram(name, *d)
	}
	median, low, high := d.Figures(unit, o) // as the CLI shows the interval
	return &DistributionView{Median: median, P5: d.P5, P50: d.P50, P95: d.P95, Bins: counts, LogBins: logBins,
		Low: low, High: high, Samples: d.Samples, Failed: render.FailedSamples(name, d)}
}

func formatIn(q estimate.Quantity, u *estimate.DisplayUnit, o estimate.DisplayOptions) string {
	return estimate.FormatIn(q, u, o)
}

// Sensitivity ranks the uncertain inputs by their influence on the named
// output, largest swing first (estimate.Sampling.Sensitivity); none when
// the sheet has no ranges.
func (s *Sheet) Sensitivity(output string) ([]InfluenceView, error) {
	r, err := s.evaluate()
	if err != nil {
		return nil, err
	}
	sm := r.Sampling()
	if sm == nil {
		return []InfluenceView{}, nil
	}
	inf, err := sm.Sensitivity(output)
	if err != nil {
		return nil, err
	}
	var unit *estimate.DisplayUnit
	for _, out := range r.Outputs() {
		if out.Name == output {
			unit = out.Unit
		}
	}
	o := r.DisplayOptions(false)
	o.Digits = 3
	all := []InfluenceView{}
	for _, i := range inf {
		all = append(all, InfluenceView{Input: i.Input, Low: formatIn(i.Low, unit, o), High: formatIn(i.High, unit, o),
			LowV: i.Low.Value, HighV: i.High.Value, Swing: i.Swing, Spearman: i.Spearman})
	}
	return all, nil
}

// A SweepView is a sweep of one input over its slider's span, a series
// per headline output (every output when the scenario names none), to
// chart.
type SweepView struct {
	Input  string       `json:"input"`
	Log    bool         `json:"log"` // the points are spaced logarithmically
	X      []float64    `json:"x"`   // the input's values, in base units
	XTicks []Tick       `json:"x_ticks"`
	Series []SeriesView `json:"series"`
	// Confirmed is set when every point was evaluated again on the exact
	// path (estimate.SweepResult.Confirm), as the sweep command does for
	// up to MaxConfirmed points.
	Confirmed bool `json:"confirmed"`
}

// A SeriesView is one output at every point of a sweep; a failed point
// is null.
type SeriesView struct {
	Output string     `json:"output"`
	Y      []*float64 `json:"y"` // in base units
	Log    bool       `json:"log"`
	YTicks []Tick     `json:"y_ticks"`
	Text   []string   `json:"text"` // each point in the output's display unit
}

// A Tick is a place on a chart's axis and its label in display units.
type Tick struct {
	Value float64 `json:"value"`
	Label string  `json:"label"`
}

// MaxConfirmed is the most points a sweep evaluates again on the exact
// path, as "envelope sweep" does.
const MaxConfirmed = 2000

// Sweep evaluates the sheet at steps points of the named input over its
// slider's span (logarithmically spaced for a log slider), the other
// inputs as edited and any ranges among them at their medians, and
// returns a series per headline output.
func (s *Sheet) Sweep(input string, steps int) (*SweepView, error) {
	in := s.input(input)
	if in == nil {
		return nil, &estimate.Error{Path: input, Msg: "unknown input " + quote(input)}
	}
	r, err := s.model.Evaluate() // the file's value gives the span, as for the slider
	if err != nil {
		return nil, err
	}
	var iv estimate.InputValue
	for _, v := range r.Inputs() {
		if v.Name == input {
			iv = v
		}
	}
	sl := slider(iv.Value, in)
	sp := estimate.SpacingLinear
	if sl.Log {
		sp = estimate.SpacingLog
	}
	if steps < 2 {
		steps = 2
	}
	dim := iv.Value.Dim
	vs, log, err := estimate.Points(estimate.Quantity{Value: sl.Min, Dim: dim}, estimate.Quantity{Value: sl.Max, Dim: dim}, steps, sp)
	if err != nil {
		return nil, err
	}
	var ovs []estimate.Override
	for _, o := range s.overrides() {
		if o.Name != input {
			ovs = append(ovs, o)
		}
	}
	sc := s.model.Scenario()
	outs := sc.Headline
	if len(outs) == 0 {
		outs = s.model.OutputNames()
	}
	sw, err := s.model.Sweep([]estimate.Range{{Name: input, Values: vs, Log: log}}, outs, ovs...)
	if err != nil {
		return nil, err
	}
	v := &SweepView{Input: input, Log: log}
	if sw.Len() <= MaxConfirmed {
		if err := sw.Confirm(s.model, ovs...); err != nil {
			return nil, err
		}
		v.Confirmed = true
	}
	o := r.DisplayOptions(false)
	xunit := iv.Unit
	if xunit == nil {
		xunit = estimate.RangeUnit(in.Value.Value, dim, o.Conventions)
	}
	for _, q := range vs {
		v.X = append(v.X, q.Value)
	}
	v.XTicks = ticks(sl.Min, sl.Max, log, scaleOf(xunit), func(x float64) string { return formatIn(estimate.Quantity{Value: x, Dim: dim}, xunit, o) })
	for out := range sw.Outputs {
		v.Series = append(v.Series, sweepSeries(sw, out, log, o))
	}
	return v, nil
}

// sweepSeries is one output of a sweep as the page charts it: each
// point's value and display ("failed" where it has none), on a log axis
// when the input's is and the output spans 10x or more.
func sweepSeries(sw *estimate.SweepResult, out int, log bool, o estimate.DisplayOptions) SeriesView {
	col := sw.Column(out)
	unit := sw.Units[out]
	if unit == nil {
		unit = estimate.ColumnUnit(col, o)
	}
	se := SeriesView{Output: sw.Outputs[out], Y: make([]*float64, len(col)), Text: make([]string, len(col))}
	lo, hi := math.Inf(1), math.Inf(-1)
	for p, q := range col {
		if _, failed := sw.Failed(p); failed || math.IsNaN(q.Value) || math.IsInf(q.Value, 0) {
			se.Text[p] = "failed"
			continue
		}
		y := q.Value
		se.Y[p] = &y
		se.Text[p] = sw.Format(out, p, unit, o)
		lo, hi = min(lo, y), max(hi, y)
	}
	if lo <= hi {
		se.Log = log && lo > 0 && hi >= 10*lo
		d := sw.Dims[out]
		own := sw.Units[out]
		se.YTicks = ticks(lo, hi, se.Log, scaleOf(own), func(y float64) string { return formatIn(estimate.Quantity{Value: y, Dim: d}, own, o) })
	}
	return se
}

func scaleOf(u *estimate.DisplayUnit) float64 {
	if u == nil || u.Scale <= 0 {
		return 1
	}
	return u.Scale
}

// ticks returns places from lo to hi (in base units) to label an axis,
// round in a unit of the given scale: powers of ten (and 2 and 5 times
// them on a short span) for a log axis, 3 to 7 round steps for a linear
// one.
func ticks(lo, hi float64, log bool, scale float64, label func(float64) string) []Tick {
	vs := render.AxisTicks(lo/scale, hi/scale, log)
	var all []Tick
	for _, v := range vs {
		all = append(all, Tick{Value: v * scale, Label: label(v * scale)})
	}
	return all
}
