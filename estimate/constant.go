package estimate

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// Constants where one value is needed: the ends of a range to sweep, the
// value a condition compares with, the bounds and step of a search. Each
// is a one-off calculation ("10M/day", "1 PB", "2 * 1K") but never a
// range: "1M to 2M" stands for many values, and taking its median here
// would answer a question nobody asked. A range, a distribution, a
// condition or a conversion is an error at its place in the text.

// constantIn reads the constant expression src[start:end] (byte
// offsets; the space around it is ignored) under the conventions c, as
// Calc does: a value of dimension want. what names the place for
// messages ("an end of a range to vary"), and name the input or output
// whose dimension want is. Problems are placed at rune offsets in src,
// so that a caret can point into the whole argument.
func constantIn(src string, start, end int, c Conventions, want Dimension, what, name string) (exact, offsetErrors) {
	piece := src[start:end]
	text := strings.TrimSpace(piece)
	base := utf8.RuneCountInString(src[:start+len(piece)-len(strings.TrimLeft(piece, " \t"))])
	if text == "" {
		return exact{}, offsetErrors{{base, fmt.Sprintf("%s is missing", what)}}
	}
	f, es := compileFormula(text, calcScope(c))
	if es == nil {
		es = f.valueOnly(what)
	}
	if es == nil && f.uncertainty() != nil {
		at := 0
		if d := firstRange(f.root); d != nil {
			at = d.off
		}
		es = offsetErrors{{at, fmt.Sprintf("%s must be a single value, not a range", what)}}
	}
	var x exact
	if es == nil {
		x, es = f.exactConstant()
	}
	if es == nil && f.root.dim != want {
		es = offsetErrors{{0, fmt.Sprintf("%s is %s, but %s is %s", text, f.root.dim.Describe(), name, want.Describe())}}
	}
	for i := range es {
		es[i].off += base
	}
	return x, es
}

// firstRange returns the first range or distribution in n, in the order
// written, or nil.
func firstRange(n *node) *node {
	if n.op == "dist" {
		return n
	}
	for _, a := range n.args {
		if d := firstRange(a); d != nil {
			return d
		}
	}
	return nil
}

// located places the problems of constantIn in src, a one-line
// argument, with path (an input's or an output's name) as their path.
func located(es offsetErrors, path, src string) error {
	return es.locate("", path, func(off int) (int, int, string) { return 1, off + 1, src })
}
