package estimate

import (
	"errors"
	"fmt"
	"math/big"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
)

// A Session is the memory of an interactive calculator: names set to
// quantities, the last result as ans, and the conventions that fix day,
// month and year. Each line is a one-off calculation, read as Calculate
// reads it, that may also read the session's names, as a scenario's
// formulas read its inputs: "dau = 100M", then "dau * 10/day".
//
// Names hold values, never text: a name is resolved to its slot when a
// line is compiled, and the line is computed exactly from the values of
// the slots. A Session is not safe for use by several goroutines at once.
type Session struct {
	conv  Conventions
	index map[string]int // slot of each name
	slots []sessionSlot
	// declared is every name, for the parser, which never reads one as
	// a unit.
	declared map[string]bool
	// counts maps each name that is also a counted word to the thing it
	// counts, so that "5 servers" still counts servers where servers is
	// a name: after a number a word is a unit, standing alone a name.
	counts map[string]string
}

type sessionSlot struct {
	name string
	x    exact
	dim  Dimension
}

// Ans is the name of the last result of a session.
const Ans = "ans"

// NewSession returns an empty session under the conventions c.
func NewSession(c Conventions) *Session {
	return &Session{conv: c, index: map[string]int{}, declared: map[string]bool{}, counts: map[string]string{}}
}

// Conventions returns the session's conventions.
func (s *Session) Conventions() Conventions { return s.conv }

// SetConventions changes the conventions of the lines that follow. The
// values already set keep their values in base units: a month set under
// one profile stays as long as it was.
func (s *Session) SetConventions(c Conventions) { s.conv = c }

// Set gives name the value q. The name follows the rules of a scenario's
// input names, and may not be ans, which is the last result.
func (s *Session) Set(name string, q Quantity) error {
	if msg := s.checkName(name); msg != "" {
		return &Error{Msg: msg}
	}
	r := ratOf(q.Value)
	if r == nil {
		return &Error{Msg: fmt.Sprintf("%s: the value is not finite", name)}
	}
	s.set(name, exact{r: r}, q.Dim)
	return nil
}

// SetResult gives each input and output of an evaluated scenario its
// exact value under its own name, as a scenario's formulas see them. A
// name that a session cannot hold (ans) is reported and skipped.
func (s *Session) SetResult(r *Result) error {
	var errs []error
	set := func(name string, rat *big.Rat, approx bool, q Quantity) {
		if msg := s.checkName(name); msg != "" {
			errs = append(errs, &Error{Msg: msg})
			return
		}
		if rat == nil {
			rat = ratOf(q.Value)
		}
		s.set(name, exact{r: rat, approx: approx}, q.Dim)
	}
	for _, v := range r.inputs {
		set(v.Name, v.rat, !v.Exact, v.Value)
	}
	for _, v := range r.outputs {
		set(v.Name, v.rat, !v.Exact, v.Value)
	}
	return errors.Join(errs...)
}

// Value returns the value of a name of the session, ans included.
func (s *Session) Value(name string) (Quantity, bool) {
	i, ok := s.index[name]
	if !ok {
		return Quantity{}, false
	}
	return quantityOf(s.slots[i].x, s.slots[i].dim), true
}

// Names returns the session's names, ans included once there is a last
// result, sorted.
func (s *Session) Names() []string {
	names := make([]string, 0, len(s.slots))
	for _, sl := range s.slots {
		names = append(names, sl.name)
	}
	sort.Strings(names)
	return names
}

// An Answer is one line of a session, evaluated.
type Answer struct {
	Calculation
	// Name is the name the line set, "dau" in "dau = 100M", or "" for a
	// line that is an expression only.
	Name string
	// Expr is the expression the line computed: the line without its
	// "name =".
	Expr string
	// Conversions are the quantity literals, units and names that Expr
	// reads, in the order written, with their values in base units when
	// the line was evaluated: the working that calc --explain shows.
	Conversions []Conversion
}

// Eval evaluates one line: an expression, such as "dau * 10/day" or
// "1 TB/day -> Mbps", or an assignment, "dau = 100M", which sets the
// name to the expression's value. Either sets ans to the value, except
// where the line is a condition ("2 GB > 1 GiB"), which gives true or
// false and sets nothing: a name holds a quantity. A name the session
// does not have is an error, with the closest name it has.
//
// Errors are placed at line 1 of the line, as Calculate places them,
// their columns counting from the start of the whole line.
func (s *Session) Eval(line string) (_ Answer, err error) {
	defer guard(&err, "")
	name, start := splitAssignment(line)
	expr := line[start:]
	col := 1 + utf8.RuneCountInString(line[:start])
	if name != "" {
		if msg := s.checkName(name); msg != "" {
			lead := len(line) - len(strings.TrimLeftFunc(line, unicode.IsSpace))
			return Answer{}, &Error{Line: 1, Col: 1 + utf8.RuneCountInString(line[:lead]), Msg: msg, Source: line}
		}
	}
	sc := s.scope()
	f, es := compileFormula(expr, sc)
	if es == nil {
		es = s.slips(f.parsed)
	}
	if es != nil {
		return Answer{}, es.inFormula("", 1, col, "", line)
	}
	if name != "" && f.root.boolean {
		return Answer{}, offsetErrors{{f.root.off, fmt.Sprintf("%s is a condition (true or false); a name holds a quantity", strings.TrimSpace(expr))}}.inFormula("", 1, col, "", line)
	}
	values := make([]exact, len(s.slots))
	for i, sl := range s.slots {
		values[i] = sl.x
	}
	x, e := f.root.exactValue(values)
	if e != nil {
		return Answer{}, offsetErrors{{e.off, e.msg}}.inFormula("", 1, col, "", line)
	}
	a := Answer{
		Calculation: Calculation{Quantity: quantityOf(x, f.root.dim), Condition: f.root.boolean, Unit: f.unit, Exact: !x.approx, rat: x.r},
		Name:        name,
		Expr:        strings.TrimSpace(expr),
		Conversions: s.conversions(f.parsed, sc),
	}
	if f.root.boolean {
		return a, nil
	}
	if name != "" {
		s.set(name, x, f.root.dim)
	}
	s.set(Ans, x, f.root.dim)
	return a, nil
}

