package estimate

import (
	"os"
	"testing"
)

// BenchmarkLoadLargestPreset parses and compiles the largest preset, the
// cost every command pays before it evaluates anything.
func BenchmarkLoadLargestPreset(b *testing.B) {
	src, err := os.ReadFile("../scenarios/notification-service.yaml")
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Load("notification-service.yaml", src, Options{}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkLoadChain10000 parses and compiles a chain of 10,000 outputs,
// each reading the one before: the largest file the name limit allows.
func BenchmarkLoadChain10000(b *testing.B) {
	src := []byte(chain(MaxNames - 1))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Load("chain.yaml", src, Options{}); err != nil {
			b.Fatal(err)
		}
	}
}
