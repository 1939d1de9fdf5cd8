package sheet

import (
	"bytes"
	"compress/flate"
	"encoding/base64"
	"fmt"
	"io"
	"strings"

	"github.com/envelope-cli/envelope/estimate"
	"go.yaml.in/yaml/v3"
)

// YAML returns the scenario with each edited input's value replaced by
// what its field holds, as a file to save. The values are found as YAML
// nodes; where each is a scalar on one line, its text is replaced in
// place, written as the YAML encoder writes a string (quoted where YAML
// would read it otherwise), so that the rest of the file stays byte for
// byte as it was. Otherwise the edited node tree is encoded again, which
// keeps comments and order but may change the layout.
func (s *Sheet) YAML() ([]byte, error) {
	if len(s.texts) == 0 {
		return s.src, nil
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(s.src, &doc); err != nil {
		return nil, err // Load read it, so this does not happen
	}
	nodes := map[string]*yaml.Node{}
	for name := range s.texts {
		v, err := s.valueNode(&doc, name)
		if err != nil {
			return nil, err
		}
		nodes[name] = v
	}
	if b, ok := s.spliced(nodes); ok {
		return b, nil
	}
	for name, v := range nodes {
		v.Value, v.Tag, v.Style = s.texts[name], "!!str", 0
	}
	var b bytes.Buffer
	enc := yaml.NewEncoder(&b)
	enc.SetIndent(2)
	if err := enc.Encode(&doc); err != nil {
		return nil, err
	}
	if err := enc.Close(); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// valueNode finds the node of an input's value: inputs.NAME, or
// inputs.NAME.value.
func (s *Sheet) valueNode(doc *yaml.Node, name string) (*yaml.Node, error) {
	var v *yaml.Node
	if doc.Kind == yaml.DocumentNode && len(doc.Content) == 1 {
		v = valueOf(valueOf(doc.Content[0], "inputs"), name)
	}
	if v != nil && v.Kind == yaml.MappingNode {
		v = valueOf(v, "value")
	}
	if v == nil || v.Kind != yaml.ScalarNode {
		return nil, fmt.Errorf("%s: inputs.%s: no value to replace", s.file, name)
	}
	return v, nil
}

// spliced replaces each node's text in the source where the node is a
// plain or single-quoted scalar on one line, and checks that the result
// reads back with the new values.
func (s *Sheet) spliced(nodes map[string]*yaml.Node) ([]byte, bool) {
	lines := strings.SplitAfter(string(s.src), "\n")
	for name, v := range nodes {
		if v.Line < 1 || v.Line > len(lines) || v.Column < 1 {
			return nil, false
		}
		line := []rune(lines[v.Line-1])
		if v.Column-1 > len(line) {
			return nil, false
		}
		rest := string(line[v.Column-1:])
		var raw string
		switch v.Style {
		case 0:
			raw = v.Value
		case yaml.SingleQuotedStyle:
			raw = "'" + strings.ReplaceAll(v.Value, "'", "''") + "'"
		default:
			return nil, false
		}
		if !strings.HasPrefix(rest, raw) || strings.Contains(raw, "\n") {
			return nil, false
		}
		text, ok := scalar(s.texts[name])
		if !ok {
			return nil, false
		}
		lines[v.Line-1] = string(line[:v.Column-1]) + text + rest[len(raw):]
	}
	out := []byte(strings.Join(lines, ""))
	again, err := estimate.Parse(s.file, out)
	if err != nil {
		return nil, false
	}
	for _, in := range again.Inputs {
		if t, ok := s.texts[in.Name]; ok && strings.TrimSpace(in.Value.Value) != t {
			return nil, false
		}
	}
	return out, true
}

// scalar writes text as a one-line YAML scalar that reads back as text:
// bare where YAML reads it so (envelope takes "20" as the text 20, though
// YAML's tag says int), or else as the encoder quotes a string.
func scalar(text string) (string, bool) {
	var n yaml.Node
	if yaml.Unmarshal([]byte("k: "+text+"\n"), &n) == nil && len(n.Content) == 1 {
		if v := valueOf(n.Content[0], "k"); v != nil && v.Kind == yaml.ScalarNode && v.Style == 0 && v.Value == text {
			return text, true
		}
	}
	enc, err := yaml.Marshal(text)
	quoted := strings.TrimSuffix(string(enc), "\n")
	return quoted, err == nil && !strings.Contains(quoted, "\n")
}

// valueOf returns the value of key in mapping n, or nil.
func valueOf(n *yaml.Node, key string) *yaml.Node {
	if n.Kind != yaml.MappingNode {
		return nil
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		if n.Content[i].Value == key {
			return n.Content[i+1]
		}
	}
	return nil
}

// Pack compresses a scenario's text for a share link's URL fragment:
// raw DEFLATE, then unpadded base64url.
func Pack(src []byte) string {
	var b bytes.Buffer
	w, _ := flate.NewWriter(&b, flate.BestCompression)
	w.Write(src)
	w.Close()
	return base64.RawURLEncoding.EncodeToString(b.Bytes())
}

// Unpack reverses Pack, refusing text that would unpack to more than a
// scenario file may hold.
func Unpack(packed string) ([]byte, error) {
	z, err := base64.RawURLEncoding.DecodeString(packed)
	if err != nil {
		return nil, &estimate.Error{Msg: "the link's scenario is damaged: " + err.Error()}
	}
	src, err := io.ReadAll(io.LimitReader(flate.NewReader(bytes.NewReader(z)), estimate.MaxFileSize+1))
	if err != nil {
		return nil, &estimate.Error{Msg: "the link's scenario is damaged: " + err.Error()}
	}
	if len(src) > estimate.MaxFileSize {
		return nil, &estimate.Error{Msg: "the link's scenario is larger than a scenario file may be"}
	}
	return src, nil
}
