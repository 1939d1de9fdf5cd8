package estimate

import (
	"math"
	"math/big"
)

// The exact path computes a formula in rational numbers, so that
// 49M/day × 1 day is 49M and not 49000000.00000001, and 120 GB/day ×
// 1 day is 120 GB. It serves every point evaluation: calc, run, check,
// --explain, expectations, overrides and conventions. Only sqrt, the
// logarithms, exp and fractional powers leave the rationals; they are
// computed in float64 and their results, and all that is derived from
// them, are marked approximate.
//
// Rationals have no overflow and no NaN of their own, so the exact path
// reports each at the operation that causes it: a division by zero, a
// value beyond float64 (which no result could be shown or stored as),
// the square root or logarithm of a number outside its domain. A later
// step that would make the value finite again cannot hide it.

// An exact is a value of the exact path: a rational, and whether an
// approximation went into it.
type exact struct {
	r      *big.Rat
	approx bool
}

// Bounds of the exact path. A magnitude above maxExact is an overflow,
// as it would be in float64; one below minExact is an underflow, taken
// as an approximate zero. A rational whose numerator and denominator
// together pass maxExactBits is rounded to float64 and marked
// approximate, so that no formula can make a rational grow without bound
// (squaring 0.3 twenty times would need a million bits).
var (
	maxExact     = new(big.Rat).SetFloat64(math.MaxFloat64)
	minExact     = new(big.Rat).SetFrac(big.NewInt(1), new(big.Int).Lsh(big.NewInt(1), 1100))
	maxExactBits = 8192
)

// exactErr is a failure of the exact path at an offset of the formula.
type exactErr struct {
	off int
	msg string
}

const (
	msgDivZero  = "division by zero"
	msgOverflow = "overflow: result is too large for a float64"
)

func ratOf(v float64) *big.Rat {
	if !isFinite(v) {
		return nil
	}
	return new(big.Rat).SetFloat64(v)
}

// approxOf is an approximate exact value of the float v, or an error at
// off when v is not finite.
func approxOf(v float64, off int) (exact, *exactErr) {
	switch {
	case math.IsNaN(v):
		return exact{}, &exactErr{off, "result is not a number (NaN)"}
	case math.IsInf(v, 0):
		return exact{}, &exactErr{off, msgOverflow}
	}
	return exact{new(big.Rat).SetFloat64(v), true}, nil
}

// bounded checks a result against the bounds of the exact path.
func bounded(x exact, off int) (exact, *exactErr) {
	if x.r.Sign() == 0 {
		return x, nil
	}
	num, den := x.r.Num().BitLen(), x.r.Denom().BitLen()
	if d := num - den; d > -1099 && d < 1023 && num+den <= maxExactBits {
		return x, nil // well inside the bounds: the common case, at no cost
	}
	a := new(big.Rat).Abs(x.r)
	switch {
	case a.Cmp(maxExact) > 0:
		return exact{}, &exactErr{off, msgOverflow}
	case a.Cmp(minExact) < 0:
		return exact{new(big.Rat), true}, nil
	case x.r.Num().BitLen()+x.r.Denom().BitLen() > maxExactBits:
		f, _ := x.r.Float64()
		return exact{new(big.Rat).SetFloat64(f), true}, nil
	}
	return x, nil
}

var ratOne = big.NewRat(1, 1)

func truthOf(b bool) exact {
	if b {
		return exact{ratOne, false}
	}
	return exact{new(big.Rat), false}
}

// exactValue computes n exactly from the exact values of the slots.
// Conditions (?:) and and/or evaluate only what they need, so that the
// usual guard "x > 0 ? y / x : 0" is no division by zero.
func (n *node) exactValue(slots []exact) (exact, *exactErr) {
	if n.isConst {
		return exact{n.rat, n.approx}, nil
	}
	switch n.op {
	case "ref":
		return slots[n.slot], nil
	case "dist":
		// The exact path stands a range at its median, approximate.
		return approxOf(n.dist.median(), n.off)
	case "?:":
		c, err := n.args[0].exactValue(slots)
		if err != nil {
			return exact{}, err
		}
		if c.r.Sign() != 0 {
			return n.args[1].exactValue(slots)
		}
		return n.args[2].exactValue(slots)
	case "and", "or":
		x, err := n.args[0].exactValue(slots)
		if err != nil {
			return exact{}, err
		}
		if (x.r.Sign() != 0) == (n.op == "or") {
			return truthOf(n.op == "or"), nil
		}
		return n.args[1].exactValue(slots)
	}
	args := make([]exact, len(n.args))
	approx := false
	for i, a := range n.args {
		v, err := a.exactValue(slots)
		if err != nil {
			return exact{}, err
		}
		args[i] = v
		approx = approx || v.approx
	}
	r, err := n.apply(args)
	if err != nil {
		return exact{}, err
	}
	r.approx = r.approx || approx
	return bounded(r, n.off)
}

