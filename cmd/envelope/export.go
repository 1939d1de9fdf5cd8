package main

import (
	"errors"
	"fmt"

	"github.com/envelope-cli/envelope/internal/plot"
	"github.com/spf13/cobra"
)

// evalFiles are the files that run's and the quick calculators'
// --export-samples and --plot name, checked.
type evalFiles struct {
	export, plot *outFile // nil when not asked for
}

// openFiles checks, once and before the run that fills them, the files
// that --export-samples and --plot name; reads are the files the command
// reads. renderResult calls it too, for a command that has not.
func (f *evalFlags) openFiles(cmd *cobra.Command, reads []readFile) error {
	if f.files != nil {
		return nil
	}
	if cmd.Flags().Lookup("export-samples") == nil {
		f.files = &evalFiles{} // a command that does not sample
		return nil
	}
	export, err := flagFile(cmd, "export-samples", f.force, reads...)
	if err != nil {
		return err
	}
	if export != nil && !export.stdout() {
		reads = append(reads, readFile{export.path, "the file --export-samples writes"})
	}
	drawing, err := flagFile(cmd, "plot", f.force, reads...)
	if err != nil {
		return err
	}
	if export.stdout() && drawing.stdout() {
		return usageError{errors.New("--export-samples - and --plot - both write to standard output; name a file for one of them")}
	}
	for _, o := range []*outFile{export, drawing} {
		if err := stdoutAlone(cmd, o, "output", "explain", "sensitivity", "prob"); err != nil {
			return err
		}
	}
	if drawing != nil {
		if _, err := plotFormat(drawing); err != nil {
			return usageError{err}
		}
	}
	f.files = &evalFiles{export: export, plot: drawing}
	return nil
}

// toStdout reports whether a file the flags name is standard output,
// which then holds it in place of the result.
func (f *evalFlags) toStdout() bool {
	return f.files != nil && (f.files.export.stdout() || f.files.plot.stdout())
}

// stdoutAlone refuses, beside a file written to standard output in place
// of the result, the flags that shape only that result.
func stdoutAlone(cmd *cobra.Command, o *outFile, shaping ...string) error {
	if !o.stdout() {
		return nil
	}
	for _, name := range shaping {
		fl := cmd.Flags().Lookup(name)
		if fl == nil || !fl.Changed {
			continue
		}
		spelling := "--" + name
		if fl.Shorthand != "" {
			spelling = "-" + fl.Shorthand + "/" + spelling
		}
		return usageError{fmt.Errorf("%s - writes to standard output in place of the result; %s shapes that result, so leave it out", o.name, spelling)}
	}
	return nil
}

// plotFormat is the image format of a --plot file: by its extension,
// or SVG, which is text, on standard output.
func plotFormat(o *outFile) (string, error) {
	if o.stdout() {
		return "svg", nil
	}
	return plot.FormatOf(o.path)
}
