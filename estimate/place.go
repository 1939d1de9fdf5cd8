package estimate

import "strings"

// place maps rune offsets inside a scalar's value to lines and columns of
// the file. Plain and quoted one-line scalars map exactly (escapes inside
// quotes aside), as do literal blocks; other multi-line scalars point at
// their start.
func (s *Scenario) place(t Text) placeFunc {
	line := func(n int) string {
		if n >= 1 && n <= len(s.lines) {
			return s.lines[n-1]
		}
		return ""
	}
	switch t.style {
	case plainText, quotedText:
		start := t.Pos.Col
		if t.style == quotedText {
			start++
		}
		if !s.verbatimAt(t.Pos.Line, start, t.Value) {
			// Folded from several lines, or written with escapes:
			// point at the start.
			break
		}
		return func(off int) (int, int, string) { return t.Pos.Line, start + off, line(t.Pos.Line) }
	case literalBlock:
		// Line k of the value is line first+k of the file, blank lines
		// included. The block's indentation is what the file has before
		// its first non-blank line and the value does not: more than the
		// value's own leading spaces when an indicator (|2) keeps some.
		first, indent := t.Pos.Line+1, 0
		for k, v := range strings.Split(t.Value, "\n") {
			if l := line(first + k); strings.TrimSpace(v) != "" {
				indent = len(l) - len(strings.TrimLeft(l, " ")) - (len(v) - len(strings.TrimLeft(v, " ")))
				break
			}
		}
		return func(off int) (int, int, string) {
			rs := []rune(t.Value)
			off = min(off, len(rs))
			before := string(rs[:off])
			n := first + strings.Count(before, "\n")
			if n > len(s.lines) {
				// An empty block at the end of the file: point at its |.
				return t.Pos.Line, t.Pos.Col, line(t.Pos.Line)
			}
			col := indent + 1 + len([]rune(before[strings.LastIndexByte(before, '\n')+1:]))
			return n, col, line(n)
		}
	}
	return func(int) (int, int, string) { return t.Pos.Line, t.Pos.Col, "" }
}

// errorAt makes an Error at a place in the file.
func (s *Scenario) errorAt(p Pos, path, msg string) *Error {
	p = s.inFile(p)
	return &Error{File: s.File, Line: p.Line, Col: p.Col, Path: path, Msg: msg}
}
