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

func newCalculatorCmd(c calculator) *cobra.Command {
	values := make([]string, len(c.flags))
	var f evalFlags
	cmd := &cobra.Command{
		Use:     c.use,
		Short:   c.short,
		Example: c.example,
		Args:    noArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			m, err := loadCalculator(c.file, &f.conv)
			if err != nil {
				return fail(err)
			}
			var overrides []estimate.Override
			var errs []error
			f.only = append([]string(nil), c.always...)
			for i, fl := range c.flags {
				set := cmd.Flags().Changed(fl.name)
				if !set && fl.required {
					return usageError{fmt.Errorf("--%s is required: %s, such as %s", fl.name, fl.usage, fl.example)}
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
				return fail(errors.Join(errs...))
			}
			r, err := m.Simulate(f.samples.options(), overrides...)
			if err != nil {
				return fail(err)
			}
			return renderResult(cmd, r, &f)
		},
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

func newQPSCmd() *cobra.Command {
	return newCalculatorCmd(calculator{
		use:   "qps --users N --per-user RATE",
		short: "Requests per day and per second from users and requests per user",
		example: `  envelope qps --users 100M --per-user 10/day
  envelope qps --users 100M --per-user 10/day --peak-factor 2 --read-write 10`,
		file:   "qps.yaml",
		always: []string{"requests_per_day", "qps_avg"},
		flags: []calcFlag{
			{name: "users", input: "users", usage: "active users", metavar: "N", example: "100M", required: true, valid: nonNegative},
			{name: "per-user", input: "per_user", usage: "requests per user", metavar: "RATE", example: "10/day", required: true, valid: nonNegative},
			{name: "peak-factor", input: "peak_factor", usage: "peak-to-average ratio", metavar: "N", shows: []string{"qps_peak"}, valid: atLeastOne},
			{name: "read-write", input: "read_write", usage: "reads per write", metavar: "N", shows: []string{"read_qps_avg", "write_qps_avg"}, valid: nonNegative},
		},
		together: []combination{{
			flags: []string{"peak-factor", "read-write"},
			shows: []string{"read_qps_peak", "write_qps_peak"},
		}},
	})
}

func newStorageCmd() *cobra.Command {
	return newCalculatorCmd(calculator{
		use:   "storage --rate RATE --size SIZE --retention TIME",
		short: "Storage from objects written, their size and how long they are kept",
		example: `  envelope storage --rate 100M/day --size 500B --retention 5years
  envelope storage --rate 100M/day --size 500B --retention 5years --replication 3`,
		file:   "storage.yaml",
		always: []string{"objects_per_day", "storage_per_day", "objects_retained", "storage_raw"},
		flags: []calcFlag{
			{name: "rate", input: "rate", usage: "objects written", metavar: "RATE", example: "100M/day", required: true, valid: nonNegative},
			{name: "size", input: "size", usage: "bytes per object", metavar: "SIZE", example: "500B", required: true, valid: nonNegative},
			{name: "retention", input: "retention", usage: "how long objects are kept", metavar: "TIME", example: "5years", required: true, valid: nonNegative},
			{name: "replication", input: "replication", usage: "copies of each object", metavar: "N", shows: []string{"storage_replicated"}, valid: atLeastOne},
		},
	})
}

func newBandwidthCmd() *cobra.Command {
	return newCalculatorCmd(calculator{
		use:     "bandwidth --rate RATE --size SIZE",
		short:   "Bandwidth in bytes and bits per second from a request rate and size",
		example: `  envelope bandwidth --rate 20K/s --size 500B`,
		file:    "bandwidth.yaml",
		always:  []string{"bandwidth", "transfer_per_day", "transfer_per_month"},
		flags: []calcFlag{
			{name: "rate", input: "rate", usage: "requests per second", metavar: "RATE", example: "20K/s", required: true, valid: nonNegative},
			{name: "size", input: "size", usage: "bytes per request", metavar: "SIZE", example: "500B", required: true, valid: nonNegative},
		},
	})
}

func newCacheCmd() *cobra.Command {
	return newCalculatorCmd(calculator{
		use:   "cache --rate RATE --size SIZE",
		short: "Cache memory by the 80/20 rule: the hot share of a window's requests",
		example: `  envelope cache --rate 20K/s --size 500B
  envelope cache --rate 20K/s --size 500B --hot 20% --window 1day`,
		file:   "cache.yaml",
		always: []string{"requests_in_window", "cached_objects", "cache_memory"},
		flags: []calcFlag{
			{name: "rate", input: "rate", usage: "read requests per second", metavar: "RATE", example: "20K/s", required: true, valid: nonNegative},
			{name: "size", input: "size", usage: "bytes per cached object", metavar: "SIZE", example: "500B", required: true, valid: nonNegative},
			{name: "hot", input: "hot", usage: "share of requests worth caching", metavar: "SHARE", valid: share},
			{name: "window", input: "window", usage: "period the cache covers", metavar: "TIME", valid: nonNegative},
		},
	})
}

func newServersCmd() *cobra.Command {
	return newCalculatorCmd(calculator{
		use:   "servers --rate RATE --per-server RATE",
		short: "Servers needed for a request rate at a target utilization",
		example: `  envelope servers --rate 231K/s --per-server 10K/s
  envelope servers --rate 231K/s --per-server 10K/s --utilization 70%`,
		file:   "servers.yaml",
		always: []string{"capacity_per_server", "servers", "load_per_server"},
		flags: []calcFlag{
			{name: "rate", input: "rate", usage: "requests per second to serve", metavar: "RATE", example: "231K/s", required: true, valid: nonNegative},
			{name: "per-server", input: "per_server", usage: "requests per second one server handles", metavar: "RATE", example: "10K/s", required: true, valid: positive},
			{name: "utilization", input: "utilization", usage: "share of capacity to plan for", metavar: "SHARE", valid: positiveShare},
		},
	})
}
