package estimate

import (
	"fmt"
	"slices"
)

// outputs parses every formula, orders the outputs by their dependencies,
// reports cycles, and builds each formula once what it reads is known.
func (c *compiler) outputs() {
	m := c.m
	first := len(m.inputs)
	var outs []*Output
	for _, out := range c.s.Outputs {
		if _, dup := m.index[out.Name]; dup || checkName(out.Name) != "" {
			continue
		}
		m.index[out.Name] = first + len(outs)
		outs = append(outs, out)
	}
	m.outputs = make([]modelOutput, len(outs))

	parsed := make([]*parsedFormula, len(outs))
	failed := make([]bool, len(outs))
	sc := m.scope(nil)
	sc.inFile = true
	deps := make([][]int, len(outs)) // outputs each output reads, by index
	// readBy[slot] is 1 + the last output found to read slot, so that a
	// formula's distinct reads are found in linear time.
	readBy := make([]int, first+len(outs))
	for i, out := range outs {
		if c.full() {
			return
		}
		m.outputs[i].Output = out
		if out.Formula.style == badText {
			failed[i] = true
			continue
		}
		p, es := parseFormula(out.Formula.Value, sc)
		if es != nil {
			c.formulaErrors(out.Formula, out.Formula.Path, es)
			failed[i] = true
			continue
		}
		parsed[i] = p
		unknown := 0 // problems of unknown names in this formula
		for _, ref := range p.refs {
			slot, ok := m.index[ref.name]
			if !ok && c.m.declares(ref.name) {
				// A name already reported as bad or duplicate.
				failed[i] = true
				continue
			}
			if !ok {
				// Mentions come in file order: after MaxErrors+1 of
				// them (the last makes Load say it stopped), the rest
				// cannot be among the problems Load reports.
				if unknown++; unknown <= MaxErrors+1 {
					c.formulaErrors(out.Formula, out.Formula.Path, offsetErrors{{ref.off, c.unknownName(ref.name)}})
				}
				failed[i] = true
				continue
			}
			if slot < first && m.inputs[slot].bad {
				// Its dimension is unknown: checking would report
				// mismatches that are not there.
				failed[i] = true
			}
			if readBy[slot] == i+1 {
				continue // read already
			}
			readBy[slot] = i + 1
			m.outputs[i].deps = append(m.outputs[i].deps, slot)
			if j := slot - first; j >= 0 {
				deps[i] = append(deps[i], j)
			}
		}
	}

	m.order = c.order(outs, parsed, deps)
	inOrder := make([]bool, len(outs))
	for _, i := range m.order {
		inOrder[i] = true
	}
	// Outputs in a cycle have been reported; their dependents are left
	// unchecked rather than reported again.
	for i := range outs {
		if !inOrder[i] {
			failed[i] = true
		}
	}

	sc.r = &outputResolver{m: m, failed: failed}
	for _, i := range m.order {
		if failed[i] || slices.ContainsFunc(deps[i], func(j int) bool { return failed[j] }) {
			failed[i] = true
			continue
		}
		out := outs[i]
		p := parsed[i]
		f, es := p.build(sc)
		// Built: the Model keeps the formula's text and names, not its
		// syntax tree (a formula may hold a thousand literals).
		p.tree = nil
		if es != nil {
			c.formulaErrors(out.Formula, out.Formula.Path, es)
			failed[i] = true
			continue
		}
		if f.root.boolean {
			c.formulaErrors(out.Formula, out.Formula.Path, offsetErrors{{f.root.off, "formula is a condition (true or false), not a number"}})
			failed[i] = true
			continue
		}
		m.outputs[i].f = f
		path := "outputs." + out.Name + ".unit"
		m.outputs[i].unit = c.displayUnit(out.Unit, path, f.root.dim)
		if f.unit != nil {
			if m.outputs[i].unit != nil {
				c.errorf(out.Unit.Pos, path, "the formula converts to %s already (->); give the unit once", f.unit.Text)
			}
			m.outputs[i].unit = f.unit
		}
	}
	if slices.Contains(failed, true) {
		m.order = nil
	}
}

// unknownName explains a formula's mention of a name that the scenario
// does not have. It explains each name once: a formula may mention one a
// thousand times.
func (c *compiler) unknownName(name string) string {
	if msg, ok := c.unknownNames[name]; ok {
		return msg
	}
	msg := c.explainUnknownName(name)
	if c.unknownNames == nil {
		c.unknownNames = map[string]string{}
	}
	c.unknownNames[name] = msg
	return msg
}

