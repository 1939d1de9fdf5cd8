package estimate

import (
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"
	"unicode"
)

// A literal is a quantity written in a formula: a number with an optional
// "$" before it and an optional "%", scale word and/or unit after it, as in
// "500 B", "100M", "1.5bn", "2.5M s", "$0.023", "20%".
type literal struct {
	from, to int     // rune offsets of the literal in the formula
	number   float64 // the number as written
	text     string  // its digits, without '_'
	scale    *Unit   // a scale word, such as M or bn
	unit     *Unit   // a unit, such as B or day
	dollar   bool
	percent  bool
}

// quantity is the literal's value under c. Powers of ten in the percent
// sign, the scale word and the unit are folded into the decimal exponent
// before the number is read, so that 99.9% is 0.999 and 7 ns is 7e-9 to
// the last bit, not 0.9990000000000001 and 7.000000000000001e-09; only
// the rest of a unit's scale (60 for a minute, 1/8 for a bit) multiplies.
func (l literal) quantity(c Conventions) Quantity {
	q := Quantity{}
	exp, factor := 0, 1.0
	if l.percent {
		exp -= 2
	}
	if l.dollar {
		q.Dim = Dollars
	}
	if l.scale != nil {
		m, e := splitPow10(l.scale.Scale)
		exp, factor = exp+e, factor*m
	}
	if l.unit != nil {
		m, e := splitPow10(c.Scale(*l.unit))
		exp, factor = exp+e, factor*m
		q.Dim = q.Dim.Mul(l.unit.Dim)
	}
	q.Value = l.number * math.Pow10(exp) * factor
	if v, ok := scaleDecimal(l.text, exp); ok {
		q.Value = v * factor
	}
	return q
}

// splitPow10 writes a scale as m·10^e with m a whole number, taking the
// largest such e: 1e-9 as 1·10^-9, 60 as 6·10^1, 125 as 125·10^0. A scale
// with no such form (2^10) comes back as itself·10^0.
func splitPow10(scale float64) (m float64, e int) {
	for e := 18; e >= -12; e-- {
		p := math.Pow10(e)
		if m := math.Round(scale / p); m >= 1 && m*p == scale && m == math.Trunc(m) {
			return m, e
		}
	}
	return scale, 0
}

// scaleDecimal reads the decimal text as if its exponent were larger by
// exp, rounding once.
func scaleDecimal(text string, exp int) (float64, bool) {
	mant, e, hasExp := strings.Cut(strings.ToLower(text), "e")
	n := 0
	if hasExp {
		var err error
		if n, err = strconv.Atoi(e); err != nil {
			return 0, false
		}
	}
	v, err := strconv.ParseFloat(mant+"e"+strconv.Itoa(n+exp), 64)
	return v, err == nil
}

// A rewrite records where a literal was replaced by a placeholder name,
// so that positions reported by the parser map back to the formula.
type rewrite struct {
	newFrom, newLen   int
	origFrom, origLen int
}

// literalPrefix starts the placeholder names that stand for literals in the
// text handed to expr's parser. Names in scenarios are lower-case, so a
// placeholder never collides with one; positions tell them apart from a
// user who types one.
const literalPrefix = "_Q"

// scanned is a formula with its quantity literals replaced by placeholders.
type scanned struct {
	text     string // what the parser sees
	literals []literal
	rewrites []rewrite // in order of position
	err      *offsetError
}

// scanLiterals finds the quantity literals in src, which expr's lexer would
// reject ("100M" is a bad number to it), and replaces each by a placeholder
// identifier.
func scanLiterals(src string) scanned {
	rs := []rune(src)
	var out strings.Builder
	var s scanned
	newOff := 0 // rune offset in out
	last := 0   // runes of rs copied so far
	for i := 0; i < len(rs); {
		r := rs[i]
		switch {
		case isIdentStart(r):
			j := i
			for j < len(rs) && isIdentChar(rs[j]) {
				j++
			}
			i = j
		case r == '"' || r == '\'' || r == '`':
			// Strings are not formulas; skip so their contents are not
			// mistaken for literals, and let the compiler reject them.
			j := i + 1
			for j < len(rs) && rs[j] != r {
				if rs[j] == '\\' {
					j++
				}
				j++
			}
			i = j + 1
		case r == '$' || isDigit(r) || (r == '.' && i+1 < len(rs) && isDigit(rs[i+1]) && (i == 0 || rs[i-1] != '.')):
			lit, end, ok, err := scanLiteral(rs, i)
			if err != nil {
				s.err = err
				return s
			}
			if !ok {
				i = end
				continue
			}
			out.WriteString(string(rs[last:i]))
			newOff += i - last
			name := literalPrefix + strconv.Itoa(len(s.literals))
			s.rewrites = append(s.rewrites, rewrite{newFrom: newOff, newLen: len(name), origFrom: i, origLen: end - i})
			s.literals = append(s.literals, lit)
			out.WriteString(name)
			newOff += len(name)
			i, last = end, end
		default:
			i++
		}
	}
	if len(s.rewrites) == 0 {
		s.text = src
		return s
	}
	out.WriteString(string(rs[last:]))
	s.text = out.String()
	return s
}

// origin maps a rune offset in the rewritten text back to the formula.
func (s *scanned) origin(off int) int {
	// The last rewrite at or before off, found by binary search: a
	// formula may hold a thousand literals.
	k := sort.Search(len(s.rewrites), func(i int) bool { return s.rewrites[i].newFrom > off }) - 1
	if k < 0 {
		return off
	}
	w := s.rewrites[k]
	if off < w.newFrom+w.newLen {
		return w.origFrom
	}
	return off + (w.origFrom + w.origLen) - (w.newFrom + w.newLen)
}

