package estimate

import "testing"

// BenchmarkSweepMaxSamples is an uncertain sweep at its budget,
// MaxSweepSamples: the 30-output model with five ranges, swept over 100
// points of the default 100,000 samples. The goal is under 10 s an op.
func BenchmarkSweepMaxSamples(b *testing.B) {
	m := bench30MC(b)
	const points = MaxSweepSamples / DefaultSamples
	r, err := m.ParseRange("replication", "1..100", points, SpacingLinear)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		s, err := m.Sweep([]Range{r}, nil)
		if err != nil {
			b.Fatal(err)
		}
		if err := s.Sample(m, SampleOptions{}); err != nil {
			b.Fatal(err)
		}
		if len(s.Failures) > 0 {
			b.Fatal(s.Failures[0])
		}
	}
}
