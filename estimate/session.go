package estimate

import (
	"errors"
	"fmt"
	"math/big"
	"math/rand/v2"
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
// the slots. A name set to a range ("dau = 50M to 150M") holds its
// samples as well, as calc draws them; a line that reads it is sampled
// from them, sample by sample, so that "dau - dau" is 0 in every sample.
// A line costs what it mentions, whatever the number of names.
//
// A Session is not safe for use by several goroutines at once.
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
	// sorted is Names, made when a line first asks for a "did you mean"
	// after a name was added.
	sorted []string
	// opt are the samples and seed of the ranges; rng is the one stream
	// that every range draws from, line after line, so that the ranges of
	// two lines are independent. It is made at the first range.
	opt SampleOptions
	rng *rand.Rand
	// held is how many samples the names (ans aside) hold, which
	// MaxSessionSamples bounds.
	held int
}

// MaxSessionSamples is the most samples the names of a Session hold in
// all (ans aside): 100 names that hold ranges, at the default 100,000
// samples, or 80 MB. A line that would set a name past it is an error,
// so that a pasted file of ranges cannot take the machine's memory.
const MaxSessionSamples = 10_000_000

type sessionSlot struct {
	name string
	x    exact // the value, with every range at its median
	dim  Dimension
	// undefined says why the value has none with every range at its
	// median, though its samples have; x is then the median of the
	// samples, approximate, which the exact path of a later line never
	// reads (see exactLine).
	undefined string
	// samples are the value's samples when it is uncertain, one for each
	// of the session's samples, and nil otherwise; dist summarises them.
	// Neither is ever changed: ans and a name may share them.
	samples []float64
	dist    *Distribution
}

// Ans is the name of the last result of a session.
const Ans = "ans"

// NewSession returns an empty session under the conventions c. Its
// ranges are sampled as calc samples them: DefaultSamples times, with
// DefaultSeed.
func NewSession(c Conventions) *Session { return NewSessionSampled(c, SampleOptions{}) }

// NewSessionSampled is NewSession with the sampling of ranges chosen, as
// CalculateSampled chooses it; opt.Cache is not used.
func NewSessionSampled(c Conventions, opt SampleOptions) *Session {
	opt.Samples, opt.Seed, opt.Cache = opt.samples(), opt.seed(), nil
	return &Session{conv: c, index: map[string]int{}, declared: map[string]bool{}, counts: map[string]string{}, opt: opt}
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
	s.set(name, sessionSlot{x: exact{r: r}, dim: q.Dim})
	return nil
}

// SetResult gives each input and output of an evaluated scenario its
// exact value under its own name, as a scenario's formulas see them. A
// result of Simulate gives each uncertain one its samples too, taken
// together, so that a line reading two of them samples them as the run
// did. A result of other than the session's number of samples is
// reported, and its names hold their values at the medians. A name that
// a session cannot hold (ans) is reported and skipped.
func (s *Session) SetResult(r *Result) error {
	var errs []error
	var full error
	set := func(name string, rat *big.Rat, approx bool, q Quantity, d *Distribution, undefined string) {
		if msg := s.checkName(name); msg != "" {
			errs = append(errs, &Error{Msg: msg})
			return
		}
		if rat == nil {
			rat = ratOf(q.Value)
		}
		sl := sessionSlot{x: exact{r: rat, approx: approx}, dim: q.Dim}
		if d != nil && r.sampling != nil {
			col, _ := r.sampling.Column(name)
			if len(col) != s.opt.Samples {
				errs = append(errs, &Error{Msg: fmt.Sprintf("%s: %d samples, but the session draws %d; it holds the value at the medians", name, len(col), s.opt.Samples)})
			} else {
				sl.samples, sl.dist, sl.undefined = col, d, undefined
			}
		}
		if err := s.room(name, sl); err != nil {
			// Past the bound: held at its median, and said once.
			if full == nil {
				full = fmt.Errorf("%w; %s and the names after it hold their values at the medians", err, name)
			}
			sl.samples, sl.dist, sl.undefined = nil, nil, ""
		}
		s.set(name, sl)
	}
	for _, v := range r.inputs {
		set(v.Name, v.rat, !v.Exact, v.Value, v.Distribution, "")
	}
	for _, v := range r.outputs {
		set(v.Name, v.rat, !v.Exact, v.Value, v.Distribution, v.UndefinedAtMedians())
	}
	return errors.Join(append(errs, full)...)
}

