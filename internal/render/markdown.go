package render

import (
	"strings"
)

// markdownSpecial are the characters that Markdown (CommonMark and GFM)
// may read as inline markup in a table cell or a heading: escapes,
// emphasis, code, links and images, HTML and autolinks, entities,
// strikethrough, the cell separator, a heading's closing '#', and the ':'
// and '@' of GFM's extended autolinks (http://…, name@host); MarkdownText
// escapes the '.' of "www." too. Block markup (lists, headings) cannot
// start inside a cell, and a heading's text follows "### ".
const markdownSpecial = "\\`*_[]<>&~|#:@"

// MarkdownText makes untrusted text safe as inline Markdown in a table
// cell: controls escaped (see Escape), white space joined into single
// spaces, and every character Markdown could read as markup escaped with
// a backslash, so that the text renders as written.
func MarkdownText(s string) string {
	s = Escape(strings.Join(strings.Fields(s), " "))
	var b strings.Builder
	for i, r := range s {
		if strings.ContainsRune(markdownSpecial, r) || (r == '.' && strings.HasSuffix(strings.ToLower(s[:i]), "www")) {
			b.WriteByte('\\')
		}
		b.WriteRune(r)
	}
	return b.String()
}

// Code makes untrusted text a Markdown code span for a table cell, such
// as a name or a formula: controls escaped, white space joined, fenced by
// enough backticks that none inside closes it, and '|' escaped, which a
// GFM table reads as a cell separator even inside a code span.
func Code(s string) string {
	s = Escape(strings.Join(strings.Fields(s), " "))
	if s == "" {
		return ""
	}
	run, longest := 0, 0
	for _, r := range s {
		if r == '`' {
			run++
			longest = max(longest, run)
		} else {
			run = 0
		}
	}
	fence := strings.Repeat("`", longest+1)
	if strings.HasPrefix(s, "`") || strings.HasSuffix(s, "`") || longest > 0 {
		s = " " + s + " "
	}
	return fence + strings.ReplaceAll(s, "|", `\|`) + fence
}
