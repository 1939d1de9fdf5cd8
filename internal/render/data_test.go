package render

import (
	"bytes"
	"encoding/json"
	"reflect"
	"regexp"
	"strings"
	"testing"

	"github.com/envelope-cli/envelope/estimate"
	"go.yaml.in/yaml/v3"
)

// yaml11Float is the pattern of tag:yaml.org,2002:float in YAML 1.1
// (yaml.org/type/float.html): a '.' always, and a signed exponent.
var yaml11FloatPattern = regexp.MustCompile(`^[-+]?([0-9][0-9_]*)?\.[0-9.]*([eE][-+][0-9]+)?$|^[-+]?\.(inf|Inf|INF)$|^\.(nan|NaN|NAN)$`)

func TestYAML11Float(t *testing.T) {
	for in, want := range map[string]string{
		"1e+07": "1.0e+07", "86400": "86400.0", "2.592e+06": "2.592e+06", "0": "0.0",
		"-3": "-3.0", "6.4e-06": "6.4e-06", "1157.4074074074074": "1157.4074074074074",
		".inf": ".inf", "-.inf": "-.inf", ".nan": ".nan", "1e-07": "1.0e-07",
	} {
		got := yaml11Float(in)
		if got != want || !yaml11FloatPattern.MatchString(got) {
			t.Errorf("yaml11Float(%q) = %q, want %q, a YAML 1.1 float", in, got, want)
		}
	}
}

// TestYAMLRoundTrips decodes the YAML of reports as a YAML 1.1 reader
// would: every float must match YAML 1.1's float pattern (1e+07 does not:
// PyYAML reads it as a string), and the values must equal the JSON's.
func TestYAMLRoundTrips(t *testing.T) {
	m, err := estimate.Load("big.yaml", []byte(`name: big
title: Big numbers
inputs:
  users: 10M
  size: 1 KB
  tiny: 1e-7
  whole: 86400
outputs:
  total: users * size
  rate: users / day
  small: tiny * 3
  back: whole / 2
`), estimate.Options{})
	if err != nil {
		t.Fatal(err)
	}
	r, err := m.Evaluate()
	if err != nil {
		t.Fatal(err)
	}
	var y, j bytes.Buffer
	if err := Result(&y, r, Options{Format: "yaml", Explain: true}); err != nil {
		t.Fatal(err)
	}
	if err := Result(&j, r, Options{Format: "json", Explain: true}); err != nil {
		t.Fatal(err)
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(y.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	floats := 0
	var walk func(n *yaml.Node)
	walk = func(n *yaml.Node) {
		if n.Kind == yaml.ScalarNode && n.Tag == "!!float" {
			floats++
			if n.Style == 0 && !yaml11FloatPattern.MatchString(n.Value) {
				t.Errorf("line %d: %s is not a float to YAML 1.1", n.Line, n.Value)
			}
		}
		if n.Kind == yaml.ScalarNode && n.Tag == "!!int" {
			t.Errorf("line %d: %s reads as an integer", n.Line, n.Value)
		}
		for _, c := range n.Content {
			walk(c)
		}
	}
	walk(&doc)
	if floats < 10 {
		t.Errorf("%d floats in:\n%s", floats, y.String())
	}
	var fromYAML, fromJSON any
	if err := yaml.Unmarshal(y.Bytes(), &fromYAML); err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(j.Bytes(), &fromJSON); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(normalize(fromYAML), normalize(fromJSON)) {
		t.Errorf("YAML and JSON differ:\n%s\n%s", y.String(), j.String())
	}
	if !strings.Contains(y.String(), "1.0e+07") {
		t.Errorf("want 1.0e+07 in:\n%s", y.String())
	}
}

// normalize makes decoded YAML and JSON comparable: numbers as float64,
// maps with string keys.
func normalize(v any) any {
	switch v := v.(type) {
	case map[string]any:
		out := map[string]any{}
		for k, e := range v {
			out[k] = normalize(e)
		}
		return out
	case []any:
		out := make([]any, len(v))
		for i, e := range v {
			out[i] = normalize(e)
		}
		return out
	case int:
		return float64(v)
	}
	return v
}

// TestDataEscapesControls: JSON and YAML keep their strings exact, but
// print no raw control that would act on a terminal.
func TestDataEscapesControls(t *testing.T) {
	v := map[string]string{"title": "a\x1b[2Jb\u009bc\u202ed\u2028e\x7f"}
	for name, write := range map[string]func(*bytes.Buffer) error{
		"json": func(b *bytes.Buffer) error { return JSON(b, v) },
		"yaml": func(b *bytes.Buffer) error { return YAML(b, v) },
	} {
		var b bytes.Buffer
		if err := write(&b); err != nil {
			t.Fatal(err)
		}
		if strings.ContainsAny(b.String(), "\x1b\u009b\u202e\u2028\x7f") {
			t.Errorf("%s: raw control in %q", name, b.String())
		}
		var back map[string]string
		var err error
		if name == "json" {
			err = json.Unmarshal(b.Bytes(), &back)
		} else {
			err = yaml.Unmarshal(b.Bytes(), &back)
		}
		if err != nil || back["title"] != v["title"] {
			t.Errorf("%s: read back %q, %v; want %q", name, back["title"], err, v["title"])
		}
	}
}