// SampleOptions returns the samples and seed of the session's ranges:
// those a scenario is simulated with for SetResult.
func (s *Session) SampleOptions() SampleOptions { return s.opt }

// Value returns the value of a name of the session, ans included: for a
// name that holds a range, its value with every range at its median.
func (s *Session) Value(name string) (Quantity, bool) {
	i, ok := s.index[name]
	if !ok {
		return Quantity{}, false
	}
	return quantityOf(s.slots[i].x, s.slots[i].dim), true
}

// Lookup returns the value of a name as a line reading it alone shows
// it: with its Distribution when it holds a range.
func (s *Session) Lookup(name string) (Calculation, bool) {
	i, ok := s.index[name]
	if !ok {
		return Calculation{}, false
	}
	sl := s.slots[i]
	return Calculation{Quantity: quantityOf(sl.x, sl.dim), Exact: !sl.x.approx, Distribution: sl.dist, rat: sl.x.r}, true
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
	// A name that holds a range stands at its median.
	Conversions []Conversion
}

// Eval evaluates one line: an expression, such as "dau * 10/day" or
// "1 TB/day -> Mbps", or an assignment, "dau = 100M", which sets the
// name to the expression's value. Either sets ans to the value, except
// where the line is a condition ("2 GB > 1 GiB"), which gives true or
// false and sets nothing: a name holds a quantity. A name the session
// does not have is an error, with the closest name it has.
//
// A line with a range, or that reads a name holding one, is sampled as
// calc samples it, and its Answer carries the Distribution; the name and
// ans keep the samples for the lines after. A condition is not sampled:
// it is true or false with every range at its median, as in calc.
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
	ln := &lineNames{s: s, local: map[string]int{}}
	sc := s.scope(ln)
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
	x, undefined, e := s.exactLine(f, ln)
	uncertain := ln.uncertain(f)
	if e != nil && (!uncertain || f.root.boolean) {
		return Answer{}, offsetErrors{*e}.inFormula("", 1, col, "", line)
	}
	a := Answer{
		Calculation: Calculation{Condition: f.root.boolean, Unit: f.unit},
		Name:        name,
		Expr:        strings.TrimSpace(expr),
		Conversions: s.conversions(f.parsed, sc),
	}
	if e == nil {
		a.Quantity, a.Exact, a.rat = quantityOf(x, f.root.dim), !x.approx, x.r
	}
	if f.root.boolean {
		return a, nil
	}
	sl := sessionSlot{x: x, dim: f.root.dim}
	if uncertain {
		sl.samples = s.sample(f, ln)
		if sl.dist, err = summariseCalculation(sl.samples, f.root.dim, s.opt.Seed); err != nil {
			if e != nil {
				// Undefined at the medians and in samples too: the
				// medians' failure says where.
				return Answer{}, offsetErrors{*e}.inFormula("", 1, col, "", line)
			}
			return Answer{}, err
		}
		a.Distribution = sl.dist
		if e != nil {
			// A median breaks the line where no sample does.
			sl.x, sl.undefined = exact{r: ratOf(sl.dist.P50), approx: true}, undefined
			a.undefinedAtMedians(undefined)
		}
	}
	if name != "" {
		if err := s.room(name, sl); err != nil {
			return Answer{}, err
		}
		s.set(name, sl)
	}
	s.set(Ans, sl)
	return a, nil
}

// exactLine evaluates a line on the exact path, every range at its
// median. When that is undefined, it says why, with the problem placed
// in the line: a name the line reads that is undefined at the medians
// makes the line so too.
func (s *Session) exactLine(f *formula, ln *lineNames) (exact, string, *offsetError) {
	values := make([]exact, len(ln.slots))
	for j, i := range ln.slots {
		if i < 0 {
			continue
		}
		sl := s.slots[i]
		if sl.undefined != "" {
			why := sl.name + " is undefined"
			return exact{}, why, &offsetError{f.root.off, why}
		}
		values[j] = sl.x
	}
	x, e := f.root.exactValue(values)
	if e != nil {
		return exact{}, e.msg, &offsetError{e.off, e.msg}
	}
	return x, "", nil
}

