package main

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"strings"

	"github.com/envelope-cli/envelope/estimate"
	"github.com/envelope-cli/envelope/internal/render"
	"github.com/spf13/cobra"
	"golang.org/x/term"
)

// replFlags are the flags of repl.
type replFlags struct {
	conv    conventionsFlag
	samples sampleFlags
}

func newReplCmd() *cobra.Command {
	var f replFlags
	cmd := &cobra.Command{
		Use:   "repl [FILE|-]",
		Short: "An interactive calculator with names, ans and history",
		Long: `repl is calc, line after line, with memory: "dau = 100M" sets a name,
"dau * 10/day" reads it, and ans is the last result. "-> UNIT" or "to UNIT"
at the end of a line converts. Lines starting with ':' are commands
(:help lists them); lines starting with '#' are comments.

A name set to a range ("dau = 50M to 150M") keeps its samples, and shows
its median and 90% interval as calc does; a line that reads it is sampled
from them.

On a terminal, repl edits lines, completes names, units and commands with
Tab, and keeps its history in the user's configuration directory. Given a
FILE, or standard input that is not a terminal, it reads lines and prints
one result for each, with no prompt; it then exits 1 if any line failed.`,
		Example: `  envelope repl
  envelope repl --conventions napkin
  envelope repl sizing.txt`,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) > 1 {
				return usageError{fmt.Errorf("repl takes at most one file of lines; got %d arguments", len(args))}
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error { return runRepl(cmd, args, &f) },
	}
	addConventionsFlag(cmd, &f.conv, "")
	f.samples.register(cmd)
	return cmd
}

// runRepl runs a session: on a terminal, line by line as they are
// typed; otherwise over the lines of the file args names, or of standard
// input.
func runRepl(cmd *cobra.Command, args []string, f *replFlags) error {
	c, err := f.conv.resolve(estimate.Exact)
	if err != nil {
		return fail(err)
	}
	r := &repl{
		s:   estimate.NewSessionSampled(c, f.samples.options()),
		out: cmd.OutOrStdout(),
		err: cmd.ErrOrStderr(),
	}
	var in io.Reader = cmd.InOrStdin()
	if len(args) == 1 && !isStdin(args[0]) {
		f, err := openLines(args[0])
		if err != nil {
			return fail(err)
		}
		defer f.Close()
		in = f
	} else if len(args) == 0 && isTerminal(in) && isTerminal(r.out) {
		return r.interactive()
	}
	return r.lines(in)
}

// openLines opens a file of repl lines, refusing what is not a regular
// file as scenario files are refused.
func openLines(path string) (*os.File, error) {
	info, err := os.Stat(path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil, fmt.Errorf("%s: no such file", path)
	case err != nil:
		return nil, fmt.Errorf("%s: %v", path, errors.Unwrap(err))
	case info.IsDir():
		return nil, fmt.Errorf("%s: is a directory, not a file of lines", path)
	}
	return openRegular(path)
}

// isTerminal reports whether v, standard input or output, is a
// terminal. Standard output may be wrapped in an output; standard input
// is an *os.File, which file knows too.
func isTerminal(v any) bool {
	w, ok := v.(io.Writer)
	if !ok {
		return false
	}
	f, ok := file(w)
	return ok && term.IsTerminal(int(f.Fd()))
}

// A repl is one run of envelope repl: a session and where it writes.
type repl struct {
	s        *estimate.Session
	out, err io.Writer
	last     *estimate.Answer // the last result, for :explain
	line     int              // the number of the line being run, from 1
	failed   bool             // a line failed
	quit     bool             // :quit was given
	// historyFailed is set once the history could not be saved, which
	// is said once.
	historyFailed bool
}

// maxLine is the longest line repl reads: far past the longest formula,
// which the engine refuses with its own message.
const maxLine = 1 << 20

// lines runs each line of in, printing a result per line and no prompt,
// and fails at the end if any line failed.
func (r *repl) lines(in io.Reader) error {
	sc := bufio.NewScanner(in)
	sc.Buffer(make([]byte, 0, 64<<10), maxLine)
	for !r.quit && sc.Scan() {
		r.run(strings.TrimSuffix(sc.Text(), "\r"))
	}
	if err := sc.Err(); err != nil {
		if errors.Is(err, bufio.ErrTooLong) {
			err = fmt.Errorf("line %d is longer than %d bytes", r.line+1, maxLine)
		}
		return fail(err)
	}
	if r.failed {
		return errSilent
	}
	return nil
}

// run runs one line: a command, an assignment or an expression. A
// failure is printed and the session goes on.
func (r *repl) run(line string) {
	r.line++
	text := strings.TrimSpace(line)
	var err error
	switch {
	case text == "" || strings.HasPrefix(text, "#"):
		return
	case strings.HasPrefix(text, ":"):
		err = r.command(text)
	default:
		err = r.eval(line)
	}
	if err != nil {
		r.failed = true
		printError(r.err, r.placed(err))
	}
}

// placed puts the line's number on a problem of the line, so that input
// read from a file or a pipe says which line failed. Problems inside a
// scenario that :load read keep their own place.
func (r *repl) placed(err error) error {
	var all []error
	for _, e := range estimate.Errors(err) {
		pe, ok := e.(*estimate.Error)
		switch {
		case !ok:
			e = &estimate.Error{Line: r.line, Msg: e.Error()}
		case pe.File == "":
			c := *pe
			c.Line = r.line
			e = &c
		}
		all = append(all, e)
	}
	return errors.Join(all...)
}

