package estimate

import (
	"math"
	"math/big"
)

// bitsOnLadder shows a byte rate v ≥ 0 in bits, which are eight times as
// many as bytes: for the largest rates that count leaves float64, so they
// show in Pbit from bytes directly.
func bitsOnLadder(v float64) string {
	if bits := v * 8; isFinite(bits) {
		return onLadder(bits, bitScales)
	}
	top := bitScales[len(bitScales)-1]
	return formatNumber(v/(top.factor/8)) + top.name
}

// formatRatio shows v/scale, a value in a display unit, with Significant
// digits. A quotient that leaves the range of normal float64s (1e300 B
// in a unit of 1e-300 B, or 1e-300 B in EB) is computed exactly instead,
// so that it never shows as +Inf, 0 or a rounded subnormal.
func formatRatio(v, scale float64) string {
	x := v / scale
	if !isFinite(v) || !isFinite(scale) || scale == 0 || v == 0 ||
		isFinite(x) && math.Abs(x) >= 0x1p-1022 {
		return formatNumber(x)
	}
	q := new(big.Float).Quo(big.NewFloat(v), big.NewFloat(scale))
	return cleanExponent(q.Text('e', Significant-1))
}
