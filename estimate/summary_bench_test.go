package estimate

import (
	"math"
	"math/rand/v2"
	"testing"
)

// BenchmarkSummarise100K summarises one column of 100,000 lognormal
// samples, with its histogram: what Simulate does for each uncertain
// output.
func BenchmarkSummarise100K(b *testing.B) {
	rng := rand.New(rand.NewPCG(1, 1))
	col := make([]float64, 100_000)
	for i := range col {
		col[i] = math.Exp(18 + rng.NormFloat64())
	}
	var z summariser
	b.ReportAllocs()
	for b.Loop() {
		z.summarise(col, percentiles[:], true)
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(len(col)), "ns/sample")
}
