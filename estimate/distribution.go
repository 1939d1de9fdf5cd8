package estimate

import (
	"fmt"
	"math"
	"math/big"
	"math/rand/v2"
	"strings"

	"github.com/envelope-cli/envelope/internal/syntax"
)

// Ranges: an estimate is built from guesses, and a guess is a range.
// "50M to 150M" is a lognormal whose 5th and 95th percentiles are 50M and
// 150M, the convention of Squiggle and Guesstimate; normal(a to b),
// lognormal(a to b), uniform(a, b), triangular(min, mode, max) and
// normal(mean, sd) say otherwise. A range may stand wherever a constant
// may: in an input, a --set value, a calculator flag and calc. Each is a
// leaf of its expression, drawn afresh for every sample; on the exact
// path it stands at its median, marked approximate.

// z95 is the 95th percentile of the standard normal distribution.
const z95 = 1.6448536269514722

// A distKind names a family of distributions.
type distKind uint8

const (
	distLognormal distKind = iota
	distNormal
	distUniform
	distTriangular
)

var distNames = map[distKind]string{distLognormal: "lognormal", distNormal: "normal", distUniform: "uniform", distTriangular: "triangular"}

// A distribution is one uncertain leaf, in base units.
type distribution struct {
	kind    distKind
	a, b, c float64 // lognormal: mu, sigma; normal: mean, sd; uniform: low, high; triangular: min, mode, max
}

// draw returns one sample.
func (d *distribution) draw(r *rand.Rand) float64 {
	switch d.kind {
	case distLognormal:
		return math.Exp(d.a + d.b*r.NormFloat64())
	case distNormal:
		return d.a + d.b*r.NormFloat64()
	case distUniform:
		return d.a + (d.b-d.a)*r.Float64()
	}
	// Triangular, by inversion of its distribution function.
	u := r.Float64()
	lo, mode, hi := d.a, d.b, d.c
	if f := (mode - lo) / (hi - lo); u < f {
		return lo + math.Sqrt(u*(hi-lo)*(mode-lo))
	}
	return hi - math.Sqrt((1-u)*(hi-lo)*(hi-mode))
}

// quantile returns the p-quantile exactly, for 0 < p < 1.
func (d *distribution) quantile(p float64) float64 {
	z := math.Sqrt2 * math.Erfinv(2*p-1)
	switch d.kind {
	case distLognormal:
		return math.Exp(d.a + d.b*z)
	case distNormal:
		return d.a + d.b*z
	case distUniform:
		return d.a + (d.b-d.a)*p
	}
	lo, mode, hi := d.a, d.b, d.c
	if f := (mode - lo) / (hi - lo); p < f {
		return lo + math.Sqrt(p*(hi-lo)*(mode-lo))
	}
	return hi - math.Sqrt((1-p)*(hi-lo)*(hi-mode))
}

// median is the distribution's 50th percentile, where it stands on the
// exact path.
func (d *distribution) median() float64 { return d.quantile(0.5) }

// distNode is a leaf node that draws from d: on the float path it reads
// its sample from slot, on the exact path it is d's median, approximate.
func distNode(off int, d *distribution, dim Dimension, slot int) *node {
	return &node{op: "dist", off: off, dim: dim, slot: slot, dist: d,
		eval: func(s []float64) float64 { return s[slot] }}
}

// rangeNode builds "a to b", a lognormal with those 5th and 95th
// percentiles, or the family asked for.
func (b *builder) rangeNode(n *syntax.Range, kind distKind) *node {
	if !b.sc.ranges {
		return b.fail(n.ToPos, "a range belongs in an input (or --set, or calc); make the uncertain value an input")
	}
	lo, hi := b.build(n.X), b.build(n.Y)
	if lo.bad || hi.bad {
		return &node{off: b.off(n.ToPos), bad: true, eval: lo.eval}
	}
	if lo.boolean || hi.boolean || !lo.isConst || !hi.isConst || lo.op == "dist" || hi.op == "dist" {
		return b.fail(n.ToPos, "the ends of a range are constants, such as 50M to 150M")
	}
	if lo.dim != hi.dim && lo.dim.IsDimensionless() {
		// "5 to 10 min": the unit of the upper end applies to both.
		if q, ok := n.Y.(*syntax.Quantity); ok && q.Unit != nil {
			scale := b.build(&syntax.Quantity{From: q.From, To: q.To, Num: &syntax.Number{Text: "1", Digits: "1", Base: 10, Value: 1}, Unit: q.Unit})
			if !scale.bad && scale.dim == hi.dim {
				lo = constNode(lo.off, new(big.Rat).Mul(lo.rat, scale.rat), hi.dim)
			}
		}
	}
	if lo.dim != hi.dim {
		return b.fail(n.ToPos, "the ends of a range differ: %s and %s", lo.dim, hi.dim)
	}
	if bad := b.badEnd(n.X, lo); bad != nil {
		return bad
	}
	if bad := b.badEnd(n.Y, hi); bad != nil {
		return bad
	}
	a, c := lo.value, hi.value
	if a >= c {
		return b.fail(n.ToPos, "the lower end of a range must be below the upper: %s to %s", b.text(n.X), b.text(n.Y))
	}
	d := &distribution{kind: kind}
	switch kind {
	case distLognormal:
		if a <= 0 {
			return b.fail(n.ToPos, "a range a to b is a lognormal, so both ends must be positive; for values that may be zero or negative, write normal(%s to %s)", b.text(n.X), b.text(n.Y))
		}
		d.a, d.b = (math.Log(a)+math.Log(c))/2, (math.Log(c)-math.Log(a))/(2*z95)
	case distNormal:
		d.a, d.b = (a+c)/2, (c-a)/(2*z95)
	}
	if !d.fits() {
		return b.fail(n.ToPos, "the range is too wide: its ends are more than the largest float64 apart")
	}
	return b.leaf(n.ToPos, d, lo.dim)
}

