package estimate

import (
	"errors"
	"math"
	"math/rand/v2"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
)

// everyOperation is a scenario whose formulas use every operation of the
// language, with constants on either side, so that the batch program
// meets each of its instructions.
const everyOperation = `name: every-operation
inputs:
  p: 3
  q: 7
  r: 2
  size: 2 KB
  rate: 10/s
outputs:
  sum: p + q + 1
  diff: p - q - 1
  rdiff: 1 - p
  prod: p * q * 2
  quot: p / q / 3
  rquot: 3 / q
  pow: p ^ r
  square: p ^ 2
  cube: p ^ 3
  rpow: 2 ^ r
  neg: -p
  mod_v: mod(q, p)
  mod_k: mod(q, 4)
  lo: min(p, q, 5)
  hi: max(p, q)
  one: min(p)
  ceil_v: ceil(p / r)
  floor_v: floor(q / r)
  round_v: round(q / 4)
  abs_v: abs(p - q)
  sqrt_v: sqrt(size * size)
  log2_v: log2(q)
  log10_v: log10(size / 1 B)
  ln_v: ln(p)
  exp_v: exp(r / 10)
  cond: "p < q ? size : 2 * size"
  chain: "p < q <= 7 ? 1 : 0"
  logic: "(p == q or p != r) and not (q >= 8) ? rate : rate * 2"
  compare: "p > 2 ? (q <= p ? 1 : 2) : 3"
  guarded: "p > 1 ? q / (p - 1) : 0"
  nested: "p > 1 ? (q > 1 ? r / (q - 1) : 1 / (1 / (p - q))) : 0"
  constcond: "1 < 2 ? p * 2 : q"
  const: 42
  copy: p
  fold: 100M / day + rate
  servers: ceil(p / 4)
  price: size / 1 KB * 3
  in_bits: size * 8 / 1000
  sum_times: (p + q) * 2
  sum3: p + q + r
  sum_div: (p + q) / 2
`

// presets returns the path of every preset scenario and test model.
func presets(t *testing.T) []string {
	t.Helper()
	paths, err := filepath.Glob("../scenarios/*.yaml")
	paths = slices.DeleteFunc(paths, func(p string) bool { return filepath.Base(p) == "index.yaml" }) // the presets' index, not a preset
	if err != nil || len(paths) == 0 {
		t.Fatalf("no presets in ../scenarios: %v", err)
	}
	return append(paths, "testdata/bench30.yaml", "testdata/url-shortener.yaml")
}

// A batchRun is one evaluation of a Batch with a column for every input
// and output.
type batchRun struct {
	m     *Model
	in    [][]float64 // by input slot
	out   [][]float64 // by output index
	fails []Failure
}

// runBatch evaluates m over n samples, every input set by vary(input
// slot, sample, file value).
func runBatch(t *testing.T, m *Model, n int, vary func(slot, sample int, v float64) float64) *batchRun {
	return runBatchFixed(t, m, n, vary, func(int) bool { return false })
}

// runBatchFixed is runBatch with no column for the inputs that are
// fixed, which stay at their file values.
func runBatchFixed(t *testing.T, m *Model, n int, vary func(slot, sample int, v float64) float64, fixed func(slot int) bool) *batchRun {
	t.Helper()
	b, err := m.Batch()
	if err != nil {
		t.Fatal(err)
	}
	w := b.NewWork()
	r := &batchRun{m: m}
	for i := range m.inputs {
		col := make([]float64, n)
		for j := range col {
			col[j] = m.inputs[i].value.Value
			if !fixed(i) {
				col[j] = vary(i, j, col[j])
			}
		}
		r.in = append(r.in, col)
		if fixed(i) {
			continue
		}
		if err := w.SetInput(i, col); err != nil {
			t.Fatal(err)
		}
	}
	for i := range m.outputs {
		col := make([]float64, n)
		r.out = append(r.out, col)
		if err := w.SetOutput(len(m.inputs)+i, col); err != nil {
			t.Fatal(err)
		}
	}
	fails, err := w.Eval(n)
	if err != nil {
		t.Fatal(err)
	}
	r.fails = append([]Failure(nil), fails...)
	return r
}

