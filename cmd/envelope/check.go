package main

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/envelope-cli/envelope/estimate"
	"github.com/envelope-cli/envelope/internal/render"
	"github.com/envelope-cli/envelope/internal/render/table"
	"github.com/envelope-cli/envelope/scenarios"
	"github.com/spf13/cobra"
)

// checkFlags are the flags of check.
type checkFlags struct {
	conv    conventionsFlag
	output  *choiceFlag
	update  bool
	strict  bool
	digits  digitsFlag
	samples sampleFlags
}

func newCheckCmd() *cobra.Command {
	f := checkFlags{output: newChoice("text", "text", "json")}
	cmd := &cobra.Command{
		Use:   "check [NAME|FILE|DIR|-]...",
		Short: "Check the expectations of presets or scenario files (all presets by default)",
		Example: `  envelope check
  envelope check url-shortener twitter
  envelope check my-service.yaml
  envelope check designs/ -o json
  envelope check --strict my-service.yaml
  envelope check --update my-service.yaml`,
		ValidArgsFunction: completePresets,
		RunE:              func(cmd *cobra.Command, args []string) error { return runCheck(cmd, args, &f) },
	}
	addConventionsFlag(cmd, &f.conv, " (replaces each scenario's)")
	addOutputFlag(cmd, f.output)
	cmd.Flags().Var(&f.digits, "digits", "significant digits to show, 1 to 17 (default 4)")
	f.samples.register(cmd)
	cmd.Flags().BoolVar(&f.strict, "strict", false, "fail on warnings too (an output in B^2, B*s, …)")
	cmd.Flags().BoolVar(&f.update, "update", false, "rewrite each file's expected values to the current results, keeping tolerances and comments")
	markWritesFile(cmd, "update") // it rewrites the scenario files it reads
	return cmd
}

// runCheck checks the expectations of the scenarios args name (every
// preset when none), or with --update rewrites them.
func runCheck(cmd *cobra.Command, args []string, f *checkFlags) error {
	if f.update {
		if len(args) == 0 {
			return usageError{errors.New("check --update takes the scenario files to rewrite")}
		}
		return updateExpectations(cmd, args, &f.conv, &f.samples)
	}
	args, err := expandDirs(args)
	if err != nil {
		return err
	}
	if len(args) == 0 {
		args = scenarios.Names()
	}
	results := checkAll(args, &f.conv, &f.samples, cmd.InOrStdin())
	w := cmd.OutOrStdout()
	if f.output.value == "json" {
		rep := checkReport(results, f.strict)
		if err := render.JSON(w, rep); err != nil {
			return err
		}
		if !rep.OK {
			return errSilent
		}
		return nil
	}
	return writeCheck(w, cmd.ErrOrStderr(), results, useColor(w), f.strict, f.digits.n)
}

// A checked scenario is one argument of check and what came of it.
type checked struct {
	arg string
	r   *estimate.Result
	err error
}

func checkAll(args []string, conv *conventionsFlag, samples *sampleFlags, stdin io.Reader) []checked {
	var out []checked
	for _, arg := range args {
		r, err := checkOne(arg, conv, samples, stdin)
		out = append(out, checked{arg, r, err})
	}
	return out
}

// writeCheck prints, for each scenario, how many expectations hold and
// a line for each, then a line that sums up; a scenario that cannot be
// evaluated is marked ERROR and its problems go to standard error.
// With strict, a scenario with warnings fails too.
func writeCheck(w, stderr io.Writer, results []checked, color, strict bool, digits int) error {
	var failed, broken, warned []string
	total := 0
	for i, c := range results {
		if i > 0 {
			fmt.Fprintln(w)
		}
		arg := render.Escape(c.arg)
		if c.err != nil {
			fmt.Fprintf(w, "%s: %s\n", arg, table.Paint(color, table.Red, "ERROR"))
			printError(stderr, c.err)
			broken = append(broken, arg)
			continue
		}
		r := c.r
		if printWarnings(stderr, r.Model().Scenario().File, r.Model()) > 0 && strict {
			warned = append(warned, arg)
		}
		n := len(r.Expect())
		total += n
		bad := r.Failed()
		switch {
		case n == 0:
			fmt.Fprintf(w, "%s: no expectations\n", arg)
		case len(bad) == 0 && n == 1:
			fmt.Fprintf(w, "%s: 1 expectation holds\n", arg)
		case len(bad) == 0:
			fmt.Fprintf(w, "%s: %d expectations hold\n", arg, n)
		default:
			fmt.Fprintf(w, "%s: %d of %s failed\n", arg, len(bad), count(n, "expectation"))
		}
		o := r.DisplayOptions(false)
		o.Digits = digits
		table.Expectations(w, r.Expect(), o, color)
		table.PublishedFigures(w, r.Published(), o)
		for _, e := range bad {
			failed = append(failed, render.Escape(r.Model().Scenario().Name+"."+e.Name))
		}
	}
	fmt.Fprintln(w)
	if len(failed) == 0 && len(broken) == 0 && len(warned) == 0 {
		_, err := fmt.Fprintf(w, "%s: %s, %s, all hold\n", table.Paint(color, table.Green, "ok"), count(len(results), "scenario"), count(total, "expectation"))
		return err
	}
	var parts []string
	if len(failed) > 0 {
		parts = append(parts, fmt.Sprintf("%d of %s failed: %s", len(failed), count(total, "expectation"), strings.Join(failed, ", ")))
	}
	if len(broken) > 0 {
		parts = append(parts, fmt.Sprintf("%s not evaluated: %s", count(len(broken), "scenario"), strings.Join(broken, ", ")))
	}
	if len(warned) > 0 {
		parts = append(parts, fmt.Sprintf("%s with warnings (--strict): %s", count(len(warned), "scenario"), strings.Join(warned, ", ")))
	}
	fmt.Fprintf(w, "%s: %s\n", table.Paint(color, table.Red, "FAIL"), strings.Join(parts, "; "))
	return errSilent
}

