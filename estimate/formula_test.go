package estimate

import (
	"math"
	"testing"
)

// TestArithmetic checks expr-lang's arithmetic as formulas use it:
// precedence, associativity, unary minus, both power operators,
// comparisons, conditions and the functions.
func TestArithmetic(t *testing.T) {
	tests := []calcCase{
		// Power binds tighter than unary minus, and to the right.
		{"-2**2", -4, Dimensionless},
		{"-2^2", -4, Dimensionless},
		{"(-2)**2", 4, Dimensionless},
		{"2^30", 1 << 30, Dimensionless},
		{"2**30", 1 << 30, Dimensionless},
		{"2 ** 3 ** 2", 512, Dimensionless},
		{"2 ** -1", 0.5, Dimensionless},
		{"2 ** 0.5", math.Sqrt2, Dimensionless},
		{"1e9", 1e9, Dimensionless},
		{"5*-3", -15, Dimensionless},
		{"5 - -3", 8, Dimensionless},
		{"+5", 5, Dimensionless},
		{"1 + 2 * 3", 7, Dimensionless},
		{"(1 + 2) * 3", 9, Dimensionless},
		{"10 - 2 - 3", 5, Dimensionless},
		{"7 / 2", 3.5, Dimensionless}, // never integer division
		{"12 / 2 / 3", 2, Dimensionless},

		// Conditions.
		{"2 > 1 ? 3 : 4", 3, Dimensionless},
		{"1 > 2 ? 3 : 4", 4, Dimensionless},
		{"1 > 2 ? 1 : 2 > 1 ? 2 : 3", 2, Dimensionless},
		{"1 KB > 999 B ? 1 KB : 999 B", 1000, Bytes},
		{"1 KiB == 1024 B ? 1 : 0", 1, Dimensionless},
		{"1 KB != 1000 B ? 1 : 0", 0, Dimensionless},
		{"1 s <= 1000 ms ? 1 : 0", 1, Dimensionless},
		{"1 s >= 1001 ms ? 1 : 0", 0, Dimensionless},
		{"1 day < 1 week ? 1 : 0", 1, Dimensionless},
		{"1 < 2 && 2 < 3 ? 1 : 0", 1, Dimensionless},
		{"1 < 2 and 3 < 2 ? 1 : 0", 0, Dimensionless},
		{"1 > 2 || 2 < 3 ? 1 : 0", 1, Dimensionless},
		{"1 > 2 or 3 < 2 ? 1 : 0", 0, Dimensionless},
		{"!(1 > 2) ? 1 : 0", 1, Dimensionless},
		{"not (1 < 2) ? 1 : 0", 0, Dimensionless},
		{"true ? 1 : 2", 1, Dimensionless},

		// Functions.
		{"ceil(1.2)", 2, Dimensionless},
		{"ceil(10 GB / 3 GB)", 4, Dimensionless},
		{"floor(-1.5)", -2, Dimensionless},
		{"round(2.5)", 3, Dimensionless},
		{"round(-2.5)", -3, Dimensionless},
		{"abs(-3 s)", 3, Seconds},
		{"min(3, 1, 2)", 1, Dimensionless},
		{"max(1 KB, 2 B)", 1000, Bytes},
		{"max(7)", 7, Dimensionless},
		{"sqrt(16)", 4, Dimensionless},
		{"sqrt(4 KB ** 2)", 2000, Bytes}, // a unit's exponent belongs to the unit: 4 KB²
		{"sqrt((4 KB) ** 2)", 4000, Bytes},
		{"sqrt(1 / (1 s) ** 2)", 1, Rate},
		{"log2(1024)", 10, Dimensionless},
		{"log2(1 GiB / 1 B)", 30, Dimensionless},
		{"log10(1e6)", 6, Dimensionless},

		// A unit's exponent belongs to the unit, and a power of numbers
		// may carry a unit.
		{"100 s^-1", 100, Rate},
		{"3 s^2", 3, Dimension{Second: 2}},
		{"2^30 B", 1 << 30, Bytes},
		{"2 ** 1 B", 2, Bytes},
		{"10^8 B/s", 1e8, ByteRate},
		{"5 * 10^8 B/s", 5e8, ByteRate},
		{"1000^2 B", 1e6, Bytes},
		{"3 GHz * 1 ms", 3e6, Dimensionless},
		{"10 mi^2", 10 * 1609.344 * 1609.344, Dimension{Length: 2}},
		{"30 km/h", 30e3 / 3600, Dimension{Length: 1, Second: -1}},
		{"10 per day", 10.0 / 86400, Rate},
		{"$5 per hour", 5.0 / 3600, Dimension{Dollar: 1, Second: -1}},
		{"80 Mbit/s", 10e6, ByteRate},
		{"0x1F + 0o17 + 0b101", 31 + 15 + 5, Dimensionless},
		{"1_000_000", 1e6, Dimensionless},
		{"9223372036854775808", 9223372036854775808, Dimensionless},
		{"20 percent", 0.2, Dimensionless},
		{"5 hrs + 30 mins", 5*3600 + 30*60, Seconds},
		{"1 wk / 1 d", 7, Dimensionless},
		{"1 yrs / 1 mo", 365.0 / 30, Dimensionless},
		{"1 kB + 1 KBps * 1 s", 2000, Bytes},
		{"60 rpm", 1, Rate},
		{"mod(25 h, 1 day)", 3600, Seconds},
		{"mod(-1, 24)", 23, Dimensionless},
		{"ln(exp(2))", 2, Dimensionless},
		{"1 < 2 < 3 ? 1 : 0", 1, Dimensionless},
		{"3 < 2 < 1 ? 1 : 0", 0, Dimensionless},
		{"500\u00a0B + 500\u2009B", 1000, Bytes},

		// Dimensions combine through * and /, and through whole powers.
		{"1 KB ** 2 / 1 B", 1e6, Bytes},
		{"(2 s) ** -1", 0.5, Rate},
		{"100M * 10 / day", 1e9 / 86400, Rate},
		{"10bn / day", 1e10 / 86400, Rate},
		{"500 B * 100M/day * 5 years", 500 * 1e8 * 5 * 365, Bytes},
	}
	checkCalc(t, tests)
}

