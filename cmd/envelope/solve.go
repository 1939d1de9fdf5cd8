package main

import (
	"errors"
	"fmt"
	"strings"

	"github.com/envelope-cli/envelope/estimate"
	"github.com/envelope-cli/envelope/internal/render"
	"github.com/envelope-cli/envelope/internal/render/table"
	"github.com/spf13/cobra"
)

// solveFlags are the flags of solve.
type solveFlags struct {
	evalFlags
	input string // --for
	until string
	in    string
	step  string
	first bool
	last  bool
}

func newSolveCmd() *cobra.Command {
	var f solveFlags
	cmd := &cobra.Command{
		Use:   "solve NAME|FILE|- --for INPUT --until 'OUTPUT = VALUE'",
		Short: "Find the input value at which an output reaches a value",
		Long: `Solve finds the value of one input (--for) at which an output meets a
condition (--until 'OUTPUT = VALUE', or <=, >=), on the exact path: it
scans the range on a grid of points for the places where the condition
changes, then bisects one to full precision. It searches from a
thousandth to a thousand times the input's value (widened by that factor
up to three times), or --in FROM..TO. A whole count of at least 1000
(users, objects) is searched in steps of 1, any other input over every
float64; --step sets the step. For =, it reports the edge of the inputs
where the output is at most the value: the largest dau that 100 servers
carry. When the condition changes at several places, it reports the
first (--last: the last) and where the others are. It exits 1 when the
condition is not met at either end and changes nowhere on the grid, and
warns when the output is not monotone there. --explain shows the outputs
at the solution.`,
		Example: `  envelope solve web-service --for dau --until 'servers = 100'
  envelope solve url-shortener --for new_urls --until 'storage_raw <= 1 PB'
  envelope solve web-service --for dau --until 'servers = 100' --explain`,
		Args:              exactArgs(1, "a preset name, a scenario file or - for standard input"),
		ValidArgsFunction: completePresets,
		RunE:              func(cmd *cobra.Command, args []string) error { return runSolve(cmd, args[0], &f) },
	}
	cmd.Flags().StringVar(&f.input, "for", "", "the input to solve for")
	cmd.Flags().StringVar(&f.until, "until", "", "the condition: 'OUTPUT = VALUE', 'OUTPUT <= VALUE' or 'OUTPUT >= VALUE'")
	cmd.Flags().StringVar(&f.in, "in", "", "the range to search: FROM..TO (default: a thousandth to a thousand times the input's value)")
	cmd.Flags().StringVar(&f.step, "step", "", "search multiples of this value, above zero (default 1 for a count of 1000 or more, else every float64)")
	cmd.Flags().BoolVar(&f.first, "first", false, "where the condition changes at several places, report the first (the default)")
	cmd.Flags().BoolVar(&f.last, "last", false, "where the condition changes at several places, report the last")
	cmd.RegisterFlagCompletionFunc("for", completeSet)
	f.register(cmd)
	return cmd
}

// runSolve solves the scenario arg names for --for, until --until holds,
// and prints the solution.
func runSolve(cmd *cobra.Command, arg string, f *solveFlags) error {
	if err := f.check(); err != nil {
		return err
	}
	t, err := resolveTarget(arg, cmd.InOrStdin())
	if err != nil {
		return fail(err)
	}
	opt, err := f.conv.options()
	if err != nil {
		return fail(err)
	}
	m, err := estimate.Load(t.file, t.src, opt)
	if err != nil {
		return fail(err)
	}
	c, so, err := f.problem(cmd, m)
	if err != nil {
		return fail(err)
	}
	sol, err := m.Solve(f.input, c, so)
	if err != nil {
		return fail(err)
	}
	return writeSolution(cmd, sol, &f.evalFlags)
}

// check refuses the flags that do not go together.
func (f *solveFlags) check() error {
	if f.input == "" || f.until == "" {
		return usageError{errors.New("solve needs --for INPUT and --until 'OUTPUT = VALUE'")}
	}
	if f.first && f.last {
		return usageError{errors.New("--first and --last cannot both be given")}
	}
	if f.output.value != "table" {
		// evalFlags registers -o for every format; solve's answer
		// is a few lines of text, with --explain's table after.
		return usageError{fmt.Errorf("solve prints text; -o %s is not supported", f.output.value)}
	}
	return nil
}

// problem reads the condition and the search options from the flags,
// against the model, and reports every value that does not hold at once.
func (f *solveFlags) problem(cmd *cobra.Command, m *estimate.Model) (estimate.Condition, estimate.SolveOptions, error) {
	so := estimate.SolveOptions{Last: f.last}
	var errs []error
	so.Overrides, errs = parseSets(m, f.set)
	c, err := m.ParseCondition(f.until)
	if err != nil {
		errs = append(errs, argErrors("--until", f.until, err))
	}
	if f.in != "" {
		if so.From, so.To, err = m.ParseBounds(f.input, f.in); err != nil {
			errs = append(errs, argErrors("--in", f.in, err))
		}
	}
	if cmd.Flags().Changed("step") {
		if so.Step, err = m.ParseStep(f.input, f.step); err != nil {
			errs = append(errs, argErrors("--step", f.step, err))
		}
	}
	return c, so, errors.Join(errs...)
}

