// Package plot draws envelope's charts: a line chart of an output over a
// swept input, a histogram of an output's samples, as SVG or PNG images
// (through gonum.org/v1/plot) and as small text charts for a terminal.
//
// Values are in base units, as the engine computes them; an Axis says
// how to label them (in display units: 10M, 100M; 10 TB, 1 PB) and at
// what scale ticks are round, so the package knows nothing of units.
// Ticks fall where render.AxisTicks puts them, as on the web page's
// charts.
//
// It is internal because the command line (sweep --plot, run --plot and
// the text charts of sweep) is its only user; the page draws its charts
// in the browser.
package plot

import (
	"errors"
	"fmt"
	"image/color"
	"io"
	"math"
	"path/filepath"
	"strings"

	"github.com/envelope-cli/envelope/internal/render"
	gonum "gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"
	"gonum.org/v1/plot/vg/vgsvg"
)

// An Axis is one axis of a chart.
type Axis struct {
	Label string
	// Log puts the axis on a log scale; its values must be positive.
	Log bool
	// Unit is the size in base units of one display unit (1e12 for TB),
	// so that ticks fall on round numbers of it; zero means 1.
	Unit float64
	// Format labels a tick, given its value in base units: "10 TB".
	// Nil shows the number.
	Format func(v float64) string
}

func (a Axis) format(v float64) string {
	if a.Format == nil {
		return fmt.Sprintf("%g", v)
	}
	return a.Format(v)
}

func (a Axis) unit() float64 {
	if a.Unit <= 0 || math.IsNaN(a.Unit) || math.IsInf(a.Unit, 0) {
		return 1
	}
	return a.Unit
}

// A Chart is something this package draws.
type Chart interface {
	plot() (*gonum.Plot, error)
}

// A Line is an output over a swept input: a line through its points.
type Line struct {
	Title string
	X, Y  Axis
	XS    []float64
	YS    []float64
}

// A Histogram is the distribution of samples of one output, in Bins bars
// of equal width (equal ratio on a log axis).
type Histogram struct {
	Title   string
	X       Axis
	Samples []float64
	Bins    int // 0 means 30
}

var lineColor = color.RGBA{R: 0x1f, G: 0x77, B: 0xb4, A: 0xff}

func newPlot(title string, x, y Axis) *gonum.Plot {
	p := gonum.New()
	p.Title.Text = title
	p.Title.TextStyle.Font.Size = vg.Points(13)
	p.X.Label.Text = x.Label
	p.Y.Label.Text = y.Label
	for _, ax := range []struct {
		a  *gonum.Axis
		in Axis
	}{{&p.X, x}, {&p.Y, y}} {
		ax.a.Tick.Label.Font.Size = vg.Points(10)
		ax.a.Label.TextStyle.Font.Size = vg.Points(11)
		ax.a.Tick.Marker = Ticks(ax.in)
		if ax.in.Log {
			ax.a.Scale = gonum.LogScale{}
		}
	}
	p.Add(plotter.NewGrid())
	return p
}

func (l Line) plot() (*gonum.Plot, error) {
	if len(l.XS) != len(l.YS) || len(l.XS) == 0 {
		return nil, fmt.Errorf("%s: %d x values and %d y values", l.Title, len(l.XS), len(l.YS))
	}
	var pts plotter.XYs
	for i := range l.XS {
		x, y := l.XS[i], l.YS[i]
		if !finite(x) || !finite(y) || (l.X.Log && x <= 0) || (l.Y.Log && y <= 0) {
			continue // a point that failed, or one a log axis cannot show
		}
		pts = append(pts, plotter.XY{X: x, Y: y})
	}
	if len(pts) == 0 {
		return nil, fmt.Errorf("%s: no point to draw", l.Title)
	}
	p := newPlot(l.Title, l.X, l.Y)
	line, err := plotter.NewLine(pts)
	if err != nil {
		return nil, err
	}
	line.Color, line.Width = lineColor, vg.Points(2)
	dots, err := plotter.NewScatter(pts)
	if err != nil {
		return nil, err
	}
	dots.Color, dots.Shape, dots.Radius = lineColor, draw.CircleGlyph{}, vg.Points(2.5)
	p.Add(line, dots)
	padRange(&p.Y.Min, &p.Y.Max, l.Y.Log)
	return p, nil
}

// padRange widens a flat range, which gonum would draw with no ticks.
func padRange(lo, hi *float64, log bool) {
	if *hi > *lo {
		return
	}
	if log {
		*lo, *hi = *lo/2, *hi*2
		return
	}
	d := math.Max(math.Abs(*lo)/10, 1)
	*lo, *hi = *lo-d, *hi+d
}