// withinTen returns a random positive value within a factor of 10 of v;
// a value that is not positive stays.
func withinTen(rng *rand.Rand) func(int, int, float64) float64 {
	return func(_, _ int, v float64) float64 {
		if v <= 0 {
			return v
		}
		return v * math.Pow(10, 2*rng.Float64()-1)
	}
}

// compare checks every sample of r against Model.Eval (bit for bit, and
// the same failures) and, for the first few, against Model.Evaluate to
// 1e-12 relative. It returns the number of failed samples.
func (r *batchRun) compare(t *testing.T, evaluate int) int {
	t.Helper()
	m := r.m
	first := len(m.inputs)
	failed := map[int]Failure{}
	for k, f := range r.fails {
		if k > 0 && r.fails[k-1].Sample >= f.Sample {
			t.Errorf("failures out of order: %v after %v", f, r.fails[k-1])
		}
		failed[f.Sample] = f
	}
	slots := m.Slots()
	for j := range r.in[0] {
		for i := range m.inputs {
			slots[i] = r.in[i][j]
		}
		err := m.Eval(slots)
		f, bad := failed[j]
		switch {
		case err != nil && !bad:
			t.Errorf("sample %d: Eval fails (%v), the batch does not", j, err)
		case err == nil && bad:
			t.Errorf("sample %d: the batch fails (%v), Eval does not", j, f)
		case bad && !strings.Contains(err.Error(), " in "+f.Output+" = "):
			t.Errorf("sample %d: the batch blames %s (%v), Eval says %v", j, f.Output, f, err)
		}
		for i := range m.outputs {
			if got, want := r.out[i][j], slots[first+i]; math.Float64bits(got) != math.Float64bits(want) {
				t.Errorf("sample %d: %s = %v (%#x), Eval gives %v (%#x)", j, m.outputs[i].Name, got, math.Float64bits(got), want, math.Float64bits(want))
			}
		}
		if err != nil || j >= evaluate {
			continue
		}
		var ovs []Override
		for i, in := range m.inputs {
			text := strconv.FormatFloat(r.in[i][j], 'g', -1, 64) + " * (" + in.value.Dim.String() + ")"
			ov, err := m.Override(in.Name, text)
			if err != nil {
				t.Fatalf("override %s=%s: %v", in.Name, text, err)
			}
			ovs = append(ovs, ov)
		}
		res, err := m.Evaluate(ovs...)
		if err != nil {
			t.Errorf("sample %d: Evaluate: %v", j, err)
			continue
		}
		for i, out := range res.outputs {
			got, want := r.out[i][j], out.Value.Value
			if math.Abs(got-want) > 1e-12*math.Max(math.Abs(got), math.Abs(want)) {
				t.Errorf("sample %d: %s = %v, Evaluate gives %v", j, out.Name, got, want)
			}
		}
	}
	return len(r.fails)
}

