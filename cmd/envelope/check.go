package main

import (
	"errors"
	"fmt"
	"strings"

	"github.com/envelope-cli/envelope/estimate"
	"github.com/envelope-cli/envelope/scenarios"
	"github.com/spf13/cobra"
)

func newCheckCmd() *cobra.Command {
	var conv conventionsFlag
	var strict bool
	cmd := &cobra.Command{
		Use:   "check [NAME|FILE]...",
		Short: "Check the expectations of presets or scenario files (all presets by default)",
		Example: `  envelope check
  envelope check url-shortener twitter
  envelope check my-service.yaml
  envelope check --strict my-service.yaml`,
		ValidArgsFunction: completePresets,
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) == 0 {
				args = scenarios.Names()
			}
			w := cmd.OutOrStdout()
			color := useColor(w)
			var failed, broken, warned []string
			total := 0
			for i, arg := range args {
				if i > 0 {
					fmt.Fprintln(w)
				}
				r, err := checkOne(arg, &conv)
				if err != nil {
					fmt.Fprintf(w, "%s: %s\n", arg, paint(color, ansiRed, "ERROR"))
					printError(cmd.ErrOrStderr(), err)
					broken = append(broken, arg)
					continue
				}
				if printWarnings(cmd.ErrOrStderr(), r.Model.Scenario.File, r.Model) > 0 && strict {
					warned = append(warned, arg)
				}
				n := len(r.Expect)
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
				writeExpectations(w, r.Expect, r.DisplayOptions(false), color)
				for _, e := range bad {
					failed = append(failed, r.Model.Scenario.Name+"."+e.Name)
				}
			}
			fmt.Fprintln(w)
			if len(failed) == 0 && len(broken) == 0 && len(warned) == 0 {
				fmt.Fprintf(w, "%s: %s, %s, all hold\n", paint(color, ansiGreen, "ok"), count(len(args), "scenario"), count(total, "expectation"))
				return nil
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
			fmt.Fprintf(w, "%s: %s\n", paint(color, ansiRed, "FAIL"), strings.Join(parts, "; "))
			return errSilent
		},
	}
	addConventionsFlag(cmd, &conv, " (replaces each scenario's)")
	cmd.Flags().BoolVar(&strict, "strict", false, "fail on warnings too (an output in B^2, B*s, …)")
	return cmd
}

func checkOne(arg string, conv *conventionsFlag) (*estimate.Result, error) {
	t, err := resolveTarget(arg)
	if err != nil {
		return nil, err
	}
	m, err := estimate.Load(t.file, t.src, estimate.Options{Conventions: conv.conv})
	if err != nil {
		return nil, err
	}
	r, err := m.Evaluate()
	if err != nil {
		return nil, errors.Join(err)
	}
	return r, nil
}

// count writes n and a noun, plural unless n is 1: "1 scenario", "4 expectations".
func count(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}
