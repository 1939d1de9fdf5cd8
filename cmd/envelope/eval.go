package main

import (
	"errors"
	"fmt"
	"io/fs"
	"os"

	"github.com/envelope-cli/envelope/estimate"
	"github.com/spf13/cobra"
)

// evalFlags are the flags shared by the commands that evaluate a scenario.
type evalFlags struct {
	set     []string
	output  *choiceFlag
	explain bool
	conv    conventionsFlag
}

func newEvalCmd() *cobra.Command {
	f := evalFlags{output: newChoice("table", "table", "json")}
	cmd := &cobra.Command{
		Use:   "eval FILE",
		Short: "Evaluate a scenario file",
		Example: `  envelope eval scenario.yaml
  envelope eval scenario.yaml --set new_urls=200M/day -o json
  envelope eval scenario.yaml --explain`,
		Args: exactArgs(1, "a scenario file"),
		RunE: func(cmd *cobra.Command, args []string) error {
			src, err := readScenario(args[0])
			if err != nil {
				return fail(err)
			}
			return evaluate(cmd, args[0], src, &f)
		},
	}
	cmd.Flags().StringArrayVar(&f.set, "set", nil, "override an input: name=value (repeatable)")
	cmd.Flags().BoolVar(&f.explain, "explain", false, "show each formula with its values substituted")
	addOutputFlag(cmd, f.output)
	addConventionsFlag(cmd, &f.conv, " (replaces the file's)")
	return cmd
}

// readScenario reads a scenario file, saying plainly what is wrong with
// a path that is missing, a directory or unreadable.
func readScenario(path string) ([]byte, error) {
	info, err := os.Stat(path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil, fmt.Errorf("%s: no such file", path)
	case err != nil:
		return nil, fmt.Errorf("%s: %v", path, errors.Unwrap(err))
	case info.IsDir():
		return nil, fmt.Errorf("%s: is a directory, not a scenario file", path)
	}
	src, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("%s: cannot read: %v", path, errors.Unwrap(err))
	}
	return src, nil
}

// evaluate loads, overrides, evaluates and renders one scenario.
func evaluate(cmd *cobra.Command, file string, src []byte, f *evalFlags) error {
	m, err := estimate.Load(file, src, estimate.Options{Conventions: f.conv.conv})
	if err != nil {
		return fail(err)
	}
	var overrides []estimate.Override
	var errs []error
	for _, s := range f.set {
		o, err := m.ParseOverride(s)
		if err != nil {
			errs = append(errs, setError(s, err))
			continue
		}
		overrides = append(overrides, o)
	}
	if len(errs) > 0 {
		return fail(errors.Join(errs...))
	}
	r, err := m.Evaluate(overrides...)
	if err != nil {
		return fail(err)
	}
	o := r.DisplayOptions(false)
	w := cmd.OutOrStdout()
	switch f.output.value {
	case "json":
		return writeJSON(w, r.Report(o))
	}
	return renderTable(w, r, o, f.explain)
}

// setError places an error in a --set value.
func setError(arg string, err error) error {
	var e *estimate.Error
	if errors.As(err, &e) {
		c := *e
		c.File = "--set"
		if c.Col > 0 {
			// Point into the whole argument, name= included.
			name, _, _ := cut(arg, '=')
			c.Col += len([]rune(name)) + 1
			c.Source = arg
			c.Line = 1
		}
		return &c
	}
	return err
}

func cut(s string, sep byte) (before, after string, ok bool) {
	for i := 0; i < len(s); i++ {
		if s[i] == sep {
			return s[:i], s[i+1:], true
		}
	}
	return s, "", false
}
