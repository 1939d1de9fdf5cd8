package render

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"reflect"
	"slices"
	"strings"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"
)

// JSON writes v as indented JSON. Besides what encoding/json escapes, it
// escapes DEL, C1 and bidi controls as \uXXXX, so that the output read in
// a terminal cannot attack it; the data decodes to the same strings.
func JSON(w io.Writer, v any) error {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetIndent("", "  ")
	// Formulas hold < and >; escaping them for HTML would make
	// "a > b" read \u003e in a terminal. The output is JSON, not HTML.
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return err
	}
	_, err := w.Write(escapeControls(b.Bytes()))
	return err
}

// YAML writes v as YAML that a YAML 1.1 reader (PyYAML, for one) reads as
// a YAML 1.2 reader does: every float carries a '.', and an exponent a
// sign, so 1e+07 is written 1.0e+07 and 86400 as a float 86400.0; YAML
// 1.1 would read the first as a string and the second as an integer. A
// string with a bidi control or a line separator in it is double-quoted
// with the control escaped, as the YAML library already does for C0 and
// C1 controls.
func YAML(w io.Writer, v any) error {
	doc, err := yamlNode(reflect.ValueOf(v))
	if err != nil {
		return err
	}
	var b bytes.Buffer
	enc := yaml.NewEncoder(&b)
	enc.SetIndent(2)
	if err := enc.Encode(doc); err != nil {
		return err
	}
	if err := enc.Close(); err != nil {
		return err
	}
	_, err = w.Write(escapeControls(b.Bytes()))
	return err
}

// yamlNode builds the YAML of v as the YAML library would, with the
// fields of a struct in order under their yaml tags, but keeping floats
// floats: the library writes 86400.0 as 86400, which reads back as an
// integer, and 1e7 as 1e+07, which YAML 1.1 reads as a string.
func yamlNode(v reflect.Value) (*yaml.Node, error) {
	for v.Kind() == reflect.Pointer || v.Kind() == reflect.Interface {
		if v.IsNil() {
			return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!null", Value: "null"}, nil
		}
		v = v.Elem()
	}
	switch v.Kind() {
	case reflect.Float32, reflect.Float64:
		n := &yaml.Node{}
		if err := n.Encode(v.Float()); err != nil {
			return nil, err
		}
		n.Tag, n.Value = "!!float", yaml11Float(n.Value)
		return n, nil
	case reflect.String:
		n := &yaml.Node{}
		if err := n.Encode(v.String()); err != nil {
			return nil, err
		}
		if strings.IndexFunc(n.Value, isControl) >= 0 {
			n.Style = yaml.DoubleQuotedStyle
		}
		return n, nil
	case reflect.Slice, reflect.Array:
		n := &yaml.Node{Kind: yaml.SequenceNode, Tag: "!!seq"}
		for i := range v.Len() {
			c, err := yamlNode(v.Index(i))
			if err != nil {
				return nil, err
			}
			n.Content = append(n.Content, c)
		}
		return n, nil
	case reflect.Struct:
		return yamlStruct(v)
	case reflect.Map:
		return yamlMap(v)
	}
	n := &yaml.Node{}
	if err := n.Encode(v.Interface()); err != nil {
		return nil, err
	}
	return n, nil
}

// yamlStruct is the YAML mapping of a struct: its exported fields in
// order, under their yaml tags, less those tagged "-" and the empty
// ones tagged omitempty.
func yamlStruct(v reflect.Value) (*yaml.Node, error) {
	n := &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map"}
	t := v.Type()
	for i := range t.NumField() {
		f := t.Field(i)
		if !f.IsExported() {
			continue
		}
		name, opts, _ := strings.Cut(f.Tag.Get("yaml"), ",")
		if name == "-" {
			continue
		}
		if name == "" {
			name = strings.ToLower(f.Name)
		}
		if strings.Contains(opts, "omitempty") && v.Field(i).IsZero() {
			continue
		}
		c, err := yamlNode(v.Field(i))
		if err != nil {
			return nil, err
		}
		n.Content = append(n.Content, &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: name}, c)
	}
	return n, nil
}

// yamlMap is the YAML mapping of a map, its keys sorted.
func yamlMap(v reflect.Value) (*yaml.Node, error) {
	n := &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map"}
	keys := v.MapKeys()
	slices.SortFunc(keys, func(a, b reflect.Value) int { return strings.Compare(fmt.Sprint(a), fmt.Sprint(b)) })
	for _, k := range keys {
		kn, err := yamlNode(k)
		if err != nil {
			return nil, err
		}
		c, err := yamlNode(v.MapIndex(k))
		if err != nil {
			return nil, err
		}
		n.Content = append(n.Content, kn, c)
	}
	return n, nil
}

// yaml11Float writes a float as YAML 1.1 reads floats: with a '.' in the
// mantissa and a sign in the exponent.
func yaml11Float(v string) string {
	if strings.HasPrefix(strings.TrimLeft(v, "+-"), ".") { // .inf, .nan
		return v
	}
	mant, exp, hasExp := strings.Cut(strings.ToLower(v), "e")
	if !strings.Contains(mant, ".") {
		mant += ".0"
	}
	if !hasExp {
		return mant
	}
	if exp != "" && exp[0] != '+' && exp[0] != '-' {
		exp = "+" + exp
	}
	return mant + "e" + exp
}

// escapeControls escapes DEL, C1 and bidi controls, and line and
// paragraph separators, as \uXXXX. It is used only on JSON, and on YAML
// whose strings holding such runes are double-quoted, where that escape
// means the rune itself.
func escapeControls(b []byte) []byte {
	if !bytes.ContainsFunc(b, func(r rune) bool { return r == 0x7f || isControl(r) }) {
		return b
	}
	var out bytes.Buffer
	for len(b) > 0 {
		r, size := utf8.DecodeRune(b)
		if r == 0x7f || isControl(r) {
			fmt.Fprintf(&out, `\u%04x`, r)
		} else {
			out.Write(b[:size])
		}
		b = b[size:]
	}
	return out.Bytes()
}
