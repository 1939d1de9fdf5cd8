package render

import (
	"encoding/csv"
	"fmt"
	"io"

	"github.com/envelope-cli/envelope/estimate"
)

// A SweepView is a sweep prepared for rendering: every value displayed,
// each column on one scale (see estimate.ColumnUnit).
type SweepView struct {
	Title   string // the scenario's title and name
	Sweep   *estimate.SweepResult
	Options estimate.DisplayOptions
	// InputUnits and OutputUnits are the units of each column, nil for
	// each value in its own best unit.
	InputUnits  []*estimate.DisplayUnit
	OutputUnits []*estimate.DisplayUnit
	// InputTexts are the ranges as written, to find a per-day unit.
	InputTexts []string
}

// NewSweepView chooses the display unit of every column: the unit the
// scenario gives a value, or for an input the period its range was
// written in (10M/day), or else one scale for the column.
func NewSweepView(title string, s *estimate.SweepResult, inputUnits []*estimate.DisplayUnit, texts []string, o estimate.DisplayOptions) *SweepView {
	v := &SweepView{Title: title, Sweep: s, Options: o, InputTexts: texts}
	for i, r := range s.Ranges {
		u := inputUnits[i]
		if u == nil && i < len(texts) && len(r.Values) > 0 {
			u = estimate.RangeUnit(texts[i], r.Values[0].Dim, o.Conventions)
		}
		if u == nil {
			u = estimate.ColumnUnit(r.Values, o)
		}
		v.InputUnits = append(v.InputUnits, u)
	}
	for out := range s.Outputs {
		u := s.Units[out]
		if u == nil {
			u = estimate.ColumnUnit(s.Column(out), o)
		}
		v.OutputUnits = append(v.OutputUnits, u)
	}
	return v
}

// Input shows range i's value j.
func (v *SweepView) Input(i, j int) string {
	return estimate.FormatIn(v.Sweep.Ranges[i].Values[j], v.InputUnits[i], v.Options)
}

// Output shows output out at point p, or "failed" where the point failed.
func (v *SweepView) Output(out, p int) string {
	if _, failed := v.Sweep.Failed(p); failed {
		return "failed"
	}
	return v.Sweep.Format(out, p, v.OutputUnits[out], v.Options)
}

// Tables returns the sweep as tables: one with a row per point and a
// column per output for one range; for two, one table per output, the
// first range down and the second across. Each table comes with a
// heading (empty for one range).
func (v *SweepView) Tables() ([]string, []Table) {
	s := v.Sweep
	if len(s.Ranges) == 1 {
		t := Table{Header: append([]string{s.Ranges[0].Name}, s.Outputs...)}
		for p := range s.Len() {
			row := []string{v.Input(0, p)}
			for out := range s.Outputs {
				row = append(row, v.Output(out, p))
			}
			t.Rows = append(t.Rows, row)
		}
		return []string{""}, []Table{t}
	}
	a, b := s.Ranges[0], s.Ranges[1]
	var heads []string
	var tables []Table
	for out, name := range s.Outputs {
		t := Table{Header: []string{a.Name + " \\ " + b.Name}}
		for j := range b.Values {
			t.Header = append(t.Header, v.Input(1, j))
		}
		for i := range a.Values {
			row := []string{v.Input(0, i)}
			for j := range b.Values {
				row = append(row, v.Output(out, i*len(b.Values)+j))
			}
			t.Rows = append(t.Rows, row)
		}
		heads = append(heads, fmt.Sprintf("%s: %s down, %s across", name, a.Name, b.Name))
		tables = append(tables, t)
	}
	return heads, tables
}

// Markdown writes the tables as GitHub tables under a heading.
func (v *SweepView) Markdown(w io.Writer) error {
	fmt.Fprintf(w, "### %s\n\n", MarkdownText(v.Title))
	heads, tables := v.Tables()
	for i, t := range tables {
		if heads[i] != "" {
			fmt.Fprintf(w, "%s\n\n", MarkdownText(heads[i]))
		}
		for r, row := range t.Rows {
			for c, cell := range row {
				t.Rows[r][c] = MarkdownText(cell)
			}
		}
		for c, h := range t.Header {
			t.Header[c] = MarkdownText(h)
		}
		if err := t.Markdown(w); err != nil {
			return err
		}
		fmt.Fprintln(w)
	}
	return nil
}

