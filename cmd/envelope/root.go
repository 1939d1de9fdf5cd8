package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"runtime/debug"
	"strings"
	"unicode/utf8"

	"github.com/envelope-cli/envelope/estimate"
	"github.com/envelope-cli/envelope/internal/render"
	"github.com/spf13/cobra"
)

// Main runs envelope on the process's arguments and returns its exit code:
// 0 on success, 1 on an error or a failed check, 2 on a usage error.
func Main() int { return run(os.Args[1:], os.Stdout, os.Stderr) }

// errSilent reports failure whose explanation is already printed, such as
// a failed check.
var errSilent = errors.New("failed")

// A usageError is a mistake in the command line itself.
type usageError struct{ err error }

func (e usageError) Error() string { return e.err.Error() }

func run(args []string, stdout, stderr io.Writer) int {
	return runContext(context.Background(), args, stdout, stderr)
}

// runContext is run with a context that commands see, such as the one
// under which a doc block runs, which may write no file.
func runContext(ctx context.Context, args []string, stdout, stderr io.Writer) (code int) {
	defer func() {
		// A last resort: a bug must not print a stack trace at a user.
		if r := recover(); r != nil {
			msg := strings.Join(strings.Fields(fmt.Sprint(r)), " ") // one line, whatever the panic said
			fmt.Fprintf(stderr, "envelope: internal error: %s (please report this, with the command that caused it)\n", render.Escape(msg))
			if os.Getenv("ENVELOPE_DEBUG") != "" {
				stderr.Write(debug.Stack())
			}
			code = 1
		}
	}()
	root := newRootCmd()
	out := &output{w: stdout}
	root.SetArgs(negativeExpressions(args))
	root.SetOut(out)
	root.SetErr(stderr)
	// After SetOut: cobra's completion commands keep the writer they
	// were made with.
	root.InitDefaultCompletionCmd()
	refuseUnknownShells(root)
	failOnError(root)
	cmd, err := root.ExecuteContextC(ctx)
	var ue usageError
	switch {
	case err == nil && out.err == nil:
		return 0
	case err != nil && !errors.Is(err, errSilent) && (errors.As(err, &ue) || !isEngineError(err)):
		// Cobra's own errors (unknown command or flag, bad arguments) are
		// usage errors too: every error from a command's own work is
		// marked by failOnError.
		msg := err.Error()
		if name, ok := strings.CutPrefix(msg, "unknown command "); ok && len(args) > 0 {
			if s := cmd.SuggestionsFor(args[0]); len(s) > 0 {
				msg = fmt.Sprintf("unknown command %s; did you mean %q?", strings.TrimSuffix(name, ` for "envelope"`), s[0])
			}
		}
		path := cmd.CommandPath()
		if cmd.Name() == "help" {
			path = cmd.Root().CommandPath()
		}
		fmt.Fprintf(stderr, "envelope: %s\nRun '%s --help' for usage.\n", render.Escape(msg), path)
		return 2
	case err != nil && !errors.Is(err, errSilent):
		printError(stderr, err)
	}
	if out.err != nil && (err == nil || !strings.Contains(err.Error(), out.err.Error())) {
		printError(stderr, out.err)
	}
	return 1
}

// An engineError is an error from envelope's own work, as opposed to a
// mistake in the command line; it prints without a usage hint.
type engineError struct{ err error }

func (e engineError) Error() string { return e.err.Error() }
func (e engineError) Unwrap() error { return e.err }

func isEngineError(err error) bool {
	var e engineError
	return errors.As(err, &e)
}

// fail marks err as envelope's own, not a usage error.
func fail(err error) error {
	if err == nil || isEngineError(err) {
		return err
	}
	return engineError{err}
}

// printError prints each problem on one line, with the formula and a caret
// under the fault where there is one.
func printError(w io.Writer, err error) {
	for {
		ee, ok := err.(engineError)
		if !ok {
			break
		}
		err = ee.err
	}
	for _, e := range estimate.Errors(err) {
		// Escaped, so that a file name or a value with a newline or a
		// terminal escape in it cannot make a second line or move the
		// cursor: an error is one line, and its caret the next two.
		fmt.Fprintf(w, "envelope: %s\n", render.Escape(e.Error()))
		var pe *estimate.Error
		if errors.As(e, &pe) {
			if c := escapedCaret(*pe); c != "" {
				fmt.Fprintln(w, c)
			}
		}
	}
}

