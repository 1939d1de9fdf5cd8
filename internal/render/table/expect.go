package table

import (
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/envelope-cli/envelope/estimate"
	"github.com/envelope-cli/envelope/internal/render"
)

// Expectations writes each expectation with its actual value, what was
// expected, and the deviation, in aligned columns.
func Expectations(w io.Writer, es []estimate.ExpectResult, o estimate.DisplayOptions, color bool) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	for _, e := range es {
		mark := Paint(color, Green, "ok")
		if !e.OK {
			mark = Paint(color, Red, "FAIL")
		}
		name := render.Escape(e.Name)
		if e.Stat != "" {
			name += " (" + e.Stat + ")"
		}
		fmt.Fprintf(tw, "  %s\t%s\t%s\texpected %s ± %s\t%s\n", mark, name,
			e.Format(o), render.Escape(oneLine(e.Text)),
			render.FormatPercentage(e.Tolerance), estimate.FormatDeviation(e.Deviation))
	}
	return tw.Flush()
}

// PublishedFigures writes each published figure beside the value
// computed, with the deviation and the note; they are information, never
// a failure.
func PublishedFigures(w io.Writer, ps []estimate.PublishedResult, o estimate.DisplayOptions) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	for _, p := range ps {
		fmt.Fprintf(tw, "  note\t%s\t%s\tpublished %s\t%s\n", render.Escape(p.Name), p.Format(o),
			render.Escape(oneLine(p.Text)), estimate.FormatDeviation(p.Deviation))
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	// The notes follow, each under its figure, wrapped to fit 80 columns.
	for _, p := range ps {
		if p.Note == "" {
			continue
		}
		for i, line := range Wrap(render.Escape(oneLine(p.Note)), 72) {
			lead := "        "
			if i == 0 {
				lead = "  " + render.Escape(p.Name) + ": "
				if Width(lead) > 8 {
					fmt.Fprintln(w, strings.TrimRight(lead, " "))
					lead = "        "
				}
			}
			fmt.Fprintln(w, lead+line)
		}
	}
	return nil
}
