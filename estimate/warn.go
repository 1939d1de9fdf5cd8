package estimate

import "fmt"

// A Warning says that a result's dimension is implausible for a capacity
// estimate, and names the slip that most often causes it. Warnings never
// make an evaluation fail; "envelope check --strict" fails on them.
type Warning struct {
	Name string // the output (or input) it is about
	Msg  string
}

func (w Warning) String() string { return w.Name + ": " + w.Msg }

// dimensionWarning explains why no capacity figure has dimension d, or
// returns "" when d is plausible.
func dimensionWarning(d Dimension) string {
	switch {
	case d.Byte >= 2:
		return fmt.Sprintf("is in %s, bytes times bytes: B is a byte, so a count written 1.5B reads as 1.5 bytes; a billion is bn (1.5bn)", d)
	case d.Byte <= -2:
		return fmt.Sprintf("is in %s, per byte per byte: is a size divided twice?", d)
	case d.Byte >= 1 && d.Second >= 1:
		return fmt.Sprintf("is in %s, bytes times time: a rate (B/s) times a duration gives bytes; is a size multiplied by a duration?", d)
	case d.Dollar >= 1 && d.Second <= -2:
		return fmt.Sprintf("is in %s, money per second per second: is a monthly price divided by a time twice?", d)
	case d.Second <= -2:
		return fmt.Sprintf("is in %s, a rate per second: is a rate divided by a time again (x / day / day)?", d)
	case d.Second >= 2:
		return fmt.Sprintf("is in %s, time times time: is a duration multiplied by another?", d)
	case d.Dollar >= 2 || d.Dollar <= -2:
		return fmt.Sprintf("is in %s: money times money", d)
	case d.Length >= 4 || d.Length <= -4:
		return fmt.Sprintf("is in %s: no length, area or volume", d)
	}
	for _, c := range d.Counts() {
		if c.Exp > 1 || c.Exp < -1 {
			return fmt.Sprintf("is in %s: %s multiplied by %s; is one count multiplied in twice?", d, plural(c.Name), plural(c.Name))
		}
	}
	return ""
}

// Warnings returns a warning for each output whose dimension is
// implausible, in file order.
func (m *Model) Warnings() []Warning {
	var ws []Warning
	for _, out := range m.outputs {
		if out.f == nil {
			continue
		}
		if msg := dimensionWarning(out.f.root.dim); msg != "" {
			ws = append(ws, Warning{Name: out.Name, Msg: out.Name + " " + msg})
		}
	}
	return ws
}

// Warning returns a warning when the calculation's dimension is
// implausible, or "".
func (c Calculation) Warning() string {
	if c.Condition {
		return ""
	}
	if msg := dimensionWarning(c.Quantity.Dim); msg != "" {
		return "the result " + msg
	}
	return ""
}
