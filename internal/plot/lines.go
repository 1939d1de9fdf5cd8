package plot

import (
	"fmt"
	"image/color"

	gonum "gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// Lines is an output over a grid of two swept inputs: a line over the
// first input for each value of the second, told apart by colour and a
// legend.
type Lines struct {
	Title  string
	X, Y   Axis
	Series []Series
}

// A Series is one line of Lines: its label in the legend ("peak = 3")
// and its points.
type Series struct {
	Label  string
	XS, YS []float64
}

// palette are the colours of the series, distinct in print and for the
// common forms of colour blindness (Okabe and Ito).
var palette = []color.RGBA{
	{0x00, 0x72, 0xb2, 0xff}, {0xe6, 0x9f, 0x00, 0xff}, {0x00, 0x9e, 0x73, 0xff}, {0xd5, 0x5e, 0x00, 0xff},
	{0xcc, 0x79, 0xa7, 0xff}, {0x56, 0xb4, 0xe9, 0xff}, {0xf0, 0xe4, 0x42, 0xff}, {0x00, 0x00, 0x00, 0xff},
}

func (l Lines) plot() (*gonum.Plot, error) {
	if len(l.Series) == 0 {
		return nil, fmt.Errorf("%s: no series to draw", l.Title)
	}
	p := newPlot(l.Title, l.X, l.Y)
	p.Legend.Top, p.Legend.Left = true, true // lines rise to the right
	drawn := 0
	for i, s := range l.Series {
		var pts plotter.XYs
		for k := range min(len(s.XS), len(s.YS)) {
			x, y := s.XS[k], s.YS[k]
			if !finite(x) || !finite(y) || (l.X.Log && x <= 0) || (l.Y.Log && y <= 0) {
				continue
			}
			pts = append(pts, plotter.XY{X: x, Y: y})
		}
		if len(pts) == 0 {
			continue
		}
		c := palette[i%len(palette)]
		line, err := plotter.NewLine(pts)
		if err != nil {
			return nil, err
		}
		line.Color, line.Width = c, vg.Points(2)
		dots, err := plotter.NewScatter(pts)
		if err != nil {
			return nil, err
		}
		dots.Color, dots.Shape, dots.Radius = c, draw.CircleGlyph{}, vg.Points(2.5)
		p.Add(line, dots)
		p.Legend.Add(s.Label, line)
		drawn++
	}
	if drawn == 0 {
		return nil, fmt.Errorf("%s: no point to draw", l.Title)
	}
	padRange(&p.Y.Min, &p.Y.Max, l.Y.Log)
	return p, nil
}
