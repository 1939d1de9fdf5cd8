package estimate

import (
	"strings"
	"testing"
)

// The hostile inputs of the acceptance criteria, each of which must be
// answered within a second: these benchmarks show how far within.

func BenchmarkHostileBillionLaughs(b *testing.B) {
	src := []byte(billionLaughs())
	for b.Loop() {
		if _, err := Load("lol.yaml", src, Options{}); err == nil {
			b.Fatal("loaded")
		}
	}
}

func BenchmarkHostileDeepParentheses(b *testing.B) {
	src := []byte(scenarioWith("  y: " + strings.Repeat("(", 100000) + "x" + strings.Repeat(")", 100000) + "\n"))
	for b.Loop() {
		if _, err := Load("deep.yaml", src, Options{}); err == nil {
			b.Fatal("loaded")
		}
	}
}

func BenchmarkHostile50MBFile(b *testing.B) {
	for b.Loop() {
		if _, err := ReadSource("big.yaml", &endlessReader{}); err == nil {
			b.Fatal("read")
		}
	}
}

func BenchmarkHostileChain10000(b *testing.B) {
	src := []byte(chain(MaxNames - 1))
	for b.Loop() {
		m, err := Load("chain.yaml", src, Options{})
		if err != nil {
			b.Fatal(err)
		}
		if _, err := m.Evaluate(); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkHostileLargestFile loads 1 MiB of the most expensive
// formulas: 4 KiB sums of a thousand literals each.
func BenchmarkHostileLargestFile(b *testing.B) {
	src := []byte(hostileLongestSums())
	for b.Loop() {
		if _, err := Load("largest.yaml", src, Options{}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkHostileShape loads each hostile shape of TestHostileShapes:
// the figures of "What the limits cost" in docs/scenario-format.md.
func BenchmarkHostileShape(b *testing.B) {
	for _, shape := range hostileShapes {
		src := []byte(shape.src())
		b.Run(strings.ReplaceAll(shape.name, " ", "-"), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := Load("hostile.yaml", src, Options{}); (err == nil) != shape.loads {
					b.Fatalf("Load: %v", firstLine(err))
				}
			}
		})
	}
}
