package main

import (
	"encoding/csv"
	"fmt"
	"io"
	"strings"

	"github.com/envelope-cli/envelope/estimate"
	"github.com/envelope-cli/envelope/internal/render"
	"github.com/envelope-cli/envelope/internal/render/table"
	"github.com/spf13/cobra"
)

// A refTable is one of envelope's reference tables: a name and a way to
// make it under the conventions in force.
type refTable struct {
	name  string
	short string
	make  func(conv estimate.Conventions) (*refView, error)
}

// refTables lists the reference tables in the order help gives them.
var refTables = []refTable{
	{"latency", "latency numbers every engineer should know, with their sources", latencyRef},
	{"powers", "powers of two and of ten, with their names and byte units", powersRef},
	{"time", "seconds per unit of time, and daily volumes per second", timeRef},
	{"availability", "downtime per year, month, week and day for common targets", availabilityRef},
}

func refTableNames() []string {
	names := make([]string, len(refTables))
	for i, t := range refTables {
		names[i] = t.name
	}
	return names
}

func lookupRefTable(name string) (refTable, error) {
	for _, t := range refTables {
		if t.name == name {
			return t, nil
		}
	}
	msg := fmt.Sprintf("no reference table %q (want %s)", name, strings.Join(refTableNames(), ", "))
	if s := estimate.Suggest(name, refTableNames()); s != "" {
		msg += fmt.Sprintf("; did you mean %q?", s)
	}
	return refTable{}, usageError{fmt.Errorf("%s", msg)}
}

// refFlags are the flags of ref.
type refFlags struct {
	output *choiceFlag
	conv   conventionsFlag
}

func newRefCmd() *cobra.Command {
	f := refFlags{output: newChoice("table", "table", "markdown", "csv", "json", "yaml")}
	var long strings.Builder
	long.WriteString("ref prints a reference table:\n\n")
	for _, t := range refTables {
		fmt.Fprintf(&long, "  %-13s %s\n", t.name, t.short)
	}
	long.WriteString(`
Figures come from data files built into envelope; the time and availability
tables are computed by the engine under the conventions in force.`)
	cmd := &cobra.Command{
		Use:   "ref TABLE",
		Short: "Reference tables: latency, powers, time, availability",
		Long:  long.String(),
		Example: `  envelope ref latency
  envelope ref powers -o markdown
  envelope ref time --conventions napkin
  envelope ref availability -o csv`,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) != 1 {
				return usageError{fmt.Errorf("ref takes the name of a table (%s); got %d arguments",
					strings.Join(refTableNames(), ", "), len(args))}
			}
			_, err := lookupRefTable(args[0])
			return err
		},
		ValidArgsFunction: func(_ *cobra.Command, args []string, _ string) ([]string, cobra.ShellCompDirective) {
			if len(args) > 0 {
				return nil, cobra.ShellCompDirectiveNoFileComp
			}
			return refTableNames(), cobra.ShellCompDirectiveNoFileComp
		},
		RunE: func(cmd *cobra.Command, args []string) error { return runRef(cmd, args[0], &f) },
	}
	addOutputFlag(cmd, f.output)
	addConventionsFlag(cmd, &f.conv, " (time and availability)")
	return cmd
}

// runRef prints the reference table name names, under the conventions
// in force.
func runRef(cmd *cobra.Command, name string, f *refFlags) error {
	t, err := lookupRefTable(name)
	if err != nil {
		return err
	}
	c, err := f.conv.resolve(estimate.Exact)
	if err != nil {
		return fail(err)
	}
	v, err := t.make(c)
	if err != nil {
		return fail(err)
	}
	w := cmd.OutOrStdout()
	return v.render(w, f.output.value, useColor(w), terminalWidth(w))
}

// A refView is a reference table made ready to render: sections of rows
// for reading, records for csv and data for json and yaml.
type refView struct {
	title    string
	sections []refSection
	notes    []string
	sources  []latencySource
	conv     *estimate.Conventions // for the tables computed under them
	records  [][]string            // csv: a header, then one record a value
	data     any                   // json and yaml
}

