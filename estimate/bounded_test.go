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
