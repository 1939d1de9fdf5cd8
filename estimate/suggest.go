package estimate

import "strings"

// suggest returns the candidate closest to name when it is close enough
// to be a likely slip of the keyboard, or "".
func suggest(name string, candidates []string) string {
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