// A lineNames gives a line its own slots: one for each name it reads and
// one for each range written in it, so that evaluating the line costs
// what it mentions, not what the session holds.
type lineNames struct {
	s     *Session
	local map[string]int // the line's slot of each name it reads
	slots []int          // the session's slot of each of the line's; -1 for a range
}

func (l *lineNames) resolve(name string) (int, Dimension, bool) {
	i, ok := l.s.index[name]
	if !ok {
		return 0, Dimension{}, false
	}
	j, ok := l.local[name]
	if !ok {
		j = len(l.slots)
		l.local[name] = j
		l.slots = append(l.slots, i)
	}
	return j, l.s.slots[i].dim, true
}

func (l *lineNames) unknown(name string) string { return l.s.unknown(name) }

// leafSlot gives a range of the line its slot.
func (l *lineNames) leafSlot() int {
	l.slots = append(l.slots, -1)
	return len(l.slots) - 1
}

// uncertain reports whether the line f has a range or reads a name that
// holds one.
func (l *lineNames) uncertain(f *formula) bool {
	if len(f.leaves) > 0 {
		return true
	}
	for _, i := range l.slots {
		if i >= 0 && l.s.slots[i].samples != nil {
			return true
		}
	}
	return false
}

// sample draws the line f as calc draws a calculation: in each sample,
// each range of the line in the order written, from the session's one
// stream, and each name holding a range at that sample of its own.
func (s *Session) sample(f *formula, l *lineNames) []float64 {
	if s.rng == nil {
		s.rng, _ = s.opt.rng()
	}
	out := make([]float64, s.opt.Samples)
	v := make([]float64, len(l.slots))
	type column struct {
		slot    int
		samples []float64
	}
	var cols []column
	var leafSlots []int // the slot of each range, in the order of f.leaves
	for j, i := range l.slots {
		switch {
		case i < 0:
			leafSlots = append(leafSlots, j)
		case s.slots[i].samples != nil:
			cols = append(cols, column{j, s.slots[i].samples})
		default:
			v[j] = quantityOf(s.slots[i].x, s.slots[i].dim).Value
		}
	}
	for k := range out {
		for _, c := range cols {
			v[c.slot] = c.samples[k]
		}
		for m, d := range f.leaves {
			v[leafSlots[m]] = d.draw(s.rng)
		}
		out[k] = f.root.eval(v)
	}
	return out
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

// set gives name the value of sl.
func (s *Session) set(name string, sl sessionSlot) {
	sl.name = name
	if name != Ans {
		s.held += len(sl.samples)
	}
	if i, ok := s.index[name]; ok {
		if name != Ans {
			s.held -= len(s.slots[i].samples)
		}
		s.slots[i] = sl
		return
	}
	s.index[name] = len(s.slots)
	s.slots = append(s.slots, sl)
	s.declared[name] = true
	if isCountWord(name) {
		s.counts[name] = singular(name)
	}
	s.sorted = nil
}

// room refuses to set name to sl when the names would then hold more
// than MaxSessionSamples samples; setting a name again frees its own.
func (s *Session) room(name string, sl sessionSlot) error {
	held := s.held + len(sl.samples)
	if i, ok := s.index[name]; ok {
		held -= len(s.slots[i].samples)
	}
	if len(sl.samples) == 0 || held <= MaxSessionSamples {
		return nil
	}
	return &Error{Msg: fmt.Sprintf("%s: the names of a session hold at most %d samples in all (%d names that hold ranges, at %d samples each); set a name again to free its samples, or sample less (--samples)",
		name, MaxSessionSamples, MaxSessionSamples/len(sl.samples), len(sl.samples))}
}

// scope is the scope of a line: a one-off calculation that reads the
// session's names through l.
func (s *Session) scope(l *lineNames) *scope {
	sc := calcScope(s.conv)
	sc.r, sc.names, sc.counts, sc.leafSlot = l, s.declared, s.counts, l.leafSlot
	return sc
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
// The names are sorted once for all the lines that ask until a name is
// added, so that a "did you mean" costs a pass over them.
func (s *Session) suggestName(name string) string {
	if s.sorted == nil {
		s.sorted = s.Names()
	}
	return suggest(name, s.sorted)
}

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
	out, _ := conversionsOf(p, sc, s.Value)
	return out
}
