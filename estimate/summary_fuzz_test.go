package estimate

import (
	"encoding/binary"
	"math"
	"slices"
	"testing"
)

// FuzzSummarise reads the input as float64s, any bits at all, and
// checks a summary against sorting and counting: the percentiles of the
// finite values by interpolation, the histogram by counting each sample
// from P5 to P95, moments that are finite, the mean among the values,
// and that the column is left as it was. A few values
// are repeated, at a stride, so that columns grow past the size at which
// the buckets span a subsample rather than the whole.
func FuzzSummarise(f *testing.F) {
	seed := func(vs ...float64) []byte {
		b := make([]byte, 0, 8*len(vs))
		for _, v := range vs {
			b = binary.LittleEndian.AppendUint64(b, math.Float64bits(v))
		}
		return b
	}
	f.Add(seed(1, 2, 3, 4, 5), uint16(0))
	f.Add(seed(math.NaN(), math.Inf(1), math.Inf(-1), 0, math.Copysign(0, -1), 5e-324), uint16(300))
	f.Add(seed(1e-300, 1e-200, 1e-100, 1, 1e100, 1e200, 1e300), uint16(40))
	f.Add(seed(-math.MaxFloat64, math.MaxFloat64, 1, 2), uint16(1000))
	f.Add(seed(math.Copysign(0, -1), 2.451446e-317), uint16(0)) // a scale past float64 for the moments
	f.Fuzz(func(t *testing.T, data []byte, repeat uint16) {
		var col []float64
		for i := 0; i+8 <= len(data); i += 8 {
			col = append(col, math.Float64frombits(binary.LittleEndian.Uint64(data[i:])))
		}
		if len(col) == 0 {
			return
		}
		for i := range int(repeat) % 5000 {
			col = append(col, col[i%len(col)]*(1+float64(i%7)/8))
		}
		before := slices.Clone(col)
		var z summariser
		s := z.summarise(col, percentiles[:], true)
		for i := range col {
			if math.Float64bits(col[i]) != math.Float64bits(before[i]) {
				t.Fatalf("sample %d changed from %v to %v", i, before[i], col[i])
			}
		}
		var finite []float64
		for _, v := range col {
			if isFinite(v) {
				finite = append(finite, v)
			}
		}
		if s.n != len(finite) {
			t.Fatalf("%d finite samples, want %d", s.n, len(finite))
		}
		if len(finite) == 0 {
			return
		}
		slices.Sort(finite)
		// The moments of finite samples are finite, whatever their size,
		// and the mean lies among them.
		lo, hi := finite[0], finite[len(finite)-1]
		tol := 1e-9 * max(math.Abs(lo), math.Abs(hi))
		if m, sd := s.mean(), s.sd(); !isFinite(m) || !isFinite(sd) || sd < 0 || m < lo-tol || m > hi+tol {
			t.Fatalf("mean %v and sd %v of samples from %v to %v", m, sd, lo, hi)
		}
		for i, p := range percentiles {
			h := p * float64(len(finite)-1)
			k := int(h)
			want := finite[k]
			if frac := h - float64(k); frac > 0 && k+1 < len(finite) {
				want += frac * (finite[k+1] - finite[k])
			}
			if got := s.q[i]; got != want && !(math.IsNaN(got) && math.IsNaN(want)) {
				t.Fatalf("p%v = %v, want %v", p*100, got, want)
			}
		}
		if s.bins != nil {
			want, wantLog := histogram(col, s.q[0], s.q[4])
			if !slices.Equal(s.bins, want) || s.logBins != wantLog {
				t.Fatalf("bins %v (log %v), want %v (log %v)", s.bins, s.logBins, want, wantLog)
			}
		}
	})
}
