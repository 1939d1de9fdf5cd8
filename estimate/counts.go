package estimate

import (
	"fmt"
	"regexp"

	"github.com/envelope-cli/envelope/internal/syntax"
)

// countPattern is the shape of a counted thing's name: a lower-case word.
var countPattern = regexp.MustCompile(`^[a-z][a-z_]*$`)

// counts checks the counted things the scenario declares and makes each
// a word of its formulas, in the singular and the plural: counts: [user]
// lets formulas write "100M users" and "2 tweets/user/day".
func (c *compiler) counts() {
	m := c.m
	m.counts = map[string]string{}
	for _, t := range c.s.Counts {
		if t.style == badText {
			continue
		}
		w := t.Value
		one := singular(w)
		switch {
		case !countPattern.MatchString(w):
			c.errorf(t.Pos, "counts", "counted thing %q must be a lower-case word, such as user or request", w)
			continue
		case units[w].Name != "" || units[one].Name != "" || units[plural(one)].Name != "":
			c.errorf(t.Pos, "counts", "counted thing %q is a unit; choose another word", w)
			continue
		case syntax.IsKeyword(w) || functions[w].arity != 0:
			c.errorf(t.Pos, "counts", "counted thing %q is a word of formulas; choose another", w)
			continue
		}
		if _, dup := m.counts[one]; dup {
			c.errorf(t.Pos, "counts", "counted thing %q is declared twice", w)
			continue
		}
		m.counts[one], m.counts[plural(one)], m.counts[w] = one, one, one
	}
}

// declareCounts is the message that suggests declaring word as a counted
// thing.
func declareCounts(word string) string {
	one := singular(word)
	return fmt.Sprintf("to count %s, declare it: counts: [%s]", plural(one), one)
}