// splitAssignment finds the name of an assignment at the start of line,
// a word before a single "=", and the byte offset of the expression
// after it. A line that is no assignment gives "" and 0. The word is
// any run of letters, digits and '_', so that a name the session
// refuses ("Dau", "2x") is reported as a name, not as a formula.
func splitAssignment(line string) (name string, start int) {
	i := len(line) - len(strings.TrimLeftFunc(line, unicode.IsSpace))
	j := i
	for j < len(line) {
		r, size := utf8.DecodeRuneInString(line[j:])
		if r != '_' && !unicode.IsLetter(r) && !unicode.IsDigit(r) {
			break
		}
		j += size
	}
	k := j
	for k < len(line) && (line[k] == ' ' || line[k] == '\t') {
		k++
	}
	if j == i || k >= len(line) || line[k] != '=' || strings.HasPrefix(line[k:], "==") {
		return "", 0
	}
	return line[i:j], k + 1
}

// checkName says what is wrong with name as a name of the session, or "".
func (s *Session) checkName(name string) string {
	if name == Ans {
		return "ans is the last result, set by each line; choose another name"
	}
	return checkName(name)
}

func (s *Session) set(name string, x exact, d Dimension) {
	if i, ok := s.index[name]; ok {
		s.slots[i] = sessionSlot{name, x, d}
		return
	}
	s.index[name] = len(s.slots)
	s.slots = append(s.slots, sessionSlot{name, x, d})
	s.declared[name] = true
	if isCountWord(name) {
		s.counts[name] = singular(name)
	}
}

// scope is the scope of a line: a one-off calculation that reads the
// session's names.
func (s *Session) scope() *scope {
	sc := calcScope(s.conv)
	sc.r, sc.names, sc.counts = s, s.declared, s.counts
	return sc
}

func (s *Session) resolve(name string) (int, Dimension, bool) {
	i, ok := s.index[name]
	if !ok {
		return 0, Dimension{}, false
	}
	return i, s.slots[i].dim, true
}

// unknown explains a word that is no name of the session and no unit.
func (s *Session) unknown(name string) string {
	if name == Ans {
		return "ans is the last result, and there is none yet"
	}
	msg := fmt.Sprintf("unknown unit or name %q", name)
	if hint, ok := ambiguousUnits[name]; ok {
		return msg + ": " + hint
	}
	unit := suggestUnit(name)
	if sug := s.suggestName(name); sug != "" && (unit == "" || alignmentDistance(name, sug) < alignmentDistance(name, unit)) {
		return fmt.Sprintf("unknown name %q; did you mean %q?", name, sug)
	}
	if unit != "" {
		return msg + fmt.Sprintf("; did you mean %q?", unit)
	}
	return msg + "; set it first: " + name + " = VALUE"
}

// suggestName returns the session's name that name is a slip of, or "".
func (s *Session) suggestName(name string) string { return suggest(name, s.Names()) }

// slips finds a bare word that a line counts as a thing, as a one-off
// calculation does after "/" ("x / user"), but that is a slip of one of
// the session's names: "storage / retnetion" is a typing mistake, not
// bytes per retnetion. A word that counts the same thing as the name
// ("user" where users is a name) is taken as written, and "1 retnetion"
// counts whatever the session holds.
func (s *Session) slips(p *parsedFormula) offsetErrors {
	for _, ref := range p.refs {
		if _, ok := s.index[ref.name]; ok || !isCountWord(ref.name) {
			continue
		}
		if sug := s.suggestName(ref.name); sug != "" && singular(sug) != singular(ref.name) {
			return offsetErrors{{ref.off, fmt.Sprintf("unknown name %q; did you mean %q? (to count %s, write 1 %s)", ref.name, sug, plural(singular(ref.name)), ref.name)}}
		}
	}
	return nil
}

// conversions lists the quantity literals, units and names of a compiled
// line with their values, as Conversions does for a calculation.
func (s *Session) conversions(p *parsedFormula, sc *scope) []Conversion {
	out, _ := conversionsOf(p, sc, func(name string) (Quantity, bool) {
		i, ok := s.index[name]
		if !ok {
			return Quantity{}, false
		}
		return quantityOf(s.slots[i].x, s.slots[i].dim), true
	})
	return out
}
