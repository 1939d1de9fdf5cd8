package main

import (
	"errors"
	"fmt"

	"github.com/envelope-cli/envelope/estimate"
	"github.com/spf13/cobra"
)

func newRunCmd() *cobra.Command {
	var f evalFlags
	cmd := &cobra.Command{
		Use:     "run NAME|FILE|-",
		Aliases: []string{"eval"},
		Short:   "Evaluate a preset or a scenario file",
		Example: `  envelope run url-shortener
  envelope run url-shortener --set new_urls=200M/day --explain
  envelope run twitter -o markdown
  envelope run my-service.yaml -o json`,
		Args:              exactArgs(1, "a preset name, a scenario file or - for standard input"),
		ValidArgsFunction: completePresets,
		RunE:              func(cmd *cobra.Command, args []string) error { return runRun(cmd, args[0], &f) },
	}
	f.register(cmd)
	f.registerSampling(cmd)
	return cmd
}

// runRun evaluates the scenario arg names and renders its result.
func runRun(cmd *cobra.Command, arg string, f *evalFlags) error {
	t, err := resolveTarget(arg, cmd.InOrStdin())
	if err != nil {
		return fail(err)
	}
	if err := f.openFiles(cmd, scenarioRead(t)); err != nil {
		return err
	}
	r, err := evaluateTarget(t, f)
	if err != nil {
		return fail(err)
	}
	if f.output.value != "json" && f.output.value != "yaml" {
		printWarnings(cmd.ErrOrStderr(), t.file, r.Model()) // JSON and YAML carry them
	}
	return renderResult(cmd, r, f)
}

// evaluateTarget loads a scenario, applies the --set overrides and
// evaluates it. It reports every problem of the file, or of the
// overrides, at once.
func evaluateTarget(t target, f *evalFlags) (*estimate.Result, error) {
	opt, err := f.conv.options()
	if err != nil {
		return nil, err
	}
	m, err := estimate.Load(t.file, t.src, opt)
	if err != nil {
		return nil, err
	}
	overrides, errs := parseSets(m, f.set)
	outputs := m.OutputNames()
	known := make(map[string]bool, len(outputs))
	for _, name := range outputs {
		known[name] = true
	}
	for _, name := range f.only {
		if !known[name] {
			errs = append(errs, fmt.Errorf("--only: %s", unknownOutput(name, outputs)))
		}
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	return m.Simulate(f.samples.options(), overrides...)
}
