package estimate

import (
	"cmp"
	"errors"
	"fmt"
	"math/big"
	"slices"
	"strings"
)

// A Model is a compiled scenario: names resolved, dimensions checked,
// outputs ordered by their dependencies and every formula built into an
// evaluation function. A Model is immutable, so one Model may be evaluated
// from many goroutines at once, each with its own overrides.
type Model struct {
	scenario    *Scenario
	conventions Conventions

	inputs    []modelInput
	outputs   []modelOutput
	order     []int // output indices in evaluation order
	expects   []modelExpect
	published []modelPublished
	index     map[string]int // slot of each name: inputs first, then outputs

	declared map[string]bool // every input and output name written, valid or not
	// counts maps each counted thing the scenario declares, singular and
	// plural, to its singular.
	counts map[string]string
}

// scope is the scope of the scenario's formulas, reading names through r.
func (m *Model) scope(r resolver) *scope {
	return &scope{conv: m.conventions, r: r, names: m.declared, counts: m.counts}
}

type modelInput struct {
	*Input
	value     Quantity
	exact     exact      // value, exactly (with any range at its median)
	uncertain *uncertain // its ranges, sampled by Simulate; nil when certain
	unit      *DisplayUnit
	bad       bool // its value did not compile; formulas that read it go unchecked
}

type modelOutput struct {
	*Output
	f    *formula
	unit *DisplayUnit
	deps []int // slots this output's formula reads
}

type modelExpect struct {
	*Expectation
	slot      int
	want      Quantity
	wantExact *big.Rat
	tol       float64
	unit      *DisplayUnit
}

// Options adjust how a scenario is compiled.
type Options struct {
	// Conventions, when not nil, replace the scenario's own.
	Conventions *Conventions
	// Day, Month and Year, when not empty, set those lengths over the
	// scenario's conventions (or Conventions): time expressions such as
	// "365.25 days" or "year / 12", as --day, --month and --year give.
	Day, Month, Year string
}

// Load parses and compiles a scenario file, reporting every problem found
// in it at once, in file order.
func Load(file string, src []byte, opt Options) (_ *Model, err error) {
	defer guard(&err, file)
	s, perr := Parse(file, src)
	m, cerr := s.Compile(opt)
	if err := capErrors(file, sortErrors(errors.Join(perr, cerr))); err != nil {
		return nil, err
	}
	return m, nil
}

// sortErrors orders the problems of a file by their place in it.
func sortErrors(err error) error {
	all := Errors(err)
	slices.SortStableFunc(all, func(a, b error) int {
		ea, _ := a.(*Error)
		eb, _ := b.(*Error)
		if ea == nil || eb == nil {
			return 0
		}
		return cmp.Or(cmp.Compare(ea.Line, eb.Line), cmp.Compare(ea.Col, eb.Col))
	})
	return errors.Join(all...)
}

// compiler carries the state of one Compile.
type compiler struct {
	last          exact      // the exact value of the last constant compiled
	lastUncertain *uncertain // and its uncertain part, if it has ranges
	s             *Scenario
	m             *Model
	errs          []error

	names        []string          // see candidates
	unknownNames map[string]string // see unknownName
}

func (c *compiler) errorf(p Pos, path, format string, args ...any) {
	c.errs = append(c.errs, c.s.errorAt(p, path, fmt.Sprintf(format, args...)))
}

// formulaErrors places the problems of the formula in t.
func (c *compiler) formulaErrors(t Text, path string, es offsetErrors) {
	c.errs = append(c.errs, Errors(es.locate(c.s.File, path, c.s.place(t)))...)
}

// Compile checks a parsed scenario and builds its Model. It reports every
// problem it finds: unknown names, cycles, dimension mismatches, display
// units that do not fit and expectations that cannot be checked.
func (s *Scenario) Compile(opt Options) (_ *Model, err error) {
	defer guard(&err, s.fileName())
	c := &compiler{s: s, m: &Model{scenario: s, index: map[string]int{}, declared: s.names()}}
	for _, phase := range []func(){c.checkNames, c.counts, func() { c.conventions(opt) }, c.inputs, c.outputs, c.expectations, c.published, c.headline} {
		if c.full() {
			break // Load reports that it stopped
		}
		phase()
	}
	if len(c.errs) > 0 {
		return nil, errors.Join(c.errs...)
	}
	return c.m, nil
}

