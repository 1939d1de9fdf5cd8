package estimate

import (
	"math"
	"testing"
)

// TestSampleCache runs a sequence of edits with one cache and checks
// each run against a run without: every sample of every input and
// output, and every figure, bit for bit. The edits change a range, the
// kind of a range, a plain value, the set of uncertain inputs and the
// number of samples, so that draws are reused, drawn again from a moved
// stream and dropped.
func TestSampleCache(t *testing.T) {
	m := bench30MC(t)
	set := func(pairs ...string) []Override {
		var ovs []Override
		for i := 0; i < len(pairs); i += 2 {
			o, err := m.Override(pairs[i], pairs[i+1])
			if err != nil {
				t.Fatal(err)
			}
			ovs = append(ovs, o)
		}
		return ovs
	}
	steps := []struct {
		samples int
		ovs     []Override
		reused  int // of the five ranges
	}{
		{1000, nil, 0},
		{1000, set("replication", "4"), 5},                   // no input drawn again
		{1000, set("users", "60M to 160M"), 4},               // users drawn, the rest reused
		{1000, set("users", "normal(100M, 20M)"), 4},         // another kind, as many draws
		{1000, set("per_user", "uniform(1/day, 3/day)"), 0},  // fewer draws: the stream moves
		{1000, set("users", "100M", "peak", "3"), 0},         // two fewer ranges
		{1000, set("users", "(50M to 150M) * (1 to 2)"), 0},  // an expression of ranges
		{999, set("users", "60M to 160M"), 0},                // another count: nothing kept
		{999, set("users", "60M to 160M"), 5},                // the same run again
		{1000, set("replication", "2 to 5", "peak", "3"), 0}, // a new range among the others
	}
	var cache SampleCache
	for k, st := range steps {
		got, err := m.Simulate(SampleOptions{Samples: st.samples, Cache: &cache}, st.ovs...)
		if err != nil {
			t.Fatalf("step %d: %v", k, err)
		}
		want, err := m.Simulate(SampleOptions{Samples: st.samples}, st.ovs...)
		if err != nil {
			t.Fatalf("step %d: %v", k, err)
		}
		if cache.reused != st.reused {
			t.Errorf("step %d: %d inputs reused, want %d", k, cache.reused, st.reused)
		}
		gs, ws := got.Sampling(), want.Sampling()
		for _, name := range ws.Names() {
			g, _ := gs.Column(name)
			w, _ := ws.Column(name)
			for i := range w {
				if math.Float64bits(g[i]) != math.Float64bits(w[i]) {
					t.Fatalf("step %d: %s[%d] = %v with the cache, %v without", k, name, i, g[i], w[i])
				}
			}
		}
		for i, o := range want.Outputs() {
			if g := got.Outputs()[i]; (g.Distribution == nil) != (o.Distribution == nil) || o.Distribution != nil && *g.Distribution != *o.Distribution {
				t.Fatalf("step %d: %s is %+v with the cache, %+v without", k, o.Name, g.Distribution, o.Distribution)
			}
		}
	}
}
