package estimate

import (
	"errors"
	"fmt"
	"math"
	"math/big"
	"math/rand/v2"
	"strconv"
	"testing"
)

// TestSolveAgainstScan is issue 17's property: Solve against a dense
// scan of the candidates, on random monotone, non-monotone and step
// functions. Where the scan finds the condition met (for <= and >=, a
// candidate where it holds and one where it does not; for =, one where
// the output equals the value) and Solve's grid can see it (no two
// places where the condition changes closer than the grid's spacing, no
// run of equal outputs narrower than it that only touches the value),
// Solve never says it is not met, finds as many places as the scan, and
// reports the first (or, with Last, the last). Wherever Solve reports a
// solution, Evaluate there meets the condition and the neighbouring
// candidate past the edge does not.
func TestSolveAgainstScan(t *testing.T) {
	cases := 200
	if raceDetector || testing.Short() {
		cases = 20
	}
	rng := rand.New(rand.NewPCG(17, 1))
	var seen, solved int
	for i := range cases {
		tc := randomSolveCase(rng)
		t.Run(strconv.Itoa(i), func(t *testing.T) {
			t.Logf("y = %s, %s for x in %v..%v, step %v, last %v", tc.formula, tc.op, tc.from, tc.to, tc.step, tc.last)
			visible, ok := checkSolveCase(t, tc)
			if visible {
				seen++
			}
			if ok {
				solved++
			}
		})
	}
	// The property is no stronger than the cases it holds for: most must
	// be ones the grid can see, and many of those met.
	t.Logf("of %d cases, %d within reach, %d solved", cases, seen, solved)
	if seen < cases*3/4 || solved < cases/3 {
		t.Errorf("of %d cases, %d within the grid's reach and %d solved: too few to test the property", cases, seen, solved)
	}
}

// A solveCase is a function of x, a condition on it, and a range.
type solveCase struct {
	formula, op string
	from, to    float64
	step        float64
	last        bool
}

// lit writes v for a formula, in parentheses when negative.
func lit(v float64) string {
	s := strconv.FormatFloat(v, 'g', 4, 64)
	if v < 0 {
		return "(" + s + ")"
	}
	return s
}

func randomSolveCase(rng *rand.Rand) solveCase {
	var tc solveCase
	// Ranges across zero, of one sign, and of one sign spanning
	// several orders of magnitude (scanned logarithmically too).
	switch rng.IntN(3) {
	case 0:
		tc.from, tc.to = -1-rng.Float64()*100, 1+rng.Float64()*100
	case 1:
		tc.from = 1 + rng.Float64()*50
		tc.to = tc.from + 1 + rng.Float64()*100
	default:
		tc.from = 0.5 + rng.Float64()
		tc.to = tc.from * math.Pow(10, 2+rng.Float64()*3)
	}
	span := tc.to - tc.from
	at := func() string { return lit(tc.from + rng.Float64()*span) }
	width := func() string { return lit(span / float64(5+rng.IntN(40))) }
	k := lit((rng.Float64() + 0.1) * float64(1-2*rng.IntN(2)))
	switch rng.IntN(9) {
	case 0: // monotone, up or down
		tc.formula = fmt.Sprintf("(x - %s) * %s", at(), k)
	case 1:
		tc.formula = fmt.Sprintf("(x - %s) ** 3 * %s", at(), k)
	case 2: // non-monotone
		tc.formula = fmt.Sprintf("(x - %s) * (x - %s) * %s", at(), at(), k)
	case 3:
		tc.formula = fmt.Sprintf("abs(x - %s) * %s", at(), k)
	case 4: // a triangle wave
		w := width()
		tc.formula = fmt.Sprintf("abs(mod(x, 2 * %s) - %s)", w, w)
	case 5: // steps, monotone
		tc.formula = fmt.Sprintf("ceil((x - %s) / %s) * %s", at(), width(), k)
	case 6: // steps up and down
		tc.formula = fmt.Sprintf("floor(abs(x - %s) / %s)", at(), width())
	case 7: // a plateau
		tc.formula = fmt.Sprintf("min(x, %s)", at())
	default:
		tc.formula = fmt.Sprintf("max(x - %s, %s - x, %s)", at(), at(), width())
	}
	switch rng.IntN(3) {
	case 0:
		tc.step = 0
	case 1:
		tc.step = 1
	default:
		tc.step = 0.25
	}
	tc.op = []string{"=", "<=", ">="}[rng.IntN(3)]
	tc.last = rng.IntN(2) == 0
	return tc
}