// TestFormulaErrors pins the exact message and column of each problem a
// formula can have. A one-off expression has no file, so its errors read
// "1:col: message"; the column is that of the offending character.
func TestFormulaErrors(t *testing.T) {
	tests := []struct{ expr, want string }{
		// Dimension rules: +, -, comparisons, min and max need equal
		// dimensions, naming both.
		{"2 KB + 3 s", "1:6: cannot add B and s"},
		{"1 KB - 1 s", "1:6: cannot subtract B and s"},
		{"1 KB/s + 1 KB", "1:8: cannot add B/s and B"},
		{"$1 + 1", "1:4: cannot add USD and 1"},
		{"1 KB < 1 s ? 1 : 0", "1:6: cannot compare B and s"},
		{"1 KB == 1 s ? 1 : 0", "1:6: cannot compare B and s"},
		{"min(1 B, 2 s)", "1:10: min needs arguments of one dimension, not B and s"},
		{"max(1, 1 s)", "1:8: max needs arguments of one dimension, not 1 and s"},
		{"1 > 2 ? 1 B : 2 s", "1:15: the branches of ?: differ: B and s"},
		// ceil, floor, round, log2 and log10 take plain numbers and hint
		// at dividing by a unit.
		{"ceil(1 B)", "1:6: ceil needs a plain number or a count, not B (divide by a unit first, e.g. x / (1 GB))"},
		{"floor(1 s)", "1:7: floor needs a plain number or a count, not s (divide by a unit first, e.g. x / (1 s))"},
		{"round($1)", "1:7: round needs a plain number or a count, not USD (divide by a unit first, e.g. x / ($1))"},
		{"log2(1 KB/s)", "1:6: log2 needs a plain number, not B/s (divide by a unit first, e.g. x / (1 MB/s))"},
		{"log10(1/s)", "1:7: log10 needs a plain number, not 1/s (divide by a unit first, e.g. x / (1/s))"},
		{"sqrt(1 B)", "1:6: sqrt of B has no unit; divide by a unit first"},
		// A power's exponent is a plain number; a base with a unit needs a
		// whole constant exponent.
		{"2 ** (1 B)", "1:6: an exponent must be a plain number, not B"},
		{"1 B ** 0.5", "1:8: a unit's exponent is a whole number up to 127, as in s^-1 or mi^2"},
		{"(1 B) ** 0.5", "1:7: B can be raised only to a whole constant power"},
		{"(1 B) ** 128", "1:7: B can be raised only to a whole constant power"},
		{"1 B * 1 B ** 127", "1:5: dimension exponent out of range (-128 to 127)"},
		// Conditions and quantities do not mix.
		{"1 < 2", "1:3: formula is a condition (true or false), not a number"},
		{"1 ? 2 : 3", "1:1: the condition before ? must be a comparison"},
		{"1 KB + (1 > 2)", "1:6: + needs quantities, not conditions"},
		{"1 && 2", "1:3: && needs conditions on both sides"},
		{"-(1 > 2)", "1:1: cannot negate a condition"},
		{"!1", "1:1: ! needs a condition, not a quantity"},
		{"abs(1 < 2)", "1:5: abs needs quantities, not conditions"},
		// Functions.
		{"ceil(1, 2)", "1:1: ceil takes 1 argument, not 2"},
		{"min()", "1:1: min needs at least one argument"},
		{"foo(1)", "1:1: unknown function foo; did you mean floor?"},
		{"Abs(1)", "1:1: unknown function Abs; did you mean abs?"},
		{"foo.bar(1)", "1:4: '.' is not part of formulas"},
		// Names: a one-off expression has none.
		{"x + 1", "1:1: unknown unit or name \"x\""},
		{"1 + dya", "1:5: unknown unit or name \"dya\"; did you mean \"day\"?"},
		// Words stuck to a literal are never swallowed by it.
		{"20%M", "1:4: unexpected \"M\" right after 20% (missing operator?)"},
		{"$5GB", "1:3: a dollar amount takes a scale word ($1.5M) but no unit; \"GB\" cannot follow $5"},
		{"100Mx", "1:4: unknown unit \"Mx\""},
		{"5GiBs", "1:2: unknown unit \"GiBs\"; did you mean \"GiB\"?"},
		{"1e", "1:2: unknown unit \"e\""},
		// A unit out of place is named as a unit, not as unknown.
		{"1 KB + B B", "1:10: unexpected unit \"B\": a unit follows its number (5 GB) or stands alone after an operator (x / GB)"},
		{"max", "1:1: max is a function; call it as max(...)"},
		{"5 M M", "1:5: repeated scale word \"M\": a number takes one scale word (5M, not 5M M)"},
		{"x M", "1:3: unexpected scale word \"M\": a scale word follows its number (5M) once"},
		// Syntax.
		{"", "1:1: empty formula"},
		{"1 +", "1:3: unexpected end of formula"},
		{"1 ? 2", "1:5: unexpected end of formula: ? needs its : (c ? a : b)"},
		{"1 2", "1:3: unexpected number \"2\" (missing operator?)"},
		{"1 KB 2", "1:6: unexpected number \"2\" (missing operator?)"},
		{"10 % 3", "1:4: % is not an operator; write it right after a number for a percentage (20%)"},
		{"1 in [1]", "1:6: lists are not part of formulas"},
		{"users // servers", "1:7: // is not an operator; use floor(a / b)"},
		{"a /* b */", "1:3: comments are not part of formulas"},
		{"$", "1:1: a number must follow $ (as in $0.023)"},
		{"1e999", "1:1: number 1e999 is too large"},
		{`"a"`, "1:1: text in quotes is not a quantity"},
		{"nil", "1:1: unknown unit or name \"nil\""},
		{"[1]", "1:1: lists are not part of formulas"},
		{"{a: 1}", "1:1: maps are not part of formulas"},
		{"a.b", "1:2: '.' is not part of formulas"},
		{"1; 2", "1:2: a formula is one expression; ';' is not allowed"},
		{"let x = 1; x", "1:1: let is not part of formulas; use an output instead"},
		// Values that are not finite, found when a constant is evaluated.
		{"1/0", "1:2: division by zero"},
		{"0/0", "1:2: division by zero"},
		{"1 KB / (1 s - 1000 ms)", "1:6: division by zero"},
		{"sqrt(-1)", "1:1: square root of a negative number"},
		{"log2(0)", "1:1: log2 of zero"},
		{"log10(-1)", "1:1: log10 of a negative number"},
		{"(-8) ** (1/3)", "1:6: result is not a number (NaN)"},
		{"1e308 * 10", "1:7: overflow: result is too large for a float64"},
		{"2 * 1e300 KB * 1e10", "1:14: overflow: result is too large for a float64"},
	}
	for _, tt := range tests {
		_, err := Calc(tt.expr, Exact)
		if got := errString(err); got != tt.want {
			t.Errorf("Calc(%q): error\n\t%s\nwant\n\t%s", tt.expr, got, tt.want)
		}
	}
}

