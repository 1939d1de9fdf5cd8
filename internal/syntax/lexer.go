package syntax

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// A tokenKind says what a token is.
type tokenKind uint8

const (
	tEOF tokenKind = iota
	tNumber
	tWord
	tDollar
	tPercent
	tOp  // an operator or punctuation, in text
	tBad // a character no formula may hold; text says why
)

// A token is one lexical element of a formula.
type token struct {
	kind     tokenKind
	from, to int    // byte offsets
	text     string // the operator, word or number as written
	space    bool   // blank space precedes it
}

// lex splits src into tokens. A character that no formula may hold ends
// the tokens with a tBad token whose text says what to write instead: the
// parser reports it only if no earlier problem comes first.
func lex(src string) []token {
	toks, err := lexTokens(src)
	if err != nil {
		toks = append(toks, token{kind: tBad, from: err.Off, to: err.Off, text: err.Msg})
	}
	return toks
}

func lexTokens(src string) (toks []token, _ *Error) {
	space := false
	for i := 0; i < len(src); {
		r, size := utf8.DecodeRuneInString(src[i:])
		if r == utf8.RuneError && size == 1 {
			return toks, &Error{i, fmt.Sprintf("invalid UTF-8 byte %#x", src[i])}
		}
		if unicode.IsSpace(r) {
			// A no-break or thin space between a number and its unit is
			// a space like any other; IsSpace knows them all.
			space = true
			i += size
			continue
		}
		t := token{from: i, space: space}
		space = false
		switch {
		case isDigit(r) || (r == '.' && i+1 < len(src) && isDigit(rune(src[i+1]))):
			end, err := scanNumber(src, i)
			if err != nil {
				return toks, err
			}
			t.kind, t.to = tNumber, end
		case isWordStart(r):
			j := i + size
			for j < len(src) {
				r, n := utf8.DecodeRuneInString(src[j:])
				if !isWordChar(r) {
					break
				}
				j += n
			}
			t.kind, t.to = tWord, j
		case r == '$':
			t.kind, t.to = tDollar, i+1
		case r == '%':
			t.kind, t.to = tPercent, i+1
		default:
			op, n, err := scanOperator(src, i, r, size)
			if err != nil {
				return toks, err
			}
			t.kind, t.to = tOp, i+n
			t.text = op
			toks = append(toks, t)
			i = t.to
			continue
		}
		t.text = src[t.from:t.to]
		toks = append(toks, t)
		i = t.to
	}
	toks = append(toks, token{kind: tEOF, from: len(src), to: len(src), space: space})
	return toks, nil
}

// operators are the operators and punctuation of the language, longest
// first where one begins another.
var operators = []string{"**", "==", "!=", "<=", ">=", "&&", "||", "->", "+", "-", "*", "/", "^", "(", ")", ",", "?", ":", "<", ">", "!"}

// aliases are typographic forms of operators that people paste from
// documents: × and · multiply, ÷ divides, − is a minus and → converts.
var aliases = map[rune]string{'×': "*", '·': "*", '÷': "/", '−': "-", '→': "->", '≤': "<=", '≥': ">=", '≠': "!="}

// refused names the characters that belong to other languages, and what
// to write instead.
var refused = map[string]string{
	"//": "// is not an operator; use floor(a / b)",
	"/*": "comments are not part of formulas",
	"#":  "comments are not part of formulas",
	";":  "a formula is one expression; ';' is not allowed",
	"[":  "lists are not part of formulas",
	"]":  "lists are not part of formulas",
	"{":  "maps are not part of formulas",
	"}":  "maps are not part of formulas",
	".":  "'.' is not part of formulas",
	"=":  "= is not an operator; compare with ==",
	"&":  "& is not an operator; use and",
	"|":  "| is not an operator; use or",
	`"`:  "text in quotes is not a quantity",
	"'":  "text in quotes is not a quantity",
	"`":  "text in quotes is not a quantity",
}

