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
		return func(off int) (int, int, string) { return t.Pos.Line, start + off, line(t.Pos.Line) }
	case literalBlock:
		first, indent := t.Pos.Line+1, 0
		for n := first; n <= len(s.lines); n++ {
			if l := line(n); strings.TrimSpace(l) != "" {
				first, indent = n, len(l)-len(strings.TrimLeft(l, " "))
				break
			}
		}
		return func(off int) (int, int, string) {
			rs := []rune(t.Value)
			off = min(off, len(rs))
			before := string(rs[:off])
			n := first + strings.Count(before, "\n")
			col := indent + 1 + len([]rune(before[strings.LastIndexByte(before, '\n')+1:]))
			return n, col, line(n)
		}
	}
	return func(int) (int, int, string) { return t.Pos.Line, t.Pos.Col, "" }
}

// errorAt makes an Error at a place in the file.
func (s *Scenario) errorAt(p Pos, path, msg string) *Error {
	return &Error{File: s.File, Line: p.Line, Col: p.Col, Path: path, Msg: msg}
}
