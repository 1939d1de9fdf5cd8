package estimate

import (
	"errors"

	"fmt"
	"github.com/envelope-cli/envelope/internal/syntax"
	"io"
	"io/fs"
	"strings"
	"unicode/utf8"
)

// Limits on what envelope reads. Scenario files and formulas come from
// colleagues, repositories and the internet, so every input is treated as
// untrusted: these bound the time and memory that reading one can take.
// Each refusal is an *Error naming the limit and the place it was hit.
// docs/scenario-format.md (section Limits) describes them for authors.
const (
	// MaxFileSize is the largest scenario file, in bytes: 1 MiB.
	MaxFileSize = 1 << 20

	// MaxFormulaSize is the longest formula or constant expression, in
	// bytes: 4 KiB. It applies to outputs' formulas, inputs' values,
	// expectations, display units, conventions, --set values and to Calc.
	MaxFormulaSize = syntax.MaxSize

	// MaxNesting is how deeply parentheses (function calls included) may
	// nest in a formula. The parser enforces it, so its recursion never
	// goes deeper.
	MaxNesting = syntax.MaxDepth

	// MaxNames is the most inputs, and the most outputs, of a scenario:
	// a chain of 10,000 outputs reading one input is allowed.
	MaxNames = 10000

	// MaxErrors is the most problems reported for one file; a file with
	// more ends its list with a note that it stopped there.
	MaxErrors = 100
)

// ReadSource reads a scenario file's text from r for Parse or Load,
// reading at most MaxFileSize+1 bytes, so that a huge file is refused
// without being read whole. file names r in errors.
func ReadSource(file string, r io.Reader) (src []byte, err error) {
	defer guard(&err, file)
	src, err = io.ReadAll(io.LimitReader(r, MaxFileSize+1))
	if err != nil {
		var pe *fs.PathError
		if errors.As(err, &pe) {
			err = pe.Err
		}
		return nil, &Error{File: file, Msg: "cannot read: " + err.Error()}
	}
	if len(src) > MaxFileSize {
		return nil, tooLarge(file, -1)
	}
	return src, nil
}

// tooLarge refuses a file over MaxFileSize; size is -1 when unknown.
func tooLarge(file string, size int) *Error {
	what := "larger than 1 MiB"
	if size >= 0 {
		what = fmt.Sprintf("%.1f MiB", float64(size)/(1<<20))
		if what == "1.0 MiB" {
			what = fmt.Sprintf("%d bytes", size)
		}
	}
	return &Error{File: file, Msg: fmt.Sprintf("file is %s; the limit for a scenario file is 1 MiB (%d bytes)", what, MaxFileSize)}
}

// checkSource refuses a file that is too large or is not UTF-8 text of
// the characters YAML allows, pointing at the first offending byte, so
// that the YAML decoder never sees such input (its own messages name no
// column). A byte-order mark at the very start is allowed.
func checkSource(file string, src []byte) error {
	if len(src) > MaxFileSize {
		return tooLarge(file, len(src))
	}
	if len(src) >= 2 && (src[0] == 0xff && src[1] == 0xfe || src[0] == 0xfe && src[1] == 0xff) {
		return &Error{File: file, Line: 1, Col: 1, Msg: "file is UTF-16 text (it starts with a UTF-16 byte-order mark); save it as UTF-8"}
	}
	line, col := 1, 1
	for i := 0; i < len(src); {
		r, size := utf8.DecodeRune(src[i:])
		var msg string
		switch {
		case r == utf8.RuneError && size <= 1:
			msg = fmt.Sprintf("invalid UTF-8 byte 0x%02x; a scenario file must be UTF-8 text", src[i])
		case r == 0:
			msg = "NUL byte; a scenario file is text, and this looks like a binary file"
		case r == '\ufeff' && i > 0:
			msg = "byte-order mark (U+FEFF) inside the file; only the very start of a file may hold one"
		case r == 0x85 || r == '\u2028' || r == '\u2029':
			// YAML counts these as line breaks, editors mostly do not:
			// line numbers would disagree.
			msg = fmt.Sprintf("line separator %U is not allowed in a scenario file; use a plain line break", r)
		case !yamlPrintable(r):
			msg = fmt.Sprintf("control character %U is not allowed in a scenario file", r)
		}
		if msg != "" {
			return &Error{File: file, Line: line, Col: col, Msg: msg}
		}
		if n := lineBreak(src, i); n > 0 {
			line, col = line+1, 1
			i += n
			continue
		}
		col++
		i += size
	}
	return nil
}

// yamlPrintable reports whether YAML allows r in a file.
func yamlPrintable(r rune) bool {
	switch {
	case r == '\t', r == '\n', r == '\r', r == 0x85:
		return true
	case r >= 0x20 && r <= 0x7e:
		return true
	case r >= 0xa0 && r <= 0xd7ff, r >= 0xe000 && r <= 0xfffd, r >= 0x10000 && r <= utf8.MaxRune:
		return true
	}
	return false
}