// TestBatchMatchesEval is the differential test of the batch evaluator:
// for every preset and random inputs within a factor of 10 of the file's,
// its results equal Model.Eval's bit for bit, it fails on the same
// samples, and its results agree with Model.Evaluate to 1e-12 relative.
func TestBatchMatchesEval(t *testing.T) {
	failing := 0
	defer func() {
		if failing < 5 {
			t.Errorf("%d presets fail with a zero input: the test of failures covers too little", failing)
		}
	}()
	for _, path := range presets(t) {
		t.Run(filepath.Base(path), func(t *testing.T) {
			m := loadFile(t, path)
			rng := rand.New(rand.NewPCG(1, uint64(len(path))))
			// 300 samples: a partial block after a full one.
			r := runBatch(t, m, 300, withinTen(rng))
			if n := r.compare(t, 50); n > 0 {
				t.Logf("%d of 300 samples with random inputs fail", n)
			}
			// Zero columns: sample j sets input j mod (number of
			// inputs) to zero, which divides by zero in some presets.
			random := withinTen(rng)
			r = runBatch(t, m, 300, func(slot, j int, v float64) float64 {
				if j%len(m.inputs) == slot {
					return 0
				}
				return random(slot, j, v)
			})
			r.compare(t, 0)
			if len(r.fails) > 0 {
				failing++
			}
			// Columns for every other input only: the program
			// specialised for fixed inputs.
			for odd := range 2 {
				r = runBatchFixed(t, m, 300, withinTen(rng), func(slot int) bool { return slot%2 == odd })
				r.compare(t, 10)
			}
		})
	}
}

// TestBatchEveryOperation runs every instruction of the batch program,
// over values that reach the edges: zeros, negatives, NaN and infinities
// from the inputs.
func TestBatchEveryOperation(t *testing.T) {
	m := load(t, everyOperation)
	rng := rand.New(rand.NewPCG(2, 3))
	edges := []float64{0, 1, -1, 2, 0.5, 1e308, -1e308, math.Inf(1), math.NaN(), 5e-324}
	r := runBatch(t, m, 1000, func(_, _ int, v float64) float64 {
		switch rng.IntN(4) {
		case 0:
			return edges[rng.IntN(len(edges))]
		case 1:
			return -v * rng.Float64() * 4
		}
		return v * math.Pow(10, 2*rng.Float64()-1)
	})
	for j, f := range r.fails {
		if f.Output == "" || f.Op == "" || f.Reason == "" {
			t.Errorf("failure %d is incomplete: %+v", j, f)
		}
	}
	// Eval swallows a value that a later step makes finite (issue 9's
	// honest evaluation is the batch's rule already), so compare only
	// where nothing was swallowed: samples with finite inputs and
	// outputs everywhere Eval is concerned.
	clean := &batchRun{m: m, out: r.out}
	keep := []int{}
	slots := m.Slots()
	for j := range r.in[0] {
		for i := range m.inputs {
			slots[i] = r.in[i][j]
		}
		if m.Eval(slots) == nil && !slicesHasNonFinite(r.in, j) && !r.failed(j) {
			keep = append(keep, j)
		}
	}
	if len(keep) < 100 || len(r.fails) < 100 {
		t.Fatalf("%d clean samples and %d failures of 1000: the test covers too little", len(keep), len(r.fails))
	}
	for i := range r.in {
		clean.in = append(clean.in, pick(r.in[i], keep))
	}
	clean.out = nil
	for i := range r.out {
		clean.out = append(clean.out, pick(r.out[i], keep))
	}
	// Only Eval, not Evaluate: at these edges the exact path is right
	// where float64 underflows (ceil of 5e-324 / 2 is 1, not 0).
	clean.compare(t, 0)
	// Every sample, failed or not, equals Eval's bit for bit (any NaN
	// for a NaN). Where Eval fails, so does the batch, blaming an output
	// Eval names, or an earlier one whose problem Eval swallowed.
	for j := range r.in[0] {
		for i := range m.inputs {
			slots[i] = r.in[i][j]
		}
		err := m.Eval(slots)
		for i := range m.outputs {
			got, want := r.out[i][j], slots[len(m.inputs)+i]
			if math.Float64bits(got) != math.Float64bits(want) && !(math.IsNaN(got) && math.IsNaN(want)) {
				t.Errorf("sample %d: %s = %v, Eval gives %v", j, m.outputs[i].Name, got, want)
			}
		}
		if err == nil || slicesHasNonFinite(r.in, j) {
			continue
		}
		f, ok := r.failure(j)
		blamed, _ := m.Slot(f.Output)
		if !ok || !strings.Contains(err.Error(), " in "+f.Output+" = ") && !isFinite(slots[blamed]) {
			t.Errorf("sample %d: Eval fails (%v); the batch reports %+v", j, err, f)
		}
	}
	// Where the batch and Eval disagree on failing, it is because Eval
	// swallows: the batch's reason is then a step inside the formula.
	for _, f := range r.fails {
		for i := range m.inputs {
			slots[i] = r.in[i][f.Sample]
		}
		if m.Eval(slots) == nil && !slicesHasNonFinite(r.in, f.Sample) {
			out, _ := m.Slot(f.Output)
			if !isFinite(slots[out]) {
				t.Errorf("%v: Eval computes %s = %v without an error", f, f.Output, slots[out])
			}
		}
	}
}

