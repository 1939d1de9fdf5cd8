package estimate

import (
	"math"
	"math/rand/v2"
	"os"
	"testing"

	"github.com/envelope-cli/envelope/internal/bench30"
)

// The Monte Carlo benchmarks of the uncertainty issue: the 30-output
// model with five ranged inputs, sampled 100,000 times and summarised
// (mean, sd and five percentiles of every output), by the engine and by
// the same work written in Go.

// mcRanges are the ranges of the five uncertain inputs of bench30.
var mcRanges = map[string][2]float64{
	"users":       {50e6, 150e6},
	"per_user":    {1.0 / 86400, 4.0 / 86400},
	"object_size": {200e3, 2e6},
	"read_write":  {5, 20},
	"peak":        {2, 4},
}

// bench30MC is bench30 with the five ranges.
func bench30MC(tb testing.TB) *Model {
	tb.Helper()
	src, err := os.ReadFile("testdata/bench30.yaml")
	if err != nil {
		tb.Fatal(err)
	}
	s, err := bench30.WithRanges(string(src))
	if err != nil {
		tb.Fatal(err)
	}
	m, err := Load("bench30mc.yaml", []byte(s), Options{})
	if err != nil {
		tb.Fatal(err)
	}
	return m
}

func BenchmarkMonteCarlo30x100K(b *testing.B) {
	m := bench30MC(b)
	b.ReportAllocs()
	for b.Loop() {
		r, err := m.Simulate(SampleOptions{Samples: benchSamples})
		if err != nil {
			b.Fatal(err)
		}
		if r.Sampling().Failed != 0 {
			b.Fatal("failed samples")
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/benchSamples, "ns/sample")
}

func BenchmarkFloorMonteCarlo30x100K(b *testing.B) {
	m := loadFile(b, "testdata/bench30.yaml")
	b.ReportAllocs()
	for b.Loop() {
		floorMonteCarlo30(m, benchSamples)
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/benchSamples, "ns/sample")
}

// floorMonteCarlo30 does by hand what Simulate does for bench30MC:
// draws the five lognormal inputs, computes the 30 outputs a loop each
// over the columns, and summarises each by its mean, sd and five
// percentiles as Simulate does (in two passes over buckets, without the
// histogram). It checks nothing and keeps every column, as Simulate
// does.
func floorMonteCarlo30(m *Model, n int) [30]Distribution {
	rng := rand.New(rand.NewPCG(1, 2))
	draw := func(lo, hi float64) []float64 {
		mu, sigma := (math.Log(lo)+math.Log(hi))/2, (math.Log(hi)-math.Log(lo))/(2*z95)
		col := make([]float64, n)
		for i := range col {
			col[i] = math.Exp(mu + sigma*rng.NormFloat64())
		}
		return col
	}
	r := mcRanges
	users, perUser := draw(r["users"][0], r["users"][1]), draw(r["per_user"][0], r["per_user"][1])
	size, rw, peak := draw(r["object_size"][0], r["object_size"][1]), draw(r["read_write"][0], r["read_write"][1]), draw(r["peak"][0], r["peak"][1])
	c := bench30Inputs(m, 0)
	var o [30][]float64
	for i := range o {
		o[i] = make([]float64, n)
	}
	for i := range n {
		o[0][i] = users[i] * perUser[i]
	}
	for i := range n {
		o[1][i] = o[0][i] * rw[i]
	}
	for i := range n {
		o[2][i] = o[0][i] + o[1][i]
	}
	for _, k := range [][2]int{{3, 0}, {4, 1}, {5, 2}} {
		for i := range n {
			o[k[0]][i] = o[k[1]][i] * peak[i]
		}
	}
	for i := range n {
		o[6][i] = o[0][i] * c.day
	}
	for i := range n {
		o[7][i] = o[1][i] * c.day
	}
	for i := range n {
		o[8][i] = o[0][i] * size[i]
	}
	for i := range n {
		o[9][i] = o[1][i] * size[i]
	}
	for i := range n {
		o[10][i] = o[8][i] * peak[i]
	}
	for i := range n {
		o[11][i] = o[9][i] * peak[i]
	}
	for i := range n {
		o[12][i] = o[8][i] * c.day
	}
	for i := range n {
		o[13][i] = o[12][i] * 365
	}
	for i := range n {
		o[14][i] = o[8][i] * c.retention
	}
	for i := range n {
		o[15][i] = o[14][i] * c.replication
	}
	for i := range n {
		o[16][i] = o[0][i] * c.retention
	}
	for i := range n {
		o[17][i] = o[16][i] * c.metadataSize
	}
	for i := range n {
		o[18][i] = o[12][i] * c.cacheShare
	}
	for i := range n {
		o[19][i] = math.Ceil(o[18][i] / c.cacheNode)
	}
	for i := range n {
		o[20][i] = math.Ceil(o[4][i] / c.serverQPS)
	}
	for i := range n {
		o[21][i] = math.Ceil(o[3][i] / c.serverQPS)
	}
	for i := range n {
		o[22][i] = o[20][i] + o[21][i]
	}
	for i := range n {
		o[23][i] = math.Ceil(o[15][i] / c.diskSize)
	}
	for i := range n {
		o[24][i] = o[9][i] * c.month
	}
	for i := range n {
		o[25][i] = o[15][i] / 1e9 * c.storagePrice
	}
	for i := range n {
		o[26][i] = o[24][i] / 1e9 * c.egressPrice
	}
	for i := range n {
		o[27][i] = (o[22][i] + o[19][i]) * c.serverPrice
	}
	for i := range n {
		o[28][i] = o[25][i] + o[26][i] + o[27][i]
	}
	for i := range n {
		o[29][i] = o[28][i] / users[i]
	}
	var out [30]Distribution
	var z summariser
	for k, col := range o {
		out[k] = z.summarise(col, percentiles[:], false).distribution(Dimension{}, 1)
	}
	return out
}

// TestMonteCarloFloorAgrees checks that the floor does the same work:
// its figures match the engine's within the sampling error.
func TestMonteCarloFloorAgrees(t *testing.T) {
	if testing.Short() {
		t.Skip("samples 100,000 twice")
	}
	m := bench30MC(t)
	r, err := m.Simulate(SampleOptions{Samples: 100_000})
	if err != nil {
		t.Fatal(err)
	}
	floor := floorMonteCarlo30(loadFile(t, "testdata/bench30.yaml"), 100_000)
	for i, out := range r.Outputs() {
		d := out.Distribution
		if d == nil {
			t.Fatalf("%s has no distribution", out.Name)
		}
		if rel := math.Abs(d.P50-floor[i].P50) / floor[i].P50; rel > 0.03 {
			t.Errorf("%s: median %v, floor %v", out.Name, d.P50, floor[i].P50)
		}
	}
}
