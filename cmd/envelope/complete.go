package main

import (
	"strings"

	"github.com/envelope-cli/envelope/estimate"
	"github.com/envelope-cli/envelope/scenarios"
	"github.com/spf13/cobra"
)

// presetWords are the preset names and their aliases that start with
// prefix, for completion.
func presetWords(prefix string) []string {
	var words []string
	for _, e := range scenarios.Catalog() {
		for _, w := range append([]string{e.Name}, e.Aliases...) {
			if strings.HasPrefix(w, prefix) {
				words = append(words, w)
			}
		}
	}
	return words
}

// completePresets offers preset names and aliases, and files, to shell
// completion of a command's first argument.
func completePresets(_ *cobra.Command, args []string, toComplete string) ([]string, cobra.ShellCompDirective) {
	return presetWords(toComplete), cobra.ShellCompDirectiveDefault
}

// completePresetNames offers preset names and aliases only.
func completePresetNames(_ *cobra.Command, args []string, toComplete string) ([]string, cobra.ShellCompDirective) {
	if len(args) > 0 {
		return nil, cobra.ShellCompDirectiveDefault
	}
	return presetWords(toComplete), cobra.ShellCompDirectiveNoFileComp
}

// completionModel loads the scenario named by a command's first argument,
// quietly: completion has nowhere to report a problem.
func completionModel(args []string) *estimate.Model {
	if len(args) == 0 || isStdin(args[0]) {
		return nil
	}
	t, err := resolveTarget(args[0], strings.NewReader(""))
	if err != nil {
		return nil
	}
	m, err := estimate.Load(t.file, t.src, estimate.Options{})
	if err != nil {
		return nil
	}
	return m
}

// completeSet offers "NAME=" for each input of the scenario, with no
// space after it, so that the value follows.
func completeSet(_ *cobra.Command, args []string, toComplete string) ([]string, cobra.ShellCompDirective) {
	m := completionModel(args)
	if m == nil || strings.Contains(toComplete, "=") {
		return nil, cobra.ShellCompDirectiveNoFileComp
	}
	var out []string
	for _, n := range m.InputNames() {
		out = append(out, n+"=")
	}
	return out, cobra.ShellCompDirectiveNoFileComp | cobra.ShellCompDirectiveNoSpace
}

// completeOnly offers the scenario's output names, after those already
// listed before a comma.
func completeOnly(_ *cobra.Command, args []string, toComplete string) ([]string, cobra.ShellCompDirective) {
	m := completionModel(args)
	if m == nil {
		return nil, cobra.ShellCompDirectiveNoFileComp
	}
	prefix := ""
	if i := strings.LastIndex(toComplete, ","); i >= 0 {
		prefix = toComplete[:i+1]
	}
	listed := strings.Split(prefix, ",")
	var out []string
	for _, n := range m.OutputNames() {
		seen := false
		for _, l := range listed {
			seen = seen || l == n
		}
		if !seen {
			out = append(out, prefix+n)
		}
	}
	return out, cobra.ShellCompDirectiveNoFileComp
}
