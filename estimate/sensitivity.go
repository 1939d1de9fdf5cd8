package estimate

import (
	"cmp"
	"fmt"
	"math"
	"slices"
)

// Sensitivity: which guess to pin down first. For each uncertain input
// that an output reads, directly or through other outputs, two figures:
// the swing, the output on the exact path with the input at its 5th and
// at its 95th percentile and every other uncertain input at its median,
// the overrides of the run applied; and Spearman's rank correlation
// between the input's samples and the output's.
//
// Each input's two exact evaluations serve every output, and each
// column is ranked once, whatever the number of outputs asked about.
// The ranks are those of the first MaxRankSamples samples: the sampling
// error of a rank correlation of n samples is at most about 1/√n, 0.003
// at 100,000, below the two decimals it is shown with; ranking ten
// million samples a column would cost seconds for nothing.

// MaxRankSamples is the most samples a rank correlation is computed
// from: the first ones of the run.
const MaxRankSamples = 100_000

// An Influence is what one uncertain input does to an output: the
// output with the input at its 5th and at its 95th percentile, every
// other uncertain input at its median and every override of the run
// applied (on the exact path), and the rank correlation of the samples
// (Spearman's ρ).
type Influence struct {
	Input               string
	InputLow, InputHigh Quantity // the input at its p5 and at its p95
	Low, High           Quantity // the output there
	Swing               float64  // |High − Low|, in base units
	Spearman            float64
	// Undefined says why the output is undefined at one of the two
	// points, or both ("division by zero at the input's p5"); the
	// figure there is then NaN, and so is Swing.
	Undefined string
}

// Sensitivity ranks the uncertain inputs that the named output reads,
// directly or through other outputs, by their influence on it, largest
// swing first (and those whose swing is undefined last): the guess to
// pin down first.
func (s *Sampling) Sensitivity(output string) (_ []Influence, err error) {
	defer guard(&err, "")
	m := s.model
	first := len(m.inputs)
	slot, ok := m.index[output]
	if !ok || slot < first {
		return nil, &Error{Msg: fmt.Sprintf("no output named %q", output)}
	}
	reads := m.inputsRead(slot - first)
	var out []Influence
	for i, in := range m.inputs {
		if !s.varies[i] || !reads[i] {
			continue
		}
		points, err := s.pointsOf(i)
		if err != nil {
			return nil, err
		}
		d := s.dists[i]
		inf := Influence{Input: in.Name, InputLow: Quantity{d.P5, d.Dim}, InputHigh: Quantity{d.P95, d.Dim}}
		var undefined []string
		for k, r := range points {
			v := r.outputs[slot-first]
			q := v.Value
			if v.undefined != "" {
				q.Value = math.NaN()
				undefined = append(undefined, fmt.Sprintf("%s at the input's %s", v.undefined, []string{"p5", "p95"}[k]))
			}
			if k == 0 {
				inf.Low = q
			} else {
				inf.High = q
			}
		}
		inf.Swing = math.Abs(inf.High.Value - inf.Low.Value)
		if len(undefined) > 0 {
			inf.Undefined = undefined[0]
			if len(undefined) == 2 {
				inf.Undefined = points[0].outputs[slot-first].undefined + " at the input's p5 and p95"
			}
		}
		inf.Spearman = s.rankCorrelation(i, slot)
		out = append(out, inf)
	}
	slices.SortStableFunc(out, func(a, b Influence) int {
		if an, bn := math.IsNaN(a.Swing), math.IsNaN(b.Swing); an || bn {
			return cmp.Compare(btoi(an), btoi(bn))
		}
		return cmp.Compare(b.Swing, a.Swing)
	})
	return out, nil
}

func btoi(b bool) int {
	if b {
		return 1
	}
	return 0
}

// inputsRead returns, by input slot, whether output i reads the input,
// directly or through other outputs.
func (m *Model) inputsRead(i int) []bool {
	first := len(m.inputs)
	reads := make([]bool, first)
	seen := make([]bool, len(m.outputs))
	stack := []int{i}
	seen[i] = true
	for len(stack) > 0 {
		o := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		for _, d := range m.outputs[o].deps {
			switch {
			case d < first:
				reads[d] = true
			case !seen[d-first]:
				seen[d-first] = true
				stack = append(stack, d-first)
			}
		}
	}
	return reads
}

