package main

import (
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/envelope-cli/envelope/estimate"
	"github.com/spf13/cobra"
)

// choiceFlag is a flag that takes one of a fixed set of words.
type choiceFlag struct {
	value   string
	choices []string
}

func newChoice(def string, choices ...string) *choiceFlag {
	return &choiceFlag{value: def, choices: choices}
}

func (f *choiceFlag) String() string { return f.value }
func (f *choiceFlag) Type() string   { return strings.Join(f.choices, "|") }
func (f *choiceFlag) Set(s string) error {
	if !slices.Contains(f.choices, s) {
		return fmt.Errorf("%q is not one of %s", s, strings.Join(f.choices, ", "))
	}
	f.value = s
	return nil
}

// complete offers the choices to shell completion.
func (f *choiceFlag) complete(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
	return f.choices, cobra.ShellCompDirectiveNoFileComp
}

// conventionsFlag chooses a conventions profile by name, and with
// --day, --month and --year sets those lengths over it (or over a
// scenario's own): time expressions such as "365.25 days" or
// "year / 12", which the engine reads.
type conventionsFlag struct {
	conv             *estimate.Conventions // nil until set
	day, month, year string
}

// options are the engine options the flags choose, after checking the
// lengths given.
func (f *conventionsFlag) options() (estimate.Options, error) {
	if _, err := f.resolve(estimate.Exact); err != nil {
		return estimate.Options{}, err
	}
	return estimate.Options{Conventions: f.conv, Day: f.day, Month: f.month, Year: f.year}, nil
}

// resolve returns the conventions chosen, over def when no profile was:
// the profile, then any length set by flag.
func (f *conventionsFlag) resolve(def estimate.Conventions) (estimate.Conventions, error) {
	base := f.or(def)
	if f.day == "" && f.month == "" && f.year == "" {
		return base, nil
	}
	c, err := estimate.ResolveConventions(base, f.day, f.month, f.year)
	if err != nil {
		var all []error
		for _, e := range estimate.Errors(err) {
			var ee *estimate.Error
			if errors.As(e, &ee) {
				text := map[string]string{"day": f.day, "month": f.month, "year": f.year}[ee.Path]
				all = append(all, argError("--"+ee.Path, text, 0, false, e))
				continue
			}
			all = append(all, e)
		}
		return estimate.Conventions{}, errors.Join(all...)
	}
	return c, nil
}

func (f *conventionsFlag) String() string {
	if f.conv == nil {
		return ""
	}
	return f.conv.Profile
}
func (f *conventionsFlag) Type() string { return strings.Join(estimate.ProfileNames, "|") }
func (f *conventionsFlag) Set(s string) error {
	c, err := estimate.LookupProfile(s)
	if err != nil {
		return err
	}
	f.conv = &c
	return nil
}

// or returns the chosen conventions, or def when none was chosen.
func (f *conventionsFlag) or(def estimate.Conventions) estimate.Conventions {
	if f.conv == nil {
		return def
	}
	return *f.conv
}

func addConventionsFlag(cmd *cobra.Command, f *conventionsFlag, what string) {
	cmd.Flags().Var(f, "conventions", "conventions for day, month and year: exact, calendar or napkin"+what)
	cmd.Flags().StringVar(&f.day, "day", "", "the length of a day, a time such as '86400 s'")
	cmd.Flags().StringVar(&f.month, "month", "", "the length of a month, a time such as '30 days' or 'year / 12'")
	cmd.Flags().StringVar(&f.year, "year", "", "the length of a year, a time such as '365.25 days'")
	cmd.RegisterFlagCompletionFunc("conventions", func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
		return estimate.ProfileNames, cobra.ShellCompDirectiveNoFileComp
	})
}

func addOutputFlag(cmd *cobra.Command, f *choiceFlag) {
	cmd.Flags().VarP(f, "output", "o", "output format: "+strings.Join(f.choices, ", "))
	cmd.RegisterFlagCompletionFunc("output", f.complete)
}

