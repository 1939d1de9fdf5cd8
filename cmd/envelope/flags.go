package main

import (
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

// conventionsFlag chooses a conventions profile by name.
type conventionsFlag struct {
	conv *estimate.Conventions // nil until set
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