func (r *batchRun) failed(j int) bool {
	_, ok := r.failure(j)
	return ok
}

func (r *batchRun) failure(j int) (Failure, bool) {
	for _, f := range r.fails {
		if f.Sample == j {
			return f, true
		}
	}
	return Failure{}, false
}

// TestBatchInstructions checks that the models of these tests use every
// instruction of the batch program.
func TestBatchInstructions(t *testing.T) {
	used := map[opcode]bool{}
	for _, src := range []string{everyOperation, photoSharing} {
		b, err := load(t, src).Batch()
		if err != nil {
			t.Fatal(err)
		}
		for _, in := range b.prog {
			used[in.op] = true
		}
		// Specialised for fixed inputs, then with every input a column,
		// and fused.
		w := b.NewWork()
		for _, in := range w.prog {
			used[in.op] = true
		}
		for slot := range b.m.inputs {
			if err := w.SetInput(slot, []float64{1}); err != nil {
				t.Fatal(err)
			}
		}
		for _, in := range w.prog {
			used[in.op] = true
		}
	}
	for op := range opAdd3 + 1 {
		if !used[op] {
			t.Errorf("no test model uses opcode %d", op)
		}
	}
}

func slicesHasNonFinite(cols [][]float64, j int) bool {
	for _, c := range cols {
		if !isFinite(c[j]) {
			return true
		}
	}
	return false
}

func pick(col []float64, at []int) []float64 {
	out := make([]float64, len(at))
	for k, j := range at {
		out[k] = col[j]
	}
	return out
}

