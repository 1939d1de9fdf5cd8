package estimate

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"regexp"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"
)

// Parse reads a scenario file. It reports every problem of structure it
// finds (YAML syntax, unknown or missing keys, bad or duplicate names) at
// once, joined, and returns what it could read even then, so that Compile
// can report the problems of formulas too; Load does both.
func Parse(file string, src []byte) (s *Scenario, err error) {
	s = &Scenario{File: file, Source: src, pos: map[string]Pos{}}
	defer guard(&err, file)
	if err := checkSource(file, src); err != nil {
		return s, err
	}
	p := &fileParser{s: s, tooMany: map[string]bool{}}
	src = bytes.TrimPrefix(src, []byte("\ufeff"))
	s.lines = splitLines(src)
	s.marks = make([][]int32, len(s.lines))
	for i, l := range s.lines {
		s.marks[i] = runeMarks(l)
	}

	dec := yaml.NewDecoder(bytes.NewReader(yamlVersionAsComment(src)))
	var doc yaml.Node
	if err := dec.Decode(&doc); err != nil {
		if err == io.EOF {
			p.errorf(Pos{1, 1}, "", "empty file: a scenario needs name, inputs and outputs")
		} else {
			p.yamlError(err)
		}
		return s, p.err()
	}
	var next yaml.Node
	if err := dec.Decode(&next); err != io.EOF {
		if at, ok := p.secondDocument(&doc, &next, err); ok {
			p.errorf(at, "", "a scenario file holds one YAML document; found a second")
		} else {
			p.yamlError(err) // not a document: text after the first one
		}
	}
	root := &doc
	if root.Kind == yaml.DocumentNode && len(root.Content) == 1 {
		root = root.Content[0]
	}
	p.scenario(root)
	return s, p.err()
}

type fileParser struct {
	s       *Scenario
	errs    []error
	tooMany map[string]bool // sections whose MaxNames was exceeded and reported
}

func (p *fileParser) errorf(pos Pos, path, format string, args ...any) {
	if p.full() {
		return // Load reports that it stopped
	}
	pos = p.s.inFile(pos)
	p.errs = append(p.errs, &Error{File: p.s.File, Line: pos.Line, Col: pos.Col, Path: path, Msg: fmt.Sprintf(format, args...)})
}

// full reports whether the parser has found more than MaxErrors
// problems, when it records no more.
func (p *fileParser) full() bool { return len(p.errs) > MaxErrors }

func (p *fileParser) err() error { return errors.Join(p.errs...) }

var yamlLine = regexp.MustCompile(`^yaml: line (\d+): (.*)$`)

// yamlParserProblems are the messages of the YAML parser, as opposed to its
// scanner; see yamlError.
var yamlParserProblems = map[string]bool{
	"did not find expected <document start>": true,
	"did not find expected <stream-start>":   true,
	"did not find expected node content":     true,
	"did not find expected key":              true,
	"did not find expected '-' indicator":    true,
	"did not find expected ',' or ']'":       true,
	"did not find expected ',' or '}'":       true,
	"found duplicate %TAG directive":         true,
	"found duplicate %YAML directive":        true,
	"found incompatible YAML document":       true,
	"found undefined tag handle":             true,
}

func (p *fileParser) yamlError(err error) {
	msg := err.Error()
	line := 1
	if m := yamlLine.FindStringSubmatch(msg); m != nil {
		line, _ = strconv.Atoi(m[1])
		msg = m[2]
		if yamlParserProblems[msg] {
			// The YAML decoder counts lines from 0 for the problems of its
			// parser (but from 1 for those of its scanner).
			line++
		}
	} else {
		msg = strings.TrimPrefix(msg, "yaml: ")
	}
	line = max(1, min(line, len(p.s.lines))) // at the end of the file, YAML counts one more
	if col := p.tabIndent(line); col > 0 {
		p.errorf(Pos{line, col}, "", "YAML: tab in indentation; indent with spaces only")
		return
	}
	p.errorf(Pos{line, 1}, "", "YAML: %s", msg)
}

func pos(n *yaml.Node) Pos { return Pos{n.Line, n.Column} }