// A refSection is one table of a reference, with its own columns.
type refSection struct {
	title  string // may be empty
	header []string
	rows   [][]string
}

func (v *refView) render(w io.Writer, format string, color bool, width int) error {
	switch format {
	case "json":
		return render.JSON(w, v.data)
	case "yaml":
		return render.YAML(w, v.data)
	case "csv":
		cw := csv.NewWriter(w)
		cw.WriteAll(v.records)
		return cw.Error()
	case "markdown":
		return v.markdown(w)
	}
	return v.table(w, color, width)
}

func (v *refView) table(w io.Writer, color bool, width int) error {
	fmt.Fprintln(w, table.Paint(color, table.Bold, v.title))
	for _, s := range v.sections {
		fmt.Fprintln(w)
		if s.title != "" {
			fmt.Fprintln(w, s.title)
		}
		if err := table.Write(w, render.Table{Header: s.header, Rows: s.rows}, width); err != nil {
			return err
		}
	}
	if len(v.notes) > 0 {
		fmt.Fprintln(w)
		for _, n := range v.notes {
			fmt.Fprintln(w, wrapText(n, 78))
		}
	}
	if len(v.sources) > 0 {
		fmt.Fprintf(w, "\n%s\n", table.Paint(color, table.Bold, "sources"))
		for _, s := range v.sources {
			head := indent(wrapText(fmt.Sprintf("%s: %s, %s.", s.Label, s.Author, s.Title), 74), "    ")
			fmt.Fprintf(w, "  %s\n    %s\n", strings.TrimPrefix(head, "    "), s.URL)
			if s.Repo != "" {
				fmt.Fprintf(w, "    source code: %s\n", s.Repo)
			}
			if s.Note != "" {
				fmt.Fprintln(w, indent(wrapText(s.Note, 74), "    "))
			}
		}
	}
	if v.conv != nil {
		fmt.Fprintf(w, "\nconventions: %s\n", v.conv)
	}
	return nil
}

func (v *refView) markdown(w io.Writer) error {
	fmt.Fprintf(w, "### %s\n", render.MarkdownText(v.title))
	for _, s := range v.sections {
		fmt.Fprintln(w)
		if s.title != "" {
			fmt.Fprintf(w, "#### %s\n\n", render.MarkdownText(s.title))
		}
		esc := render.Table{Header: s.header}
		for _, r := range s.rows {
			cells := make([]string, len(r))
			for i, c := range r {
				cells[i] = render.MarkdownText(c)
			}
			esc.Rows = append(esc.Rows, cells)
		}
		if err := esc.Markdown(w); err != nil {
			return err
		}
	}
	if len(v.notes) > 0 {
		fmt.Fprintln(w)
		for _, n := range v.notes {
			fmt.Fprintln(w, n)
		}
	}
	if len(v.sources) > 0 {
		fmt.Fprintln(w, "\nSources:")
		fmt.Fprintln(w)
		for _, s := range v.sources {
			fmt.Fprintf(w, "- **%s**: %s, [%s](%s).", s.Label, s.Author, render.MarkdownText(s.Title), s.URL)
			if s.Repo != "" {
				fmt.Fprintf(w, " Source code: %s.", render.MarkdownText(s.Repo))
			}
			if s.Note != "" {
				fmt.Fprintf(w, " %s", render.MarkdownText(s.Note))
			}
			fmt.Fprintln(w)
		}
	}
	if v.conv != nil {
		fmt.Fprintf(w, "\nConventions: %s.\n", v.conv)
	}
	return nil
}

// wrapText breaks text into lines of at most width columns.
func wrapText(text string, width int) string { return strings.Join(table.Wrap(text, width), "\n") }

// indent puts prefix before every line of s.
func indent(s, prefix string) string {
	return prefix + strings.ReplaceAll(s, "\n", "\n"+prefix)
}