// apply computes n's operation on its arguments' exact values.
func (n *node) apply(a []exact) (exact, *exactErr) {
	z := new(big.Rat)
	switch n.op {
	case "neg":
		return exact{r: z.Neg(a[0].r)}, nil
	case "not":
		return truthOf(a[0].r.Sign() == 0), nil
	case "+":
		return exact{r: z.Add(a[0].r, a[1].r)}, nil
	case "-":
		return exact{r: z.Sub(a[0].r, a[1].r)}, nil
	case "*":
		return exact{r: z.Mul(a[0].r, a[1].r)}, nil
	case "/":
		if a[1].r.Sign() == 0 {
			return exact{}, &exactErr{n.off, msgDivZero}
		}
		return exact{r: z.Quo(a[0].r, a[1].r)}, nil
	case "^":
		return n.power(a[0], a[1])
	case "==", "!=", "<", "<=", ">", ">=":
		c := a[0].r.Cmp(a[1].r)
		return truthOf(map[string]bool{"==": c == 0, "!=": c != 0, "<": c < 0, "<=": c <= 0, ">": c > 0, ">=": c >= 0}[n.op]), nil
	case "abs":
		return exact{r: z.Abs(a[0].r)}, nil
	case "ceil":
		return exact{r: z.SetInt(ratCeil(a[0].r))}, nil
	case "floor":
		return exact{r: z.SetInt(ratFloor(a[0].r))}, nil
	case "round":
		return exact{r: z.SetInt(ratRound(a[0].r))}, nil
	case "min", "max":
		best := a[0].r
		for _, x := range a[1:] {
			if c := x.r.Cmp(best); (n.op == "max" && c > 0) || (n.op == "min" && c < 0) {
				best = x.r
			}
		}
		return exact{r: best}, nil
	case "mod":
		if a[1].r.Sign() == 0 {
			return exact{}, &exactErr{n.off, msgDivZero}
		}
		q := new(big.Rat).SetInt(ratFloor(new(big.Rat).Quo(a[0].r, a[1].r)))
		return exact{r: z.Sub(a[0].r, q.Mul(q, a[1].r))}, nil
	case "sqrt":
		return n.sqrt(a[0])
	case "log2", "log10":
		return n.log(a[0])
	}
	// ln and exp: float64, approximate.
	x, _ := a[0].r.Float64()
	if n.op == "ln" && x <= 0 {
		return exact{}, &exactErr{n.off, domainMessage("ln", x)}
	}
	return approxOf(functions[n.op].f1(x), n.off)
}

// power computes x^y: exactly for a whole exponent, in float64 for any
// other.
func (n *node) power(x, y exact) (exact, *exactErr) {
	if !y.r.IsInt() || y.approx {
		xf, _ := x.r.Float64()
		yf, _ := y.r.Float64()
		return approxOf(math.Pow(xf, yf), n.off)
	}
	k := y.r.Num()
	if x.r.Sign() == 0 {
		if k.Sign() < 0 {
			return exact{}, &exactErr{n.off, msgDivZero}
		}
		if k.Sign() == 0 {
			return exact{r: big.NewRat(1, 1)}, nil
		}
		return exact{r: new(big.Rat)}, nil
	}
	if new(big.Rat).Abs(x.r).Cmp(ratOne) == 0 {
		if k.Bit(0) == 1 {
			return exact{r: new(big.Rat).Set(x.r)}, nil
		}
		return exact{r: big.NewRat(1, 1)}, nil
	}
	if !k.IsInt64() || k.Int64() > 4096 || k.Int64() < -4096 {
		// An exponent this large overflows or underflows unless x is
		// very near 1, where a float64 power is as good as any.
		xf, _ := x.r.Float64()
		yf, _ := y.r.Float64()
		return approxOf(math.Pow(xf, yf), n.off)
	}
	// The magnitude of the result decides, before any work, whether it
	// overflows or underflows.
	switch est := ratLog2(x.r) * float64(k.Int64()); {
	case est > 1100:
		return exact{}, &exactErr{n.off, msgOverflow}
	case est < -1150:
		return exact{new(big.Rat), true}, nil
	}
	e := new(big.Int).Abs(k)
	num := new(big.Int).Exp(x.r.Num(), e, nil)
	den := new(big.Int).Exp(x.r.Denom(), e, nil)
	if k.Sign() < 0 {
		num, den = den, num
	}
	r := new(big.Rat).SetFrac(num, den)
	if den.Sign() < 0 {
		r.Neg(r)
	}
	return exact{r: r}, nil
}