// mapping checks that n is a mapping with known keys and calls f on each
// key and value, in file order.
func (p *fileParser) mapping(n *yaml.Node, path string, keys []string, f func(key string, k, v *yaml.Node)) {
	if n.Kind != yaml.MappingNode {
		p.errorf(pos(n), path, "want a mapping of %s", strings.Join(keys, ", "))
		return
	}
	seen := map[string]bool{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if p.alias(k, path) || p.alias(v, join(path, k.Value)) {
			continue
		}
		if !contains(keys, k.Value) {
			if p.full() {
				continue // no "did you mean" for a problem not recorded
			}
			msg := fmt.Sprintf("unknown key %q", k.Value)
			if s := suggest(k.Value, keys); s != "" {
				msg += fmt.Sprintf("; did you mean %q?", s)
			} else {
				msg += fmt.Sprintf(" (want %s)", strings.Join(keys, ", "))
			}
			p.errorf(pos(k), path, "%s", msg)
			continue
		}
		if seen[k.Value] {
			p.errorf(pos(k), path, "duplicate key %q", k.Value)
			continue
		}
		seen[k.Value] = true
		f(k.Value, k, v)
	}
}

// alias refuses YAML aliases: they let a small file expand to a huge one,
// and a scenario never needs them.
func (p *fileParser) alias(n *yaml.Node, path string) bool {
	if n.Kind == yaml.AliasNode || n.Anchor != "" {
		p.errorf(pos(n), path, "YAML anchors and aliases are not supported")
		return true
	}
	return false
}

func join(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

var topKeys = []string{"name", "title", "description", "sources", "conventions", "counts", "headline", "inputs", "outputs", "expect", "published"}

func (p *fileParser) scenario(root *yaml.Node) {
	s := p.s
	if p.alias(root, "") {
		return
	}
	if root.Kind != yaml.MappingNode {
		p.errorf(pos(root), "", "a scenario is a mapping with keys name, inputs and outputs")
		return
	}
	p.mapping(root, "", topKeys, func(key string, k, v *yaml.Node) {
		s.pos[key] = pos(k)
		switch key {
		case "name":
			s.Name = p.str(v, key)
			if s.Name == "" && v.Kind == yaml.ScalarNode {
				p.errorf(pos(v), key, "scenario name must not be empty")
			} else if s.Name != "" && !scenarioNamePattern.MatchString(s.Name) {
				p.errorf(pos(v), key, "scenario name %q must be lower-case letters and digits joined by '-'", s.Name)
			}
		case "title":
			s.Title = p.str(v, key)
		case "description":
			s.Description = strings.TrimSpace(p.str(v, key))
		case "sources":
			s.Sources = p.strList(v, key)
		case "headline":
			s.Headline = p.strList(v, key)
		case "counts":
			s.Counts = p.textList(v, key)
		case "conventions":
			p.conventions(v)
		case "inputs":
			p.inputs(v)
		case "outputs":
			p.outputs(v)
		case "expect":
			p.expectations(v)
		case "published":
			p.published(v)
		}
	})
	for _, key := range []string{"name", "inputs", "outputs"} {
		if _, ok := s.pos[key]; !ok {
			p.errorf(Pos{1, 1}, "", "missing %s", key)
		}
	}
}

// str reads a scalar as text.
func (p *fileParser) str(n *yaml.Node, path string) string {
	if p.alias(n, path) {
		return ""
	}
	if n.Kind != yaml.ScalarNode {
		p.errorf(pos(n), path, "want a single value, not a %s", kindName(n))
		return ""
	}
	return n.Value
}

// text reads a scalar with its place and style.
func (p *fileParser) text(n *yaml.Node, path string) Text {
	if p.alias(n, path) {
		return Text{Pos: pos(n), Path: path, style: badText}
	}
	if n.Kind != yaml.ScalarNode {
		p.errorf(pos(n), path, "want a single value, not a %s", kindName(n))
		return Text{Pos: pos(n), Path: path, style: badText}
	}
	t := Text{Value: n.Value, Pos: pos(n), Path: path}
	switch {
	case n.Style&yaml.LiteralStyle != 0:
		t.style = literalBlock
	case n.Style&yaml.FoldedStyle != 0:
		t.style = otherText
	case n.Style&(yaml.DoubleQuotedStyle|yaml.SingleQuotedStyle) != 0:
		t.style = quotedText
	}
	if t.style != literalBlock && strings.Contains(n.Value, "\n") {
		t.style = otherText
	}
	if t.style == plainText || t.style == quotedText {
		col := t.Pos.Col
		if t.style == quotedText {
			col++ // past the quote
		}
		if !p.s.verbatimAt(t.Pos.Line, col, t.Value) {
			t.style = otherText // folded from several lines, or escaped
		}
	}
	if n.Tag == "!!null" && n.Value == "" || n.Value == "~" && n.Style == 0 {
		t.Value = ""
	}
	return t
}

func (p *fileParser) strList(n *yaml.Node, path string) []string {
	if n.Kind == yaml.ScalarNode {
		return []string{n.Value}
	}
	if n.Kind != yaml.SequenceNode {
		p.errorf(pos(n), path, "want a list")
		return nil
	}
	var out []string
	for _, e := range n.Content {
		out = append(out, p.str(e, path))
	}
	return out
}

// textList reads a list of scalars, or one, keeping their places.
func (p *fileParser) textList(n *yaml.Node, path string) []Text {
	if n.Kind == yaml.ScalarNode {
		return []Text{p.text(n, path)}
	}
	if n.Kind != yaml.SequenceNode {
		p.errorf(pos(n), path, "want a list")
		return nil
	}
	var out []Text
	for _, e := range n.Content {
		out = append(out, p.text(e, path))
	}
	return out
}

func kindName(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "mapping"
	case yaml.SequenceNode:
		return "list"
	case yaml.AliasNode:
		return "alias"
	}
	return "value"
}