func (h Histogram) plot() (*gonum.Plot, error) {
	bins := h.Bins
	if bins <= 0 {
		bins = 30
	}
	counts, edges, err := Bin(h.Samples, bins, h.X.Log)
	if err != nil {
		return nil, fmt.Errorf("%s: %v", h.Title, err)
	}
	p := newPlot(h.Title, h.X, Axis{Label: "share of samples", Format: func(v float64) string { return fmt.Sprintf("%g%%", math.Round(v*1000)/10) }})
	var bars plotter.XYs
	for i, c := range counts {
		share := float64(c) / float64(len(h.Samples))
		bars = append(bars, plotter.XY{X: edges[i], Y: share}, plotter.XY{X: edges[i+1], Y: share})
	}
	poly, err := plotter.NewPolygon(append(plotter.XYs{{X: edges[0], Y: 0}}, append(bars, plotter.XY{X: edges[len(edges)-1], Y: 0})...))
	if err != nil {
		return nil, err
	}
	poly.Color = color.RGBA{R: 0x1f, G: 0x77, B: 0xb4, A: 0x99}
	poly.LineStyle.Color = lineColor
	p.Add(poly)
	p.Y.Min = 0
	return p, nil
}

// Bin counts samples in bins of equal width, or of equal ratio when log
// is set, from the smallest sample to the largest; it returns the counts
// and the bins+1 edges.
func Bin(samples []float64, bins int, log bool) ([]int, []float64, error) {
	if bins < 1 {
		return nil, nil, errors.New("no bins")
	}
	lo, hi := math.Inf(1), math.Inf(-1)
	for _, v := range samples {
		if !finite(v) || (log && v <= 0) {
			return nil, nil, fmt.Errorf("cannot bin %g", v)
		}
		lo, hi = math.Min(lo, v), math.Max(hi, v)
	}
	if len(samples) == 0 {
		return nil, nil, errors.New("no samples")
	}
	to, from := func(v float64) float64 { return v }, func(v float64) float64 { return v }
	if log {
		to, from = math.Log, math.Exp
	}
	a, b := to(lo), to(hi)
	if b == a {
		b = a + 1
		if log {
			b = a + math.Ln2
		}
	}
	edges := make([]float64, bins+1)
	for i := range edges {
		edges[i] = from(a + (b-a)*float64(i)/float64(bins))
	}
	edges[0], edges[bins] = lo, math.Max(hi, from(b))
	counts := make([]int, bins)
	for _, v := range samples {
		i := int((to(v) - a) / (b - a) * float64(bins))
		counts[max(0, min(bins-1, i))]++
	}
	return counts, edges, nil
}

func finite(v float64) bool { return !math.IsNaN(v) && !math.IsInf(v, 0) }

// Ticks returns the tick marker of an axis: round numbers of its unit,
// 1, 2 or 5 × 10^k of it on a linear axis and powers of ten of it on a
// log one (with 2 and 5 between when the axis spans less than three
// decades), labelled by its Format.
func Ticks(a Axis) gonum.Ticker {
	return gonum.TickerFunc(func(min, max float64) []gonum.Tick {
		u := a.unit()
		lo, hi := min/u, max/u
		vals := render.AxisTicks(lo, hi, a.Log)
		var ticks []gonum.Tick
		for _, v := range vals {
			ticks = append(ticks, gonum.Tick{Value: v * u, Label: a.format(v * u)})
		}
		return ticks
	})
}

// FormatOf returns the image format a path asks for: "svg" or "png".
func FormatOf(path string) (string, error) {
	switch ext := strings.ToLower(filepath.Ext(path)); ext {
	case ".svg", ".png":
		return ext[1:], nil
	}
	return "", fmt.Errorf("%s: want a .svg or .png file", path)
}

// Size of one chart in an image.
const (
	ChartWidth  = 6 * vg.Inch
	ChartHeight = 3.5 * vg.Inch
	// DPI of a PNG: ChartWidth is 900 pixels.
	DPI = 150
)

// Write draws the charts one above the other, as an SVG or PNG image.
func Write(w io.Writer, format string, charts ...Chart) error {
	if len(charts) == 0 {
		return errors.New("no chart to draw")
	}
	plots := make([][]*gonum.Plot, len(charts))
	for i, c := range charts {
		p, err := c.plot()
		if err != nil {
			return err
		}
		plots[i] = []*gonum.Plot{p}
	}
	width, height := ChartWidth, ChartHeight*vg.Length(len(charts))
	var canvas interface {
		vg.CanvasSizer
	}
	var out io.WriterTo
	switch format {
	case "svg":
		c := vgsvg.New(width, height)
		canvas, out = c, c
	case "png":
		c := vgimg.NewWith(vgimg.UseWH(width, height), vgimg.UseDPI(DPI))
		canvas, out = c, vgimg.PngCanvas{Canvas: c}
	default:
		return fmt.Errorf("unknown image format %q (want svg or png)", format)
	}
	dc := draw.New(canvas)
	tiles := draw.Tiles{Rows: len(charts), Cols: 1, PadTop: vg.Points(6), PadBottom: vg.Points(6),
		PadLeft: vg.Points(6), PadRight: vg.Points(14), PadY: vg.Points(18)}
	canvases := gonum.Align(plots, tiles, dc)
	for i := range plots {
		plots[i][0].Draw(canvases[i][0])
	}
	_, err := out.WriteTo(w)
	return err
}
