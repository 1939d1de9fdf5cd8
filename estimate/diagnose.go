package estimate

import "math"

// diagnose finds the first node of a formula whose arguments are finite but
// whose value is not, and says why: evaluation itself never checks, so that
// the common case costs nothing, and this slow walk runs only on failure.
func diagnose(n *node, s []float64) (off int, msg string, bad bool) {
	v := n.eval(s)
	if isFinite(v) {
		return 0, "", false
	}
	args := n.args
	if n.op == "?:" {
		// Only the branch taken was evaluated.
		if args[0].eval(s) != 0 {
			args = args[1:2]
		} else {
			args = args[2:3]
		}
	}
	for _, a := range args {
		if off, msg, bad := diagnose(a, s); bad {
			return off, msg, bad
		}
	}
	switch {
	case n.op == "/" && args[1].eval(s) == 0:
		return n.off, "division by zero", true
	case n.op == "sqrt":
		return n.off, "square root of a negative number", true
	case n.op == "log2" || n.op == "log10":
		if args[0].eval(s) == 0 {
			return n.off, n.op + " of zero", true
		}
		return n.off, n.op + " of a negative number", true
	case math.IsNaN(v):
		return n.off, "result is not a number (NaN)", true
	}
	return n.off, "overflow: result is too large for a float64", true
}

func isFinite(v float64) bool { return !math.IsNaN(v) && !math.IsInf(v, 0) }