func (c *compiler) conventions(opt Options) {
	cs := c.s.Conventions
	conv := Exact
	if cs.Profile.Value != "" {
		p, err := LookupProfile(cs.Profile.Value)
		if err != nil {
			c.errorf(cs.Profile.Pos, "conventions.profile", "%v", err)
		} else {
			conv = p
		}
	}
	texts := [3]Text{cs.Day, cs.Month, cs.Year}
	var values [3]string
	for i, t := range texts {
		if t.style != badText {
			values[i] = t.Value
		}
	}
	if opt.Conventions != nil {
		conv, values = *opt.Conventions, [3]string{}
	}
	// A length set by the caller takes the place of the file's, and the
	// file's others follow it: --year 360 days makes "month: year / 12"
	// 30 days.
	fromOpt := [3]bool{}
	for i, v := range [3]string{opt.Day, opt.Month, opt.Year} {
		if v != "" {
			values[i], fromOpt[i] = v, true
		}
	}
	conv, problems := resolveSpans(conv, values, c.m.counts)
	for _, p := range problems {
		t, path := texts[p.span], "conventions."+spanNames[p.span]
		switch {
		case fromOpt[p.span]:
			msg := p.msg
			if p.errs != nil {
				msg = p.errs[0].msg
			}
			c.errs = append(c.errs, &Error{Path: "options." + spanNames[p.span], Msg: msg})
		case p.errs != nil:
			c.formulaErrors(t, path, p.errs)
		default:
			c.errorf(t.Pos, path, "%s", p.msg)
		}
	}
	c.m.conventions = conv
}

// constResolver resolves no names: inputs, units and expectations are
// constants. It explains a mention of a scenario name.
type constResolver struct {
	m    *Model
	what string
}

func (r constResolver) resolve(string) (int, Dimension, bool) { return 0, Dimension{}, false }

func (r constResolver) unknown(name string) string {
	if _, ok := r.m.index[name]; ok || r.m.declares(name) {
		return fmt.Sprintf("%s is a constant and cannot refer to %q; make it an output", r.what, name)
	}
	return unknownUnitMessage(name)
}

// declares reports whether name is an input or output of the scenario,
// in constant time: a file may have MaxNames of them.
func (m *Model) declares(name string) bool { return m.declared[name] }

// names returns the set of the names of the inputs and outputs of s.
func (s *Scenario) names() map[string]bool {
	set := make(map[string]bool, len(s.Inputs)+len(s.Outputs))
	for _, in := range s.Inputs {
		set[in.Name] = true
	}
	for _, out := range s.Outputs {
		set[out.Name] = true
	}
	return set
}

// constant compiles and evaluates a constant expression written in t.
func (c *compiler) constant(t Text, path, what string) (Quantity, bool) {
	if t.style == badText {
		return Quantity{}, false
	}
	if strings.TrimSpace(t.Value) == "" {
		c.errorf(t.Pos, path, "missing value")
		return Quantity{}, false
	}
	sc := c.m.scope(constResolver{c.m, what})
	sc.inFile = true
	sc.ranges = what == "an input"
	f, es := compileFormula(t.Value, sc)
	if es == nil {
		es = f.valueOnly(what)
	}
	if es != nil {
		c.formulaErrors(t, path, es)
		return Quantity{}, false
	}
	x, es := f.exactConstant()
	if es != nil {
		c.formulaErrors(t, path, es)
		return Quantity{}, false
	}
	c.last, c.lastUncertain = x, f.uncertainty()
	return quantityOf(x, f.root.dim), true
}

func (c *compiler) inputs() {
	m := c.m
	for _, in := range c.s.Inputs {
		if c.full() {
			return
		}
		if _, dup := m.index[in.Name]; dup || checkName(in.Name) != "" {
			continue
		}
		path := "inputs." + in.Name
		q, ok := c.constant(in.Value, path, "an input")
		mi := modelInput{Input: in, value: q, exact: c.last, bad: !ok}
		if ok {
			mi.uncertain = c.lastUncertain
		}
		if ok {
			mi.unit = c.displayUnit(in.Unit, path+".unit", q.Dim)
		}
		m.index[in.Name] = len(m.inputs)
		m.inputs = append(m.inputs, mi)
	}
}

// displayUnit compiles a requested display unit and checks that it fits.
func (c *compiler) displayUnit(t Text, path string, want Dimension) *DisplayUnit {
	if t.Value == "" {
		return nil
	}
	u, es := parseDisplayUnit(t.Value, c.m.scope(nil))
	if es != nil {
		c.errorf(t.Pos, path, "%s", es[0].msg)
		return nil
	}
	if u.Dim != want {
		c.errorf(t.Pos, path, "unit %s measures %s, but %s is %s", t.Value, u.Dim.Describe(), nameInPath(path), want.Describe())
		return nil
	}
	return u
}

// nameInPath returns the input or output name in a path such as
// "outputs.storage.unit".
func nameInPath(path string) string {
	parts := strings.Split(path, ".")
	if len(parts) < 2 {
		return path
	}
	return parts[1]
}
