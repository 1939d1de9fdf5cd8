package estimate

import (
	"errors"
	"fmt"
	"strings"

	"github.com/envelope-cli/envelope/internal/syntax"
)

// spanNames are the lengths of time a scenario's conventions set, in
// the order they are reported.
var spanNames = [3]string{"day", "month", "year"}

// spanExamples are what a convention's error message suggests.
var spanExamples = map[string]string{"day": "86400 s", "month": "30 days", "year": "365 days"}

// A spanProblem is a convention that could not be set: its index in
// spanNames and what is wrong, either at an offset of its text (errs) or
// with the text as a whole (msg).
type spanProblem struct {
	span int
	errs offsetErrors
	msg  string
}

// resolveSpans sets the day, month and year of base from time
// expressions, any of which may use the others ("month: year / 12"). It
// orders them by what each mentions and reports a cycle. An empty text
// leaves its length as base has it.
func resolveSpans(base Conventions, texts [3]string, counts map[string]string) (Conventions, []spanProblem) {
	conv := base
	var problems []spanProblem
	var parsed [3]*parsedFormula
	var deps [3][]int
	sc := &scope{conv: conv, counts: counts}
	for i, t := range texts {
		if strings.TrimSpace(t) == "" {
			continue
		}
		p, es := parseFormula(t, sc)
		if es != nil {
			problems = append(problems, spanProblem{span: i, errs: es})
			continue
		}
		parsed[i] = p
		for _, j := range spansMentioned(p.tree) {
			if texts[j] != "" && !containsInt(deps[i], j) {
				deps[i] = append(deps[i], j)
			}
		}
	}
	// Three nodes: resolve by repeated passes, which also finds cycles.
	done := [3]bool{}
	for i := range texts {
		done[i] = parsed[i] == nil
	}
	for progress := true; progress; {
		progress = false
		for i, p := range parsed {
			if done[i] || !allDone(deps[i], done) {
				continue
			}
			done[i], progress = true, true
			x, d, es := evalSpan(p, &scope{conv: conv, counts: counts})
			if es != nil {
				problems = append(problems, spanProblem{span: i, errs: es})
				continue
			}
			v, _ := x.r.Float64()
			if d != Seconds || x.r.Sign() <= 0 {
				problems = append(problems, spanProblem{span: i, msg: fmt.Sprintf("a %s must be a positive time, such as %s", spanNames[i], spanExamples[spanNames[i]])})
				continue
			}
			*conv.span(i) = v
		}
	}
	for i := range texts {
		if !done[i] {
			problems = append(problems, spanProblem{span: i, msg: "cycle: " + spanCycle(i, deps)})
			break // one cycle, reported once
		}
	}
	return conv, problems
}

func evalSpan(p *parsedFormula, sc *scope) (exact, Dimension, offsetErrors) {
	f, es := p.build(sc)
	if es == nil {
		es = f.valueOnly("a convention")
	}
	if es != nil {
		return exact{}, Dimension{}, es
	}
	x, es := f.exactConstant()
	return x, f.root.dim, es
}

// span returns the field of c that spanNames[i] names.
func (c *Conventions) span(i int) *float64 { return [3]*float64{&c.Day, &c.Month, &c.Year}[i] }

// spansMentioned lists the conventions a formula's units depend on: a
// week is seven days, so it mentions the day.
func spansMentioned(n syntax.Node) []int {
	var out []int
	note := func(name string) {
		var i int
		switch units[name].span {
		case spanDay, spanWeek:
			i = 0
		case spanMonth:
			i = 1
		case spanYear:
			i = 2
		default:
			return
		}
		if !containsInt(out, i) {
			out = append(out, i)
		}
	}
	syntax.Inspect(n, func(n syntax.Node) bool {
		switch n := n.(type) {
		case *syntax.Ident:
			note(n.Name)
		case *syntax.Unit:
			for _, f := range n.Factors {
				note(f.Word.Name)
			}
		}
		return true
	})
	return out
}

func containsInt(xs []int, x int) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}

func allDone(deps []int, done [3]bool) bool {
	for _, d := range deps {
		if !done[d] {
			return false
		}
	}
	return true
}

// spanCycle names the cycle through span i: "month -> year -> month".
func spanCycle(i int, deps [3][]int) string {
	path := []string{spanNames[i]}
	seen := map[int]bool{i: true}
	for cur := i; ; {
		if len(deps[cur]) == 0 {
			return strings.Join(path, " -> ")
		}
		next := deps[cur][0]
		for _, d := range deps[cur] {
			if d == i {
				next = d
			}
		}
		path = append(path, spanNames[next])
		if seen[next] {
			return strings.Join(path, " -> ")
		}
		seen[next] = true
		cur = next
	}
}

// ResolveConventions sets the day, month and year of base from time
// expressions, as the command line's --day, --month and --year give
// them: "365.25 days", "year / 12". Each may use the others; an empty
// text keeps base's length. Errors name the length ("year") as their
// path, with the column inside its text.
func ResolveConventions(base Conventions, day, month, year string) (_ Conventions, err error) {
	defer guard(&err, "")
	texts := [3]string{day, month, year}
	conv, problems := resolveSpans(base, texts, nil)
	if len(problems) > 0 {
		var all []error
		for _, p := range problems {
			if p.errs != nil {
				all = append(all, Errors(p.errs.locate("", spanNames[p.span], func(off int) (int, int, string) { return 0, off + 1, texts[p.span] }))...)
				continue
			}
			all = append(all, &Error{Path: spanNames[p.span], Msg: p.msg})
		}
		return Conventions{}, errors.Join(all...)
	}
	return conv, nil
}