// TestBatchFailures: a zero column divides by zero, and the failure
// names the output and the operation; an input that is not finite is
// named; a problem a later step hides is reported all the same; and a
// branch not taken is not.
func TestBatchFailures(t *testing.T) {
	m := load(t, `name: failures
inputs:
  users: 100M
  per_server: 10K
  x: 2
outputs:
  servers: ceil(users / per_server)
  load: users / servers
  hidden: 1 / (1 / (x - 2))
  guarded: "x > 2 ? 1 / (x - 2) : 0"
  capped: min(users / (x - 2), 5)
`)
	b, err := m.Batch()
	if err != nil {
		t.Fatal(err)
	}
	w := b.NewWork()
	const n = 600
	perServer := make([]float64, n)
	xs := make([]float64, n)
	for j := range perServer {
		perServer[j] = 1e4
		xs[j] = 3
	}
	perServer[7], perServer[300] = 0, math.NaN()
	xs[9], xs[599] = 2, 2
	slot, _ := m.Slot("per_server")
	if err := w.SetInput(slot, perServer); err != nil {
		t.Fatal(err)
	}
	slot, _ = m.Slot("x")
	if err := w.SetInput(slot, xs); err != nil {
		t.Fatal(err)
	}
	fails, err := w.Eval(n)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, f := range fails {
		got = append(got, f.String())
	}
	want := []string{
		"sample 7: servers: division by zero (/)",
		"sample 9: hidden: division by zero (/)",
		"sample 300: servers: per_server is NaN (ref)",
		"sample 599: hidden: division by zero (/)",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("failures:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	// Without hidden, capped is the first to fail on x = 2: min hides
	// the infinity.
	m = load(t, `name: capped
inputs:
  users: 100M
  x: 2
outputs:
  capped: min(users / (x - 2), 5)
  guarded: "x > 2 ? 1 / (x - 2) : 0"
`)
	b, _ = m.Batch()
	w = b.NewWork()
	fails, _ = w.Eval(1)
	if len(fails) != 1 || fails[0].Output != "capped" || fails[0].Reason != "division by zero" || fails[0].Offset != 10 {
		t.Errorf("capped: %+v, want a division by zero at offset 10 of capped", fails)
	}
}

// TestBatchColumns: inputs without a column keep their file values; a
// nil column restores them; misuse is an error.
func TestBatchColumns(t *testing.T) {
	m := load(t, photoSharing)
	b, err := m.Batch()
	if err != nil {
		t.Fatal(err)
	}
	w := b.NewWork()
	in, _ := m.Slot("daily_users")
	out, _ := m.Slot("storage")
	users := []float64{1e9, 2e9, 3e9}
	storage := make([]float64, 3)
	if err := w.SetInput(in, users); err != nil {
		t.Fatal(err)
	}
	if err := w.SetOutput(out, storage); err != nil {
		t.Fatal(err)
	}
	if fails, err := w.Eval(3); err != nil || len(fails) != 0 {
		t.Fatal(fails, err)
	}
	slots := m.Slots()
	for j, u := range users {
		slots[in] = u
		if err := m.Eval(slots); err != nil {
			t.Fatal(err)
		}
		if storage[j] != slots[out] {
			t.Errorf("storage[%d] = %v, want %v", j, storage[j], slots[out])
		}
	}
	if err := w.SetInput(in, nil); err != nil {
		t.Fatal(err)
	}
	if _, err := w.Eval(2); err != nil {
		t.Fatal(err)
	}
	r, _ := m.Evaluate()
	if v, _ := r.Output("storage"); storage[0] != v.Value.Value || storage[1] != v.Value.Value || storage[2] == v.Value.Value {
		t.Errorf("storage with the file's daily_users = %v, want %v twice, then the old value", storage, v.Value.Value)
	}

	for _, c := range []struct {
		err  error
		want string
	}{
		{w.SetInput(out, users), "storage is not an input"},
		{w.SetOutput(in, users), "daily_users is not an output"},
		{w.SetInput(-1, users), "slot -1 is not an input of the model"},
		{w.SetOutput(1000, users), "slot 1000 is not an output of the model"},
	} {
		if c.err == nil || !strings.Contains(c.err.Error(), c.want) {
			t.Errorf("got %v, want %q", c.err, c.want)
		}
	}
	if err := w.SetInput(in, users); err != nil {
		t.Fatal(err)
	}
	if err := w.SetOutput(out, make([]float64, 10)); err != nil {
		t.Fatal(err)
	}
	if _, err := w.Eval(4); err == nil || !strings.Contains(err.Error(), "the column of daily_users has 3 values, not 4") {
		t.Errorf("Eval(4) with 3 values: %v", err)
	}
	if _, err := w.Eval(-1); err == nil {
		t.Error("Eval(-1) does not fail")
	}
	var e *Error
	if _, err := w.Eval(4); !errors.As(err, &e) || e.Path != "daily_users" {
		t.Errorf("Eval(4): %#v, want an *Error with the input's path", err)
	}
}

// TestBatchConcurrent evaluates one Batch from several goroutines.
func TestBatchConcurrent(t *testing.T) {
	m := loadFile(t, "testdata/bench30.yaml")
	b, err := m.Batch()
	if err != nil {
		t.Fatal(err)
	}
	in, _ := m.Slot("users")
	out, _ := m.Slot("cost_per_user")
	var wg sync.WaitGroup
	results := make([][]float64, 4)
	for g := range results {
		wg.Go(func() {
			w := b.NewWork()
			users := make([]float64, 1000)
			for j := range users {
				users[j] = float64(1e6 * (j + 1))
			}
			results[g] = make([]float64, len(users))
			if err := w.SetInput(in, users); err != nil {
				t.Error(err)
			}
			if err := w.SetOutput(out, results[g]); err != nil {
				t.Error(err)
			}
			if _, err := w.Eval(len(users)); err != nil {
				t.Error(err)
			}
		})
	}
	wg.Wait()
	for g := range results[1:] {
		for j := range results[0] {
			if math.Float64bits(results[g+1][j]) != math.Float64bits(results[0][j]) {
				t.Fatalf("goroutine %d, sample %d: %v, want %v", g+1, j, results[g+1][j], results[0][j])
			}
		}
	}
}

// TestBench30 checks the model of the batch benchmarks: 30 outputs with
// sensible values.
func TestBench30(t *testing.T) {
	m := loadFile(t, "testdata/bench30.yaml")
	if n := len(m.OutputNames()); n != 30 {
		t.Fatalf("bench30 has %d outputs, want 30", n)
	}
	if n := len(m.InputNames()); n != 15 {
		t.Fatalf("bench30 has %d inputs, want 15", n)
	}
	r, err := m.Evaluate()
	if err != nil {
		t.Fatal(err)
	}
	o := r.DisplayOptions(false)
	// By hand: 100M users × 2/day = 2315/s writes, ten times as many
	// reads; 1.157 GB/s in, 100 TB a day, 182.5 PB in five years,
	// 547.5 PB in three copies on 10 TB disks.
	for _, want := range []struct{ name, display string }{
		{"write_qps", "2.315K/s"},
		{"read_qps", "23.15K/s"},
		{"storage_per_day", "100 TB"},
		{"storage_replicated", "547.5 PB"},
		{"disks", "54.75K"},
		{"cache_servers", "313"},
		{"servers", "77"},
		{"total_cost", "$12.65M"},
		{"cost_per_user", "$0.1265"},
	} {
		v, _ := r.Output(want.name)
		if got := v.Format(o); got != want.display {
			t.Errorf("%s = %s, want %s", want.name, got, want.display)
		}
	}
}

// TestFloorMatchesBatch checks that the hand-written floor of the
// benchmarks computes the same 30 formulas, bit for bit.
func TestFloorMatchesBatch(t *testing.T) {
	m := loadFile(t, "testdata/bench30.yaml")
	const n = 1000
	in := bench30Inputs(m, n)
	b, _ := m.Batch()
	w := b.NewWork()
	batch := bench30Outputs(n)
	setBench30(t, m, w, in, batch)
	if fails, err := w.Eval(n); err != nil || len(fails) > 0 {
		t.Fatal(fails, err)
	}
	floor := bench30Outputs(n)
	floor30(m, in, floor)
	for i, name := range m.OutputNames() {
		for j := range n {
			if math.Float64bits(floor[i][j]) != math.Float64bits(batch[i][j]) {
				t.Fatalf("%s[%d]: floor %v, batch %v", name, j, floor[i][j], batch[i][j])
			}
		}
	}
}

// TestBatchAllocations holds the batch evaluator to its promise: no
// allocation per sample or per block, so none per call once its Work is
// made, whatever the number of samples.
func TestBatchAllocations(t *testing.T) {
	m := loadFile(t, "testdata/bench30.yaml")
	b, err := m.Batch()
	if err != nil {
		t.Fatal(err)
	}
	for _, n := range []int{1, BlockSize, 10_000} {
		w := b.NewWork()
		in := bench30Inputs(m, n)
		setBench30(t, m, w, in, bench30Outputs(n))
		allocs := testing.AllocsPerRun(20, func() {
			in.users[0]++
			if fails, err := w.Eval(n); err != nil || len(fails) > 0 {
				t.Fatal(fails, err)
			}
		})
		if allocs != 0 {
			t.Errorf("Eval of %d samples allocates %v times per call, want 0", n, allocs)
		}
	}
}
