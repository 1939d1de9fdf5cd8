package estimate

import (
	"regexp"

	"github.com/envelope-cli/envelope/internal/syntax"
)

// A Scenario is a scenario file as written: its description, conventions,
// inputs, outputs and expectations, each with the place it came from.
// Parse reads one; Compile checks it and makes a Model to evaluate.
type Scenario struct {
	File        string
	Name        string
	Title       string
	Description string
	Sources     []string
	Headline    []string // output (or input) names to show in summaries
	Counts      []Text   // the counted things it declares: user, request
	Conventions ConventionSettings
	Inputs      []*Input
	Outputs     []*Output
	Expect      []*Expectation
	Published   []*Published

	// Source is the file's text, kept to quote lines in error messages.
	Source []byte
	lines  []string
	marks  [][]int32      // runeMarks of each line
	pos    map[string]Pos // positions of top-level keys, by key
}

// A Pos is a place in a scenario file: a 1-based line and column in runes.
type Pos struct {
	Line, Col int
}

// A Text is a scalar value from the file with its place, so that a
// problem inside a formula can be pointed at exactly.
type Text struct {
	Value string
	Pos   Pos
	Path  string // where it is in the scenario, "outputs.storage.formula"
	style textStyle
}

// textStyle says how a scalar was written, which decides how offsets
// inside its value map to columns in the file.
type textStyle uint8

const (
	plainText textStyle = iota
	quotedText
	literalBlock // |
	otherText    // folded or multi-line: positions point at its start
	badText      // not a value (a list, a mapping, or none): Parse reported it
)

// ConventionSettings are the conventions a scenario asks for: a profile
// and optional lengths of day, month and year as time expressions.
type ConventionSettings struct {
	Profile          Text
	Day, Month, Year Text
	Set              bool // the file has a conventions section
}

// An Input is a named constant of the scenario, such as users or sizes.
type Input struct {
	Name        string
	NamePos     Pos
	Value       Text // a constant expression, "100M/day"
	Unit        Text // optional display unit
	Description string
}

// An Output is a named formula over inputs and other outputs.
type Output struct {
	Name        string
	NamePos     Pos
	Formula     Text
	Unit        Text // optional display unit, "TB"
	Description string
}

// An Expectation is a value the scenario's author expects a name to take,
// "36.5 TB" or "11574/s ± 0.1%".
type Expectation struct {
	Name      string
	NamePos   Pos
	Value     Text
	Tolerance Text // "" for the default
	// Stat is the figure of an uncertain value it checks: p5, p25, p75,
	// p95 or mean; "" checks the median, or a certain value itself.
	Stat string
}

// A Published figure is what a scenario's source printed for one of its
// names. It is shown beside the computed value, with the deviation, and
// never fails a check: a source may round, or be wrong.
type Published struct {
	Name    string
	NamePos Pos
	Value   Text
	Note    string // why it differs, if the file says
}

// DefaultTolerance is the relative tolerance of an expectation that sets
// none: ±1%.
const DefaultTolerance = 0.01

var (
	namePattern         = regexp.MustCompile(`^[a-z_][a-z0-9_]*$`)
	scenarioNamePattern = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)
)

// checkName says what is wrong with a name for an input or output, or "".
func checkName(name string) string {
	switch {
	case !namePattern.MatchString(name):
		return "name " + quote(name) + " must be lower-case letters, digits and '_', starting with a letter or '_'"
	case units[name].Name != "":
		return "name " + quote(name) + " is a unit or scale word; choose another"
	case functions[name].arity != 0 || distFunctions[name] != 0 || name == "normal":
		return "name " + quote(name) + " is a function; choose another"
	case syntax.IsKeyword(name):
		return "name " + quote(name) + " is a reserved word; choose another"
	}
	return ""
}
