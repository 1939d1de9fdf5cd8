package estimate

import (
	"math"
	"strconv"
	"strings"
)

// splitPow10 writes a scale as m·10^e with m a whole number, taking the
// largest such e: 1e-9 as 1·10^-9, 60 as 6·10^1, 125 as 125·10^0. A scale
// with no such form (2^10) comes back as itself·10^0.
func splitPow10(scale float64) (m float64, e int) {
	for e := 18; e >= -12; e-- {
		p := math.Pow10(e)
		if m := math.Round(scale / p); m >= 1 && m*p == scale && m == math.Trunc(m) {
			return m, e
		}
	}
	return scale, 0
}

// scaleDecimal reads the decimal text as if its exponent were larger by
// exp, rounding once.
func scaleDecimal(text string, exp int) (float64, bool) {
	mant, e, hasExp := strings.Cut(strings.ToLower(text), "e")
	n := 0
	if hasExp {
		var err error
		if n, err = strconv.Atoi(e); err != nil {
			return 0, false
		}
	}
	v, err := strconv.ParseFloat(mant+"e"+strconv.Itoa(n+exp), 64)
	return v, err == nil
}

// singular is the counted thing a word names: "users" counts user,
// "queries" query, "boxes" box. A word that is already singular is
// itself.
func singular(w string) string {
	switch {
	case len(w) > 4 && strings.HasSuffix(w, "ies"):
		return w[:len(w)-3] + "y"
	case len(w) > 4 && (strings.HasSuffix(w, "sses") || strings.HasSuffix(w, "shes") || strings.HasSuffix(w, "ches") || strings.HasSuffix(w, "xes")):
		return w[:len(w)-2]
	case len(w) > 3 && strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "ss") && !strings.HasSuffix(w, "us"):
		return w[:len(w)-1]
	}
	return w
}

// plural is the plural of a counted thing, for display: "users",
// "queries", "boxes".
func plural(w string) string {
	switch {
	case strings.HasSuffix(w, "y") && len(w) > 1 && !strings.ContainsRune("aeiou", rune(w[len(w)-2])):
		return w[:len(w)-1] + "ies"
	case strings.HasSuffix(w, "s") || strings.HasSuffix(w, "x") || strings.HasSuffix(w, "z") || strings.HasSuffix(w, "ch") || strings.HasSuffix(w, "sh"):
		return w + "es"
	}
	return w + "s"
}
