// Package svgtest reads the text of SVG charts, for tests that check what
// a chart says without comparing its drawing byte for byte.
package svgtest

import (
	"bytes"
	"encoding/xml"
	"io"
	"strings"
)

// Texts returns the trimmed contents of every text element of an SVG
// document, in document order, or an error if the document is not XML.
func Texts(svg []byte) ([]string, error) {
	d := xml.NewDecoder(bytes.NewReader(svg))
	var texts []string
	in := false
	for {
		tok, err := d.Token()
		if err == io.EOF {
			return texts, nil
		}
		if err != nil {
			return nil, err
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			in = tok.Name.Local == "text"
		case xml.CharData:
			if in {
				texts = append(texts, strings.TrimSpace(string(tok)))
			}
		case xml.EndElement:
			in = false
		}
	}
}
