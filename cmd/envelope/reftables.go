package main

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/envelope-cli/envelope/estimate"
)

// The reference tables, made from the data files. Every value is read and
// computed by the engine; this file only lays the results out.

type latencyFigure struct {
	Source  string  `json:"source" yaml:"source"`
	Year    int     `json:"year" yaml:"year"`
	Value   float64 `json:"value" yaml:"value"` // seconds
	Unit    string  `json:"unit" yaml:"unit"`
	Display string  `json:"display" yaml:"display"`
}

type latencyOperation struct {
	Operation string          `json:"operation" yaml:"operation"`
	Figures   []latencyFigure `json:"figures" yaml:"figures"`
}

type latencyReport struct {
	Title      string             `json:"title" yaml:"title"`
	Operations []latencyOperation `json:"operations" yaml:"operations"`
	Sources    []latencySource    `json:"sources" yaml:"sources"`
}

// latencyRef lays the figures out a source a column, oldest first.
func latencyRef(estimate.Conventions) (*refView, error) {
	d, err := latencyData()
	if err != nil {
		return nil, err
	}
	sec := refSection{header: []string{"operation"}}
	for _, s := range d.Sources {
		sec.header = append(sec.header, s.Label)
	}
	rep := latencyReport{Title: d.Title, Sources: d.Sources}
	records := [][]string{{"operation", "source", "year", "value", "unit", "display"}}
	for _, op := range d.Operations {
		row := []string{op.Name}
		o := latencyOperation{Operation: op.Name}
		for _, s := range d.Sources {
			text, ok := op.Latency[s.Key]
			if !ok {
				row = append(row, "")
				continue
			}
			q, err := estimate.ParseQuantity(text, estimate.Seconds, estimate.Exact)
			if err != nil {
				return nil, fmt.Errorf("refdata/latency.yaml: %s, %s: %w", op.Name, s.Key, err)
			}
			f := latencyFigure{Source: s.Key, Year: s.Year, Value: q.Value, Unit: q.Dim.String(),
				Display: estimate.Format(q, estimate.DisplayOptions{})}
			row = append(row, f.Display)
			o.Figures = append(o.Figures, f)
			records = append(records, []string{op.Name, s.Key, strconv.Itoa(s.Year),
				formatValue(f.Value), f.Unit, f.Display})
		}
		sec.rows = append(sec.rows, row)
		rep.Operations = append(rep.Operations, o)
	}
	return &refView{title: d.Title, sections: []refSection{sec}, sources: d.Sources,
		records: records, data: rep}, nil
}

type powerReport struct {
	Power   string `json:"power" yaml:"power"`
	Value   uint64 `json:"value" yaml:"value"`
	Name    string `json:"name" yaml:"name"`
	Prefix  string `json:"prefix" yaml:"prefix"`
	Symbol  string `json:"symbol" yaml:"symbol"`
	Binary  string `json:"binary" yaml:"binary"`   // so many bytes, in KiB, MiB, …
	Decimal string `json:"decimal" yaml:"decimal"` // so many bytes, in KB, MB, …
}

type powersReport struct {
	Title string        `json:"title" yaml:"title"`
	Two   []powerReport `json:"powers_of_two" yaml:"powers_of_two"`
	Ten   []powerReport `json:"powers_of_ten" yaml:"powers_of_ten"`
	Notes []string      `json:"notes" yaml:"notes"`
}

// powersRef shows each power exactly, and as bytes in binary and decimal
// units.
func powersRef(conv estimate.Conventions) (*refView, error) {
	d, err := powersData()
	if err != nil {
		return nil, err
	}
	rep := powersReport{Title: d.Title, Notes: d.Notes}
	v := &refView{title: d.Title, notes: d.Notes, data: &rep,
		records: [][]string{{"power", "value", "name", "prefix", "symbol", "binary", "decimal"}}}
	header := []string{"power", "value", "name", "prefix", "binary bytes", "decimal bytes"}
	for _, part := range []struct {
		title  string
		powers []namedPower
		out    *[]powerReport
	}{
		{"Powers of two", d.Two, &rep.Two},
		{"Powers of ten", d.Ten, &rep.Ten},
	} {
		sec := refSection{title: part.title, header: header}
		for _, p := range part.powers {
			q, err := estimate.ParseQuantity(p.Power, estimate.Dimensionless, conv)
			if err != nil {
				return nil, fmt.Errorf("refdata/powers.yaml: %s: %w", p.Power, err)
			}
			// Exact as an integer: every power listed is one, and fits.
			if q.Value != math.Trunc(q.Value) || q.Value < 0 || q.Value >= 1<<64 {
				return nil, fmt.Errorf("refdata/powers.yaml: %s is not a whole number of at most 64 bits", p.Power)
			}
			bytes := estimate.Quantity{Value: q.Value, Dim: estimate.Bytes}
			r := powerReport{Power: p.Power, Value: uint64(q.Value), Name: p.Name, Prefix: p.Prefix, Symbol: p.Symbol,
				Binary:  estimate.Format(bytes, estimate.DisplayOptions{Binary: true}),
				Decimal: estimate.Format(bytes, estimate.DisplayOptions{})}
			*part.out = append(*part.out, r)
			exact := strconv.FormatUint(r.Value, 10)
			sec.rows = append(sec.rows, []string{r.Power, groupDigits(exact), r.Name,
				r.Prefix + " (" + r.Symbol + ")", r.Binary, r.Decimal})
			v.records = append(v.records, []string{r.Power, exact, r.Name, r.Prefix, r.Symbol, r.Binary, r.Decimal})
		}
		v.sections = append(v.sections, sec)
	}
	return v, nil
}