// CSV writes one row per point, every combination of a grid: for each
// input and output its value in base units and its display.
func (v *SweepView) CSV(w io.Writer) error {
	s := v.Sweep
	cw := csv.NewWriter(w)
	var head []string
	for _, r := range s.Ranges {
		head = append(head, r.Name, r.Name+"_display")
	}
	for _, name := range s.Outputs {
		head = append(head, name, name+"_display")
	}
	cw.Write(head)
	for p := range s.Len() {
		var row []string
		for i, j := range s.Point(p) {
			row = append(row, FormatValue(s.Ranges[i].Values[j].Value), v.Input(i, j))
		}
		for out := range s.Outputs {
			if _, failed := s.Failed(p); failed {
				row = append(row, "", "failed")
				continue
			}
			row = append(row, FormatValue(s.Value(out, p).Value), v.Output(out, p))
		}
		cw.Write(row)
	}
	cw.Flush()
	return cw.Error()
}

// A SweepReport is a sweep for JSON and YAML: values in base units with
// their canonical unit, and their displays.
type SweepReport struct {
	Title   string        `json:"title" yaml:"title"`
	Vary    []SweepRange  `json:"vary" yaml:"vary"`
	Outputs []SweepColumn `json:"outputs" yaml:"outputs"`
	Points  []SweepPoint  `json:"points" yaml:"points"`
}

// A SweepRange is one input varied.
type SweepRange struct {
	Name string `json:"name" yaml:"name"`
	Unit string `json:"unit" yaml:"unit"`
	Log  bool   `json:"log" yaml:"log"`
}

// A SweepColumn is one output swept.
type SweepColumn struct {
	Name string `json:"name" yaml:"name"`
	Unit string `json:"unit" yaml:"unit"`
}

// A SweepPoint is one point: the inputs' values and the outputs'.
type SweepPoint struct {
	Inputs  []SweepValue `json:"inputs" yaml:"inputs"`
	Outputs []SweepValue `json:"outputs,omitempty" yaml:"outputs,omitempty"`
	Error   string       `json:"error,omitempty" yaml:"error,omitempty"`
}

// A SweepValue is a value in base units and as displayed; with ranges,
// the value is the point's median and Distribution its spread.
type SweepValue struct {
	Name         string                       `json:"name" yaml:"name"`
	Value        float64                      `json:"value" yaml:"value"`
	Display      string                       `json:"display" yaml:"display"`
	Distribution *estimate.DistributionReport `json:"distribution,omitempty" yaml:"distribution,omitempty"`
}

// Report builds the sweep's report.
func (v *SweepView) Report() SweepReport {
	s := v.Sweep
	rep := SweepReport{Title: v.Title, Vary: []SweepRange{}, Outputs: []SweepColumn{}, Points: []SweepPoint{}}
	for _, r := range s.Ranges {
		rep.Vary = append(rep.Vary, SweepRange{Name: r.Name, Unit: r.Values[0].Dim.String(), Log: r.Log})
	}
	for out, name := range s.Outputs {
		rep.Outputs = append(rep.Outputs, SweepColumn{Name: name, Unit: s.Dims[out].String()})
	}
	for p := range s.Len() {
		var pt SweepPoint
		for i, j := range s.Point(p) {
			pt.Inputs = append(pt.Inputs, SweepValue{Name: s.Ranges[i].Name, Value: s.Ranges[i].Values[j].Value, Display: v.Input(i, j)})
		}
		if f, failed := s.Failed(p); failed {
			pt.Error = f.String()
		} else {
			for out, name := range s.Outputs {
				sv := SweepValue{Name: name, Value: s.Value(out, p).Value, Display: v.Output(out, p)}
				if d := s.Distribution(out, p); d != nil {
					sv.Distribution = d.Report()
				}
				pt.Outputs = append(pt.Outputs, sv)
			}
		}
		rep.Points = append(rep.Points, pt)
	}
	return rep
}