// TestFormulaCaret shows the caret under the offending character,
// counted in runes.
func TestFormulaCaret(t *testing.T) {
	tests := []struct{ expr, want string }{
		{"2 KB + 3 s", "  2 KB + 3 s\n       ^"},
		{"5 µs + 1 B", "  5 µs + 1 B\n       ^"},
		{"1\t+ 1 B", "  1 + 1 B\n    ^"},
	}
	for _, tt := range tests {
		_, err := Calc(tt.expr, Exact)
		es := Errors(err)
		if len(es) != 1 {
			t.Errorf("Calc(%q): want one error, got %v", tt.expr, err)
			continue
		}
		e, ok := es[0].(*Error)
		if !ok {
			t.Errorf("Calc(%q): error is %T, want *Error", tt.expr, es[0])
			continue
		}
		if got := e.Caret(); got != tt.want {
			t.Errorf("Calc(%q).Caret():\n%s\nwant:\n%s", tt.expr, got, tt.want)
		}
	}
}

// TestConstantFolding checks that a formula over constants is computed
// once, at compile time, and that folding keeps dimensions.
func TestConstantFolding(t *testing.T) {
	f, es := compileFormula("100M/day * 5 years + 1 KB/s * 0 s / 1 B", calcScope(Exact))
	if es != nil {
		t.Fatal(es)
	}
	if !f.root.isConst || !near(f.root.value, 1e8*5*365) || f.root.dim != Dimensionless {
		t.Errorf("root = const %v, %v %s; want a folded constant 1.825e11 of dimension 1", f.root.isConst, f.root.value, f.root.dim)
	}
}
