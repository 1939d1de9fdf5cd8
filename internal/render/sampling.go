package render

import (
	"fmt"
	"io"
	"math"
	"strconv"

	"github.com/envelope-cli/envelope/estimate"
)

// What a Monte Carlo run adds to a result: the probability of each
// condition asked for, the influence of each uncertain input on the
// outputs asked for, and the samples and seed the figures come from.

// A Probability is a condition's share of the samples, all of them,
// and the share in which it is undefined (see
// estimate.Sampling.Probability).
type Probability struct {
	Condition   string  `json:"condition" yaml:"condition"`
	Probability float64 `json:"probability" yaml:"probability"`
	Undefined   float64 `json:"undefined,omitempty" yaml:"undefined,omitempty"`
}

// Share shows the probability, and the share of the samples in which
// the condition is undefined when there are such: "30.1% (15.9% of
// samples undefined)".
func (p Probability) Share() string {
	s := formatShare(p.Probability)
	if p.Undefined > 0 {
		s += " (" + formatShare(p.Undefined) + " of samples undefined)"
	}
	return s
}

// A Sensitivity is one output's uncertain inputs, by influence.
type Sensitivity struct {
	Output     string
	Influences []estimate.Influence
}

// SamplingReport is how the distributions were made, as data.
type SamplingReport struct {
	Samples int    `json:"samples" yaml:"samples"`
	Seed    uint64 `json:"seed" yaml:"seed"`
	Failed  int    `json:"failed,omitempty" yaml:"failed,omitempty"`
}

// InfluenceReport is one input's influence on an output, in base units:
// the input at its p5 and p95, the output there, and the swing, each
// null where the output is undefined, which Undefined explains.
type InfluenceReport struct {
	Input     string   `json:"input" yaml:"input"`
	InputLow  float64  `json:"input_p5" yaml:"input_p5"`
	InputHigh float64  `json:"input_p95" yaml:"input_p95"`
	Low       *float64 `json:"at_p5" yaml:"at_p5"`
	High      *float64 `json:"at_p95" yaml:"at_p95"`
	Swing     *float64 `json:"swing" yaml:"swing"`
	Spearman  float64  `json:"spearman" yaml:"spearman"`
	Undefined string   `json:"undefined,omitempty" yaml:"undefined,omitempty"`
}

// defined is v, or nil for NaN: JSON has no NaN.
func defined(v float64) *float64 {
	if math.IsNaN(v) {
		return nil
	}
	return &v
}

// InfluenceFigure shows an output at one of an influence's points, or
// "undefined".
func InfluenceFigure(q estimate.Quantity, o estimate.DisplayOptions) string {
	if math.IsNaN(q.Value) {
		return "undefined"
	}
	return estimate.Format(q, o)
}

// FailedSamples says how many samples leave a value undefined, and why
// the first did: "y: 15.9% of samples failed: square root of a negative
// number"; "" when none did.
func FailedSamples(name string, d *estimate.Distribution) string {
	if d == nil || d.Failed == 0 {
		return ""
	}
	share := float64(d.Failed) / float64(d.Failed+d.Samples)
	return fmt.Sprintf("%s: %s of samples failed: %s", name, formatShare(share), d.Failure)
}

// FailedLines are FailedSamples of every value shown that has failed
// samples, inputs then outputs.
func (v *View) FailedLines() []string {
	var lines []string
	for _, in := range v.Inputs {
		if l := FailedSamples(in.Name, in.Distribution); l != "" {
			lines = append(lines, l)
		}
	}
	for _, out := range v.Outputs {
		if l := FailedSamples(out.Name, out.Distribution); l != "" {
			lines = append(lines, l)
		}
	}
	return lines
}

// SamplingLine says how the distributions were made; when samples
// failed, that each value's figures leave out those that leave it
// undefined (FailedLines says which).
func SamplingLine(s *estimate.Sampling) string {
	if s.Failed > 0 {
		return fmt.Sprintf("%d samples, seed %d; each interval holds 90%% of those that define its value", s.Samples, s.Seed)
	}
	return fmt.Sprintf("%d samples, seed %d; each interval holds 90%% of them", s.Samples, s.Seed)
}