// smallestNormal is the least positive normal float64, 2^-1022.
const smallestNormal = 0x1p-1022

// badEnd refuses a constant that sets a distribution, an end of a range
// or an argument, unless it is zero or a normal float64: one that rounds
// to a subnormal, or to zero, would be taken silently for another value.
// (The exact path refuses a constant past the largest float64.) It
// returns the failed node, or nil.
func (b *builder) badEnd(n syntax.Node, x *node) *node {
	// The exact path flushes a value too small for it to an approximate
	// zero: a number written non-zero.
	if x.rat != nil && (x.rat.Sign() != 0 || x.approx) && math.Abs(x.value) < smallestNormal {
		return b.fail(n.Pos(), "%s is too small: a range's ends and arguments are zero or at least 2.2e-308 in size, the least normal float64", b.text(n))
	}
	return nil
}

// fits reports whether d's parameters, and the spans its draws compute,
// are finite.
func (d *distribution) fits() bool {
	switch d.kind {
	case distNormal:
		return isFinite(d.a) && isFinite(d.b)
	case distUniform:
		return isFinite(d.b - d.a)
	case distTriangular:
		return isFinite(d.c - d.a)
	}
	return isFinite(d.a) && isFinite(d.b)
}

// leaf adds a distribution leaf to the formula being built.
func (b *builder) leaf(byteOff int, d *distribution, dim Dimension) *node {
	b.leaves = append(b.leaves, d)
	slot := len(b.leaves) - 1
	if b.sc.leafSlot != nil {
		slot = b.sc.leafSlot()
	}
	return distNode(b.off(byteOff), d, dim, slot)
}

// distCall builds normal(...), lognormal(...), uniform(a, b) and
// triangular(min, mode, max).
func (b *builder) distCall(n *syntax.Call, kind distKind) *node {
	name := n.Fun.Name
	if !b.sc.ranges {
		return b.fail(n.Fun.From, "%s(...) is uncertain and belongs in an input (or --set, or calc)", name)
	}
	if len(n.Args) == 1 {
		if r, ok := n.Args[0].(*syntax.Range); ok && (kind == distNormal || kind == distLognormal) {
			return b.rangeNode(r, kind)
		}
	}
	want := map[distKind]int{distNormal: 2, distLognormal: 2, distUniform: 2, distTriangular: 3}[kind]
	if len(n.Args) != want {
		usage := map[distKind]string{distNormal: "normal(a to b) or normal(mean, sd)", distLognormal: "lognormal(a to b)",
			distUniform: "uniform(low, high)", distTriangular: "triangular(min, mode, max)"}[kind]
		return b.fail(n.Fun.From, "%s takes %s", name, usage)
	}
	if kind == distLognormal {
		return b.fail(n.Fun.From, "lognormal takes lognormal(a to b), its 5th and 95th percentiles")
	}
	args := make([]*node, len(n.Args))
	for i, a := range n.Args {
		if args[i] = b.build(a); args[i].bad {
			return args[i]
		}
		if !args[i].isConst || args[i].boolean {
			return b.fail(a.Pos(), "the arguments of %s are constants", name)
		}
		if args[i].dim != args[0].dim {
			return b.fail(a.Pos(), "the arguments of %s differ: %s and %s", name, args[0].dim, args[i].dim)
		}
		if bad := b.badEnd(a, args[i]); bad != nil {
			return bad
		}
	}
	d := &distribution{kind: kind, a: args[0].value, b: args[1].value}
	switch kind {
	case distNormal:
		if d.b <= 0 {
			return b.fail(n.Args[1].Pos(), "the standard deviation of normal(mean, sd) must be positive")
		}
	case distUniform:
		if d.a >= d.b {
			return b.fail(n.Fun.From, "uniform(low, high) needs low below high")
		}
	case distTriangular:
		d.c = args[2].value
		if !(d.a <= d.b && d.b <= d.c && d.a < d.c) {
			return b.fail(n.Fun.From, "triangular(min, mode, max) needs min ≤ mode ≤ max, and min below max")
		}
	}
	if !d.fits() {
		return b.fail(n.Fun.From, "%s(...) is too wide: its arguments are more than the largest float64 apart", name)
	}
	return b.leaf(n.Fun.From, d, args[0].dim)
}

// distFunctions are the functions that make a distribution.
var distFunctions = map[string]distKind{"normal": distNormal, "lognormal": distLognormal, "uniform": distUniform, "triangular": distTriangular}

