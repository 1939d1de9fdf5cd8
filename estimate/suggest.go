package estimate

import (
	"strings"
	"unicode/utf8"
)

// suggest returns the candidate closest to name when it is close enough
// to be a likely slip of the keyboard, or "". A candidate too different
// in length to be closer than the best so far costs no distance: a file
// may have MaxNames inputs and as many outputs.
func suggest(name string, candidates []string) string {
	best, bestDist := "", 3
	n := utf8.RuneCountInString(name)
	for _, c := range candidates {
		if strings.EqualFold(c, name) && c != name {
			return c
		}
		if c == name {
			continue
		}
		m := utf8.RuneCountInString(c)
		limit := min(bestDist, n, m) // the distance to beat
		if n-m >= limit || m-n >= limit {
			continue // the distance is at least the difference in length
		}
		if d := editDistanceBelow(name, c, limit); d < limit {
			best, bestDist = c, d
		}
	}
	return best
}

// editDistanceBelow is the edit distance between a and b when it is
// below limit, and limit or more otherwise, found without allocating
// when both are short ASCII words.
func editDistanceBelow(a, b string, limit int) int {
	const short = 64
	if len(b) >= short || !isASCII(a) || !isASCII(b) {
		return editDistance(a, b)
	}
	var rows [2][short + 1]int
	prev, cur := &rows[0], &rows[1]
	for j := 0; j <= len(b); j++ {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		least := i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			least = min(least, cur[j])
		}
		if least >= limit {
			return least // no row after this one has a smaller entry
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// editDistance is the Levenshtein distance between a and b, in runes.
func editDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}

// Suggest returns the candidate closest to name when it is close enough to
// be a likely slip of the keyboard, or "": the "did you mean" of messages.
func Suggest(name string, candidates []string) string { return suggest(name, candidates) }

// EditDistance is the Levenshtein distance between a and b, in runes: the
// measure behind Suggest, for callers that rank several candidates.
func EditDistance(a, b string) int { return editDistance(a, b) }

// suggestUnit returns the unit that word is a slip of the keyboard for,
// or "". It never offers a unit that means something else: case carries
// meaning in unit symbols (Mb is a megabit, MB a megabyte) and one
// letter of a symbol changes its scale (rpm, rps), so only two kinds of
// slip are taken: a plural s on a symbol ("GiBs"), and a misspelt unit
// word of five letters or more that keeps its first letter ("bytez",
// "minuts", "yeras").
func suggestUnit(word string) string {
	if u, ok := strings.CutSuffix(word, "s"); ok && u != "" {
		if _, known := units[u]; known {
			return u
		}
	}
	if len(word) >= 3 && len(word) <= longestUnitName && isLower(word) {
		// Two neighbouring letters swapped keep every letter of the
		// word, so even a short one keeps its meaning: "dya" is a day.
		// A swap keeps the length: a word longer than every unit is none.
		for i := 0; i+1 < len(word); i++ {
			swapped := word[:i] + string(word[i+1]) + string(word[i]) + word[i+2:]
			if _, ok := units[swapped]; ok && swapped != word {
				return swapped
			}
		}
	}
	if !isUnitWord(word) {
		return ""
	}
	best, bestDist := "", 3
	for _, c := range unitNameList {
		if len(c) < 4 || !isLower(c) || c[0] != word[0] {
			continue
		}
		limit := 1
		if len(word) >= 6 {
			limit = 2
		}
		if abs(len(word)-len(c)) > limit {
			continue // the distance is at least the difference in length
		}
		if d := alignmentDistance(word, c); d <= limit && d < bestDist {
			best, bestDist = c, d
		}
	}
	return best
}

// longestUnitName is the length of the longest unit name, in bytes.
var longestUnitName = func() int {
	n := 0
	for _, u := range unitNameList {
		n = max(n, len(u))
	}
	return n
}()

// isUnitWord reports whether s is long enough a lower-case word for a
// slip in it to be told from another word: five ASCII letters or more.
// Shorter words are too near each other (user and usec, bids and bits)
// for a guess to keep their meaning.
func isUnitWord(s string) bool {
	return len(s) >= 5 && isLower(s)
}

func isLower(s string) bool {
	for _, c := range s {
		if c < 'a' || c > 'z' {
			return false
		}
	}
	return true
}

// alignmentDistance is the edit distance between a and b in which
// swapping two neighbouring letters counts as one edit, as a typist makes
// it ("yeras" for "years").
func alignmentDistance(a, b string) int {
	d := make([][]int, len(a)+1)
	for i := range d {
		d[i] = make([]int, len(b)+1)
		d[i][0] = i
	}
	for j := range d[0] {
		d[0][j] = j
	}
	for i := 1; i <= len(a); i++ {
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			d[i][j] = min(d[i-1][j]+1, d[i][j-1]+1, d[i-1][j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				d[i][j] = min(d[i][j], d[i-2][j-2]+1)
			}
		}
	}
	return d[len(a)][len(b)]
}

// isCountWord reports whether a word of a one-off calculation counts
// things: a lower-case word of two letters or more that is no slip of a
// unit. "users" and "requests" count; "bytez" (byte), "mb" (MB or Mb?)
// and "XB" are errors.
func isCountWord(w string) bool {
	return len(w) >= 2 && countPattern.MatchString(w) && !nearUnit(w)
}

// nearUnit reports whether word is close enough to a unit to be taken
// for a slip rather than a counted thing: a slip suggestUnit knows, an
// ambiguous lower-case byte unit, or a unit in other letter case.
func nearUnit(word string) bool {
	if suggestUnit(word) != "" {
		return true
	}
	if _, ok := ambiguousUnits[word]; ok {
		return true
	}
	for _, u := range unitNameList {
		if strings.EqualFold(u, word) {
			return true
		}
	}
	return false
}