// writeSolution prints the solution: the input's value, shown and in
// full, the output there and one step past it, and the plateau of an =.
func writeSolution(cmd *cobra.Command, sol *estimate.Solution, f *evalFlags) error {
	w := cmd.OutOrStdout()
	o := sol.Result.DisplayOptions(f.binary)
	o.Digits = f.digits.n
	full := o
	full.Digits = estimate.MaxDigits
	show := func(q estimate.Quantity) string { return estimate.Format(q, o) }
	exactly := func(q estimate.Quantity) string {
		s := estimate.Format(q, full)
		if q.Dim == estimate.Dimensionless && q.Value == float64(int64(q.Value)) {
			s = fmt.Sprintf("%d", int64(q.Value))
		}
		return s
	}
	c := sol.Condition
	which := "smallest"
	if sol.Largest {
		which = "largest"
	}
	out, _ := sol.Result.Output(c.Output)
	fmt.Fprintf(w, "%s = %s (%s)\n", sol.Input, show(sol.Value), exactly(sol.Value))
	cond := c.String()
	if c.Op == "=" && !sol.Exact {
		cond = c.Output + " <= " + c.Text
	}
	here, next := out.Format(o), estimate.FormatIn(sol.NextOutput, out.Unit, o)
	if here == next {
		// Past the edge by the last digit: show both in full.
		here, next = out.Format(full), estimate.FormatIn(sol.NextOutput, out.Unit, full)
	}
	fmt.Fprintf(w, "  the %s %s with %s: %s = %s\n", which, sol.Input, render.Escape(cond), c.Output, here)
	if c.Op == "=" && sol.Exact && sol.Low != sol.High {
		fmt.Fprintf(w, "  %s = %s for %s from %s to %s\n", c.Output, render.Escape(c.Text), sol.Input, exactly(sol.Low), exactly(sol.High))
	}
	if c.Op == "=" && !sol.Exact {
		fmt.Fprintf(w, "  %s crosses %s between this and the next value\n", c.Output, render.Escape(c.Text))
	}
	fmt.Fprintf(w, "  at %s = %s: %s = %s\n", sol.Input, exactly(sol.Next), c.Output, next)
	if sol.Crossings > 1 {
		fmt.Fprintf(w, "  %s\n", render.Escape(crossingsNote(sol, show)))
	}
	stepText := "every float64"
	if sol.Step > 0 {
		stepText = "steps of " + estimate.Format(estimate.Quantity{Value: sol.Step, Dim: sol.Value.Dim}, o)
	}
	fmt.Fprintf(w, "searched %s from %s to %s (%s)\n", sol.Input, show(sol.From), show(sol.To), stepText)
	if !sol.Monotone {
		fmt.Fprintf(cmd.ErrOrStderr(), "envelope: warning: %s is not monotone in %s from %s to %s: a crossing narrower than the spacing of the grid (%d points) may be missed\n",
			c.Output, sol.Input, show(sol.From), show(sol.To), sol.Grid)
	}
	if f.explain {
		fmt.Fprintln(w)
		opt := renderOptions(cmd, f)
		opt.Format = "table"
		if len(opt.Only) == 0 {
			opt.Only = nil
		}
		return table.Result(w, sol.Result, opt)
	}
	return nil
}

// crossingsNote says that the output crosses the value at several
// places, which one the solution is and where the others lie.
func crossingsNote(sol *estimate.Solution, show func(estimate.Quantity) string) string {
	c := sol.Condition
	var which string
	switch sol.Index {
	case 0:
		which = "the first (--last for the last)"
	case sol.Crossings - 1:
		which = "the last (--first for the first)"
	default:
		which = fmt.Sprintf("number %d", sol.Index+1)
	}
	const listed = 3
	var at []string
	for _, b := range sol.Others[:min(listed, len(sol.Others))] {
		at = append(at, show(b.From)+" and "+show(b.To))
	}
	where := "the other lies between " + sol.Input + " = " + at[0]
	if len(sol.Others) > 1 {
		where = "the others lie between " + sol.Input + " = " + strings.Join(at, ", ")
		if more := len(sol.Others) - listed; more > 0 {
			where += fmt.Sprintf(" and %d more", more)
		}
	}
	verb := "crosses"
	if c.Op == "=" {
		verb = "meets or crosses" // a run equal to the value counts, as does a jump over it
	}
	return fmt.Sprintf("%s %s %s at %d places: this is %s; %s", c.Output, verb, c.Text, sol.Crossings, which, where)
}
