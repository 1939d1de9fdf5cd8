package estimate

import (
	"fmt"
	"slices"
	"strings"

	"github.com/expr-lang/expr/ast"
	"github.com/expr-lang/expr/file"
	"github.com/expr-lang/expr/parser"
)

// A parsedFormula is a formula's syntax tree before names are resolved.
type parsedFormula struct {
	src  string
	sc   scanned
	tree ast.Node
	refs []nameRef // the names it mentions, in order of position
}

// A nameRef is a mention of a scenario name in a formula.
type nameRef struct {
	name string
	off  int // rune offset in the formula
}

// parseFormula reads the syntax of src. Names stay unresolved, so that
// a scenario can order its outputs by what they mention before checking.
func parseFormula(src string) (*parsedFormula, offsetErrors) {
	if strings.TrimSpace(src) == "" {
		return nil, offsetErrors{{0, "empty formula"}}
	}
	if err := checkFormula(src); err != nil {
		return nil, offsetErrors{*err}
	}
	p := &parsedFormula{src: src, sc: scanLiterals(src)}
	if p.sc.err != nil {
		return nil, offsetErrors{*p.sc.err}
	}
	tree, err := parser.Parse(p.sc.text)
	if err != nil {
		return nil, offsetErrors{p.syntaxError(err)}
	}
	p.tree = tree.Node
	// let and ';' would make names of their own, which the scenario's
	// names cannot see; refuse them before those names look unknown.
	var refused *offsetError
	ast.Walk(&p.tree, visitor(func(n ast.Node) {
		switch n.(type) {
		case *ast.VariableDeclaratorNode:
			refused = &offsetError{p.sc.origin(n.Location().From), "let is not part of formulas; use an output instead"}
		case *ast.SequenceNode:
			refused = &offsetError{p.sc.origin(n.Location().From), "a formula is one expression; ';' is not allowed"}
		}
	}))
	if refused != nil {
		return nil, offsetErrors{*refused}
	}
	ast.Walk(&p.tree, refCollector{p})
	return p, nil
}

type refCollector struct{ p *parsedFormula }

func (v refCollector) Visit(n *ast.Node) {
	if call, ok := (*n).(*ast.CallNode); ok {
		// The walk has visited the callee already: it names a function,
		// which the builder checks, not a value of the scenario.
		if id, ok := call.Callee.(*ast.IdentifierNode); ok {
			off := v.p.sc.origin(id.Location().From)
			v.p.refs = slices.DeleteFunc(v.p.refs, func(r nameRef) bool { return r.off == off && r.name == id.Value })
		}
		return
	}
	id, ok := (*n).(*ast.IdentifierNode)
	if !ok {
		return
	}
	off := id.Location().From
	if v.p.sc.literalAt(off, id.Value) >= 0 {
		return
	}
	if _, isUnit := units[id.Value]; isUnit {
		return
	}
	v.p.refs = append(v.p.refs, nameRef{id.Value, v.p.sc.origin(off)})
}

// syntaxError rewords expr's parse errors for readers of the formula
// rather than of the rewritten text.
func (p *parsedFormula) syntaxError(err error) offsetError {
	fe, ok := err.(*file.Error)
	if !ok {
		return offsetError{0, err.Error()}
	}
	msg := fe.Message
	for i, w := range p.sc.rewrites {
		name := fmt.Sprintf("Identifier(%q)", literalPrefix+fmt.Sprint(i))
		if strings.Contains(msg, name) {
			lit := string([]rune(p.src)[w.origFrom : w.origFrom+w.origLen])
			msg = strings.ReplaceAll(msg, name, fmt.Sprintf("%q", lit))
		}
	}
	msg = strings.NewReplacer(
		"unexpected token EOF", "unexpected end of formula",
		"unexpected end of expression", "unexpected end of formula",
		"unexpected token Identifier(", "unexpected name (",
		"unexpected token Number(", "unexpected number (",
		"unexpected token Operator(", "unexpected operator (",
		"unexpected token Bracket(", "unexpected bracket (",
	).Replace(msg)
	msg = strings.Replace(msg, " (\"", " \"", 1)
	if strings.HasSuffix(msg, "\")") {
		msg = strings.TrimSuffix(msg, ")")
	}
	if name, ok := strings.CutPrefix(msg, "unexpected name "); ok {
		if u, isUnit := units[strings.Trim(name, `"`)]; isUnit {
			if u.IsScaleWord() {
				return offsetError{p.sc.origin(fe.From), fmt.Sprintf("unexpected scale word %s: a scale word follows its number (5M) once", name)}
			}
			return offsetError{p.sc.origin(fe.From), fmt.Sprintf("unexpected unit %s: a unit follows its number (5 GB) or stands alone after an operator (x / GB)", name)}
		}
		// A word right after a quantity that is not a unit is most often
		// a misspelt unit: "5 GiBs".
		if s := suggest(strings.Trim(name, `"`), UnitNames()); s != "" {
			return offsetError{p.sc.origin(fe.From), fmt.Sprintf("unknown unit %s; did you mean %q?", name, s)}
		}
	}
	if strings.HasPrefix(msg, "unexpected name") || strings.HasPrefix(msg, "unexpected number") {
		msg += " (missing operator?)"
	}
	return offsetError{p.sc.origin(fe.From), msg}
}

// A formula is compiled: its names resolved, its dimension known, and an
// evaluation function built.
type formula struct {
	parsed *parsedFormula
	root   *node
}

// constant evaluates a formula that mentions no names.
func (f *formula) constant() (Quantity, error) {
	v := f.root.eval(nil)
	if off, msg, bad := diagnose(f.root, nil); bad {
		return Quantity{}, offsetErrors{{off, msg}}.inFormula("", 1, 1, "", f.parsed.src)
	}
	return Quantity{Value: v, Dim: f.root.dim}, nil
}

// A resolver gives the slot and dimension of a scenario name.
type resolver interface {
	resolve(name string) (slot int, dim Dimension, ok bool)
	// unknown explains why name cannot be used: no such name, or a name
	// that is not allowed here.
	unknown(name string) string
}

// compileFormula parses and builds src in one step, for constant
// expressions (r == nil) and one-off formulas.
func compileFormula(src string, c Conventions, r resolver) (*formula, offsetErrors) {
	p, errs := parseFormula(src)
	if errs != nil {
		return nil, errs
	}
	return p.build(c, r)
}

// build resolves names through r, checks dimensions and constructs the
// evaluation function.
func (p *parsedFormula) build(c Conventions, r resolver) (*formula, offsetErrors) {
	b := builder{p: p, conv: c, r: r}
	root := b.build(p.tree)
	if len(b.errs) > 0 {
		return nil, b.errs
	}
	if root.boolean {
		return nil, offsetErrors{{root.off, "formula is a condition (true or false), not a number"}}
	}
	return &formula{parsed: p, root: root}, nil
}