// digitsFlag is --digits: how many significant digits values show.
type digitsFlag struct{ n int }

func (d *digitsFlag) String() string {
	if d.n == 0 {
		return ""
	}
	return strconv.Itoa(d.n)
}

func (d *digitsFlag) Set(s string) error {
	n, err := strconv.Atoi(strings.TrimSpace(s))
	if err != nil || n < 1 || n > estimate.MaxDigits {
		return fmt.Errorf("want a whole number from 1 to %d", estimate.MaxDigits)
	}
	d.n = n
	return nil
}

func (d *digitsFlag) Type() string { return "N" }

// sampleFlags are --samples and --seed, for values with ranges.
type sampleFlags struct {
	samples int
	seed    uint64
}

func (f *sampleFlags) register(cmd *cobra.Command) {
	cmd.Flags().Var(&boundedInt{&f.samples, 1, estimate.MaxSamples, estimate.DefaultSamples}, "samples", "Monte Carlo samples for values with ranges, 1 to 10,000,000")
	cmd.Flags().Var(&boundedUint{&f.seed, estimate.DefaultSeed}, "seed", "seed of the samples' random numbers, 1 or more: the same seed prints the same figures")
}

func (f *sampleFlags) options() estimate.SampleOptions {
	return estimate.SampleOptions{Samples: f.samples, Seed: f.seed}
}

// boundedInt is an int flag that refuses values outside [lo, hi], so
// that no value is quietly taken for another.
type boundedInt struct {
	p          *int
	lo, hi, at int
}

func (b *boundedInt) String() string {
	if b.p == nil || *b.p == 0 {
		return strconv.Itoa(b.at)
	}
	return strconv.Itoa(*b.p)
}

func (b *boundedInt) Set(s string) error {
	n, err := strconv.Atoi(strings.ReplaceAll(strings.TrimSpace(s), "_", ""))
	if err != nil || n < b.lo || n > b.hi {
		return fmt.Errorf("want a whole number from %d to %d", b.lo, b.hi)
	}
	*b.p = n
	return nil
}

func (b *boundedInt) Type() string { return "N" }

// boundedUint is a seed: a whole number of 1 or more.
type boundedUint struct {
	p  *uint64
	at uint64
}

func (b *boundedUint) String() string {
	if b.p == nil || *b.p == 0 {
		return strconv.FormatUint(b.at, 10)
	}
	return strconv.FormatUint(*b.p, 10)
}

func (b *boundedUint) Set(s string) error {
	n, err := strconv.ParseUint(strings.TrimSpace(s), 10, 64)
	if err != nil || n == 0 {
		return fmt.Errorf("want a whole number of 1 or more")
	}
	*b.p = n
	return nil
}

func (b *boundedUint) Type() string { return "S" }

// argErrors places each engine error in err, found in the command-line
// argument arg of flag, as argError does one; the engine's columns are
// in arg.
func argErrors(flag, arg string, err error) error {
	var all []error
	for _, e := range estimate.Errors(err) {
		all = append(all, argError(flag, arg, 0, true, e))
	}
	return errors.Join(all...)
}

// argError places an engine error found in a command-line argument: flag
// names it, arg is the whole argument and offset the runes of arg before
// the part the engine read. The error keeps the engine's path (the input's
// name) when keepPath is set. It reads "--rate:1:4: …" with a caret under
// arg, or "--rate: …".
func argError(flag, arg string, offset int, keepPath bool, err error) error {
	var e *estimate.Error
	if !errors.As(err, &e) {
		return fmt.Errorf("%s %s: %w", flag, arg, err)
	}
	c := *e
	c.File = flag
	if !keepPath {
		c.Path = ""
	}
	if c.Col > 0 {
		c.Line, c.Col, c.Source = 1, c.Col+offset, arg
	}
	return &c
}
