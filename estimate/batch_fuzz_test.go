package estimate

import (
	"encoding/json"
	"fmt"
	"math"
	"strings"
	"testing"
)

// FuzzBatch is the batch evaluator's differential fuzz target: a formula
// over inputs a (bytes), t (a time) and c (a number), and an output that
// reads it, evaluated by Batch and by Model.Eval over samples made of the
// fuzzed values. Every output equals Eval's bit for bit, and where Eval
// fails the batch fails too, blaming an output that Eval names.
func FuzzBatch(f *testing.F) {
	seeds := []string{
		"a * t", "a / t", "a + a", "c * a / t", "sqrt(a * a)", "ceil(c)", "max(a, 2 KB)", "min(a, a / c, 1 B)",
		"c > 1 ? a : 0 B", "a ^ 2", "c ^ c", "2 ^ c", "log10(c)", "log2(c)", "ln(c)", "exp(c)", "a / 0 B", "-a",
		"abs(-a)", "floor(a / 1 GB)", "round(c)", "mod(c, 3)", "mod(a, 1 KB)", "1 / (1 / c)", "1 - c", "3 / c",
		"c == 1 and c > 0 ? 1 : 2", "not (c < 1) or c != 2 ? t : 2 * t", "c > 0 ? (c > 1 ? 1 / (c - 1) : 1 / c) : 0",
		"c < 1 ? 0 : 1 / (1 / (c - 1))", "1 < c <= 3 ? a : a * c", "true ? c : 1", "c * 1e308 * 10", "0 * a / t",
	}
	for i, s := range seeds {
		v := []float64{1, 0, -1, 1e300, 1e-300, 100, 2, 0.5}[i%8]
		f.Add(s, v, 1e3, 2.5)
	}
	f.Fuzz(func(t *testing.T, formula string, a, b, c float64) {
		quoted, _ := json.Marshal(formula)
		src := fmt.Sprintf("name: fuzz\ninputs:\n  a: 1 B\n  t: 1 s\n  c: 1\noutputs:\n  y: %s\n  z: y * 2\n  w: 1 / (y / y)\n", quoted)
		m, err := Load("f.yaml", []byte(src), Options{})
		if err != nil {
			return
		}
		bt, err := m.Batch()
		if err != nil {
			t.Fatalf("%q: Batch: %v", formula, err)
		}
		for _, fixC := range []bool{false, true} {
			checkBatchSamples(t, m, bt, formula, []float64{a, b, c}, fixC)
		}
	})
}

// checkBatchSamples evaluates nine samples of the fuzzed values, every
// value in every input; with fixC, c has no column and stays at its
// file value, 1.
func checkBatchSamples(t *testing.T, m *Model, bt *Batch, formula string, vals []float64, fixC bool) {
	t.Helper()
	const n = 9 // every value in every input, once each
	in := [3][]float64{}
	for i := range in {
		in[i] = make([]float64, n)
		for j := range n {
			in[i][j] = vals[(i+j+j/3)%3]
		}
	}
	w := bt.NewWork()
	out := make([][]float64, len(m.outputs))
	for i := range in {
		if fixC && i == 2 {
			for j := range in[i] {
				in[i][j] = 1
			}
			continue
		}
		if err := w.SetInput(i, in[i]); err != nil {
			t.Fatal(err)
		}
	}
	for i := range out {
		out[i] = make([]float64, n)
		if err := w.SetOutput(len(m.inputs)+i, out[i]); err != nil {
			t.Fatal(err)
		}
	}
	fails, err := w.Eval(n)
	if err != nil {
		t.Fatal(err)
	}
	failed := map[int]Failure{}
	for _, f := range fails {
		failed[f.Sample] = f
	}
	slots := m.Slots()
	for j := range n {
		finite := true
		for i := range in {
			slots[i] = in[i][j]
			finite = finite && isFinite(slots[i])
		}
		err := m.Eval(slots)
		for i := range out {
			got, want := out[i][j], slots[len(m.inputs)+i]
			if math.Float64bits(got) != math.Float64bits(want) && !(math.IsNaN(got) && math.IsNaN(want)) {
				t.Errorf("%q, sample %d %v: %s = %v, Eval gives %v", formula, j, slots[:3], m.outputs[i].Name, got, want)
			}
		}
		f, bad := failed[j]
		// The batch may blame an earlier output where Eval swallowed a
		// problem: 1 / (1 / 0) is 0 to Eval.
		slot, _ := m.Slot(f.Output)
		swallowed := bad && isFinite(slots[slot])
		if err != nil && finite && (!bad || !strings.Contains(err.Error(), " in "+f.Output+" = ") && !swallowed) {
			t.Errorf("%q, sample %d %v: Eval fails (%v); the batch reports %+v", formula, j, slots[:3], err, f)
		}
		if bad && (f.Output == "" || f.Op == "" || f.Reason == "") {
			t.Errorf("%q, sample %d: incomplete failure %+v", formula, j, f)
		}
	}
}