// pointsOf returns the exact path with the uncertain input in slot at
// its 5th and at its 95th percentile, every other uncertain input at its
// median, and every override of the run applied; an output undefined
// there is undefined in the result (see OutputValue.UndefinedAtMedians).
// They are evaluated once, for every output.
func (s *Sampling) pointsOf(slot int) ([2]*Result, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if p, ok := s.points[slot]; ok {
		return p, nil
	}
	var p [2]*Result
	for k, at := range []float64{s.dists[slot].P5, s.dists[slot].P95} {
		ovs, err := s.pointOverrides(slot, at)
		if err != nil {
			return p, err
		}
		r, err := s.model.evaluate(ovs, func(int) bool { return true })
		if err != nil {
			return p, err
		}
		p[k] = r
	}
	if s.points == nil {
		s.points = map[int][2]*Result{}
	}
	s.points[slot] = p
	return p, nil
}

// pointOverrides returns the overrides of the run, with every uncertain
// input at the median of its distribution but the one in slot, at v.
func (s *Sampling) pointOverrides(slot int, v float64) ([]Override, error) {
	m := s.model
	var ovs []Override
	for i, in := range m.inputs {
		if !s.varies[i] {
			if o, ok := s.overrides[i]; ok {
				ovs = append(ovs, o)
			}
			continue
		}
		at := s.dists[i].P50
		if i == slot {
			at = v
		}
		o, err := m.Set(in.Name, Quantity{at, s.dists[i].Dim})
		if err != nil {
			return nil, err
		}
		ovs = append(ovs, o)
	}
	return ovs, nil
}

// rankCorrelation is Spearman's ρ between the samples of the input in
// slot in and those of the output in slot out, over the first
// MaxRankSamples samples in which the output is defined.
func (s *Sampling) rankCorrelation(in, out int) float64 {
	n := min(s.Samples, MaxRankSamples)
	x, y := s.column(in)[:n], s.columns[out][:n]
	if !slices.ContainsFunc(y, math.IsNaN) {
		return pearson(s.ranks(in, x), s.ranks(out, y))
	}
	// Ranked among the samples that define the output alone: those
	// ranks are the output's own, not the ones every output shares.
	var xs, ys []float64
	for j, v := range y {
		if !math.IsNaN(v) {
			xs, ys = append(xs, x[j]), append(ys, v)
		}
	}
	if len(ys) < 2 {
		return 0
	}
	return pearson(ranks(xs), ranks(ys))
}

// ranks returns the ranks of col, the first samples of the slot, ranked
// once and kept for every output that asks.
func (s *Sampling) ranks(slot int, col []float64) []float64 {
	s.mu.Lock()
	defer s.mu.Unlock()
	if r, ok := s.ranked[slot]; ok {
		return r
	}
	if s.ranked == nil {
		s.ranked = map[int][]float64{}
	}
	r := ranks(col)
	s.ranked[slot] = r
	return r
}

// ranks returns the rank of each value (ties share their mean rank);
// NaN ranks last.
func ranks(col []float64) []float64 {
	idx := make([]int, len(col))
	for i := range idx {
		idx[i] = i
	}
	key := func(i int) float64 {
		if math.IsNaN(col[i]) {
			return math.Inf(1)
		}
		return col[i]
	}
	slices.SortFunc(idx, func(a, b int) int { return cmp.Compare(key(a), key(b)) })
	r := make([]float64, len(col))
	for i := 0; i < len(idx); {
		j := i
		for j+1 < len(idx) && key(idx[j+1]) == key(idx[i]) {
			j++
		}
		mean := float64(i+j)/2 + 1
		for k := i; k <= j; k++ {
			r[idx[k]] = mean
		}
		i = j + 1
	}
	return r
}

// pearson is the correlation of x and y.
func pearson(x, y []float64) float64 {
	n := float64(len(x))
	var sx, sy float64
	for i := range x {
		sx += x[i]
		sy += y[i]
	}
	mx, my := sx/n, sy/n
	var cov, vx, vy float64
	for i := range x {
		dx, dy := x[i]-mx, y[i]-my
		cov += dx * dy
		vx += dx * dx
		vy += dy * dy
	}
	if vx == 0 || vy == 0 {
		return 0
	}
	return cov / math.Sqrt(vx*vy)
}