// lineBreak returns the length of the line break that starts at src[i],
// or 0. Like YAML, it counts CR LF, CR, LF, NEL, LS and PS as breaks, so
// that lines are numbered as the YAML decoder numbers them.
func lineBreak(src []byte, i int) int {
	switch {
	case src[i] == '\r' && i+1 < len(src) && src[i+1] == '\n':
		return 2
	case src[i] == '\r', src[i] == '\n':
		return 1
	case src[i] == 0xc2 && i+1 < len(src) && src[i+1] == 0x85:
		return 2
	case src[i] == 0xe2 && i+2 < len(src) && src[i+1] == 0x80 && (src[i+2] == 0xa8 || src[i+2] == 0xa9):
		return 3
	}
	return 0
}

// splitLines splits src into lines at the breaks YAML counts.
func splitLines(src []byte) []string {
	var lines []string
	start := 0
	for i := 0; i < len(src); {
		if n := lineBreak(src, i); n > 0 {
			lines = append(lines, string(src[start:i]))
			i += n
			start = i
			continue
		}
		i++
	}
	return append(lines, string(src[start:]))
}

// guard turns a panic into an internal *Error in *err, as a last resort:
// no panic may escape the package's exported functions into the program
// that embeds it. The limits above keep the expression parser's own
// panics (deep nesting) from happening in the first place.
func guard(err *error, file string) {
	if r := recover(); r != nil {
		msg := strings.Join(strings.Fields(fmt.Sprint(r)), " ")
		*err = &Error{File: file, Msg: "internal error: " + msg + " (please report this, with the input that caused it)"}
	}
}

// capErrors keeps the first MaxErrors problems of a file and notes that it
// stopped there.
func capErrors(file string, err error) error {
	all := Errors(err)
	if len(all) <= MaxErrors {
		return err
	}
	return errors.Join(append(all[:MaxErrors:MaxErrors],
		&Error{File: file, Msg: fmt.Sprintf("too many problems: stopped after the first %d", MaxErrors)})...)
}

// fileName names the file of s for an internal error, even when s is nil.
func (s *Scenario) fileName() string {
	if s == nil {
		return ""
	}
	return s.File
}

func (m *Model) fileName() string {
	if m == nil {
		return ""
	}
	return m.scenario.fileName()
}

// full reports whether the compiler has found more than MaxErrors
// problems, when it stops looking for more.
func (c *compiler) full() bool { return len(c.errs) > MaxErrors }

// singleLine keeps a message on one line whatever text it quotes, such
// as a value written as a multi-line YAML block: each line break becomes
// a space.
func singleLine(s string) string {
	if !strings.ContainsAny(s, "\r\n\u0085\u2028\u2029") {
		return s
	}
	return strings.Map(func(r rune) rune {
		switch r {
		case '\r', '\n', '\u0085', '\u2028', '\u2029':
			return ' '
		}
		return r
	}, s)
}

// caretWidth is the most runes of a source line that Caret shows.
const caretWidth = 100

// caretWindow cuts a long source line to caretWidth runes around the
// column at pad, marking the cuts with "...", and moves pad to match. It
// allocates only the window: a one-line file is one line of up to 1 MiB,
// and each of its problems shows a window of it.
func caretWindow(line string, pad int) (string, int) {
	n := utf8.RuneCountInString(line)
	if n <= caretWidth {
		return line, pad
	}
	from := max(0, min(pad-caretWidth/2, n-caretWidth))
	to := min(n, from+caretWidth)
	start, end := runeByte(line, 0, 0, from), 0
	end = runeByte(line, start, from, to)
	// As a conversion of the line to runes would, with U+FFFD for
	// each byte that is not UTF-8.
	out := string([]rune(line[start:end]))
	if from > 0 {
		out = "..." + out
		pad += 3
	}
	if to < n {
		out += "..."
	}
	return out, pad - from
}

// runeByte returns the byte offset of rune r of s, walking from byte
// offset at, which is that of rune k.
func runeByte(s string, at, k, r int) int {
	for ; k < r && at < len(s); k++ {
		_, size := utf8.DecodeRuneInString(s[at:])
		at += size
	}
	return at
}

// cycleMessage names the members of a cycle, names[0] repeated at the
// end, eliding the middle of a long one but saying how many it has.
func cycleMessage(names []string) string {
	const head, tail = 5, 3
	n := len(names) - 1
	if n <= head+tail+2 {
		return "cycle: " + strings.Join(names, " -> ")
	}
	return fmt.Sprintf("cycle of %d names: %s -> ... -> %s", n,
		strings.Join(names[:head], " -> "), strings.Join(names[len(names)-1-tail:], " -> "))
}
