package main

import (
	"bytes"
	"fmt"
	"math"
	"os"
	"strings"

	"github.com/envelope-cli/envelope/estimate"
	"github.com/envelope-cli/envelope/render"
	"github.com/spf13/cobra"
	"go.yaml.in/yaml/v3"
)

// updateExpectations rewrites the expected values of scenario files to
// their current results, keeping each tolerance, every comment and the
// rest of the file, so that an edited copy of a preset can be
// re-baselined. It works on the YAML document, not on text.
func updateExpectations(cmd *cobra.Command, args []string, conv *conventionsFlag) error {
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
		out, n, err := rebaseline(t, conv)
		if err != nil {
			return err
		}
		if n == 0 {
			fmt.Fprintf(w, "%s: no expectations to update\n", render.Escape(arg))
			continue
		}
		info, err := os.Stat(arg)
		if err != nil {
			return err
		}
		if err := writeFileAtomic(arg, out, info.Mode().Perm()); err != nil {
			return err
		}
		fmt.Fprintf(w, "%s: %s updated\n", render.Escape(arg), count(n, "expected value"))
	}
	return nil
}

// rebaseline returns t's file with each expected value replaced by the
// current result, and how many there were.
func rebaseline(t target, conv *conventionsFlag) ([]byte, int, error) {
	opt, err := conv.options()
	if err != nil {
		return nil, 0, err
	}
	m, err := estimate.Load(t.file, t.src, opt)
	if err != nil {
		return nil, 0, err
	}
	r, err := m.Evaluate()
	if err != nil {
		return nil, 0, err
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(t.src, &doc); err != nil || len(doc.Content) == 0 {
		return nil, 0, fmt.Errorf("%s: cannot read as YAML: %v", t.file, err)
	}
	expect := mappingValue(doc.Content[0], "expect")
	if expect == nil || len(r.Expect()) == 0 {
		return t.src, 0, nil
	}
	o := r.DisplayOptions(false)
	n := 0
	for i := 0; i+1 < len(expect.Content); i += 2 {
		name, v := expect.Content[i].Value, expect.Content[i+1]
		e, ok := expectation(r, name)
		if !ok {
			continue
		}
		text := expectedText(e, o, r.Conventions())
		switch v.Kind {
		case yaml.ScalarNode:
			// The short form: keep "± 0.1%", or "+- 0.1%", as written.
			rest := ""
			for _, sep := range []string{"±", "+-"} {
				if _, after, ok := strings.Cut(v.Value, sep); ok {
					rest = " " + sep + after
					break
				}
			}
			v.Value = text + rest
		case yaml.MappingNode:
			if value := mappingValue(v, "value"); value != nil {
				value.Value = text
			}
		default:
			continue
		}
		if v.Style == yaml.TaggedStyle || v.Style == yaml.LiteralStyle || v.Style == yaml.FoldedStyle {
			v.Style = 0
		}
		n++
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

// expectedText writes the actual value of e for the file: as displayed,
// when that reads back within e's tolerance, or else exactly, in base
// units, so that the rewritten expectation holds.
func expectedText(e estimate.ExpectResult, o estimate.DisplayOptions, c estimate.Conventions) string {
	shown := e.Format(o)
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
