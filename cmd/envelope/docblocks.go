package main

import (
	"bytes"
	"errors"
	"fmt"
	"path/filepath"
	"regexp"
	"strings"
)

// blockStart and blockEnd match the markers around a block, each a
// line of its own.
var (
	blockStart = regexp.MustCompile(`^<!--\s*envelope\s+(.*?)\s*-->$`)
	blockEnd   = regexp.MustCompile(`^<!--\s*/envelope\s*-->$`)
)

// A docBlock is one block of a document: the command of its start
// marker, and where its body lies, between the markers' lines.
type docBlock struct {
	line       int    // of the start marker, from 1
	command    string // as the marker writes it
	start, end int    // the body is src[start:end]
	eol        string // the start marker's line ending, which the body's lines take
}

// parseDoc finds the blocks of a document, and reports every misplaced
// marker at once. A marker shown in a fenced code block, as in an
// example, is text; inside a block only the markers count, since its
// body is output.
func parseDoc(file string, src []byte) ([]docBlock, error) {
	var blocks []docBlock
	var errs []error
	var open *docBlock
	fence := "" // the fence of the code block the line is in, if any
	off := 0
	for n, line := range strings.SplitAfter(string(src), "\n") {
		next := off + len(line)
		text := strings.TrimSpace(line)
		start := blockStart.FindStringSubmatch(text)
		switch f := fenceOf(text); {
		case open != nil && blockEnd.MatchString(text):
			open.end = off
			blocks = append(blocks, *open)
			open = nil
		case open != nil && start != nil:
			errs = append(errs, fmt.Errorf("%s:%d: envelope block has no <!-- /envelope --> before the next block, at line %d", file, open.line, n+1))
			open = &docBlock{line: n + 1, command: start[1], start: next, eol: lineEnding(line)}
		case open != nil:
		case fence != "":
			if strings.HasPrefix(f, fence) && strings.Trim(text, f[:1]) == "" {
				fence = ""
			}
		case f != "":
			fence = f
		case blockEnd.MatchString(text):
			errs = append(errs, fmt.Errorf("%s:%d: <!-- /envelope --> ends no envelope block", file, n+1))
		case start != nil:
			open = &docBlock{line: n + 1, command: start[1], start: next, eol: lineEnding(line)}
		}
		off = next
	}
	if open != nil {
		errs = append(errs, fmt.Errorf("%s:%d: envelope block has no <!-- /envelope --> to end it", file, open.line))
	}
	return blocks, errors.Join(errs...)
}

// lineEnding is the line ending of a line: "\r\n", or "\n".
func lineEnding(line string) string {
	if strings.HasSuffix(line, "\r\n") {
		return "\r\n"
	}
	return "\n"
}

// regenerate returns the document with every block's body made anew,
// every other byte as it was, and how many blocks it has. Each command
// runs in the document's directory; every problem is reported at once.
func regenerate(file string, src []byte) ([]byte, int, error) {
	blocks, err := parseDoc(file, src)
	if err != nil {
		return nil, 0, err
	}
	dir := filepath.Dir(file)
	var out bytes.Buffer
	var errs []error
	last := 0
	for _, b := range blocks {
		body, err := runDocBlock(dir, b.command)
		if err != nil {
			errs = append(errs, fmt.Errorf("%s:%d: envelope %s: %v", file, b.line, b.command, err))
			continue
		}
		if b.eol != "\n" {
			body = strings.ReplaceAll(body, "\n", b.eol)
		}
		out.Write(src[last:b.start])
		out.WriteString(body)
		last = b.end
	}
	if len(errs) > 0 {
		return nil, 0, errors.Join(errs...)
	}
	out.Write(src[last:])
	return out.Bytes(), len(blocks), nil
}

// fenceOf returns the run of backticks or tildes that opens a fenced
// code block on line, or "".
func fenceOf(line string) string {
	for _, c := range []string{"`", "~"} {
		n := len(line) - len(strings.TrimLeft(line, c))
		if n >= 3 {
			return strings.Repeat(c, n)
		}
	}
	return ""
}