func (r *repl) display() estimate.DisplayOptions {
	return estimate.DisplayOptions{Conventions: r.s.Conventions()}
}

// eval evaluates an assignment or an expression and prints its value:
// "dau = 100M" for an assignment, the value alone for an expression.
func (r *repl) eval(line string) error {
	a, err := r.s.Eval(line)
	if err != nil {
		return err
	}
	r.last = &a
	if w := a.Warning(); w != "" {
		fmt.Fprintf(r.err, "envelope: warning: %d: %s\n", r.line, w)
	}
	if a.Name != "" {
		_, err = fmt.Fprintf(r.out, "%s = %s\n", a.Name, a.Format(r.display()))
	} else {
		_, err = fmt.Fprintln(r.out, a.Format(r.display()))
	}
	return err
}

// A replCommand is a command of the repl, written ":name ARG".
type replCommand struct {
	name, arg, help string
	run             func(r *repl, arg string) error
}

// replCommands returns the repl's commands, in the order :help lists
// them.
func replCommands() []replCommand {
	return []replCommand{
		{"help", "", "list these commands", (*repl).help},
		{"explain", "", "show how the last result was read, in base units", (*repl).explain},
		{"conventions", "[PROFILE]", "show or set the conventions: exact, calendar, napkin", (*repl).conventions},
		{"load", "NAME|FILE", "set the inputs and outputs of a preset or scenario", (*repl).load},
		{"names", "", "list the names and their values", (*repl).names},
		{"quit", "", "leave (so does Ctrl-D)", func(r *repl, _ string) error { r.quit = true; return nil }},
	}
}

// command runs a line that starts with ':'.
func (r *repl) command(text string) error {
	name, arg, _ := strings.Cut(strings.TrimPrefix(text, ":"), " ")
	arg = strings.TrimSpace(arg)
	switch name {
	case "q", "exit":
		name = "quit"
	case "h", "?":
		name = "help"
	}
	var names []string
	for _, c := range replCommands() {
		if c.name == name {
			if c.arg == "" && arg != "" {
				return fmt.Errorf(":%s takes no argument", name)
			}
			return c.run(r, arg)
		}
		names = append(names, c.name)
	}
	msg := fmt.Sprintf("unknown command :%s", name)
	if s := estimate.Suggest(name, names); s != "" {
		msg += fmt.Sprintf("; did you mean :%s?", s)
	}
	return errors.New(msg + " (:help lists them)")
}

func (r *repl) help(string) error {
	var b strings.Builder
	b.WriteString(`Lines are expressions with units, as calc takes them:
  dau = 100M               set a name (prints dau = 100M)
  dau * 10/day             an expression (prints 11.57K/s)
  ans * 3 -> /s            ans is the last result; -> UNIT or to UNIT converts
Commands:
`)
	for _, c := range replCommands() {
		fmt.Fprintf(&b, "  %-24s %s\n", strings.TrimSpace(":"+c.name+" "+c.arg), c.help)
	}
	_, err := io.WriteString(r.out, b.String())
	return err
}

func (r *repl) explain(string) error {
	if r.last == nil {
		return errors.New(":explain: no result yet")
	}
	a := r.last
	expr := render.Escape(a.Expr)
	if a.Name != "" {
		expr = a.Name + " = " + expr
	}
	if err := writeWorking(r.out, a.Conversions, expr, a.Calculation, a.Format(r.display()), r.s.Conventions()); err != nil {
		return err
	}
	return writeRangesNote(r.out, a.Distribution)
}

func (r *repl) conventions(arg string) error {
	if arg != "" {
		c, err := estimate.LookupProfile(arg)
		if err != nil {
			return err
		}
		r.s.SetConventions(c)
	}
	_, err := fmt.Fprintf(r.out, "conventions: %s\n", r.s.Conventions())
	return err
}

// load evaluates a scenario under its own conventions, as run does,
// sampling its ranges as the session samples, and sets each input and
// output; it prints each as an assignment.
func (r *repl) load(arg string) error {
	switch {
	case arg == "":
		return errors.New(":load takes a preset name or a scenario file")
	case isStdin(arg):
		return errors.New(":load -: standard input holds the repl's own lines; give a file")
	}
	t, err := resolveTarget(arg, strings.NewReader(""))
	if err != nil {
		return err
	}
	m, err := estimate.Load(t.file, t.src, estimate.Options{})
	if err != nil {
		return err
	}
	res, err := m.Simulate(r.s.SampleOptions())
	if err != nil {
		return err
	}
	printWarnings(r.err, t.file, m)
	setErr := r.s.SetResult(res)
	o := res.DisplayOptions(false)
	for _, v := range res.Inputs() {
		if _, ok := r.s.Value(v.Name); ok && v.Name != estimate.Ans {
			fmt.Fprintf(r.out, "%s = %s\n", v.Name, v.Format(o))
		}
	}
	for _, v := range res.Outputs() {
		if _, ok := r.s.Value(v.Name); ok && v.Name != estimate.Ans {
			fmt.Fprintf(r.out, "%s = %s\n", v.Name, v.Format(o))
		}
	}
	var errs []error
	for _, e := range estimate.Errors(setErr) {
		errs = append(errs, &estimate.Error{File: t.file, Msg: e.Error()})
	}
	return errors.Join(errs...)
}

func (r *repl) names(string) error {
	for _, n := range r.s.Names() {
		v, _ := r.s.Lookup(n)
		if _, err := fmt.Fprintf(r.out, "%s = %s\n", n, v.Format(r.display())); err != nil {
			return err
		}
	}
	return nil
}
