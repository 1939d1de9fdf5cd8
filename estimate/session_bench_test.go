package estimate_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/envelope-cli/envelope/estimate"
)

// The session benchmarks each run at two sizes: a line costs what it
// mentions, so the time per name (per byte) is the same at both, and
// the ratio of the two times is the ratio of the sizes.

// BenchmarkSessionNames sets n names, one line each, each line reading
// the name before it.
func BenchmarkSessionNames(b *testing.B) {
	for _, n := range []int{1000, 4000} {
		lines := make([]string, n)
		lines[0] = "n0 = 1 KB"
		for i := 1; i < n; i++ {
			lines[i] = fmt.Sprintf("n%d = n%d + %d KB", i, i-1, i)
		}
		b.Run(fmt.Sprintf("names=%d", n), func(b *testing.B) {
			for b.Loop() {
				s := estimate.NewSession(estimate.Exact)
				for _, line := range lines {
					if _, err := s.Eval(line); err != nil {
						b.Fatal(err)
					}
				}
			}
		})
	}
}

// BenchmarkSessionLongName sets one name of n bytes (a line of n bytes
// is no formula, which may be 4 KiB at most).
func BenchmarkSessionLongName(b *testing.B) {
	for _, n := range []int{25_000, 100_000} {
		name := strings.Repeat("a", n)
		b.Run(fmt.Sprintf("bytes=%d", n), func(b *testing.B) {
			for b.Loop() {
				s := estimate.NewSession(estimate.Exact)
				if _, err := s.Eval(name + " = 1"); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkSessionRanges sets a chain of n names that hold ranges, each
// line reading the name before it and drawing a range of its own, at
// 1,000 samples.
func BenchmarkSessionRanges(b *testing.B) {
	for _, n := range []int{100, 400} {
		lines := make([]string, n)
		lines[0] = "r0 = 1 to 2"
		for i := 1; i < n; i++ {
			lines[i] = fmt.Sprintf("r%d = r%d * (1 to 1.01)", i, i-1)
		}
		b.Run(fmt.Sprintf("names=%d", n), func(b *testing.B) {
			for b.Loop() {
				s := estimate.NewSessionSampled(estimate.Exact, estimate.SampleOptions{Samples: 1000})
				for _, line := range lines {
					if _, err := s.Eval(line); err != nil {
						b.Fatal(err)
					}
				}
			}
		})
	}
}