func scanOperator(src string, i int, r rune, size int) (string, int, *Error) {
	for _, bad := range []string{"//", "/*"} {
		if strings.HasPrefix(src[i:], bad) {
			return "", 0, &Error{i, refused[bad]}
		}
	}
	for _, op := range operators {
		if strings.HasPrefix(src[i:], op) {
			return op, len(op), nil
		}
	}
	if op, ok := aliases[r]; ok {
		return op, size, nil
	}
	if msg, ok := refused[string(r)]; ok {
		return "", 0, &Error{i, msg}
	}
	if unicode.IsControl(r) || !unicode.IsPrint(r) {
		return "", 0, &Error{i, fmt.Sprintf("unexpected character %U", r)}
	}
	return "", 0, &Error{i, fmt.Sprintf("unexpected character %q", r)}
}

// scanNumber reads the number at src[i:] and returns the offset past it.
// It checks the rules for '_' (only between digits) and for the digits
// of 0x, 0o and 0b integers, so that the parser reads only good numbers.
func scanNumber(src string, i int) (int, *Error) {
	if src[i] == '0' && i+2 < len(src) {
		base := map[byte]int{'x': 16, 'X': 16, 'o': 8, 'O': 8, 'b': 2}[src[i+1]]
		if base != 0 && digitValue(rune(src[i+2])) < base {
			j := i + 2
			for j < len(src) && (isWordChar(rune(src[j])) && src[j] < utf8.RuneSelf) {
				j++
			}
			text := src[i+2 : j]
			for k, c := range text {
				if c == '_' {
					continue
				}
				if digitValue(c) >= base {
					return 0, &Error{i + 2 + k, fmt.Sprintf("%q is not a digit of a base-%d number", c, base)}
				}
			}
			if err := checkUnderscores(src[i:j], i, 2); err != nil {
				return 0, err
			}
			return j, nil
		}
	}
	j := i
	digits := func() {
		for j < len(src) && (isDigit(rune(src[j])) || src[j] == '_') {
			j++
		}
	}
	digits()
	if j+1 < len(src) && src[j] == '.' && isDigit(rune(src[j+1])) {
		j++
		digits()
	}
	mantissa := j
	if j < len(src) && (src[j] == 'e' || src[j] == 'E') {
		k := j + 1
		if k < len(src) && (src[k] == '+' || src[k] == '-') {
			k++
		}
		if k < len(src) && isDigit(rune(src[k])) {
			for k < len(src) && isDigit(rune(src[k])) {
				k++
			}
			if k < len(src) && src[k] == '_' {
				return 0, &Error{k, "'_' may not stand in an exponent"}
			}
			j = k
		}
	}
	if err := checkUnderscores(src[i:mantissa], i, 0); err != nil {
		return 0, err
	}
	return j, nil
}

// checkUnderscores refuses a '_' that does not stand between two digits,
// skipping a prefix such as "0x".
func checkUnderscores(text string, at, prefix int) *Error {
	for k := prefix; k < len(text); k++ {
		if text[k] != '_' {
			continue
		}
		if k == prefix || k+1 == len(text) || !isDigitIn(text[k-1]) || !isDigitIn(text[k+1]) {
			return &Error{at + k, "'_' may stand only between digits, as in 1_000"}
		}
	}
	return nil
}

func isDigitIn(c byte) bool { return digitValue(rune(c)) < 16 }

func digitValue(r rune) int {
	switch {
	case '0' <= r && r <= '9':
		return int(r - '0')
	case 'a' <= r && r <= 'f':
		return int(r-'a') + 10
	case 'A' <= r && r <= 'F':
		return int(r-'A') + 10
	}
	return 99
}

func isDigit(r rune) bool     { return '0' <= r && r <= '9' }
func isWordStart(r rune) bool { return r == '_' || unicode.IsLetter(r) }
func isWordChar(r rune) bool  { return r == '_' || unicode.IsLetter(r) || unicode.IsDigit(r) }