// literalAt returns the index of the literal whose placeholder starts at
// off in the rewritten text, or -1.
func (s *scanned) literalAt(off int, name string) int {
	if !strings.HasPrefix(name, literalPrefix) {
		return -1
	}
	i := sort.Search(len(s.rewrites), func(i int) bool { return s.rewrites[i].newFrom >= off })
	if i < len(s.rewrites) && s.rewrites[i].newFrom == off {
		return i
	}
	return -1
}

// scanLiteral reads the literal starting at rs[i]. It returns ok=false, with
// end past the number, for a bare number that expr reads by itself.
func scanLiteral(rs []rune, i int) (lit literal, end int, ok bool, err *offsetError) {
	lit.from = i
	j := i
	if rs[j] == '$' {
		lit.dollar = true
		j++
		if j >= len(rs) || !(isDigit(rs[j]) || rs[j] == '.') {
			return lit, j, false, &offsetError{i, "a number must follow $ (as in $0.023)"}
		}
	}
	numStart := j
	if rs[j] == '0' && j+1 < len(rs) && strings.ContainsRune("xXoO", rs[j+1]) {
		// Hexadecimal and octal integers are expr's own; leave them.
		j += 2
		for j < len(rs) && (isIdentChar(rs[j])) {
			j++
		}
		return lit, j, false, nil
	}
	for j < len(rs) && (isDigit(rs[j]) || rs[j] == '_') {
		j++
	}
	if j < len(rs) && rs[j] == '.' && !(j+1 < len(rs) && rs[j+1] == '.') {
		j++
		for j < len(rs) && (isDigit(rs[j]) || rs[j] == '_') {
			j++
		}
	}
	if j < len(rs) && (rs[j] == 'e' || rs[j] == 'E') {
		k := j + 1
		if k < len(rs) && (rs[k] == '+' || rs[k] == '-') {
			k++
		}
		if k < len(rs) && isDigit(rs[k]) {
			for k < len(rs) && (isDigit(rs[k]) || rs[k] == '_') {
				k++
			}
			j = k
		}
	}
	text := strings.ReplaceAll(string(rs[numStart:j]), "_", "")
	n, perr := strconv.ParseFloat(text, 64)
	if perr != nil {
		if ne, isNum := perr.(*strconv.NumError); isNum && ne.Err == strconv.ErrRange && n != 0 {
			return lit, j, false, &offsetError{i, "number " + string(rs[numStart:j]) + " is too large"}
		}
		return lit, j, false, &offsetError{i, "bad number " + strconv.Quote(string(rs[numStart:j]))}
	}
	lit.number, lit.text = n, text
	end = j
	if j < len(rs) && rs[j] == '%' {
		lit.percent = true
		end = j + 1
	} else if u, k := nextUnitWord(rs, j); u != nil {
		if u.IsScaleWord() {
			lit.scale, end = u, k
			if v, k2 := nextUnitWord(rs, k); v != nil && !v.IsScaleWord() && !lit.dollar {
				lit.unit, end = v, k2
			}
		} else if !lit.dollar {
			lit.unit, end = u, k
		}
	}
	if end < len(rs) && isIdentChar(rs[end]) {
		// A word stuck to the literal that is not part of it: without this
		// the placeholder would swallow it ("20%M", "$5GB", "100Mx").
		return lit, end, false, stuckWord(rs, i, end, lit)
	}
	if !lit.dollar && !lit.percent && lit.scale == nil && lit.unit == nil {
		return lit, end, false, nil
	}
	lit.to = end
	return lit, end, true, nil
}

// stuckWord explains a word written right after a literal, at rs[end],
// that the literal does not take.
func stuckWord(rs []rune, from, end int, lit literal) *offsetError {
	k := end
	for k < len(rs) && isIdentChar(rs[k]) {
		k++
	}
	word, before := string(rs[end:k]), string(rs[from:end])
	_, isUnit := units[word]
	switch {
	case lit.dollar && isUnit:
		return &offsetError{end, fmt.Sprintf("a dollar amount takes a scale word ($1.5M) but no unit; %q cannot follow %s", word, before)}
	case lit.percent || lit.scale != nil || lit.unit != nil || isUnit:
		return &offsetError{end, fmt.Sprintf("unexpected %q right after %s (missing operator?)", word, before)}
	}
	msg := fmt.Sprintf("unknown unit %q", word)
	if s := suggest(word, UnitNames()); s != "" {
		msg += fmt.Sprintf("; did you mean %q?", s)
	}
	return &offsetError{end, msg}
}

// nextUnitWord returns the unit or scale word that follows rs[i] after
// optional blanks, and the offset past it. A word followed by "(" is a
// function call ("min(a, b)"), not a unit.
func nextUnitWord(rs []rune, i int) (*Unit, int) {
	j := i
	for j < len(rs) && (rs[j] == ' ' || rs[j] == '\t') {
		j++
	}
	if j >= len(rs) || !isIdentStart(rs[j]) {
		return nil, i
	}
	k := j
	for k < len(rs) && isIdentChar(rs[k]) {
		k++
	}
	u, ok := units[string(rs[j:k])]
	if !ok {
		return nil, i
	}
	if k < len(rs) && rs[k] == '(' {
		return nil, i
	}
	return &u, k
}

func isDigit(r rune) bool      { return '0' <= r && r <= '9' }
func isIdentStart(r rune) bool { return r == '_' || unicode.IsLetter(r) }
func isIdentChar(r rune) bool  { return r == '_' || unicode.IsLetter(r) || unicode.IsDigit(r) }
