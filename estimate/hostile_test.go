package estimate

import (
	"cmp"
	"fmt"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"
)

// The hostile shapes of a scenario file: each fills MaxFileSize with what
// costs the most of one kind, so that loading it shows whether that cost
// grows faster than the file does.

// fill repeats piece(i), for i = 0, 1, ..., while the result, with room
// for reserve more bytes, stays within MaxFileSize, and returns how many
// pieces it wrote.
func fillShape(b *strings.Builder, reserve int, piece func(i int) string) int {
	i := 0
	for ; ; i++ {
		p := piece(i)
		if b.Len()+len(p)+reserve > MaxFileSize {
			return i
		}
		b.WriteString(p)
	}
}

// hostileDeep nests YAML lists as deep as the YAML decoder allows, again
// and again: 1 MiB of brackets.
func hostileDeep() string {
	var b strings.Builder
	b.WriteString(scenarioWith("  y: x\n"))
	b.WriteString("sources: [\n")
	const depth = 9000
	nested := strings.Repeat("[", depth) + "s" + strings.Repeat("]", depth) + ",\n"
	fillShape(&b, 4, func(int) string { return nested })
	b.WriteString("s]\n")
	return b.String()
}

// hostileDeepFormulas has outputs as deep as a formula can be: 4,000
// unary minus signs each, as many as fit.
func hostileDeepFormulas() string {
	var b strings.Builder
	b.WriteString(scenarioWith(""))
	formula := strings.Repeat("-", 4000) + "x"
	fillShape(&b, 0, func(i int) string { return fmt.Sprintf("  o%d: %s\n", i, formula) })
	return b.String()
}

// hostileLongestSums has outputs as long as a formula can be, sums of
// 800 literals each, as many as fit.
func hostileLongestSums() string {
	var b strings.Builder
	b.WriteString(scenarioWith(""))
	formula := strings.TrimSuffix(strings.Repeat("1K + ", 800), " + ")
	fillShape(&b, 0, func(i int) string { return fmt.Sprintf("  o%d: %s\n", i, formula) })
	return b.String()
}

// hostileWide has MaxNames inputs and MaxNames outputs, each output a sum
// of inputs, as many as fit.
func hostileWide() string {
	var b strings.Builder
	b.WriteString("name: wide\ninputs:\n")
	for i := range MaxNames {
		fmt.Fprintf(&b, "  i%d: %d\n", i, i)
	}
	b.WriteString("outputs:\n")
	per := (MaxFileSize - b.Len()) / MaxNames
	for i := range MaxNames {
		var o strings.Builder
		fmt.Fprintf(&o, "  o%d: i%d", i, i)
		for k := 1; o.Len()+12 < per; k++ {
			fmt.Fprintf(&o, " + i%d", (i+k*97)%MaxNames)
		}
		b.WriteString(o.String() + "\n")
	}
	return b.String()
}

// hostileOneLine is a whole scenario on one line, in YAML's flow style:
// MaxNames inputs and as many outputs, plain and quoted, every value on
// that line.
func hostileOneLine() string {
	var b strings.Builder
	b.WriteString("{name: flow, inputs: {")
	for i := range MaxNames - 1 {
		fmt.Fprintf(&b, "i%d: %d, ", i, i)
	}
	b.WriteString("x: 1}, outputs: {")
	per := (MaxFileSize - b.Len() - 20) / MaxNames
	for i := range MaxNames - 1 {
		var f strings.Builder
		fmt.Fprintf(&f, "i%d", i)
		for k := 1; f.Len()+len("o9999: '', ")+10 < per; k++ {
			fmt.Fprintf(&f, " * i%d", (i+k*13)%(MaxNames-1))
		}
		if i%2 == 0 {
			fmt.Fprintf(&b, "o%d: %s, ", i, f.String())
		} else {
			fmt.Fprintf(&b, "o%d: '%s', ", i, f.String())
		}
	}
	b.WriteString("y: x}}\n")
	return b.String()
}

// hostileManyNames has formulas of MaxFormulaSize that each read as many
// different inputs as fit, and as many such outputs as fit.
func hostileManyNames() string {
	var b strings.Builder
	b.WriteString("name: names\ninputs:\n")
	const inputs = 2000
	for i := range inputs {
		fmt.Fprintf(&b, "  n%d: %d\n", i, i)
	}
	b.WriteString("outputs:\n")
	fillShape(&b, 0, func(i int) string {
		var f strings.Builder
		for k := 0; ; k++ {
			term := fmt.Sprintf("n%d", (i*811+k)%inputs)
			if f.Len()+len(term)+3 > MaxFormulaSize {
				break
			}
			if k > 0 {
				f.WriteString(" + ")
			}
			f.WriteString(term)
		}
		return fmt.Sprintf("  o%d: %s\n", i, f.String())
	})
	return b.String()
}

