package sheet

import (
	"bytes"
	"compress/flate"
	"encoding/base64"
	"fmt"
	"io"

	"github.com/envelope-cli/envelope/estimate"
	"go.yaml.in/yaml/v3"
)

// YAML returns the scenario with each edited input's value replaced by
// what its field holds, as a file to save. The file is edited as YAML
// nodes, so that its comments, order and other values stay as written;
// only the layout may change (yaml.v3 re-indents by two spaces).
func (s *Sheet) YAML() ([]byte, error) {
	if len(s.texts) == 0 {
		return s.src, nil
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(s.src, &doc); err != nil {
		return nil, err // Load read it, so this does not happen
	}
	if doc.Kind != yaml.DocumentNode || len(doc.Content) != 1 {
		return nil, fmt.Errorf("%s: not one YAML document", s.file)
	}
	inputs := valueOf(doc.Content[0], "inputs")
	if inputs == nil {
		return nil, fmt.Errorf("%s: no inputs", s.file)
	}
	for name, text := range s.texts {
		v := valueOf(inputs, name)
		if v != nil && v.Kind == yaml.MappingNode {
			v = valueOf(v, "value")
		}
		if v == nil || v.Kind != yaml.ScalarNode {
			return nil, fmt.Errorf("%s: inputs.%s: no value to replace", s.file, name)
		}
		// A plain string; the encoder quotes it where YAML would read it
		// otherwise ("10", "true", ": x").
		v.Value, v.Tag, v.Style = text, "!!str", 0
		if looksNumeric(text) {
			v.Tag = "!!int" // written bare, as "10" was, and read back as the same text
		}
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

// looksNumeric reports whether text is a plain decimal integer or
// fraction, which YAML reads as a number and envelope as the same value.
func looksNumeric(text string) bool {
	if text == "" {
		return false
	}
	dot := false
	for i, r := range text {
		switch {
		case r >= '0' && r <= '9':
		case r == '.' && !dot && i > 0:
			dot = true
		default:
			return false
		}
	}
	return !dot // "2.5" is written as a float by the encoder anyway
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
