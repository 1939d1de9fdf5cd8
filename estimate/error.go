package estimate

import (
	"errors"
	"strconv"
	"strings"
	"unicode/utf8"
)

// An Error is one problem found in a scenario, a formula or a value, with
// the place it was found. Its Error method renders the one-line form
// "file:line:col: path: message", leaving out what is unknown.
type Error struct {
	File string // file name, empty for a command-line expression
	Line int    // 1-based line; 0 when unknown
	Col  int    // 1-based column in runes; 0 when unknown
	Path string // the value's path in the scenario, e.g. outputs.storage.formula
	Msg  string

	// Source is the line of text the error points into, when it is a
	// formula, so that Caret can show where.
	Source string
}

// Error renders e on one line, "file:line:col: path: message", leaving
// out the parts that are unknown.
func (e *Error) Error() string {
	var b strings.Builder
	if e.File != "" {
		b.WriteString(e.File)
		b.WriteByte(':')
	}
	if e.Line > 0 {
		b.WriteString(strconv.Itoa(e.Line))
		b.WriteByte(':')
		if e.Col > 0 {
			b.WriteString(strconv.Itoa(e.Col))
			b.WriteByte(':')
		}
	}
	if b.Len() > 0 {
		b.WriteByte(' ')
	}
	if e.Path != "" {
		b.WriteString(singleLine(e.Path))
		b.WriteString(": ")
	}
	b.WriteString(singleLine(e.Msg))
	return b.String()
}

// Caret returns the source line and a caret under the column at fault,
// indented by two spaces, or "" when the error has no source line.
func (e *Error) Caret() string {
	if e.Source == "" || e.Col < 1 {
		return ""
	}
	// Cut the window first: the replacements keep every rune in its
	// place, and a line may be a whole one-line file.
	pad := min(e.Col-1, utf8.RuneCountInString(e.Source))
	line, pad := caretWindow(e.Source, pad)
	line = singleLine(strings.ReplaceAll(line, "\t", " "))
	return "  " + line + "\n  " + strings.Repeat(" ", pad) + "^"
}

// Errors returns the individual errors inside err: the members of a joined
// error, or err itself.
func Errors(err error) []error {
	if err == nil {
		return nil
	}
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		var all []error
		for _, e := range j.Unwrap() {
			all = append(all, Errors(e)...)
		}
		return all
	}
	return []error{err}
}

// An offsetError is a problem at a rune offset in a formula, before the
// formula's place in a file is known.
type offsetError struct {
	off int
	msg string
}

// offsetErrors are the problems of one formula.
type offsetErrors []offsetError

// placeFunc maps a rune offset in a formula to its line and column in the
// file, and returns the file's text of that line.
type placeFunc func(off int) (line, col int, source string)

// locate turns formula problems into Errors placed in a file.
func (es offsetErrors) locate(file, path string, place placeFunc) error {
	var all []error
	for _, e := range es {
		line, col, src := place(e.off)
		all = append(all, &Error{File: file, Line: line, Col: col, Path: path, Msg: e.msg, Source: src})
	}
	return errors.Join(all...)
}

// inFormula places the problems of a one-line formula that starts at
// line:col of file.
func (es offsetErrors) inFormula(file string, line, col int, path, src string) error {
	return es.locate(file, path, func(off int) (int, int, string) {
		return line, col + off, src
	})
}
