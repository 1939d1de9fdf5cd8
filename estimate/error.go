package estimate

import (
	"errors"
	"strconv"
	"strings"
	"unicode"
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

// ErrorData is an Error in a machine-readable form, for JSON output and
// for a browser that marks the spot: the kind of problem, where it is
// (1-based line and rune columns, the end column exclusive) and the
// message.
type ErrorData struct {
	Kind    string `json:"kind"`
	File    string `json:"file,omitempty"`
	Line    int    `json:"line,omitempty"`
	Column  int    `json:"column,omitempty"`
	EndCol  int    `json:"end_column,omitempty"`
	Path    string `json:"path,omitempty"`
	Message string `json:"message"`
}

// Data returns e in machine-readable form.
func (e *Error) Data() ErrorData {
	d := ErrorData{Kind: e.Kind(), File: e.File, Line: e.Line, Column: e.Col, Path: e.Path, Message: singleLine(e.Msg)}
	if e.Col > 0 {
		d.EndCol = e.Col + spanAt(e.Source, e.Col)
	}
	return d
}

// Kind classifies e: "syntax", "name", "dimension", "evaluation",
// "file" (YAML and bytes), "limit", "internal" or "value".
func (e *Error) Kind() string {
	m := e.Msg
	has := func(words ...string) bool {
		for _, w := range words {
			if strings.Contains(m, w) {
				return true
			}
		}
		return false
	}
	switch {
	case has("internal error"):
		return "internal"
	case has("too long", "too deep", "too many", "too large: the limit", "the limit is"):
		return "limit"
	case has("division by zero", "overflow", "not a number (NaN)", "square root of", " of zero", " of a negative"):
		return "evaluation"
	case has("YAML", "UTF-8", "UTF-16", "byte-order", "NUL byte", "control character", "tab in indentation", "empty file", "YAML document"):
		return "file"
	case has("cannot add", "cannot subtract", "cannot compare", "cannot show", "measures", "dimension", "needs a plain number",
		"exponent must be", "can be raised only", "branches of ?: differ", "must be a positive time", "is bytes", "is a time", "is a rate", "is money", "is a plain number", "needs quantities", "needs a condition", "needs conditions"):
		return "dimension"
	case has("unknown name", "unknown unit", "unknown function", "unknown input", "unknown key", "duplicate", "is a unit", "is a function",
		"must be lower-case", "cannot refer to", "is an output", "counted thing", "cycle"):
		return "name"
	case has("unexpected", "unclosed", "not an operator", "not part of formulas", "'_' may", "in quotes", "lists are", "maps are",
		"';' is not allowed", "empty formula", "missing", "a number must follow", "comments are", "digit of a base"):
		return "syntax"
	}
	return "value"
}

// spanAt is how many runes the token at column col (1-based) of line
// takes: a word or number runs on, any other character is one.
func spanAt(line string, col int) int {
	rs := []rune(line)
	i := col - 1
	if i < 0 || i >= len(rs) {
		return 1
	}
	isWord := func(r rune) bool { return r == '_' || r == '.' || unicode.IsLetter(r) || unicode.IsDigit(r) }
	if !isWord(rs[i]) {
		return 1
	}
	j := i
	for j < len(rs) && isWord(rs[j]) {
		j++
	}
	return j - i
}