// checkJSON is check's report as data, the contract for CI scripts.
type checkJSON struct {
	OK           bool            `json:"ok"`
	Scenarios    []checkScenario `json:"scenarios"`
	Expectations int             `json:"expectations"`
	Failed       []string        `json:"failed"`           // scenario.expectation
	NotEvaluated []string        `json:"not_evaluated"`    // arguments
	Warned       []string        `json:"warned,omitempty"` // arguments with warnings, under --strict
}

type checkScenario struct {
	Arg    string   `json:"arg"`
	Name   string   `json:"name,omitempty"`
	OK     bool     `json:"ok"`
	Errors []string `json:"errors,omitempty"`
	// Problems are the errors in machine-readable form: kind, file,
	// line, column, end column, path and message.
	Problems []estimate.ErrorData    `json:"problems,omitempty"`
	Expect   []estimate.ExpectReport `json:"expect"`
	// Published are the source's figures beside the values; they
	// never fail the check.
	Published []estimate.PublishedReport `json:"published,omitempty"`
	// Warnings name outputs of implausible dimension.
	Warnings []string `json:"warnings,omitempty"`
}

func checkReport(results []checked, strict bool) checkJSON {
	rep := checkJSON{OK: true, Scenarios: []checkScenario{}, Failed: []string{}, NotEvaluated: []string{}}
	for _, c := range results {
		s := checkScenario{Arg: c.arg, OK: c.err == nil, Expect: []estimate.ExpectReport{}}
		if c.err != nil {
			for _, e := range estimate.Errors(c.err) {
				s.Errors = append(s.Errors, e.Error())
				var ee *estimate.Error
				if errors.As(e, &ee) {
					s.Problems = append(s.Problems, ee.Data())
				}
			}
			rep.NotEvaluated = append(rep.NotEvaluated, c.arg)
		} else {
			s.Name = c.r.Model().Scenario().Name
			rep0 := c.r.Report(c.r.DisplayOptions(false))
			s.Expect, s.Warnings, s.Published = rep0.Expect, rep0.Warnings, rep0.Published
			if strict && len(s.Warnings) > 0 {
				s.OK = false
				rep.Warned = append(rep.Warned, c.arg)
			}
			for _, e := range c.r.Failed() {
				s.OK = false
				rep.Failed = append(rep.Failed, s.Name+"."+e.Name)
			}
			rep.Expectations += len(s.Expect)
		}
		rep.OK = rep.OK && s.OK
		rep.Scenarios = append(rep.Scenarios, s)
	}
	return rep
}

func checkOne(arg string, conv *conventionsFlag, samples *sampleFlags, stdin io.Reader) (*estimate.Result, error) {
	t, err := resolveTarget(arg, stdin)
	if err != nil {
		return nil, err
	}
	opt, err := conv.options()
	if err != nil {
		return nil, err
	}
	m, err := estimate.Load(t.file, t.src, opt)
	if err != nil {
		return nil, err
	}
	// Sampled as run samples, so that an expectation on a percentile
	// is checked, and a plain one on an uncertain output checks the
	// same median that run shows.
	r, err := m.Simulate(samples.options())
	if err != nil {
		return nil, errors.Join(err)
	}
	return r, nil
}

// expandDirs replaces each directory among args by the *.yaml files
// below it, sorted; other arguments stay as they are. A directory with
// none is an error, so that a mistyped path does not pass unchecked.
func expandDirs(args []string) ([]string, error) {
	var out []string
	for _, arg := range args {
		info, err := os.Stat(arg)
		if isStdin(arg) || err != nil || !info.IsDir() {
			out = append(out, arg)
			continue
		}
		var files []string
		err = filepath.WalkDir(arg, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if !d.IsDir() && strings.HasSuffix(d.Name(), ".yaml") {
				files = append(files, path)
			}
			return nil
		})
		if err != nil {
			return nil, fmt.Errorf("%s: %v", arg, err)
		}
		if len(files) == 0 {
			return nil, fmt.Errorf("%s: no *.yaml files below it", arg)
		}
		slices.Sort(files)
		out = append(out, files...)
	}
	return out, nil
}

// count writes n and a noun, plural unless n is 1: "1 scenario", "4 expectations".
func count(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}
