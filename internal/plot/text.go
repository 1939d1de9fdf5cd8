package plot

import (
	"fmt"
	"io"
	"math"
	"strings"
	"unicode/utf8"
)

// Text draws a line chart in text, width columns by height rows of
// plot area, for a terminal: a dot at each point, a dotted line between
// them, the extreme values labelled on each axis (in the axes' display
// units), and "log" beside an axis on a log scale.
func Text(w io.Writer, l Line, width, height int) error {
	width, height = max(width, 24), max(height, 4)
	var xs, ys []float64
	for i := range min(len(l.XS), len(l.YS)) {
		x, y := l.XS[i], l.YS[i]
		if !finite(x) || !finite(y) || (l.X.Log && x <= 0) || (l.Y.Log && y <= 0) {
			continue
		}
		xs, ys = append(xs, x), append(ys, y)
	}
	if len(xs) == 0 {
		_, err := fmt.Fprintf(w, "%s: no point to draw\n", l.Title)
		return err
	}
	xlo, xhi := span(xs)
	ylo, yhi := span(ys)
	top, bottom := l.Y.format(yhi), l.Y.format(ylo)
	lw := max(utf8.RuneCountInString(top), utf8.RuneCountInString(bottom))
	plotW := max(width-lw-2, 10)
	grid := make([][]rune, height)
	for r := range grid {
		grid[r] = []rune(strings.Repeat(" ", plotW))
	}
	col := func(x float64) float64 { return scaled(x, xlo, xhi, l.X.Log) * float64(plotW-1) }
	row := func(y float64) float64 { return (1 - scaled(y, ylo, yhi, l.Y.Log)) * float64(height-1) }
	for i := 1; i < len(xs); i++ {
		c0, c1 := col(xs[i-1]), col(xs[i])
		r0, r1 := row(ys[i-1]), row(ys[i])
		steps := int(math.Max(math.Abs(c1-c0), math.Abs(r1-r0))*2) + 1
		for s := 0; s <= steps; s++ {
			t := float64(s) / float64(steps)
			c, r := int(math.Round(c0+(c1-c0)*t)), int(math.Round(r0+(r1-r0)*t))
			if grid[r][c] == ' ' {
				grid[r][c] = '·'
			}
		}
	}
	for i := range xs {
		grid[int(math.Round(row(ys[i])))][int(math.Round(col(xs[i])))] = '•'
	}
	var b strings.Builder
	title := l.Title
	if l.Y.Label != "" && l.Y.Label != l.Title {
		title += " (" + l.Y.Label + ")"
	}
	if l.Y.Log {
		title += ", log scale"
	}
	fmt.Fprintln(&b, title)
	for r, line := range grid {
		label, tick := "", '│'
		switch r {
		case 0:
			label, tick = top, '┤'
		case height - 1:
			label, tick = bottom, '┤'
		}
		fmt.Fprintf(&b, "%*s %c%s\n", lw, label, tick, strings.TrimRight(string(line), " "))
	}
	fmt.Fprintf(&b, "%*s └%s\n", lw, "", strings.Repeat("─", plotW))
	left, right := l.X.format(xlo), l.X.format(xhi)
	gap := max(plotW-utf8.RuneCountInString(left)-utf8.RuneCountInString(right), 1)
	fmt.Fprintf(&b, "%*s  %s%s%s\n", lw, "", left, strings.Repeat(" ", gap), right)
	xl := l.X.Label
	if l.X.Log {
		xl += ", log scale"
	}
	fmt.Fprintf(&b, "%*s  %s\n", lw, "", xl)
	_, err := io.WriteString(w, b.String())
	return err
}

func span(vs []float64) (lo, hi float64) {
	lo, hi = vs[0], vs[0]
	for _, v := range vs {
		lo, hi = math.Min(lo, v), math.Max(hi, v)
	}
	return lo, hi
}

// scaled maps v in [lo, hi] to [0, 1], logarithmically when log is set;
// a flat range maps to the middle.
func scaled(v, lo, hi float64, log bool) float64 {
	if log {
		v, lo, hi = math.Log(v), math.Log(lo), math.Log(hi)
	}
	if hi == lo {
		return 0.5
	}
	return (v - lo) / (hi - lo)
}