// sqrt is exact for the square of a rational (sqrt(4 KB^2) is 2 KB) and
// approximate otherwise.
func (n *node) sqrt(x exact) (exact, *exactErr) {
	if x.r.Sign() < 0 {
		return exact{}, &exactErr{n.off, "square root of a negative number"}
	}
	p, q := new(big.Int).Sqrt(x.r.Num()), new(big.Int).Sqrt(x.r.Denom())
	if new(big.Int).Mul(p, p).Cmp(x.r.Num()) == 0 && new(big.Int).Mul(q, q).Cmp(x.r.Denom()) == 0 {
		return exact{r: new(big.Rat).SetFrac(p, q)}, nil
	}
	f, _ := x.r.Float64()
	return approxOf(math.Sqrt(f), n.off)
}

// log is log2 or log10: exact for a whole power of the base (log2 of
// 1 GiB / 1 B is 30), approximate otherwise.
func (n *node) log(x exact) (exact, *exactErr) {
	f, _ := x.r.Float64()
	if x.r.Sign() <= 0 {
		return exact{}, &exactErr{n.off, domainMessage(n.op, f)}
	}
	base := int64(2)
	if n.op == "log10" {
		base = 10
	}
	if k, ok := wholeLog(x.r, base); ok {
		return exact{r: new(big.Rat).SetInt64(k)}, nil
	}
	return approxOf(functions[n.op].f1(f), n.off)
}

// wholeLog returns k when x is base^k exactly.
func wholeLog(x *big.Rat, base int64) (int64, bool) {
	num, den := x.Num(), x.Denom()
	sign := int64(1)
	if num.Cmp(big.NewInt(1)) == 0 && den.Cmp(big.NewInt(1)) != 0 {
		num, sign = den, -1
	} else if den.Cmp(big.NewInt(1)) != 0 {
		return 0, false
	}
	b := big.NewInt(base)
	var k int64
	m := new(big.Int).Set(num)
	r := new(big.Int)
	for m.Cmp(big.NewInt(1)) > 0 {
		m.QuoRem(m, b, r)
		if r.Sign() != 0 {
			return 0, false
		}
		k++
	}
	return sign * k, true
}

// ratLog2 is log2 |x| for a non-zero x, to float64 precision, for any
// magnitude a rational may have.
func ratLog2(x *big.Rat) float64 {
	top := func(i *big.Int) float64 {
		a := new(big.Int).Abs(i)
		shift := max(a.BitLen()-60, 0)
		f, _ := new(big.Float).SetInt(a.Rsh(a, uint(shift))).Float64()
		return math.Log2(f) + float64(shift)
	}
	return top(x.Num()) - top(x.Denom())
}

func domainMessage(fn string, x float64) string {
	if x == 0 {
		return fn + " of zero"
	}
	return fn + " of a negative number"
}

// ratFloor is the largest integer not above x.
func ratFloor(x *big.Rat) *big.Int {
	q := new(big.Int)
	m := new(big.Int)
	q.DivMod(x.Num(), x.Denom(), m) // Euclidean: m ≥ 0, so q is the floor
	return q
}

func ratCeil(x *big.Rat) *big.Int {
	f := ratFloor(new(big.Rat).Neg(x))
	return f.Neg(f)
}

// ratRound rounds half away from zero, as display does: round(2.5) is 3
// and round(-2.5) is -3.
func ratRound(x *big.Rat) *big.Int {
	half := big.NewRat(1, 2)
	if x.Sign() < 0 {
		r := ratRound(new(big.Rat).Neg(x))
		return r.Neg(r)
	}
	return ratFloor(new(big.Rat).Add(x, half))
}
