package estimate

import (
	"math/rand/v2"
	"strings"
	"testing"
)

// referenceSuggest is suggest as first written, a distance to every
// candidate: the fast one must agree with it.
func referenceSuggest(name string, candidates []string) string {
	best, bestDist := "", 3
	for _, c := range candidates {
		if strings.EqualFold(c, name) && c != name {
			return c
		}
		if c == name {
			continue
		}
		if d := editDistance(name, c); d < bestDist && d < len([]rune(name)) && d < len([]rune(c)) {
			best, bestDist = c, d
		}
	}
	return best
}

func randomWord(r *rand.Rand) string {
	const letters = "abcxyz_0éK\u212a"
	rs := []rune(letters)
	w := make([]rune, r.IntN(8))
	for i := range w {
		w[i] = rs[r.IntN(len(rs))]
	}
	return string(w)
}

func TestSuggestAgrees(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for range 2000 {
		candidates := make([]string, r.IntN(40))
		for i := range candidates {
			candidates[i] = randomWord(r)
		}
		name := randomWord(r)
		if got, want := suggest(name, candidates), referenceSuggest(name, candidates); got != want {
			t.Fatalf("suggest(%q, %q) = %q, want %q", name, candidates, got, want)
		}
	}
}

// TestByteAt finds columns of lines of every kind as converting the line
// to runes does.
func TestByteAt(t *testing.T) {
	lines := []string{"", "abc", "é", strings.Repeat("é", 64), strings.Repeat("é", 63) + "x", strings.Repeat("aé€😀", 100)}
	for _, line := range lines {
		s := &Scenario{lines: []string{line}, marks: [][]int32{runeMarks(line)}}
		rs := []rune(line)
		for col := -1; col <= len(rs)+3; col++ {
			at, ok := s.byteAt(1, col)
			wantOK := col >= 1 && col-1 <= len(rs)
			if ok != wantOK || ok && line[at:] != string(rs[col-1:]) {
				t.Errorf("byteAt(%q, %d) = %d, %v", line, col, at, ok)
			}
		}
	}
}

// referenceCaret is Caret as first written, converting the whole line to
// runes: the windowed one must agree with it.
func referenceCaret(e *Error) string {
	if e.Source == "" || e.Col < 1 {
		return ""
	}
	line := singleLine(strings.ReplaceAll(e.Source, "\t", " "))
	rs := []rune(line)
	pad := min(e.Col-1, len(rs))
	if len(rs) > caretWidth {
		from := max(0, min(pad-caretWidth/2, len(rs)-caretWidth))
		to := min(len(rs), from+caretWidth)
		out := string(rs[from:to])
		if from > 0 {
			out = "..." + out
			pad += 3
		}
		if to < len(rs) {
			out += "..."
		}
		line, pad = out, pad-from
	}
	return "  " + line + "\n  " + strings.Repeat(" ", pad) + "^"
}

func TestCaretAgrees(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	pieces := []string{"a", "é", "\t", "\r", "\n", "\u2028", "\xff", "😀", " + "}
	for range 3000 {
		var b strings.Builder
		for range r.IntN(300) {
			b.WriteString(pieces[r.IntN(len(pieces))])
		}
		e := &Error{Source: b.String(), Col: r.IntN(320) - 2}
		if got, want := e.Caret(), referenceCaret(e); got != want {
			t.Fatalf("Caret of %q at %d:\n%q\nwant\n%q", e.Source, e.Col, got, want)
		}
	}
}
