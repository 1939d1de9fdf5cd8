package render

import (
	"bytes"
	"html"
	"regexp"
	"strings"
	"testing"

	"github.com/envelope-cli/envelope/estimate"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
)

// hostile is a scenario whose texts are full of what Markdown would read
// as markup, and of terminal controls.
const hostile = `name: hostile
title: "Costs *really* <b>high</b> | #1 ~~here~~"
description: "Uses ` + "`code`" + `, [a link](http://example.com), www.example.com, me@example.com, _under_ & ~strike~ and \e[2J"
sources: ["a|b", "*x* <i>y</i>"]
inputs:
  a:
    value: 2
    description: "a*b* and | pipe, 1 < 2 & <script>"
  c: 3
outputs:
  ab:
    formula: a*c
    description: x_y_z
  abc: a*c*a
expect:
  ab: 6
`

func hostileResult(t *testing.T) *estimate.Result {
	t.Helper()
	m, err := estimate.Load("hostile.yaml", []byte(hostile), estimate.Options{})
	if err != nil {
		t.Fatal(err)
	}
	r, err := m.Evaluate()
	if err != nil {
		t.Fatal(err)
	}
	return r
}

var (
	cellPattern = regexp.MustCompile(`(?s)<(td|th|h3|p|li)[^>]*>(.*?)</(td|th|h3|p|li)>`)
	tagPattern  = regexp.MustCompile(`<[^>]*>`)
)

// TestMarkdownRendersAsWritten renders the Markdown output with goldmark,
// as GitHub would, and checks that every heading, paragraph, list item
// and table cell reads as the text it came from: no emphasis, link, HTML
// or strikethrough made from a scenario's text, no cell split by a '|',
// and the working (--explain) in code spans.
func TestMarkdownRendersAsWritten(t *testing.T) {
	var md bytes.Buffer
	if err := Result(&md, hostileResult(t), Options{Format: "markdown", Explain: true}); err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	if err := goldmark.New(goldmark.WithExtensions(extension.GFM)).Convert(md.Bytes(), &out); err != nil {
		t.Fatal(err)
	}
	page := out.String()
	for _, tag := range []string{"<em>", "<strong>", "<a ", "<del>", "<b>", "<i>", "<script>"} {
		if strings.Contains(page, tag) {
			t.Errorf("rendered Markdown has %s:\n%s\n%s", tag, md.String(), page)
		}
	}
	var texts []string
	for _, m := range cellPattern.FindAllStringSubmatch(page, -1) {
		texts = append(texts, html.UnescapeString(tagPattern.ReplaceAllString(m[2], "")))
	}
	for _, want := range []string{
		"Costs *really* <b>high</b> | #1 ~~here~~",
		"Uses `code`, [a link](http://example.com), www.example.com, me@example.com, _under_ & ~strike~ and \\x1b[2J",
		"a*b* and | pipe, 1 < 2 & <script>",
		"x_y_z",
		"a", "c", "ab", "abc",
		"a*c = 2*3",
		"a*c*a = 2*3*2",
		"a|b", "*x* <i>y</i>",
	} {
		found := false
		for _, got := range texts {
			if got == want {
				found = true
			}
		}
		if !found {
			t.Errorf("no heading, paragraph, item or cell reads %q; got %q\n%s", want, texts, md.String())
		}
	}
	// Each row has as many cells as its header.
	if strings.Count(page, "<tr>") == 0 {
		t.Fatalf("no table:\n%s", page)
	}
}
