package estimate

import (
	"math"
	"testing"
)

// The batch benchmarks evaluate testdata/bench30.yaml, 30 outputs, over
// 100,000 samples with users and per_user varied per sample:
// BenchmarkEvalBatch30x100K through the batch evaluator, and
// BenchmarkFloor30x100K through the same formulas written in Go, the
// physical floor. Issue 9 holds the first to at most twice the second.

const benchSamples = 100_000

// bench30In holds the inputs of bench30: two columns, and the file
// values of the rest.
type bench30In struct {
	users, perUser []float64

	objectSize, readWrite, peak, replication, retention, cacheShare, serverQPS,
	cacheNode, diskSize, metadataSize, storagePrice, egressPrice, serverPrice float64

	day, month float64
}

// bench30Inputs returns n samples of the inputs of bench30: users from
// 10M to 1bn and per_user from 1 to 8 a day, the rest at their file
// values.
func bench30Inputs(m *Model, n int) bench30In {
	value := func(name string) float64 {
		slot, ok := m.Slot(name)
		if !ok {
			panic("bench30 has no input " + name)
		}
		return m.inputs[slot].value.Value
	}
	in := bench30In{
		users: make([]float64, n), perUser: make([]float64, n),
		objectSize: value("object_size"), readWrite: value("read_write"), peak: value("peak"),
		replication: value("replication"), retention: value("retention"), cacheShare: value("cache_share"),
		serverQPS: value("server_qps"), cacheNode: value("cache_node"), diskSize: value("disk_size"),
		metadataSize: value("metadata_size"), storagePrice: value("storage_price"),
		egressPrice: value("egress_price"), serverPrice: value("server_price"),
		day: m.conventions.Day, month: m.conventions.Month,
	}
	for j := range n {
		in.users[j] = 1e7 * math.Pow(100, float64(j%1000)/1000)
		in.perUser[j] = float64(1+j%8) / m.conventions.Day
	}
	return in
}

// bench30Outputs returns a column of n values for each output of bench30.
func bench30Outputs(n int) [][]float64 {
	out := make([][]float64, 30)
	for i := range out {
		out[i] = make([]float64, n)
	}
	return out
}

// setBench30 sets the columns of w for bench30.
func setBench30(tb testing.TB, m *Model, w *Work, in bench30In, out [][]float64) {
	tb.Helper()
	users, _ := m.Slot("users")
	perUser, _ := m.Slot("per_user")
	if err := w.SetInput(users, in.users); err != nil {
		tb.Fatal(err)
	}
	if err := w.SetInput(perUser, in.perUser); err != nil {
		tb.Fatal(err)
	}
	for i := range out {
		if err := w.SetOutput(len(m.inputs)+i, out[i]); err != nil {
			tb.Fatal(err)
		}
	}
}

func BenchmarkEvalBatch30x100K(b *testing.B) {
	m := loadFile(b, "testdata/bench30.yaml")
	batch, err := m.Batch()
	if err != nil {
		b.Fatal(err)
	}
	w := batch.NewWork()
	setBench30(b, m, w, bench30Inputs(m, benchSamples), bench30Outputs(benchSamples))
	b.ReportAllocs()
	for b.Loop() {
		if fails, err := w.Eval(benchSamples); err != nil || len(fails) > 0 {
			b.Fatal(fails, err)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/benchSamples, "ns/sample")
}

func BenchmarkFloor30x100K(b *testing.B) {
	m := loadFile(b, "testdata/bench30.yaml")
	in := bench30Inputs(m, benchSamples)
	out := bench30Outputs(benchSamples)
	b.ReportAllocs()
	for b.Loop() {
		floor30(m, in, out)
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/benchSamples, "ns/sample")
}

// floor30 is bench30 written in Go as a Go programmer would: one loop
// per output over the columns, with the inputs that do not vary as
// scalars. It is faster than the same formulas sample by sample (a loop
// that computes every output of a sample and stores it into 30 columns
// at once ran at 84-102 ns a sample against this one's 31-36), so it is
// the floor. It checks nothing.
func floor30(_ *Model, in bench30In, out [][]float64) {
	n := len(in.users)
	users, perUser := in.users, in.perUser[:n]
	o := out[:30]
	mul := func(d, x []float64, k float64) {
		x = x[:len(d)]
		for i := range d {
			d[i] = x[i] * k
		}
	}
	writeQPS := o[0][:n]
	for i := range writeQPS {
		writeQPS[i] = users[i] * perUser[i]
	}
	mul(o[1][:n], writeQPS, in.readWrite)
	for i, r := range o[1][:n] {
		o[2][i] = writeQPS[i] + r
	}
	mul(o[3][:n], writeQPS, in.peak)
	mul(o[4][:n], o[1], in.peak)
	mul(o[5][:n], o[2], in.peak)
	mul(o[6][:n], writeQPS, in.day)
	mul(o[7][:n], o[1], in.day)
	mul(o[8][:n], writeQPS, in.objectSize)
	mul(o[9][:n], o[1], in.objectSize)
	mul(o[10][:n], o[8], in.peak)
	mul(o[11][:n], o[9], in.peak)
	mul(o[12][:n], o[8], in.day)
	mul(o[13][:n], o[12], 365)
	mul(o[14][:n], o[8], in.retention)
	mul(o[15][:n], o[14], in.replication)
	mul(o[16][:n], writeQPS, in.retention)
	mul(o[17][:n], o[16], in.metadataSize)
	mul(o[18][:n], o[12], in.cacheShare)
	for i, v := range o[18][:n] {
		o[19][i] = math.Ceil(v / in.cacheNode)
	}
	for i, v := range o[4][:n] {
		o[20][i] = math.Ceil(v / in.serverQPS)
	}
	for i, v := range o[3][:n] {
		o[21][i] = math.Ceil(v / in.serverQPS)
	}
	for i, v := range o[20][:n] {
		o[22][i] = v + o[21][i]
	}
	for i, v := range o[15][:n] {
		o[23][i] = math.Ceil(v / in.diskSize)
	}
	mul(o[24][:n], o[9], in.month)
	for i, v := range o[15][:n] {
		o[25][i] = v / 1e9 * in.storagePrice
	}
	for i, v := range o[24][:n] {
		o[26][i] = v / 1e9 * in.egressPrice
	}
	for i, v := range o[22][:n] {
		o[27][i] = (v + o[19][i]) * in.serverPrice
	}
	for i, v := range o[25][:n] {
		o[28][i] = v + o[26][i] + o[27][i]
	}
	for i, v := range o[28][:n] {
		o[29][i] = v / users[i]
	}
}
