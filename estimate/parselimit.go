package estimate

import (
	"strings"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"
)

// roomForName reports whether the scenario may have another input (or
// output, as path says), refusing, once a section, the first one over
// MaxNames.
func (p *fileParser) roomForName(k *yaml.Node, path string) bool {
	section, n := "outputs", len(p.s.Outputs)
	if strings.HasPrefix(path, "inputs.") {
		section, n = "inputs", len(p.s.Inputs)
	}
	if n < MaxNames {
		return true
	}
	if !p.tooMany[section] {
		p.tooMany[section] = true
		p.errorf(pos(k), path, "too many %s: the limit is %d", section, MaxNames)
	}
	return false
}

// secondDocument returns where a second YAML document starts: at the
// node the decoder read, or, when the second document does not even
// parse, at the first "---" after the first document. Without one, what
// follows the first document is no document, just bad YAML.
func (p *fileParser) secondDocument(first, next *yaml.Node, err error) (Pos, bool) {
	if err == nil {
		return pos(next), true
	}
	for i := lastLine(first); i < len(p.s.lines); i++ {
		if l := p.s.lines[i]; l == "---" || strings.HasPrefix(l, "--- ") || strings.HasPrefix(l, "---\t") {
			return Pos{i + 1, 1}, true
		}
	}
	return Pos{}, false
}

// lastLine returns the last line that holds a node of the tree under n,
// walking it without recursion.
func lastLine(n *yaml.Node) int {
	last := 0
	stack := []*yaml.Node{n}
	for len(stack) > 0 {
		n := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		last = max(last, n.Line)
		stack = append(stack, n.Content...)
	}
	return last
}

// tabIndent returns the column of a tab in the indentation of the given
// line, the usual cause of YAML's complaints about a line, or 0.
func (p *fileParser) tabIndent(line int) int {
	if line < 1 || line > len(p.s.lines) {
		return 0
	}
	l := p.s.lines[line-1]
	indent := l[:len(l)-len(strings.TrimLeft(l, " \t"))]
	if i := strings.IndexByte(indent, '\t'); i >= 0 {
		return i + 1
	}
	return 0
}

// verbatimAt reports whether line n of the file holds value exactly from
// column col, so that offsets in the value are columns of the line. It
// costs the length of value, not of the line: a one-line file holds every
// value of the scenario on one line.
func (s *Scenario) verbatimAt(n, col int, value string) bool {
	at, ok := s.byteAt(n, col)
	return ok && strings.HasPrefix(s.line(n)[at:], value)
}

// runeMarkEvery is how many runes apart runeMarks are.
const runeMarkEvery = 64

// runeMarks returns the byte offsets of every runeMarkEvery-th rune of
// line (the end of the line included when it falls on one), so that a
// column is found without counting the line from its start; or nil for
// an ASCII line, whose columns are its bytes.
func runeMarks(line string) []int32 {
	ascii := true
	for i := 0; i < len(line); i++ {
		if line[i] >= utf8.RuneSelf {
			ascii = false
			break
		}
	}
	if ascii {
		return nil
	}
	marks := []int32{0}
	n := 0
	for i := range line {
		if n > 0 && n%runeMarkEvery == 0 {
			marks = append(marks, int32(i))
		}
		n++
	}
	if n > 0 && n%runeMarkEvery == 0 {
		marks = append(marks, int32(len(line)))
	}
	return marks
}

// byteAt returns the byte offset in line n of the file of column col (in
// runes), which may be one past its last rune; ok is false when the line
// has no such column.
func (s *Scenario) byteAt(n, col int) (at int, ok bool) {
	line := s.line(n)
	r := col - 1
	if r < 0 {
		return 0, false
	}
	var marks []int32
	if n >= 1 && n <= len(s.marks) {
		marks = s.marks[n-1]
	}
	if marks == nil {
		return r, r <= len(line)
	}
	k := r / runeMarkEvery
	if k >= len(marks) {
		return 0, false
	}
	at = int(marks[k])
	for range r % runeMarkEvery {
		if at >= len(line) {
			return 0, false
		}
		_, size := utf8.DecodeRuneInString(line[at:])
		at += size
	}
	return at, true
}

// refusedEntry keeps the name of an input or output whose value was
// refused (an alias), so that formulas using it are not also told that
// the name is unknown.
func (p *fileParser) refusedEntry(section string, k *yaml.Node) {
	path := section + "." + k.Value
	bad := Text{Pos: pos(k), Path: path, style: badText}
	switch section {
	case "inputs":
		if p.roomForName(k, path) {
			p.s.Inputs = append(p.s.Inputs, &Input{Name: k.Value, NamePos: pos(k), Value: bad})
		}
	case "outputs":
		if p.roomForName(k, path) {
			p.s.Outputs = append(p.s.Outputs, &Output{Name: k.Value, NamePos: pos(k), Formula: bad})
		}
	}
}

// line returns line n of the file, or "".
func (s *Scenario) line(n int) string {
	if n >= 1 && n <= len(s.lines) {
		return s.lines[n-1]
	}
	return ""
}

// inFile keeps a position the YAML decoder gave inside the file: it
// places an empty document or value at the end of the last line, which
// may be one past the end of the file.
func (s *Scenario) inFile(p Pos) Pos {
	if p.Line == 0 || len(s.lines) == 0 {
		return p
	}
	if p.Line > len(s.lines) {
		p.Line = len(s.lines)
		p.Col = utf8.RuneCountInString(s.lines[p.Line-1]) + 1
	}
	return p
}
