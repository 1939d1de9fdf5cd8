package render

import (
	"fmt"
	"io"
	"strings"

	"github.com/envelope-cli/envelope/estimate"
)

// What a Monte Carlo run adds to a result: the probability of each
// condition asked for, the influence of each uncertain input on the
// outputs asked for, and the samples and seed the figures come from.

// A Probability is a condition's share of the samples.
type Probability struct {
	Condition   string  `json:"condition" yaml:"condition"`
	Probability float64 `json:"probability" yaml:"probability"`
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

// InfluenceReport is one input's influence on an output, in base units.
type InfluenceReport struct {
	Input    string  `json:"input" yaml:"input"`
	Low      float64 `json:"at_p5" yaml:"at_p5"`
	High     float64 `json:"at_p95" yaml:"at_p95"`
	Swing    float64 `json:"swing" yaml:"swing"`
	Spearman float64 `json:"spearman" yaml:"spearman"`
}

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
func (v *view) samplingTables(w io.Writer) error {
	s := v.r.Sampling()
	if s == nil {
		return nil
	}
	if len(v.opt.Probabilities) > 0 {
		fmt.Fprintln(w)
		fmt.Fprintln(w, Paint(v.opt.Color, Bold, "probabilities"))
		for _, p := range v.opt.Probabilities {
			fmt.Fprintf(w, "  P(%s) = %s\n", Escape(p.Condition), formatShare(p.Probability))
		}
	}
	for _, sens := range v.opt.Sensitivity {
		fmt.Fprintln(w)
		fmt.Fprintln(w, Paint(v.opt.Color, Bold, "sensitivity of "+Escape(sens.Output)))
		t := Table{Header: []string{"input", "output at its p5", "at its p95", "swing", "rank correlation"}}
		for _, inf := range sens.Influences {
			t.Rows = append(t.Rows, []string{inf.Input, estimate.Format(inf.Low, v.o), estimate.Format(inf.High, v.o),
				estimate.Format(estimate.Quantity{Value: inf.Swing, Dim: inf.Low.Dim}, v.o), fmt.Sprintf("%.2f", inf.Spearman)})
		}
		if err := t.Terminal(w, v.opt.Width); err != nil {
			return err
		}
		if len(sens.Influences) > 0 {
			fmt.Fprintf(w, "  pin down %s first\n", sens.Influences[0].Input)
		}
	}
	fmt.Fprintf(w, "\nsampling: %s\n", samplingLine(s))
	if v.explain != nil {
		fmt.Fprintln(w, "the working stands each range at its median; the intervals come from the samples")
	}
	return nil
}

func samplingLine(s *estimate.Sampling) string {
	line := fmt.Sprintf("%d samples, seed %d; each interval holds 90%% of them", s.Samples, s.Seed)
	if s.Failed > 0 {
		line += fmt.Sprintf("; %d failed (%s), left out", s.Failed, formatShare(s.FailedShare()))
	}
	return line
}

// formatShare shows a share of the samples: 41.23%.
func formatShare(p float64) string { return fmt.Sprintf("%.4g%%", p*100) }

// samplingMarkdown writes the same sections in Markdown.
func (v *view) samplingMarkdown(w io.Writer) error {
	s := v.r.Sampling()
	if s == nil {
		return nil
	}
	if len(v.opt.Probabilities) > 0 {
		fmt.Fprintln(w)
		t := Table{Header: []string{"Condition", "Probability"}}
		for _, p := range v.opt.Probabilities {
			t.Rows = append(t.Rows, []string{Code(p.Condition), formatShare(p.Probability)})
		}
		if err := t.Markdown(w); err != nil {
			return err
		}
	}
	for _, sens := range v.opt.Sensitivity {
		fmt.Fprintf(w, "\nSensitivity of %s:\n\n", Code(sens.Output))
		t := Table{Header: []string{"Input", "Output at its p5", "At its p95", "Swing", "Rank correlation"}}
		for _, inf := range sens.Influences {
			t.Rows = append(t.Rows, []string{Code(inf.Input), MarkdownText(estimate.Format(inf.Low, v.o)), MarkdownText(estimate.Format(inf.High, v.o)),
				MarkdownText(estimate.Format(estimate.Quantity{Value: inf.Swing, Dim: inf.Low.Dim}, v.o)), fmt.Sprintf("%.2f", inf.Spearman)})
		}
		if err := t.Markdown(w); err != nil {
			return err
		}
	}
	_, err := fmt.Fprintf(w, "\nSampling: %s.\n", MarkdownText(samplingLine(s)))
	return err
}

// samplingReport adds the sampling, probabilities and sensitivities to
// a report.
func (v *view) samplingReport(rep *Report) {
	s := v.r.Sampling()
	if s == nil {
		return
	}
	rep.Sampling = &SamplingReport{Samples: s.Samples, Seed: s.Seed, Failed: s.Failed}
	rep.Probabilities = v.opt.Probabilities
	for _, sens := range v.opt.Sensitivity {
		if rep.Sensitivity == nil {
			rep.Sensitivity = map[string][]InfluenceReport{}
		}
		var list []InfluenceReport
		for _, inf := range sens.Influences {
			list = append(list, InfluenceReport{Input: inf.Input, Low: inf.Low.Value, High: inf.High.Value, Swing: inf.Swing, Spearman: inf.Spearman})
		}
		rep.Sensitivity[sens.Output] = list
	}
}
