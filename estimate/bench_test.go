package estimate

import (
	"testing"
)

// photoSharing is a scenario with 20 outputs of every kind: chains of
// dependencies, functions, a condition and display units.
const photoSharing = `name: photo-sharing
inputs:
  daily_users: 500M
  uploads_per_user: 0.2/day
  views_per_user: 50/day
  photo_size: 2 MB
  thumb_size: 20 KB
  replicas: 3
  retention: 10 years
  peak_factor: 3
  cache_ratio: 20%
  server_qps: 5K/s
  storage_price: $0.023
outputs:
  upload_qps: daily_users * uploads_per_user
  view_qps: daily_users * views_per_user
  peak_upload_qps: upload_qps * peak_factor
  peak_view_qps: view_qps * peak_factor
  read_write_ratio: view_qps / upload_qps
  photo_bytes: photo_size + 3 * thumb_size
  ingress: upload_qps * photo_bytes
  peak_ingress: peak_upload_qps * photo_bytes
  egress: view_qps * (photo_size / 4 + thumb_size)
  peak_egress: peak_view_qps * (photo_size / 4 + thumb_size)
  daily_storage: ingress * day
  raw_storage: ingress * retention
  storage:
    formula: raw_storage * replicas
    unit: PB
  hot_set: daily_storage * 7 * cache_ratio
  cache_servers: ceil(hot_set / 256 GB)
  servers: ceil(max(peak_upload_qps, peak_view_qps) / server_qps)
  monthly_cost: storage / 1 GB * storage_price
  cost_per_user: monthly_cost / daily_users
  heavy_reads: "read_write_ratio > 100 ? 1 : 0"
  log_storage: log10(storage / 1 B)
`

func BenchmarkEval(b *testing.B) {
	m := load(b, photoSharing)
	in, _ := m.Slot("daily_users")
	slots := m.Slots()
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		slots[in] = float64(1e8 + i%1000)
		if err := m.Eval(slots); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkEvaluate(b *testing.B) {
	m := load(b, photoSharing)
	ov, err := m.Override("daily_users", "1bn")
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := m.Evaluate(ov); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkLoad(b *testing.B) {
	src := []byte(photoSharing)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Load("photo-sharing.yaml", src, Options{}); err != nil {
			b.Fatal(err)
		}
	}
}

// TestEvalAllocations holds Eval to its promise: no allocation on the
// fast path.
func TestEvalAllocations(t *testing.T) {
	m := load(t, photoSharing)
	if n := len(m.OutputNames()); n != 20 {
		t.Fatalf("the benchmark scenario has %d outputs, want 20", n)
	}
	in, _ := m.Slot("daily_users")
	slots := m.Slots()
	allocs := testing.AllocsPerRun(100, func() {
		slots[in]++
		if err := m.Eval(slots); err != nil {
			t.Fatal(err)
		}
	})
	if allocs != 0 {
		t.Errorf("Eval allocates %v times per run, want 0", allocs)
	}
	r, err := m.Evaluate()
	if err != nil {
		t.Fatal(err)
	}
	o := r.DisplayOptions(false)
	// By hand: 500M × 50/day × 3 = 868.1K views/s at peak, each 520 KB;
	// 1.157K uploads/s × 2.06 MB × 10 years × 3 replicas.
	for _, want := range []struct{ name, display string }{
		{"upload_qps", "1.157K/s"},
		{"peak_egress", "451.4 GB/s (3.611 Tbit/s)"},
		{"storage", "2256 PB"},
		{"servers", "174"},
		{"heavy_reads", "1"},
	} {
		v, _ := r.Output(want.name)
		if got := v.Format(o); got != want.display {
			t.Errorf("%s = %s, want %s", want.name, got, want.display)
		}
	}
}
