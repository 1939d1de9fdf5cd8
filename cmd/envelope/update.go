package main

import (
	"bytes"
	"errors"
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/envelope-cli/envelope/estimate"
	"github.com/envelope-cli/envelope/internal/render"
	"github.com/spf13/cobra"
	"go.yaml.in/yaml/v3"
)

// updateExpectations rewrites the expected values of scenario files to
// their current results, keeping each tolerance, every comment and the
// rest of the file, so that an edited copy of a preset can be
// re-baselined. It works on the YAML document, not on text. The results
// are those check compares with: sampled, with the same --samples and
// --seed, so that an expectation on a percentile gets the figure check
// will find. A file is written only when a value changed, and an
// expectation that cannot be rewritten in place leaves its file as it
// was, named in the error.
func updateExpectations(cmd *cobra.Command, args []string, conv *conventionsFlag, samples *sampleFlags) error {
	w := cmd.OutOrStdout()
	for _, arg := range args {
		t, err := resolveTarget(arg, cmd.InOrStdin())
		switch {
		case err != nil:
			return err
		case isStdin(arg):
			return fmt.Errorf("check --update rewrites files, not standard input")
		case t.preset != "":
			return fmt.Errorf("%s is a preset, which check --update cannot rewrite; envelope init %s makes a copy to edit", arg, t.preset)
		}
		out, n, err := rebaseline(t, conv, samples)
		switch {
		case err != nil:
			return err
		case n < 0:
			fmt.Fprintf(w, "%s: no expectations to update\n", render.Escape(arg))
			continue
		case n == 0:
			fmt.Fprintf(w, "%s: no expected value changed\n", render.Escape(arg))
			continue
		}
		// The file it read, where a link points, as doc update writes.
		if err := rewriteFile(arg, out); err != nil {
			return err
		}
		fmt.Fprintf(w, "%s: %s updated\n", render.Escape(arg), count(n, "expected value"))
	}
	return nil
}

// rebaseline returns t's file with each expected value replaced by the
// result check finds, and how many changed; -1 when it has no
// expectations.
func rebaseline(t target, conv *conventionsFlag, samples *sampleFlags) ([]byte, int, error) {
	opt, err := conv.options()
	if err != nil {
		return nil, 0, err
	}
	m, err := estimate.Load(t.file, t.src, opt)
	if err != nil {
		return nil, 0, err
	}
	r, err := m.Simulate(samples.options())
	if err != nil {
		return nil, 0, errors.Join(err)
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(t.src, &doc); err != nil || len(doc.Content) == 0 {
		return nil, 0, fmt.Errorf("%s: cannot read as YAML: %v", t.file, err)
	}
	expect := mappingValue(doc.Content[0], "expect")
	if expect == nil || len(r.Expect()) == 0 {
		return t.src, -1, nil
	}
	o := r.DisplayOptions(false)
	n := 0
	var refused []error
	for i := 0; i+1 < len(expect.Content); i += 2 {
		name, v := expect.Content[i].Value, expect.Content[i+1]
		e, ok := expectation(r, name)
		i := slices.IndexFunc(m.Scenario().Expect, func(x *estimate.Expectation) bool { return x.Name == name })
		if !ok || i < 0 {
			continue
		}
		figure := expectedFigure(v, m.Scenario().Expect[i])
		if figure == nil {
			// The loader takes no other form; should one come, the file
			// is left alone rather than reported as rewritten.
			refused = append(refused, fmt.Errorf("%s: expect.%s: check --update cannot find its value in the file to rewrite", t.file, name))
			continue
		}
		// Keep "± 0.1%", or "+- 0.1%", as written.
		rest := ""
		for _, sep := range []string{"±", "+-"} {
			if _, after, ok := strings.Cut(figure.Value, sep); ok {
				rest = " " + sep + after
				break
			}
		}
		text := expectedText(e, o, r.Conventions()) + rest
		if text == figure.Value {
			continue
		}
		figure.Value = text
		if figure.Style == yaml.TaggedStyle || figure.Style == yaml.LiteralStyle || figure.Style == yaml.FoldedStyle {
			figure.Style = 0
		}
		n++
	}
	if len(refused) > 0 {
		return nil, 0, errors.Join(refused...)
	}
	var b bytes.Buffer
	enc := yaml.NewEncoder(&b)
	enc.SetIndent(2)
	if err := enc.Encode(&doc); err != nil {
		return nil, 0, err
	}
	if err := enc.Close(); err != nil {
		return nil, 0, err
	}
	return b.Bytes(), n, nil
}

// expectedFigure returns the scalar node that holds the value of e, the
// expectation v: v itself in the short form, or in the long form the
// value of the key of the figure it checks (value or p50 for the
// median, else p5 … p95 or mean, as the scenario's Stat says, whether or
// not the value turned out uncertain); nil when there is none.
func expectedFigure(v *yaml.Node, e *estimate.Expectation) *yaml.Node {
	keys := []string{"value", "p50"}
	if e.Stat != "" {
		keys = []string{e.Stat}
	}
	switch v.Kind {
	case yaml.ScalarNode:
		return v
	case yaml.MappingNode:
		for _, key := range keys {
			if f := mappingValue(v, key); f != nil && f.Kind == yaml.ScalarNode {
				return f
			}
		}
	}
	return nil
}

// expectedText writes the actual value of e for the file: as displayed,
// when that reads back within e's tolerance, or else exactly, in base
// units, so that the rewritten expectation holds.
func expectedText(e estimate.ExpectResult, o estimate.DisplayOptions, c estimate.Conventions) string {
	shown := e.FormatPlain(o)
	if q, err := estimate.ParseQuantity(shown, e.Actual.Dim, c); err == nil &&
		math.Abs(e.Actual.Value-q.Value) <= e.Tolerance*math.Abs(q.Value) {
		return shown
	}
	return baseUnits(e.Actual)
}

func expectation(r *estimate.Result, name string) (estimate.ExpectResult, bool) {
	for _, e := range r.Expect() {
		if e.Name == name {
			return e, true
		}
	}
	return estimate.ExpectResult{}, false
}

// mappingValue returns the value of key in the mapping node n, or nil.
func mappingValue(n *yaml.Node, key string) *yaml.Node {
	if n == nil || n.Kind != yaml.MappingNode {
		return nil
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		if n.Content[i].Value == key {
			return n.Content[i+1]
		}
	}
	return nil
}
