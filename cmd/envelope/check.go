package main

import (
	"errors"
	"fmt"
	"strings"

	"github.com/envelope-cli/envelope/estimate"
	"github.com/envelope-cli/envelope/render"
	"github.com/envelope-cli/envelope/scenarios"
	"github.com/spf13/cobra"
)

func newCheckCmd() *cobra.Command {
	var conv conventionsFlag
	cmd := &cobra.Command{
		Use:   "check [NAME|FILE]...",
		Short: "Check the expectations of presets or scenario files (all presets by default)",
		Example: `  envelope check
  envelope check url-shortener twitter
  envelope check my-service.yaml`,
		ValidArgsFunction: completePresets,
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) == 0 {
				args = scenarios.Names()
			}
			w := cmd.OutOrStdout()
			color := useColor(w)
			var failed, broken []string
			total := 0
			for i, arg := range args {
				if i > 0 {
					fmt.Fprintln(w)
				}
				r, err := checkOne(arg, &conv)
				if err != nil {
					fmt.Fprintf(w, "%s: %s\n", arg, render.Paint(color, render.Red, "ERROR"))
					printError(cmd.ErrOrStderr(), err)
					broken = append(broken, arg)
					continue
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
				render.Expectations(w, r.Expect, r.DisplayOptions(false), color)
				for _, e := range bad {
					failed = append(failed, r.Model.Scenario.Name+"."+e.Name)
				}
			}
			fmt.Fprintln(w)
			if len(failed) == 0 && len(broken) == 0 {
				fmt.Fprintf(w, "%s: %s, %s, all hold\n", render.Paint(color, render.Green, "ok"), count(len(args), "scenario"), count(total, "expectation"))
				return nil
			}
			var parts []string
			if len(failed) > 0 {
				parts = append(parts, fmt.Sprintf("%d of %s failed: %s", len(failed), count(total, "expectation"), strings.Join(failed, ", ")))
			}
			if len(broken) > 0 {
				parts = append(parts, fmt.Sprintf("%s not evaluated: %s", count(len(broken), "scenario"), strings.Join(broken, ", ")))
			}
			fmt.Fprintf(w, "%s: %s\n", render.Paint(color, render.Red, "FAIL"), strings.Join(parts, "; "))
			return errSilent
		},
	}
	addConventionsFlag(cmd, &conv, " (replaces each scenario's)")
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
