package estimate

import (
	"fmt"
	"math/big"
)

// A modelPublished is a published figure, checked against the name it is
// for.
type modelPublished struct {
	*Published
	slot  int
	want  Quantity
	exact *big.Rat
}

// published compiles each published figure: a constant of the dimension
// of the input or output it names.
func (c *compiler) published() {
	m := c.m
	for _, p := range c.s.Published {
		if c.full() {
			return
		}
		path := "published." + p.Name
		slot, ok := c.target(p.Name, p.NamePos, path)
		if !ok {
			continue
		}
		want, ok := c.constant(p.Value, path, "a published figure")
		if !ok {
			continue
		}
		if dim, known := m.dimension(slot); known && dim != want.Dim {
			c.errorf(p.Value.Pos, path, "published %s is %s, but %s is %s", p.Value.Value, want.Dim.Describe(), p.Name, dim.Describe())
			continue
		}
		m.published = append(m.published, modelPublished{Published: p, slot: slot, want: want, exact: c.last.r})
	}
}

// A PublishedResult is a published figure beside the value computed.
type PublishedResult struct {
	Name      string
	Published Quantity
	Actual    Quantity
	// Deviation is (actual − published) / published; NaN when the
	// published figure is 0 and the actual is not.
	Deviation float64
	Text      string       // the figure as written
	Note      string       // why it differs, if the file says
	Unit      *DisplayUnit // the unit its name is shown in, if any

	actual *big.Rat
	exact  bool
}

// Format shows the computed value as its name is shown.
func (p PublishedResult) Format(o DisplayOptions) string {
	return formatValue(p.Actual, p.actual, p.exact, p.Unit, o)
}

// FormatPublished shows the published figure in the same unit.
func (p PublishedResult) FormatPublished(o DisplayOptions) string {
	return formatValue(p.Published, nil, true, p.Unit, o)
}

func comparePublished(p modelPublished, got exact, unit *DisplayUnit) PublishedResult {
	r := PublishedResult{Name: p.Name, Published: p.want, Actual: quantityOf(got, p.want.Dim), Text: p.Value.Value,
		Note: p.Note, Unit: unit, actual: got.r, exact: !got.approx}
	r.Deviation = deviation(got.r, p.exact)
	return r
}

// deviation is (got − want) / |want| as a float64, 0 when both are 0 and
// NaN when only want is.
func deviation(got, want *big.Rat) float64 {
	switch {
	case want.Sign() != 0:
		d := new(big.Rat).Sub(got, want)
		v, _ := d.Quo(d, new(big.Rat).Abs(want)).Float64()
		return v
	case got.Sign() == 0:
		return 0
	}
	return nanValue
}

var nanValue = func() float64 { var z float64; return z / z }()

// String is "storage: 36.5 TB, published 365 TB (-90%): note".
func (p PublishedResult) String() string {
	s := fmt.Sprintf("%s: %s, published %s (%s)", p.Name, p.Format(DisplayOptions{}), p.FormatPublished(DisplayOptions{}), FormatDeviation(p.Deviation))
	if p.Note != "" {
		s += ": " + p.Note
	}
	return s
}