func (p *fileParser) conventions(n *yaml.Node) {
	c := &p.s.Conventions
	c.Set = true
	p.mapping(n, "conventions", []string{"profile", "day", "month", "year"}, func(key string, k, v *yaml.Node) {
		t := p.text(v, "conventions."+key)
		switch key {
		case "profile":
			c.Profile = t
		case "day":
			c.Day = t
		case "month":
			c.Month = t
		case "year":
			c.Year = t
		}
	})
}

// entries walks a mapping of names, such as inputs or outputs, checking
// each name.
func (p *fileParser) entries(n *yaml.Node, path string, f func(name string, k, v *yaml.Node)) {
	if n.Kind != yaml.MappingNode {
		p.errorf(pos(n), path, "want a mapping of names to values")
		return
	}
	if len(n.Content) == 0 && path != "expect" {
		p.errorf(pos(n), path, "no %s", path)
	}
	seen := map[string]bool{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if p.alias(k, path) {
			continue
		}
		if (path == "expect" || path == "published") && seen[k.Value] {
			// Two checks of one name would both be reported, the first
			// perhaps as holding: keep one, and say so.
			p.errorf(pos(k), join(path, k.Value), "duplicate key %q; %s names each output once", k.Value, path)
			continue
		}
		seen[k.Value] = true
		if p.alias(v, join(path, k.Value)) {
			p.refusedEntry(path, k)
			continue
		}
		f(k.Value, k, v)
	}
}

func (p *fileParser) inputs(n *yaml.Node) {
	p.entries(n, "inputs", func(name string, k, v *yaml.Node) {
		if !p.roomForName(k, "inputs."+name) {
			return
		}
		in := &Input{Name: name, NamePos: pos(k)}
		path := "inputs." + name
		if v.Kind == yaml.MappingNode {
			p.mapping(v, path, []string{"value", "unit", "description"}, func(key string, _, w *yaml.Node) {
				switch key {
				case "value":
					in.Value = p.text(w, path+".value")
				case "unit":
					in.Unit = p.text(w, path+".unit")
				case "description":
					in.Description = strings.TrimSpace(p.str(w, path+".description"))
				}
			})
			if in.Value.Pos.Line == 0 {
				p.errorf(pos(v), path, "missing value")
				in.Value.style = badText
			}
		} else {
			in.Value = p.text(v, path)
		}
		p.s.Inputs = append(p.s.Inputs, in)
	})
}

func (p *fileParser) outputs(n *yaml.Node) {
	p.entries(n, "outputs", func(name string, k, v *yaml.Node) {
		if !p.roomForName(k, "outputs."+name) {
			return
		}
		out := &Output{Name: name, NamePos: pos(k)}
		path := "outputs." + name
		if v.Kind == yaml.MappingNode {
			p.mapping(v, path, []string{"formula", "unit", "description"}, func(key string, _, w *yaml.Node) {
				switch key {
				case "formula":
					out.Formula = p.text(w, path+".formula")
				case "unit":
					out.Unit = p.text(w, path+".unit")
				case "description":
					out.Description = strings.TrimSpace(p.str(w, path+".description"))
				}
			})
			if out.Formula.Pos.Line == 0 {
				p.errorf(pos(v), path, "missing formula")
				out.Formula.style = badText
			}
		} else {
			out.Formula = p.text(v, path)
		}
		p.s.Outputs = append(p.s.Outputs, out)
	})
}

