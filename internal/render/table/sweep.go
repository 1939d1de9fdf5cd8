package table

import (
	"fmt"
	"io"

	"github.com/envelope-cli/envelope/internal/render"
)

// Sweep writes a sweep's tables (render.SweepView.Tables) under its
// title, fit to width.
func Sweep(w io.Writer, v *render.SweepView, width int) error {
	fmt.Fprintf(w, "%s\n\n", render.Escape(v.Title))
	heads, tables := v.Tables()
	for i, t := range tables {
		if heads[i] != "" {
			fmt.Fprintf(w, "%s\n", render.Escape(heads[i]))
		}
		if err := Write(w, t, width); err != nil {
			return err
		}
		fmt.Fprintln(w)
	}
	return nil
}
