package main

import (
	"io"
	"os"
	"strconv"

	"github.com/envelope-cli/envelope/estimate"
	"github.com/envelope-cli/envelope/render"
	"github.com/spf13/cobra"
	"golang.org/x/term"
)

// outputFormats are the formats a scenario's result renders in.
var outputFormats = render.Formats

// renderOptions are the render options the flags of f choose, for
// standard output.
func renderOptions(cmd *cobra.Command, f *evalFlags) render.Options {
	w := cmd.OutOrStdout()
	return render.Options{Format: f.output.value, Binary: f.binary, Explain: f.explain,
		Only: f.only, Inputs: f.inputs, Color: useColor(w), Width: terminalWidth(w), Digits: f.digits.n}
}

// renderResult writes a result in the format chosen with -o.
func renderResult(cmd *cobra.Command, r *estimate.Result, f *evalFlags) error {
	return render.Result(cmd.OutOrStdout(), r, renderOptions(cmd, f))
}

// terminalWidth is the width tables fit: $COLUMNS when it is set to a
// number, as shells and tests set it, or else the terminal's width, or
// render.DefaultWidth when w is not a terminal.
func terminalWidth(w io.Writer) int {
	if n, err := strconv.Atoi(os.Getenv("COLUMNS")); err == nil && n > 0 {
		return n
	}
	if f, ok := file(w); ok {
		if n, _, err := term.GetSize(int(f.Fd())); err == nil && n > 0 {
			return n
		}
	}
	return render.DefaultWidth
}