// formatShare shows a share of the samples: 41.23%.
func formatShare(p float64) string { return fmt.Sprintf("%.4g%%", p*100) }

// samplingMarkdown writes the same sections in Markdown.
func (v *View) samplingMarkdown(w io.Writer) error {
	s := v.Result.Sampling()
	if s == nil {
		return nil
	}
	if len(v.Options.Probabilities) > 0 {
		fmt.Fprintln(w)
		t := Table{Header: []string{"Condition", "Probability"}}
		for _, p := range v.Options.Probabilities {
			t.Rows = append(t.Rows, []string{Code(p.Condition), p.Share()})
		}
		if err := t.Markdown(w); err != nil {
			return err
		}
	}
	for _, sens := range v.Options.Sensitivity {
		fmt.Fprintf(w, "\nSensitivity of %s:\n\n", Code(sens.Output))
		t := Table{Header: []string{"Input", "Output at its p5", "At its p95", "Swing", "Rank correlation"}}
		for _, inf := range sens.Influences {
			t.Rows = append(t.Rows, []string{Code(inf.Input), MarkdownText(InfluenceFigure(inf.Low, v.Display)), MarkdownText(InfluenceFigure(inf.High, v.Display)),
				MarkdownText(InfluenceFigure(estimate.Quantity{Value: inf.Swing, Dim: inf.Low.Dim}, v.Display)), fmt.Sprintf("%.2f", inf.Spearman)})
		}
		if err := t.Markdown(w); err != nil {
			return err
		}
		for _, inf := range sens.Influences {
			if inf.Undefined != "" {
				fmt.Fprintf(w, "\n%s is undefined with %s: %s.\n", Code(sens.Output), Code(inf.Input), MarkdownText(inf.Undefined))
			}
		}
	}
	if _, err := fmt.Fprintf(w, "\nSampling: %s.\n", MarkdownText(SamplingLine(s))); err != nil {
		return err
	}
	if lines := v.FailedLines(); len(lines) > 0 {
		fmt.Fprintln(w)
		for _, l := range lines {
			fmt.Fprintf(w, "- %s\n", MarkdownText(l))
		}
	}
	return nil
}

// samplingReport adds the sampling, probabilities and sensitivities to
// a report.
func (v *View) samplingReport(rep *Report) {
	s := v.Result.Sampling()
	if s == nil {
		return
	}
	rep.Sampling = &SamplingReport{Samples: s.Samples, Seed: s.Seed, Failed: s.Failed}
	rep.Probabilities = v.Options.Probabilities
	for _, sens := range v.Options.Sensitivity {
		if rep.Sensitivity == nil {
			rep.Sensitivity = map[string][]InfluenceReport{}
		}
		list := []InfluenceReport{}
		for _, inf := range sens.Influences {
			list = append(list, InfluenceReport{Input: inf.Input, InputLow: inf.InputLow.Value, InputHigh: inf.InputHigh.Value,
				Low: defined(inf.Low.Value), High: defined(inf.High.Value), Swing: defined(inf.Swing), Spearman: inf.Spearman, Undefined: inf.Undefined})
		}
		rep.Sensitivity[sens.Output] = list
	}
}

// failedRows are the CSV rows of the values shown that have failed
// samples: the count, and FailedSamples as the display.
func (v *View) failedRows() [][]string {
	var rows [][]string
	add := func(name string, d *estimate.Distribution) {
		if l := FailedSamples(name, d); l != "" {
			rows = append(rows, []string{"distribution", name + ".failed", strconv.Itoa(d.Failed), "1", l, ""})
		}
	}
	for _, in := range v.Inputs {
		add(in.Name, in.Distribution)
	}
	for _, out := range v.Outputs {
		add(out.Name, out.Distribution)
	}
	return rows
}