// checkSolveCase picks the condition's value from the function's own
// values and compares Solve with a dense scan. It reports whether the
// case is one the grid can see, and whether Solve found a solution.
func checkSolveCase(t *testing.T, tc solveCase) (visible, solved bool) {
	src := fmt.Sprintf("name: p\ninputs:\n  x: 1\noutputs:\n  y: %s\n", tc.formula)
	m, err := Load("p.yaml", []byte(src), Options{})
	if err != nil {
		t.Fatal(err)
	}
	s, err := m.newSolver("x", 0, nil, tc.step)
	if err != nil {
		t.Fatal(err)
	}
	if s.step == 0 {
		s.step = m.DefaultStep("x")
	}
	lo, hi := s.candidate(tc.from, true), s.candidate(tc.to, false)
	// The scan: twice as dense as Solve's evenly spaced grid.
	dense := 2*SolveGrid - 1
	var ks []int64
	for i := range dense {
		v := tc.from + (tc.to-tc.from)*float64(i)/float64(dense-1)
		k := max(lo, min(hi, s.candidate(v, false)))
		if len(ks) == 0 || k != ks[len(ks)-1] {
			ks = append(ks, k)
		}
	}
	ys := make([]*big.Rat, len(ks))
	for i, k := range ks {
		r, err := s.at(k) // the whole model, as Evaluate has it
		if err != nil {
			t.Fatal(err)
		}
		ys[i] = r.outputs[0].rat
	}
	// The value: one the function takes on the scan, or one between.
	pick, _ := ys[len(ys)/3].Float64()
	if len(ys)%2 == 0 {
		other, _ := ys[2*len(ys)/3].Float64()
		pick = (pick + other) / 2
	}
	c, err := m.ParseCondition("y " + tc.op + " " + strconv.FormatFloat(pick, 'g', -1, 64))
	if err != nil {
		t.Fatal(err)
	}
	s.c = c
	pts := make([]gridPoint, len(ks))
	met := false
	for i, k := range ks {
		pts[i] = gridPoint{k: k, cmp: ys[i].Cmp(c.rat), out: ys[i]}
		met = met || c.Op == "=" && pts[i].cmp == 0 || c.Op != "=" && s.holds(pts[i].cmp) != s.holds(pts[0].cmp)
	}
	places := scanPlaces(pts, c.Op, s.holds)
	whole := len(places) == 1 && places[0][0] == 0 && places[0][1] == len(pts)-1 && pts[0].cmp == 0 && c.Op == "="

	// Within the grid's reach: the places are further apart than its
	// spacing (and a step, by rounding), and so is any run that only
	// touches the value.
	spacing := (tc.to-tc.from)/float64(SolveGrid-1) + s.step
	visible = true
	for j, p := range places {
		if j > 0 && s.value(ks[p[0]])-s.value(ks[places[j-1][1]]) <= spacing {
			visible = false
		}
		touches := p[0] > 0 && p[1]+1 < len(pts) && pts[p[0]-1].cmp == pts[p[1]+1].cmp
		if c.Op == "=" && pts[p[0]].cmp == 0 && touches && s.value(ks[p[1]])-s.value(ks[p[0]]) <= spacing {
			visible = false
		}
	}

	sol, err := m.Solve("x", c, SolveOptions{From: Quantity{tc.from, Dimensionless}, To: Quantity{tc.to, Dimensionless}, Step: tc.step, Last: tc.last})
	var ne *NotMetError
	switch {
	case err != nil && !errors.As(err, &ne):
		t.Fatalf("Solve: %v", err)
	case whole && (err == nil || !ne.Holds):
		t.Fatalf("the output equals %s throughout the scan, but Solve: %v", c.Text, err)
	case whole:
		return visible, false
	case err != nil && met && visible:
		t.Fatalf("the scan finds %s met, at %d places, but Solve: %v", c, len(places), err)
	case err != nil:
		return visible, false
	}

	// The solution meets the condition, on the exact path, and the next
	// candidate past the edge does not.
	at := func(v float64) int {
		ov, _ := m.Set("x", Quantity{v, Dimensionless})
		r, err := m.Evaluate(ov)
		if err != nil {
			t.Fatal(err)
		}
		return r.outputs[0].rat.Cmp(c.rat)
	}
	here, next := at(sol.Value.Value), at(sol.Next.Value)
	switch {
	case c.Op != "=" && (!s.holds(here) || s.holds(next)):
		t.Errorf("at x = %v %s holds: %v; at the next, %v: %v", sol.Value.Value, c, s.holds(here), sol.Next.Value, s.holds(next))
	case c.Op == "=" && sol.Exact && (here != 0 || next == 0):
		t.Errorf("at x = %v, y against %s: %d; at the next, %v: %d", sol.Value.Value, c.Text, here, sol.Next.Value, next)
	case c.Op == "=" && sol.Exact && (at(sol.Low.Value) != 0 || at(sol.High.Value) != 0 || sol.Low.Value > sol.Value.Value || sol.High.Value < sol.Value.Value):
		t.Errorf("the plateau %v..%v around x = %v is not all %s", sol.Low.Value, sol.High.Value, sol.Value.Value, c.Text)
	case c.Op == "=" && !sol.Exact && (here == next || !close(sol.Output.Value, c.Value.Value) || !close(sol.NextOutput.Value, c.Value.Value)):
		t.Errorf("x = %v: y = %v and %v next, which do not close on %s", sol.Value.Value, sol.Output.Value, sol.NextOutput.Value, c.Text)
	}
	if d := s.candidate(sol.Next.Value, false) - s.candidate(sol.Value.Value, false); d != 1 && d != -1 {
		t.Errorf("x = %v and %v are %v candidates apart, not neighbours", sol.Value.Value, sol.Next.Value, d)
	}
	if sol.Value.Value < tc.from || sol.Value.Value > tc.to {
		t.Errorf("x = %v is outside %v..%v", sol.Value.Value, tc.from, tc.to)
	}
	if !visible {
		return false, true
	}
	// As many places as the scan, and the solution in the one it says.
	if sol.Crossings != len(places) {
		t.Fatalf("Solve finds %d places, the scan %d", sol.Crossings, len(places))
	}
	if want := map[bool]int{false: 0, true: len(places) - 1}[tc.last]; c.Op != "=" && sol.Index != want {
		t.Errorf("Solve reports place %d, want %d", sol.Index, want)
	}
	p := places[sol.Index]
	from, to := s.value(ks[max(0, p[0]-1)]), s.value(ks[min(len(ks)-1, p[1]+1)])
	if sol.Value.Value < from || sol.Value.Value > to {
		t.Errorf("x = %v, not in place %d, from %v to %v", sol.Value.Value, sol.Index, from, to)
	}
	return true, true
}

// scanPlaces returns the places of a scan as Solve's grid has them,
// each as the first and last index of the points it takes: for <= and
// >=, the pairs of points where holds changes; for =, the runs of points
// equal to the value and the pairs from below it to above, or back.
func scanPlaces(pts []gridPoint, op string, holds func(int) bool) [][2]int {
	var at [][2]int
	for i := 0; i < len(pts); i++ {
		if op == "=" && pts[i].cmp == 0 {
			k := i
			for k+1 < len(pts) && pts[k+1].cmp == 0 {
				k++
			}
			at = append(at, [2]int{i, k})
			i = k
			continue
		}
		if i+1 < len(pts) && (op == "=" && pts[i+1].cmp == -pts[i].cmp || op != "=" && holds(pts[i].cmp) != holds(pts[i+1].cmp)) {
			at = append(at, [2]int{i, i + 1})
		}
	}
	return at
}