// escapedCaret is e's caret snippet with control characters in its
// source line escaped and the caret moved to stay under the same rune.
// Columns count runes, an invalid byte as one, as the engine counts
// them; each is escaped on its own, so that an invalid byte shows as
// \x9b, as messages write it, and not as U+FFFD.
func escapedCaret(e estimate.Error) string {
	src := strings.ReplaceAll(e.Source, "\t", " ")
	var b strings.Builder
	col := e.Col
	runes, width := 0, 0 // runes of src read, and the runes they escape to
	for i := 0; i < len(src); runes++ {
		if runes == e.Col-1 {
			col = width + 1
		}
		_, size := utf8.DecodeRuneInString(src[i:])
		piece := render.Escape(src[i : i+size])
		b.WriteString(piece)
		width += utf8.RuneCountInString(piece)
		i += size
	}
	if runes == e.Col-1 {
		col = width + 1
	}
	e.Col, e.Source = col, b.String()
	return e.Caret()
}

const shortHelpExamples = `  envelope calc '100M * 10 / day'
  envelope calc '500 B * 100M/day * 5 years' --to TB
  envelope list
  envelope run url-shortener --explain
  envelope run url-shortener --set new_urls=200M/day -o markdown
  envelope check`

// shortHelp is what envelope prints with no arguments: enough to start.
const shortHelp = `envelope: back-of-the-envelope capacity estimates, with units checked
and the working shown.

Try:
` + shortHelpExamples + `

Run 'envelope --help' for every command, 'envelope COMMAND --help' for one.
`

func newRootCmd() *cobra.Command {
	root := &cobra.Command{
		Use:   "envelope",
		Short: "Back-of-the-envelope capacity estimates, with units and the working shown",
		Long: `envelope turns a few facts (users, actions per day, object sizes, retention,
replication, peak factors) into QPS, storage, bandwidth and cost, with units
checked and every number traceable to its formula.`,
		Example: shortHelpExamples,
		RunE:    func(cmd *cobra.Command, args []string) error { return runRoot(cmd) },
		// --version prints what the version command prints.
		Version:       versionString(),
		SilenceErrors: true,
		SilenceUsage:  true,
		// Suggestions are added to the one-line error in run instead.
		DisableSuggestions:         true,
		SuggestionsMinimumDistance: 2,
	}
	root.SetVersionTemplate("{{.Version}}\n")
	root.SetFlagErrorFunc(func(_ *cobra.Command, err error) error { return usageError{err} })
	// Commands in groups, so that help reads as a menu.
	groups := []struct {
		id, title string
		cmds      []*cobra.Command
	}{
		{"estimate", "Estimates:", []*cobra.Command{newCalcCmd(), newReplCmd(), newRunCmd(), newSweepCmd(), newSolveCmd(), newCheckCmd(), newServeCmd()}},
		{"presets", "Presets:", []*cobra.Command{newListCmd(), newShowCmd(), newInitCmd()}},
		{"calculators", "Quick calculators:", []*cobra.Command{newQPSCmd(), newStorageCmd(),
			newBandwidthCmd(), newCacheCmd(), newServersCmd(), newAvailabilityCmd()}},
		{"reference", "Reference:", []*cobra.Command{newRefCmd()}},
		{"docs", "Design docs:", []*cobra.Command{newDocCmd()}},
	}
	for _, g := range groups {
		root.AddGroup(&cobra.Group{ID: g.id, Title: g.title})
		for _, c := range g.cmds {
			c.GroupID = g.id
			root.AddCommand(c)
		}
	}
	root.AddCommand(newVersionCmd(), newManCmd())
	root.SetHelpCommand(newHelpCmd())
	return root
}

// runRoot prints the short help of envelope run alone.
func runRoot(cmd *cobra.Command) error {
	_, err := fmt.Fprint(cmd.OutOrStdout(), shortHelp)
	return err
}

// failOnError marks every error a command's RunE returns as a failure of
// its work (exit 1, no usage hint) unless it is a usageError, so that only
// the command line's own mistakes exit 2.
func failOnError(c *cobra.Command) {
	if run := c.RunE; run != nil {
		c.RunE = func(cmd *cobra.Command, args []string) error {
			err := run(cmd, args)
			var ue usageError
			if err == nil || errors.Is(err, errSilent) || errors.As(err, &ue) {
				return err
			}
			return fail(err)
		}
	}
	for _, sub := range c.Commands() {
		failOnError(sub)
	}
}

// negativeExpressions keeps an expression that starts with a minus sign,
// such as calc's '-2**2' or '-5 GB + 8 GB', from being read as a flag: a
// leading space makes it an argument to the flag parser, and calc trims
// it. Flags never start with a minus and a digit, '.', '(' or '$'.
func negativeExpressions(args []string) []string {
	if len(args) == 0 || args[0] != "calc" {
		return args
	}
	out := append([]string(nil), args...)
	for i, a := range out[1:] {
		if a == "--" {
			break
		}
		if len(a) > 1 && a[0] == '-' && strings.ContainsRune("0123456789.($", rune(a[1])) {
			out[i+1] = " " + a
		}
	}
	return out
}
