package estimate

import "testing"

// photos is the scenario of the docs' Monte Carlo section (docs/cli.md):
// four ranges, three outputs.
const photos = `name: photos
inputs:
  users: 10M to 100M
  uploads: 1 to 3 per day
  photo_size: 200 KB to 500 KB
  peak_factor: 2 to 4
outputs:
  upload_qps: users * uploads
  peak_qps: upload_qps * peak_factor
  storage:
    formula: upload_qps * photo_size * 1 day
    unit: TB
`

// BenchmarkSensitivityMaxSamples is "envelope run photos.yaml
// --sensitivity --samples 10000000" without the printing: a run at
// MaxSamples and the sensitivity of every uncertain output. The goal is
// under 10 s an op on the two shared cores the project is built on.
func BenchmarkSensitivityMaxSamples(b *testing.B) {
	m := load(b, photos)
	b.ReportAllocs()
	for b.Loop() {
		r, err := m.Simulate(SampleOptions{Samples: MaxSamples})
		if err != nil {
			b.Fatal(err)
		}
		for _, out := range r.Outputs() {
			if out.Distribution == nil {
				continue
			}
			if _, err := r.Sampling().Sensitivity(out.Name); err != nil {
				b.Fatal(err)
			}
		}
	}
}
