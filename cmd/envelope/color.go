package main

import (
	"io"
	"os"
)

// useColor reports whether w is a terminal and NO_COLOR is unset: piped
// output stays plain and stable.
func useColor(w io.Writer) bool {
	if _, set := os.LookupEnv("NO_COLOR"); set {
		return false
	}
	f, ok := file(w)
	if !ok {
		return false
	}
	info, err := f.Stat()
	return err == nil && info.Mode()&os.ModeCharDevice != 0
}
