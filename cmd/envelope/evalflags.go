package main

import (
	"fmt"
	"strings"

	"github.com/envelope-cli/envelope/estimate"
	"github.com/spf13/cobra"
)

// evalFlags are the flags of the commands that evaluate a scenario.
type evalFlags struct {
	set     []string
	output  *choiceFlag
	explain bool
	binary  bool
	digits  digitsFlag
	only    []string
	conv    conventionsFlag
	samples sampleFlags
	sens    bool
	prob    []string
	export  string
	plot    string
	force   bool
	files   *evalFiles // what export and plot name, checked by openFiles

	inputs []string // inputs to show; all when empty (not a flag)
}

func (f *evalFlags) register(cmd *cobra.Command) {
	cmd.Flags().StringArrayVar(&f.set, "set", nil, "override an input: name=value (repeatable)")
	cmd.Flags().StringSliceVar(&f.only, "only", nil, "show only these outputs: name,name")
	cmd.RegisterFlagCompletionFunc("set", completeSet)
	cmd.RegisterFlagCompletionFunc("only", completeOnly)
	f.registerDisplay(cmd)
}

// registerSampling adds the flags of a Monte Carlo run, for values with
// ranges.
func (f *evalFlags) registerSampling(cmd *cobra.Command) {
	f.samples.register(cmd)
	cmd.Flags().BoolVar(&f.sens, "sensitivity", false, "rank each uncertain input by its influence on the outputs (--only)")
	cmd.Flags().StringArrayVar(&f.prob, "prob", nil, "the probability of a condition over the samples, such as 'peak_qps > 50K/s' (repeatable)")
	fileFlag(cmd, &f.export, "export-samples", "write every sample of every input and output to this CSV file (- for standard output)")
	fileFlag(cmd, &f.plot, "plot", "draw a histogram of each uncertain output to FILE.svg or FILE.png (- for SVG on standard output)")
	forceFlag(cmd, &f.force, "a file that --export-samples or --plot names")
}

// registerDisplay adds the flags that choose how a result is shown.
func (f *evalFlags) registerDisplay(cmd *cobra.Command) {
	f.output = newChoice("table", outputFormats...)
	cmd.Flags().BoolVar(&f.explain, "explain", false, "show each formula with its values substituted")
	cmd.Flags().BoolVar(&f.binary, "binary", false, "show bytes in IEC units (KiB, MiB, …)")
	cmd.Flags().Var(&f.digits, "digits", "significant digits to show, 1 to 17 (default 4)")
	addOutputFlag(cmd, f.output)
	addConventionsFlag(cmd, &f.conv, " (replaces the scenario's)")
}

func unknownOutput(name string, outputs []string) string {
	msg := fmt.Sprintf("no output named %q", name)
	if s := estimate.Suggest(name, outputs); s != "" {
		msg += fmt.Sprintf("; did you mean %q?", s)
	}
	return msg
}

// parseSets checks each --set value against the model, returning the
// overrides and an error for each value that does not hold, placed on
// the command line.
func parseSets(m *estimate.Model, sets []string) ([]estimate.Override, []error) {
	var overrides []estimate.Override
	var errs []error
	for _, s := range sets {
		o, err := m.ParseOverride(s)
		if err != nil {
			errs = append(errs, setError(s, err))
			continue
		}
		overrides = append(overrides, o)
	}
	return overrides, errs
}

// setError places an error in a --set value on the command line.
func setError(arg string, err error) error {
	name, _, _ := strings.Cut(arg, "=")
	return argError("--set", arg, len([]rune(name))+1, true, err)
}
