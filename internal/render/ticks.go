package render

import "math"

// AxisTicks returns the round values from lo to hi at which to label an
// axis, in the axis's own unit: on a log axis (lo > 0) the powers of ten,
// with 2 and 5 times them when it spans less than two and a half decades;
// otherwise, or when that leaves fewer than two, 3 to 7 steps of 1, 2 or
// 5 × 10^k. The image plots of "envelope sweep --plot" and the web
// page's charts label their axes with it, so that the two agree.
func AxisTicks(lo, hi float64, log bool) []float64 {
	if log && lo > 0 {
		if ticks := logTicks(lo, hi); len(ticks) >= 2 {
			return ticks
		}
	}
	return linearTicks(lo, hi)
}

func logTicks(lo, hi float64) []float64 {
	var out []float64
	mults := []float64{1}
	if math.Log10(hi/lo) < 2.5 {
		mults = []float64{1, 2, 5}
	}
	for e := math.Floor(math.Log10(lo)); e <= math.Ceil(math.Log10(hi)); e++ {
		for _, m := range mults {
			if v := m * math.Pow(10, e); v >= lo*(1-1e-9) && v <= hi*(1+1e-9) {
				out = append(out, v)
			}
		}
	}
	return out
}

func linearTicks(lo, hi float64) []float64 {
	if !(hi > lo) {
		return []float64{lo}
	}
	step := math.Pow(10, math.Floor(math.Log10((hi-lo)/5)))
	for _, m := range []float64{1, 2, 5, 10} {
		if (hi-lo)/(step*m) <= 7 {
			step *= m
			break
		}
	}
	var out []float64
	for v := math.Ceil(lo/step-1e-9) * step; v <= hi*(1+1e-12)+step*1e-9; v += step {
		// Rounded to the step, without the residue of repeated
		// addition (0.30000000004), and never -0.
		r := math.Round(v/step*1e6) / 1e6 * step
		if r == 0 {
			r = 0
		}
		out = append(out, r)
	}
	return out
}
