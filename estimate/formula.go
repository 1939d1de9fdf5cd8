package estimate

import (
	"fmt"
	"unicode/utf8"

	"github.com/envelope-cli/envelope/internal/syntax"
)

// A scope says what the words of a formula mean where it is written: the
// conventions that fix day, month and year, the names it may read, and
// the counted things it may mention.
type scope struct {
	conv Conventions
	// r resolves scenario names; nil where no name may be read.
	r resolver
	// names are every input and output name of the scenario, valid or
	// not, so that the parser never reads one as a unit.
	names map[string]bool
	// counts maps each declared counted thing, singular and plural, to
	// its singular.
	counts map[string]string
	// calc counts things by any word that is no unit and no slip of one,
	// as a one-off calculation does: "10 requests/user/day".
	calc bool
	// inFile is set for formulas written in a scenario file, where an
	// unknown word is answered with how to declare a counted thing.
	inFile bool
	// ranges allows uncertain values (50M to 150M, normal(...)): in
	// inputs, overrides and one-off calculations, not in formulas.
	ranges bool
	// leafSlot, when set, gives each range the next slot of those that
	// r gives the names: a session's line reads names and ranges from
	// one set of slots. Otherwise the ranges take slots from 0.
	leafSlot func() int
}

// kind classifies a word for the parser.
func (sc *scope) kind(w string) syntax.Kind {
	if sc.names[w] {
		if _, ok := sc.counts[w]; ok {
			return syntax.BothWord
		}
		return syntax.NameWord
	}
	if u, ok := units[w]; ok {
		if u.IsScaleWord() {
			return syntax.ScaleWord
		}
		return syntax.UnitWord
	}
	if _, ok := sc.counts[w]; ok {
		return syntax.UnitWord
	}
	if _, ok := functions[w]; ok {
		return syntax.FuncWord
	}
	if _, ok := distFunctions[w]; ok {
		return syntax.FuncWord
	}
	return syntax.UnknownWord
}

// A parsedFormula is a formula's syntax tree before names are resolved.
type parsedFormula struct {
	src   string
	tree  syntax.Node
	refs  []nameRef // the names it mentions, in order of position
	runes []int32   // rune offset of each byte offset, made when first asked
}

// A nameRef is a mention of a scenario name in a formula.
type nameRef struct {
	name string
	off  int // rune offset in the formula
}

// parseFormula reads the syntax of src. Names stay unresolved, so that a
// scenario can order its outputs by what they mention before checking.
func parseFormula(src string, sc *scope) (*parsedFormula, offsetErrors) {
	tree, err := syntax.Parse(src, sc.kind)
	if err != nil {
		return nil, offsetErrors{{runeOffset(src, err.Off), err.Msg}}
	}
	p := &parsedFormula{src: src, tree: tree}
	syntax.Inspect(tree, func(n syntax.Node) bool {
		switch n := n.(type) {
		case *syntax.Quantity, *syntax.Unit:
			return false // its words are units
		case *syntax.Convert:
			syntax.Inspect(n.X, func(n syntax.Node) bool { return p.collect(n, sc) })
			return false
		}
		return p.collect(n, sc)
	})
	return p, nil
}

// collect notes n when it mentions a name: a word that is no unit and no
// counted thing. A word the scenario does not have is noted too, so that
// it is reported as an unknown name.
func (p *parsedFormula) collect(n syntax.Node, sc *scope) bool {
	switch n := n.(type) {
	case *syntax.Quantity, *syntax.Unit:
		return false
	case *syntax.Ident:
		if k := sc.kind(n.Name); k == syntax.NameWord || k == syntax.BothWord || k == syntax.UnknownWord {
			if n.Name != "$" && n.Name != "%" {
				p.refs = append(p.refs, nameRef{n.Name, p.runeOff(n.From)})
			}
		}
	}
	return true
}

