package main

import (
	"embed"
	"errors"
	"fmt"
	"path"
	"slices"

	"github.com/envelope-cli/envelope/estimate"
	"github.com/spf13/cobra"
)

// The quick calculators are small built-in scenarios, so that --explain,
// the output formats and the error messages work as for any scenario.
//
//go:embed calculators/*.yaml
var calculatorFiles embed.FS

// A calculator is a one-line command over a built-in scenario: each flag
// sets an input.
type calculator struct {
	use, short, example string
	file                string // in calculators/
	flags               []calcFlag
	always              []string // outputs always shown
	// together lists outputs shown only when all the named flags are set.
	together []combination
}

// A combination is a set of flags and the outputs they show together.
type combination struct {
	flags, shows []string
}

// A calcFlag sets one input of a calculator's scenario.
type calcFlag struct {
	name, input, usage string
	metavar            string // what the value is, in help: N, RATE, SIZE, TIME, SHARE
	example            string // shown in help, for a required flag
	required           bool
	shows              []string // outputs shown only when the flag is set
	valid              bound    // the values that have a meaning
}

// A bound is the range of values of a calculator flag that mean
// something, such as a share between 0% and 100%.
type bound int

const (
	anyValue      bound = iota
	nonNegative         // counts, rates, sizes, durations
	positive            // a capacity that is divided by
	atLeastOne          // a factor or a number of copies
	share               // between 0% and 100%
	positiveShare       // above 0%, at most 100%
)

// check says what is wrong with v for the flag, or "".
func (b bound) check(flag, text string, v float64) string {
	switch {
	case b == nonNegative && v < 0:
		return fmt.Sprintf("--%s %s must not be negative", flag, text)
	case b == positive && v <= 0:
		return fmt.Sprintf("--%s %s must be more than zero", flag, text)
	case b == atLeastOne && v < 1:
		return fmt.Sprintf("--%s %s must be 1 or more", flag, text)
	case b == share && (v < 0 || v > 1):
		return fmt.Sprintf("--%s %s must lie between 0%% and 100%%", flag, text)
	case b == positiveShare && (v <= 0 || v > 1):
		return fmt.Sprintf("--%s %s must be more than 0%% and at most 100%%", flag, text)
	}
	return ""
}

// A quantityFlag holds a calculator flag's value as written. Its type
// names what the value is, and its default is shown as pflag shows
// defaults: "(default 20%)", not "(default "20%")".
type quantityFlag struct {
	value   *string
	metavar string
}

func (f quantityFlag) String() string {
	if f.value == nil {
		return ""
	}
	return *f.value
}
func (f quantityFlag) Set(s string) error { *f.value = s; return nil }
func (f quantityFlag) Type() string       { return f.metavar }

// loadCalculator compiles a calculator's scenario.
func loadCalculator(file string, conv *conventionsFlag) (*estimate.Model, error) {
	src, err := calculatorFiles.ReadFile(path.Join("calculators", file))
	if err != nil {
		return nil, err
	}
	opt, err := conv.options()
	if err != nil {
		return nil, err
	}
	return estimate.Load(file, src, opt)
}

// newCalculatorCmd makes the command of a quick calculator: a flag per
// input it sets, and the display flags of run.
func newCalculatorCmd(c calculator) *cobra.Command {
	values := make([]string, len(c.flags))
	var f evalFlags
	cmd := &cobra.Command{
		Use:     c.use,
		Short:   c.short,
		Example: c.example,
		Args:    noArgs,
		RunE:    func(cmd *cobra.Command, args []string) error { return runCalculator(cmd, c, values, &f) },
	}
	defaults := calculatorDefaults(c.file)
	for i, fl := range c.flags {
		usage := fl.usage
		if fl.required {
			usage += ", such as " + fl.example + " (required)"
		} else {
			// The scenario's own value is the default, shown by pflag.
			values[i] = defaults[fl.input]
		}
		cmd.Flags().Var(quantityFlag{&values[i], fl.metavar}, fl.name, usage)
	}
	f.registerDisplay(cmd)
	f.registerSampling(cmd)
	return cmd
}

// runCalculator evaluates a calculator's scenario with the inputs its
// flags set (values, by flag), and shows the outputs they call for.
func runCalculator(cmd *cobra.Command, c calculator, values []string, f *evalFlags) error {
	m, err := loadCalculator(c.file, &f.conv)
	if err != nil {
		return fail(err)
	}
	overrides, err := c.overrides(cmd, m, values, f)
	if err != nil {
		return err
	}
	r, err := m.Simulate(f.samples.options(), overrides...)
	if err != nil {
		return fail(err)
	}
	return renderResult(cmd, r, f)
}

// overrides reads the calculator's flags that are set into overrides of
// its scenario's inputs, and chooses, in f, the inputs and outputs to
// show. It reports every value that does not hold at once.
func (c calculator) overrides(cmd *cobra.Command, m *estimate.Model, values []string, f *evalFlags) ([]estimate.Override, error) {
	var overrides []estimate.Override
	var errs []error
	f.only = append([]string(nil), c.always...)
	for i, fl := range c.flags {
		set := cmd.Flags().Changed(fl.name)
		if !set && fl.required {
			return nil, usageError{fmt.Errorf("--%s is required: %s, such as %s", fl.name, fl.usage, fl.example)}
		}
		// Show the inputs that the outputs shown depend on: those
		// set, and the defaults of those not tied to extra outputs.
		if set || len(fl.shows) == 0 {
			f.inputs = append(f.inputs, fl.input)
		}
		if !set {
			continue
		}
		f.only = append(f.only, fl.shows...)
		o, err := m.Override(fl.input, values[i])
		if err != nil {
			errs = append(errs, argError("--"+fl.name, values[i], 0, false, err))
			continue
		}
		if msg := fl.valid.check(fl.name, values[i], o.Value.Value); msg != "" {
			errs = append(errs, errors.New(msg))
			continue
		}
		overrides = append(overrides, o)
	}
	for _, c := range c.together {
		if !slices.ContainsFunc(c.flags, func(f string) bool { return !cmd.Flags().Changed(f) }) {
			f.only = append(f.only, c.shows...)
		}
	}
	if len(errs) > 0 {
		return nil, fail(errors.Join(errs...))
	}
	return overrides, nil
}

// calculatorDefaults returns the value of each input of a calculator's
// scenario, as written: the defaults of its optional flags.
func calculatorDefaults(file string) map[string]string {
	defaults := map[string]string{}
	m, err := loadCalculator(file, &conventionsFlag{})
	if err != nil {
		return defaults // reported when the command runs
	}
	for _, in := range m.Scenario().Inputs {
		defaults[in.Name] = in.Value.Value
	}
	return defaults
}
