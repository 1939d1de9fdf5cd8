package main

import (
	"io"
	"os"
)

// An output is standard output with its first write error kept, so that
// a failed write is reported (exit 1) whatever wrote it: a table library,
// an encoder or a plain Fprintf whose result was not checked.
type output struct {
	w   io.Writer
	err error
}

func (o *output) Write(p []byte) (int, error) {
	if o.err != nil {
		return 0, o.err
	}
	n, err := o.w.Write(p)
	if err != nil {
		o.err = err
	}
	return n, err
}

// file returns the file behind w, if any, so that a wrapped standard
// output is still known to be a terminal.
func file(w io.Writer) (*os.File, bool) {
	if o, ok := w.(*output); ok {
		w = o.w
	}
	f, ok := w.(*os.File)
	return f, ok
}