// runeOff converts a byte offset of the formula to a rune offset, in
// constant time: every node asks, and counting from the start each time
// made a 4 KiB formula of non-ASCII text quadratic.
func (p *parsedFormula) runeOff(off int) int {
	if p.runes == nil {
		p.runes = make([]int32, len(p.src)+1)
		n := int32(0)
		for i := 0; i < len(p.src); i++ {
			p.runes[i] = n
			if !utf8.RuneStart(p.src[i]) {
				p.runes[i] = n - 1 // inside a rune: that rune's offset
				continue
			}
			n++
		}
		p.runes[len(p.src)] = n
	}
	off = min(max(off, 0), len(p.src))
	return int(p.runes[off])
}

// runeOffset converts a byte offset in s to a rune offset, as positions
// in files count columns in runes.
func runeOffset(s string, off int) int {
	off = min(max(off, 0), len(s))
	return utf8.RuneCountInString(s[:off])
}

// A formula is compiled: its names resolved, its dimension known, and an
// evaluation function built.
type formula struct {
	parsed *parsedFormula
	root   *node
	// unit is the unit of a conversion at the formula's end ("-> Mbps"),
	// or nil.
	unit *DisplayUnit
	// leaves are the distributions of the ranges in it, by slot of
	// their leaf nodes; none for a certain value.
	leaves []*distribution
}

// uncertainty returns the uncertain part of f, or nil when f is certain.
func (f *formula) uncertainty() *uncertain {
	if len(f.leaves) == 0 {
		return nil
	}
	return &uncertain{root: f.root, leaves: f.leaves}
}

// valueOnly refuses a formula that is a condition or ends in a
// conversion where a plain value is wanted; what names the place.
func (f *formula) valueOnly(what string) offsetErrors {
	switch {
	case f.root.boolean:
		return offsetErrors{{f.root.off, "formula is a condition (true or false), not a number"}}
	case f.unit != nil:
		return offsetErrors{{f.root.off, fmt.Sprintf("%s takes no conversion; drop the -> %s", what, f.unit.Text)}}
	}
	return nil
}

// exactConstant evaluates a formula that mentions no names, exactly.
func (f *formula) exactConstant() (exact, offsetErrors) {
	x, err := f.root.exactValue(nil)
	if err != nil {
		return exact{}, offsetErrors{{err.off, err.msg}}
	}
	return x, nil
}

// constant evaluates a one-line formula that mentions no names, placing
// a failure in the formula.
func (f *formula) constant() (Quantity, exact, error) {
	x, es := f.exactConstant()
	if es != nil {
		return Quantity{}, exact{}, es.inFormula("", 1, 1, "", f.parsed.src)
	}
	return quantityOf(x, f.root.dim), x, nil
}

// quantityOf is the Quantity of an exact value: the float64 nearest it.
func quantityOf(x exact, d Dimension) Quantity {
	v, _ := x.r.Float64()
	return Quantity{Value: v, Dim: d}
}

// A resolver gives the slot and dimension of a scenario name.
type resolver interface {
	resolve(name string) (slot int, dim Dimension, ok bool)
	// unknown explains why name cannot be used: no such name, or a name
	// that is not allowed here.
	unknown(name string) string
}

// calcScope is the scope of a one-off calculation under c.
func calcScope(c Conventions) *scope { return &scope{conv: c, calc: true, ranges: true} }

// compileFormula parses and builds src in one step, for constant
// expressions and one-off formulas.
func compileFormula(src string, sc *scope) (*formula, offsetErrors) {
	p, errs := parseFormula(src, sc)
	if errs != nil {
		return nil, errs
	}
	return p.build(sc)
}

// build resolves names, checks dimensions and constructs the evaluation
// function.
func (p *parsedFormula) build(sc *scope) (*formula, offsetErrors) {
	b := builder{p: p, sc: sc}
	tree := p.tree
	var conv *syntax.Convert
	if c, ok := tree.(*syntax.Convert); ok {
		conv, tree = c, c.X
	}
	root := b.build(tree)
	if len(b.errs) > 0 {
		return nil, b.errs
	}
	f := &formula{parsed: p, root: root, leaves: b.leaves}
	if conv != nil {
		if root.boolean {
			return nil, offsetErrors{{b.off(conv.OpPos), "a condition (true or false) has no unit to convert to"}}
		}
		u, errs := b.displayUnit(conv.Unit, &root.dim)
		if errs != nil {
			return nil, errs
		}
		f.unit = u
	}
	return f, nil
}