// An uncertain is the uncertain part of a value: its expression, whose
// leaves are distributions, sampled leaf by leaf.
type uncertain struct {
	root   *node
	leaves []*distribution
}

// sample fills col with draws of the expression, one per sample.
func (u *uncertain) sample(r *rand.Rand, col []float64) {
	if len(u.leaves) == 1 && u.root.op == "dist" {
		for i := range col {
			col[i] = u.leaves[0].draw(r)
		}
		return
	}
	slots := make([]float64, len(u.leaves))
	for i := range col {
		for k, d := range u.leaves {
			slots[k] = d.draw(r)
		}
		col[i] = u.root.eval(slots)
	}
}

// quantile is the exact p-quantile of a value that is one distribution,
// or false for an expression of several.
func (u *uncertain) quantile(p float64) (float64, bool) {
	if len(u.leaves) == 1 && u.root.op == "dist" {
		return u.leaves[0].quantile(p), true
	}
	return 0, false
}

func (d *distribution) String() string {
	return fmt.Sprintf("%s(%g, %g, %g)", distNames[d.kind], d.a, d.b, d.c)
}

// FormatDistribution shows an uncertain value as its median and its 90%
// interval, with no more digits than the sampling error supports (see
// Distribution.Figures): "11.6K/s (90%: 5.79K–17.4K/s)". u, when not
// nil, is the unit asked for.
func FormatDistribution(d Distribution, u *DisplayUnit, o DisplayOptions) string {
	mid, lo, hi := d.Figures(u, o)
	loNum, loUnit := splitDisplay(lo)
	hiNum, hiUnit := splitDisplay(hi)
	interval := lo + "–" + hi
	if loUnit == hiUnit {
		interval = loNum + "–" + hiNum + hiUnit
	}
	return mid + " (90%: " + interval + ")"
}

// splitDisplay splits a display into its number, with any sign, dollar
// and scale word, and the unit after it: "$5.79K/month" into "$5.79K"
// and "/month", "3.2 TB" into "3.2" and " TB".
func splitDisplay(s string) (num, unit string) {
	i := 0
	for i < len(s) && strings.ContainsRune("-$≈0123456789.e", rune(s[i])) {
		if s[i] == 'e' && (i+1 >= len(s) || !strings.ContainsRune("-0123456789", rune(s[i+1]))) {
			break
		}
		i++
	}
	for _, w := range []string{"bn", "K", "M", "T"} {
		if strings.HasPrefix(s[i:], w) {
			i += len(w)
			break
		}
	}
	return s[:i], s[i:]
}

// distribution is the exact Distribution of a value that is one range,
// or false for an expression of several, or for a range whose mean or
// standard deviation lies past the largest float64 (a lognormal a
// thousand orders of magnitude wide): its samples give those. Its
// Uncertainty is that of the percentiles of n samples, from the exact
// quantiles that bound their confidence intervals.
func (u *uncertain) distribution(dim Dimension, samples int, seed uint64) (Distribution, bool) {
	if len(u.leaves) != 1 || u.root.op != "dist" {
		return Distribution{}, false
	}
	d := u.leaves[0]
	out := Distribution{Dim: dim, Samples: samples, Seed: seed,
		P5: d.quantile(0.05), P25: d.quantile(0.25), P50: d.quantile(0.5), P75: d.quantile(0.75), P95: d.quantile(0.95)}
	switch d.kind {
	case distLognormal:
		out.Mean = math.Exp(d.a + d.b*d.b/2)
		out.SD = out.Mean * math.Sqrt(math.Expm1(d.b*d.b))
	case distNormal:
		out.Mean, out.SD = d.a, d.b
	case distUniform:
		out.Mean, out.SD = (d.a+d.b)/2, (d.b-d.a)/math.Sqrt(12)
		if !isFinite(out.Mean) || !isFinite(out.SD) { // ends near the largest float64
			out.Mean, out.SD = d.a/2+d.b/2, (d.b/2-d.a/2)/math.Sqrt(3)
		}
	case distTriangular:
		a, b, c := d.a, d.b, d.c
		out.Mean = (a + b + c) / 3
		out.SD = math.Sqrt((a*a + b*b + c*c - a*b - a*c - b*c) / 18)
		if !isFinite(out.Mean) || !isFinite(out.SD) {
			// Ends near the largest float64, or past the square root
			// of it: the variance is ((a−b)² + (a−c)² + (b−c)²)/36, in
			// terms of the spread scaled to 1.
			s := max(math.Abs(a), math.Abs(c))
			x, y, z := a/s-b/s, a/s-c/s, b/s-c/s
			out.Mean = a/3 + b/3 + c/3
			out.SD = s * math.Sqrt((x*x+y*y+z*z)/36)
		}
	}
	if !isFinite(out.Mean) || !isFinite(out.SD) {
		return Distribution{}, false
	}
	ci := confidence(samples)
	for i := range shown {
		out.Uncertainty[i] = halfWidth(d.quantile(ci[2*i]), d.quantile(ci[2*i+1]))
	}
	return out, true
}
