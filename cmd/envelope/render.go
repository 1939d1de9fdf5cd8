package main

import (
	"encoding/csv"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"

	"github.com/envelope-cli/envelope/estimate"
	"github.com/envelope-cli/envelope/internal/render"
	"github.com/envelope-cli/envelope/internal/render/table"
	"github.com/spf13/cobra"
	"golang.org/x/term"
)

// outputFormats are the formats a scenario's result renders in.
var outputFormats = table.Formats

// renderOptions are the render options the flags of f choose, for
// standard output.
func renderOptions(cmd *cobra.Command, f *evalFlags) render.Options {
	w := cmd.OutOrStdout()
	return render.Options{Format: f.output.value, Binary: f.binary, Explain: f.explain,
		Only: f.only, Inputs: f.inputs, Color: useColor(w), Width: terminalWidth(w), Digits: f.digits.n}
}

// renderResult writes a result in the format chosen with -o.
func renderResult(cmd *cobra.Command, r *estimate.Result, f *evalFlags) error {
	if err := f.openFiles(cmd, nil); err != nil {
		return err
	}
	opt := renderOptions(cmd, f)
	if err := samplingOptions(cmd, r, f, &opt); err != nil {
		return err
	}
	if f.toStdout() {
		return nil // a file written to standard output is the result
	}
	return table.Result(cmd.OutOrStdout(), r, opt)
}

// terminalWidth is the width tables fit: $COLUMNS when it is set to a
// number, as shells and tests set it, or else the terminal's width, or
// table.DefaultWidth when w is not a terminal.
func terminalWidth(w io.Writer) int {
	if n, err := strconv.Atoi(os.Getenv("COLUMNS")); err == nil && n > 0 {
		return n
	}
	if f, ok := file(w); ok {
		if n, _, err := term.GetSize(int(f.Fd())); err == nil && n > 0 {
			return n
		}
	}
	return table.DefaultWidth
}

// samplingOptions adds to opt what a Monte Carlo run was asked for: the
// probabilities and sensitivities, computed by the engine; it writes the
// samples when asked, and warns of failed samples on standard error.
func samplingOptions(cmd *cobra.Command, r *estimate.Result, f *evalFlags, opt *render.Options) error {
	s := r.Sampling()
	if s == nil {
		if f.sens || len(f.prob) > 0 || f.files.export != nil || f.files.plot != nil {
			return usageError{fmt.Errorf("--sensitivity, --prob, --export-samples and --plot need an input with a range, such as --set 'users=50M to 150M'")}
		}
		return nil
	}
	opt.Histograms = isTerminal(cmd.OutOrStdout())
	for _, o := range r.Outputs() {
		// Each output leaves out, and names, the samples that leave it
		// undefined; the others' figures keep them.
		if line := render.FailedSamples(o.Name, o.Distribution); line != "" {
			line += " (left out of its figures"
			if fl, ok := s.FirstFailure(o.Name); ok {
				line += "; the first, sample " + strconv.Itoa(fl.Sample) + ", has " + failedInputs(r, fl.Sample)
			}
			fmt.Fprintf(cmd.ErrOrStderr(), "envelope: warning: %s)\n", render.Escape(line))
		}
	}
	for _, cond := range f.prob {
		p, err := s.Probability(cond)
		if err != nil {
			return argError("--prob", cond, 0, false, err)
		}
		opt.Probabilities = append(opt.Probabilities, render.Probability{Condition: cond, Probability: p.Holds, Undefined: p.Undefined})
	}
	if f.sens {
		outputs := f.only
		if len(outputs) == 0 {
			for _, o := range r.Outputs() {
				if o.Distribution != nil {
					outputs = append(outputs, o.Name)
				}
			}
		}
		for _, name := range outputs {
			inf, err := s.Sensitivity(name)
			if err != nil {
				return err
			}
			opt.Sensitivity = append(opt.Sensitivity, render.Sensitivity{Output: name, Influences: inf})
		}
	}
	if out := f.files.export; out != nil {
		if err := out.write(func(w io.Writer) error { return exportSamples(w, s) }); err != nil {
			return err
		}
	}
	if out := f.files.plot; out != nil {
		o := r.DisplayOptions(f.binary)
		o.Digits = f.digits.n
		if err := writeDistributions(out, r, f.only, o); err != nil {
			return err
		}
	}
	return nil
}

// failedInputs names the inputs of a failed sample: "users = 5.2e7, per_user = 0".
func failedInputs(r *estimate.Result, sample int) string {
	s := r.Sampling()
	var parts []string
	for _, in := range r.Inputs() {
		if in.Distribution == nil {
			continue
		}
		col, _ := s.Column(in.Name)
		parts = append(parts, in.Name+" = "+estimate.Format(estimate.Quantity{Value: col[sample], Dim: in.Value.Dim}, estimate.DisplayOptions{}))
	}
	return strings.Join(parts, ", ")
}

// exportSamples writes every sample of every input and output as CSV,
// one column each, in base units.
func exportSamples(w io.Writer, s *estimate.Sampling) error {
	names := s.Names()
	cols := make([][]float64, len(names))
	for i, n := range names {
		cols[i], _ = s.Column(n)
	}
	cw := csv.NewWriter(w)
	cw.Write(names)
	row := make([]string, len(names))
	for j := range s.Samples {
		for i, col := range cols {
			row[i] = strconv.FormatFloat(col[j], 'g', -1, 64)
		}
		cw.Write(row)
	}
	cw.Flush()
	return cw.Error()
}