func (c *compiler) explainUnknownName(name string) string {
	if _, ok := functions[name]; ok {
		return fmt.Sprintf("%s is a function; call it as %s(...)", name, name)
	}
	msg := fmt.Sprintf("unknown name %q", name)
	s := suggest(name, c.candidates())
	if s == "" {
		s = suggestUnit(name)
	}
	if s != "" {
		msg += fmt.Sprintf("; did you mean %q?", s)
	} else if hint, ok := ambiguousUnits[name]; ok {
		msg += ": " + hint
	}
	return msg
}

// candidates returns the names of the inputs and outputs written in the
// file, valid or not, in file order: what an unknown name may be a slip
// for.
func (c *compiler) candidates() []string {
	if c.names == nil {
		c.names = make([]string, 0, len(c.s.Inputs)+len(c.s.Outputs))
		for _, in := range c.s.Inputs {
			c.names = append(c.names, in.Name)
		}
		for _, out := range c.s.Outputs {
			c.names = append(c.names, out.Name)
		}
	}
	return c.names
}

// outputResolver resolves names to slots while outputs are built in
// dependency order, so the dimension of every name read is known.
type outputResolver struct {
	m      *Model
	failed []bool
}

func (r *outputResolver) resolve(name string) (int, Dimension, bool) {
	slot, ok := r.m.index[name]
	if !ok {
		return 0, Dimension{}, false
	}
	if slot < len(r.m.inputs) {
		return slot, r.m.inputs[slot].value.Dim, true
	}
	f := r.m.outputs[slot-len(r.m.inputs)].f
	if f == nil {
		return 0, Dimension{}, false
	}
	return slot, f.root.dim, true
}

func (r *outputResolver) unknown(name string) string { return fmt.Sprintf("unknown name %q", name) }

// order sorts the outputs so that each comes after those it reads (Kahn's
// algorithm, without recursion, so long chains cost no stack), keeping
// file order among independent ones. It reports each cycle once.
func (c *compiler) order(outs []*Output, parsed []*parsedFormula, deps [][]int) []int {
	n := len(outs)
	indeg := make([]int, n)
	users := make([][]int, n)
	for i, ds := range deps {
		for _, j := range ds {
			indeg[i]++
			users[j] = append(users[j], i)
		}
	}
	order := make([]int, 0, n)
	for i := range n {
		if indeg[i] == 0 {
			order = append(order, i)
		}
	}
	for k := 0; k < len(order); k++ {
		for _, u := range users[order[k]] {
			if indeg[u]--; indeg[u] == 0 {
				order = append(order, u)
			}
		}
	}
	if len(order) == n {
		return order
	}

	// What remains is cycles and what depends on them. Walk from each
	// remaining output along remaining dependencies until a name repeats.
	done := make([]bool, n)
	for start := range n {
		if indeg[start] == 0 || done[start] {
			continue
		}
		at := map[int]int{}
		var path []int
		cur := start
		for {
			if k, seen := at[cur]; seen {
				c.reportCycle(outs, parsed, path[k:])
				break
			}
			if done[cur] {
				break
			}
			at[cur] = len(path)
			path = append(path, cur)
			next := -1
			for _, j := range deps[cur] {
				if indeg[j] > 0 {
					next = j
					break
				}
			}
			cur = next
		}
		for _, i := range path {
			done[i] = true
		}
	}
	return order
}

// reportCycle reports a cycle, starting from its member first in the
// file, at the mention of the next member in that member's formula.
func (c *compiler) reportCycle(outs []*Output, parsed []*parsedFormula, cycle []int) {
	k := 0
	for i, o := range cycle {
		if o < cycle[k] {
			k = i
		}
	}
	cycle = append(cycle[k:], cycle[:k]...)
	names := make([]string, 0, len(cycle)+1)
	for _, o := range cycle {
		names = append(names, outs[o].Name)
	}
	names = append(names, names[0])
	first, next := outs[cycle[0]], names[1]
	off := 0
	for _, ref := range parsed[cycle[0]].refs {
		if ref.name == next {
			off = ref.off
			break
		}
	}
	c.formulaErrors(first.Formula, first.Formula.Path, offsetErrors{{off, cycleMessage(names)}})
}
