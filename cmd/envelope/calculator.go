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
	required           bool
	shows              []string // outputs shown only when the flag is set
}

// loadCalculator compiles a calculator's scenario.
func loadCalculator(file string, conv *estimate.Conventions) (*estimate.Model, error) {
	src, err := calculatorFiles.ReadFile(path.Join("calculators", file))
	if err != nil {
		return nil, err
	}
	return estimate.Load(file, src, estimate.Options{Conventions: conv})
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
			m, err := loadCalculator(c.file, f.conv.conv)
			if err != nil {
				return fail(err)
			}
			var overrides []estimate.Override
			var errs []error
			f.only = append([]string(nil), c.always...)
			for i, fl := range c.flags {
				set := cmd.Flags().Changed(fl.name)
				if !set && fl.required {
					return usageError{fmt.Errorf("--%s is required: %s", fl.name, fl.usage)}
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
			r, err := m.Evaluate(overrides...)
			if err != nil {
				return fail(err)
			}
			return renderResult(cmd, r, &f)
		},
	}
	for i, fl := range c.flags {
		cmd.Flags().StringVar(&values[i], fl.name, "", fl.usage)
	}
	f.registerDisplay(cmd)
	return cmd
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
			{name: "users", input: "users", usage: "active users (100M)", required: true},
			{name: "per-user", input: "per_user", usage: "requests per user (10/day)", required: true},
			{name: "peak-factor", input: "peak_factor", usage: "peak-to-average ratio (2)", shows: []string{"qps_peak"}},
			{name: "read-write", input: "read_write", usage: "reads per write (10)", shows: []string{"read_qps_avg", "write_qps_avg"}},
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
			{name: "rate", input: "rate", usage: "objects written (100M/day)", required: true},
			{name: "size", input: "size", usage: "bytes per object (500B)", required: true},
			{name: "retention", input: "retention", usage: "how long objects are kept (5years)", required: true},
			{name: "replication", input: "replication", usage: "copies of each object (3)", shows: []string{"storage_replicated"}},
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
			{name: "rate", input: "rate", usage: "requests per second (20K/s)", required: true},
			{name: "size", input: "size", usage: "bytes per request (500B)", required: true},
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
			{name: "rate", input: "rate", usage: "read requests per second (20K/s)", required: true},
			{name: "size", input: "size", usage: "bytes per cached object (500B)", required: true},
			{name: "hot", input: "hot", usage: "share of requests worth caching (default 20%)"},
			{name: "window", input: "window", usage: "period the cache covers (default 1day)"},
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
			{name: "rate", input: "rate", usage: "requests per second to serve (231K/s)", required: true},
			{name: "per-server", input: "per_server", usage: "requests per second one server handles (10K/s)", required: true},
			{name: "utilization", input: "utilization", usage: "share of capacity to plan for (default 100%)"},
		},
	})
}