func (p *fileParser) expectations(n *yaml.Node) {
	p.entries(n, "expect", func(name string, k, v *yaml.Node) {
		e := &Expectation{Name: name, NamePos: pos(k)}
		path := "expect." + name
		if v.Kind == yaml.MappingNode {
			p.mapping(v, path, []string{"value", "tolerance", "p5", "p25", "p50", "p75", "p95", "mean"}, func(key string, _, w *yaml.Node) {
				switch key {
				case "value":
					e.Value = p.text(w, path+".value")
				case "tolerance":
					e.Tolerance = p.text(w, path+".tolerance")
				default:
					// A figure of an uncertain output: p95: 17.4K/s ± 2%.
					if e.Value.Pos.Line != 0 {
						p.errorf(pos(w), path+"."+key, "an expectation checks one figure: value, or one of p5, p25, p50, p75, p95, mean")
						return
					}
					e.Value = p.text(w, path+"."+key)
					if key != "p50" {
						e.Stat = key
					}
				}
			})
			if e.Value.Pos.Line == 0 {
				p.errorf(pos(v), path, "missing value")
				e.Value.style = badText
			}
			// "value: 100 ± 5%" in the long form is the short form's
			// value and tolerance, not 100 + -5%.
			if value, tol := splitTolerance(e.Value); tol.Value != "" {
				if e.Tolerance.Value != "" {
					p.errorf(tol.Pos, path, "the tolerance is given twice: in value and in tolerance")
				}
				e.Value, e.Tolerance = value, tol
			}
		} else {
			e.Value = p.text(v, path)
			e.Value, e.Tolerance = splitTolerance(e.Value)
		}
		p.s.Expect = append(p.s.Expect, e)
	})
}

// published reads what a scenario's source printed: a value for each
// name, and a note, either as the value's YAML comment ("365 TB # counts
// ten years twice") or in the long form {value, note}.
func (p *fileParser) published(n *yaml.Node) {
	p.entries(n, "published", func(name string, k, v *yaml.Node) {
		pub := &Published{Name: name, NamePos: pos(k)}
		path := "published." + name
		if v.Kind == yaml.MappingNode {
			p.mapping(v, path, []string{"value", "note"}, func(key string, _, w *yaml.Node) {
				switch key {
				case "value":
					pub.Value = p.text(w, path+".value")
				case "note":
					pub.Note = strings.TrimSpace(p.str(w, path+".note"))
				}
			})
			if pub.Value.Pos.Line == 0 {
				p.errorf(pos(v), path, "missing value")
				pub.Value.style = badText
			}
		} else {
			pub.Value = p.text(v, path)
			pub.Note = strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(v.LineComment), "#"))
		}
		p.s.Published = append(p.s.Published, pub)
	})
}

// splitTolerance splits "11574/s ± 0.1%" into the value and the
// tolerance, keeping each one's place in the file.
func splitTolerance(t Text) (value, tol Text) {
	for _, sep := range []string{"±", "+-"} {
		before, after, ok := strings.Cut(t.Value, sep)
		if !ok {
			continue
		}
		value, tol = t, t
		value.Value = strings.TrimRight(before, " \t")
		lead := len([]rune(after)) - len([]rune(strings.TrimLeft(after, " \t")))
		tol.Value = strings.TrimSpace(after)
		if t.style != otherText { // else its place is not known: the start
			tol.Pos.Col += len([]rune(before)) + len([]rune(sep)) + lead
		}
		return value, tol
	}
	return t, Text{}
}

// checkNames reports bad and duplicate names of inputs and outputs. It
// is the first step of Compile, so that a Scenario built in Go has its
// names checked as a parsed one does.
func (c *compiler) checkNames() {
	s := c.s
	seen := map[string]string{}
	check := func(section, name string, at Pos) {
		path := section + "." + name
		if msg := checkName(name); msg != "" {
			c.errorf(at, path, "%s", msg)
			return
		}
		if prev, dup := seen[name]; dup {
			c.errorf(at, path, "duplicate name %q (also in %s)", name, prev)
			return
		}
		seen[name] = section
	}
	for _, in := range s.Inputs {
		check("inputs", in.Name, in.NamePos)
	}
	for _, out := range s.Outputs {
		check("outputs", out.Name, out.NamePos)
	}
}

func quote(s string) string { return strconv.Quote(s) }

// yamlVersionAsComment turns a %YAML 1.1 or 1.2 directive at the start
// of a file into a comment of the same length, so that positions stay:
// the YAML decoder reads only its own version's directive, and a
// scenario means the same in either.
func yamlVersionAsComment(src []byte) []byte {
	for _, v := range []string{"%YAML 1.2", "%YAML 1.1"} {
		if bytes.HasPrefix(src, []byte(v)) {
			out := bytes.Clone(src)
			out[0] = '#'
			return out
		}
	}
	return src
}