type timeUnitReport struct {
	Unit    string  `json:"unit" yaml:"unit"`
	Seconds float64 `json:"seconds" yaml:"seconds"`
	Days    float64 `json:"days" yaml:"days"`
}

type dailyRateReport struct {
	PerDay    string  `json:"per_day" yaml:"per_day"`
	PerSecond float64 `json:"per_second" yaml:"per_second"`
	Display   string  `json:"display" yaml:"display"`
}

type timeReport struct {
	Title       string                     `json:"title" yaml:"title"`
	Conventions estimate.ConventionsReport `json:"conventions" yaml:"conventions"`
	Units       []timeUnitReport           `json:"units" yaml:"units"`
	Daily       []dailyRateReport          `json:"daily" yaml:"daily"`
}

// timeRef gives the seconds in each unit of time, and each daily volume
// per second, under conv.
func timeRef(conv estimate.Conventions) (*refView, error) {
	d, err := timeData()
	if err != nil {
		return nil, err
	}
	o := estimate.DisplayOptions{Conventions: conv}
	rep := timeReport{Title: d.Title, Conventions: conv.Report()}
	units := refSection{title: "Seconds per unit", header: []string{"unit", "seconds", "days"}}
	records := [][]string{{"section", "name", "value", "unit", "display"}}
	for _, text := range d.Units {
		q, err := estimate.ParseQuantity(text, estimate.Seconds, conv)
		if err != nil {
			return nil, fmt.Errorf("refdata/time.yaml: %s: %w", text, err)
		}
		days, err := estimate.Div(q, estimate.Quantity{Value: conv.Day, Dim: estimate.Seconds})
		if err != nil {
			return nil, fmt.Errorf("refdata/time.yaml: %s: %w", text, err)
		}
		rep.Units = append(rep.Units, timeUnitReport{Unit: text, Seconds: q.Value, Days: days.Value})
		units.rows = append(units.rows, []string{text, groupDigits(formatValue(q.Value)), estimate.Format(days, o)})
		records = append(records, []string{"unit", text, formatValue(q.Value), q.Dim.String(), estimate.Format(q, o)})
	}
	daily := refSection{title: "Daily volume per second", header: []string{"per day", "per second"}}
	for _, text := range d.Daily {
		q, err := estimate.ParseQuantity(text, estimate.Rate, conv)
		if err != nil {
			return nil, fmt.Errorf("refdata/time.yaml: %s: %w", text, err)
		}
		r := dailyRateReport{PerDay: text, PerSecond: q.Value, Display: estimate.Format(q, o)}
		rep.Daily = append(rep.Daily, r)
		daily.rows = append(daily.rows, []string{text, r.Display})
		records = append(records, []string{"daily", text, formatValue(q.Value), q.Dim.String(), r.Display})
	}
	return &refView{title: d.Title, sections: []refSection{units, daily}, conv: &conv,
		records: records, data: rep}, nil
}

type downtimeReport struct {
	Per     string  `json:"per" yaml:"per"`
	Seconds float64 `json:"seconds" yaml:"seconds"`
	Display string  `json:"display" yaml:"display"`
}

type targetReport struct {
	Target   string           `json:"target" yaml:"target"`
	Value    float64          `json:"value" yaml:"value"`
	Nines    string           `json:"nines" yaml:"nines"`
	Downtime []downtimeReport `json:"downtime" yaml:"downtime"`
}

type availabilityReport struct {
	Title       string                     `json:"title" yaml:"title"`
	Conventions estimate.ConventionsReport `json:"conventions" yaml:"conventions"`
	Targets     []targetReport             `json:"targets" yaml:"targets"`
}

// availabilityRef gives the downtime each target allows, under conv.
func availabilityRef(conv estimate.Conventions) (*refView, error) {
	d, err := availabilityData()
	if err != nil {
		return nil, err
	}
	o := estimate.DisplayOptions{Conventions: conv}
	rep := availabilityReport{Title: d.Title, Conventions: conv.Report()}
	sec := refSection{header: []string{"availability", "nines"}}
	for _, p := range downtimePeriods {
		sec.header = append(sec.header, "per "+p)
	}
	records := [][]string{{"availability", "per", "value", "unit", "display"}}
	m, err := loadCalculator("availability.yaml", &conventionsFlag{conv: &conv})
	if err != nil {
		return nil, err
	}
	for _, t := range d.Targets {
		q, downs, err := downtimes(m, t.Target)
		if err != nil {
			return nil, fmt.Errorf("refdata/availability.yaml: %s: %w", t.Target, err)
		}
		r := targetReport{Target: t.Target, Value: q.Value, Nines: t.Nines}
		row := []string{t.Target, t.Nines}
		for i, down := range downs {
			dr := downtimeReport{Per: downtimePeriods[i], Seconds: down.Value, Display: estimate.Format(down, o)}
			r.Downtime = append(r.Downtime, dr)
			row = append(row, dr.Display)
			records = append(records, []string{t.Target, dr.Per, formatValue(down.Value), down.Dim.String(), dr.Display})
		}
		rep.Targets = append(rep.Targets, r)
		sec.rows = append(sec.rows, row)
	}
	return &refView{title: d.Title, sections: []refSection{sec}, conv: &conv,
		records: records, data: rep}, nil
}

// groupDigits puts thousands separators into the whole part of a number
// written in plain digits: 1152921504606846976 as 1,152,921,504,606,846,976.
func groupDigits(s string) string {
	whole, frac, _ := strings.Cut(s, ".")
	if strings.ContainsAny(whole, "e-") || len(whole) <= 3 {
		return s
	}
	var b strings.Builder
	for i, r := range whole {
		if i > 0 && (len(whole)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(r)
	}
	if frac != "" {
		b.WriteString("." + frac)
	}
	return b.String()
}