// hostileUnknownNames has MaxNames inputs and half as many outputs, and
// formulas that each mention unknown names as often as MaxFormulaSize
// allows: every mention is a problem, and each problem looks for a name
// it may be a slip for among all the others. With distinct, each formula
// mentions 680 different names, else one name 1,365 times.
func hostileUnknownNames(distinct bool) string {
	var b strings.Builder
	b.WriteString("name: unknown\ninputs:\n")
	for i := range MaxNames {
		fmt.Fprintf(&b, "  i%d: 1\n", i)
	}
	b.WriteString("outputs:\n")
	for i := range MaxNames / 2 {
		fmt.Fprintf(&b, "  o%d: i%d\n", i, i)
	}
	formula := strings.TrimSuffix(strings.Repeat("zq+", MaxFormulaSize/3), "+")
	if distinct {
		var f strings.Builder
		for k := 0; f.Len()+6 < MaxFormulaSize; k++ {
			fmt.Fprintf(&f, "zz%03d+", k)
		}
		formula = strings.TrimSuffix(f.String(), "+")
	}
	fillShape(&b, 0, func(i int) string { return fmt.Sprintf("  u%d: %s\n", i, formula) })
	return b.String()
}

// hostileHeadline has a headline of 1 MiB of unknown names, among
// MaxNames inputs that each could be the one meant.
func hostileHeadline() string {
	var b strings.Builder
	b.WriteString("name: headline\ninputs:\n")
	for i := range MaxNames {
		fmt.Fprintf(&b, "  i%d: 1\n", i)
	}
	b.WriteString("outputs:\n  y: i0\nheadline: [zq")
	fillShape(&b, 2, func(i int) string { return fmt.Sprintf(", zq%d", i%100) })
	b.WriteString("]\n")
	return b.String()
}

// hostileShapes are the shapes, by name, whether each loads, and the
// time within which it must (0 for a second).
var hostileShapes = []struct {
	name  string
	src   func() string
	loads bool
	bound time.Duration
}{
	{"deep", hostileDeep, false, 0},
	// Rune offsets are a table made once per formula, so no shape is
	// quadratic in its formulas' length any more: on an idle 2-core
	// machine these load in 0.73 s (deep formulas), 0.82 s (longest
	// sums) and 0.24 s (many names).
	{"deep formulas", hostileDeepFormulas, true, 0},
	{"longest sums", hostileLongestSums, true, 0},
	{"wide", hostileWide, true, 0},
	{"one-line", hostileOneLine, true, 0},
	{"many names", hostileManyNames, true, 0},
	{"one unknown name", func() string { return hostileUnknownNames(false) }, false, 0},
	{"many unknown names", func() string { return hostileUnknownNames(true) }, false, 0},
	{"headline", hostileHeadline, false, 0},
}

// TestHostileShapes loads each hostile shape within a second (but for
// the bounds given), untimed under the race detector: a safety test, not
// a benchmark; the BenchmarkHostileShape benchmarks give the figures.
func TestHostileShapes(t *testing.T) {
	for _, shape := range hostileShapes {
		t.Run(shape.name, func(t *testing.T) {
			bound := cmp.Or(shape.bound, time.Second)
			src := []byte(shape.src())
			if len(src) > MaxFileSize || len(src) < MaxFileSize*9/10 {
				t.Fatalf("the file is %d bytes, want just under %d", len(src), MaxFileSize)
			}
			// The best of three tries, each against a bound scaled by
			// how slow the machine is just then, so that a busy machine
			// does not fail the test; a cost that grows faster than the
			// file fails all three.
			var took time.Duration
			limit := bound
			for try := 0; try < 3 && (try == 0 || took > limit && !raceDetector); try++ {
				limit = time.Duration(float64(bound) * slowness(t))
				runtime.GC() // not the garbage of the shape before
				start := time.Now()
				_, err := Load("hostile.yaml", src, Options{})
				if d := time.Since(start); try == 0 || d < took {
					took = d
				}
				if (err == nil) != shape.loads {
					t.Fatalf("Load: %v", firstLine(err))
				}
			}
			switch {
			case raceDetector:
				t.Logf("Load took %v under the race detector, which is not timed", took)
			case took > limit:
				t.Errorf("Load took %v; the bound is %v (%v on an idle machine)", took, limit, bound)
			}
		})
	}
}

// calibration is a file whose cost is known to be linear, a chain of
// 10,000 outputs, and calibrationIdle an estimate of its load time on the
// 2-core machine the figures of docs/scenario-format.md were measured on,
// when idle (it took 78 ms there at a load average of 5).
var calibration = sync.OnceValue(func() []byte { return []byte(chain(MaxNames)) })

const calibrationIdle = 50 * time.Millisecond

// slowness returns how many times slower than idle the machine loads the
// calibration file just now, from 1 to 10: other tests and programs
// share it. A cost that grows faster than the file is slower still.
func slowness(t *testing.T) float64 {
	t.Helper()
	runtime.GC()
	start := time.Now()
	if _, err := Load("chain.yaml", calibration(), Options{}); err != nil {
		t.Fatal(err)
	}
	return min(10, max(1, float64(time.Since(start))/float64(calibrationIdle)))
}

func firstLine(err error) string {
	if err == nil {
		return "no error"
	}
	return Errors(err)[0].Error()
}
