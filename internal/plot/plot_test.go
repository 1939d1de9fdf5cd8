package plot

import (
	"bytes"
	"fmt"
	"image/png"
	"io"
	"math"
	"os"
	"strings"
	"testing"

	"github.com/envelope-cli/envelope/internal/svgtest"
)

func tb(v float64) string {
	switch {
	case v >= 1e15:
		return fmt.Sprintf("%g PB", v/1e15)
	default:
		return fmt.Sprintf("%g TB", v/1e12)
	}
}

func users(v float64) string { return fmt.Sprintf("%gM", v/1e6) }

func storageLine() Line {
	return Line{Title: "storage_raw",
		X:  Axis{Label: "new_urls", Log: true, Unit: 1e6, Format: users},
		Y:  Axis{Label: "storage_raw", Log: true, Unit: 1e12, Format: tb},
		XS: []float64{10e6, 100e6, 1000e6}, YS: []float64{3.65e12, 36.5e12, 365e12}}
}

// svgTexts returns every text element of an SVG document, which must
// parse as XML.
func svgTexts(t *testing.T, svg []byte) []string {
	t.Helper()
	texts, err := svgtest.Texts(svg)
	if err != nil {
		t.Fatalf("the SVG does not parse: %v", err)
	}
	return texts
}

func TestSVG(t *testing.T) {
	var b bytes.Buffer
	h := Histogram{Title: "latency", X: Axis{Label: "latency"}, Samples: []float64{1, 2, 2, 3, 3, 3, 4}}
	if err := Write(&b, "svg", storageLine(), h); err != nil {
		t.Fatal(err)
	}
	texts := strings.Join(svgTexts(t, b.Bytes()), "|")
	for _, want := range []string{"storage_raw", "new_urls", "10 TB", "100 TB", "10M", "100M", "1000M", "latency", "share of samples"} {
		if !strings.Contains("|"+texts+"|", "|"+want+"|") {
			t.Errorf("the SVG has no text %q: %s", want, texts)
		}
	}
}

func TestPNG(t *testing.T) {
	var b bytes.Buffer
	if err := Write(&b, "png", storageLine(), storageLine()); err != nil {
		t.Fatal(err)
	}
	img, err := png.Decode(&b)
	if err != nil {
		t.Fatal(err)
	}
	w, h := 900, 1050 // 6 in × 3.5 in per chart at 150 dpi
	if got := img.Bounds().Size(); got.X != w || got.Y != h {
		t.Errorf("PNG is %v, want %dx%d", got, w, h)
	}
	if dir := os.Getenv("PLOT_DIR"); dir != "" { // to look at it
		var b bytes.Buffer
		Write(&b, "png", storageLine())
		os.WriteFile(dir+"/storage.png", b.Bytes(), 0o644)
	}
}

func TestWriteErrors(t *testing.T) {
	if err := Write(io.Discard, "gif", storageLine()); err == nil {
		t.Error("gif: no error")
	}
	if err := Write(io.Discard, "svg"); err == nil {
		t.Error("no chart: no error")
	}
	if err := Write(io.Discard, "svg", Line{Title: "x", XS: []float64{math.NaN()}, YS: []float64{1}}); err == nil {
		t.Error("no point: no error")
	}
	if _, err := FormatOf("a.jpg"); err == nil {
		t.Error("a.jpg: no error")
	}
	if f, _ := FormatOf("a.SVG"); f != "svg" {
		t.Errorf("FormatOf(a.SVG) = %q", f)
	}
}

func TestBin(t *testing.T) {
	counts, edges, err := Bin([]float64{0, 1, 2, 3, 4, 9.99, 10}, 2, false)
	if err != nil || fmt.Sprint(counts) != "[5 2]" || fmt.Sprint(edges) != "[0 5 10]" {
		t.Errorf("Bin linear: %v %v %v", counts, edges, err)
	}
	counts, edges, err = Bin([]float64{1, 5, 10, 50, 100}, 2, true)
	if err != nil || fmt.Sprint(counts) != "[2 3]" || math.Abs(edges[1]-10) > 1e-9 {
		t.Errorf("Bin log: %v %v %v", counts, edges, err)
	}
	if _, _, err := Bin([]float64{0, 1}, 2, true); err == nil {
		t.Error("log bins of 0: no error")
	}
	if c, _, err := Bin([]float64{3, 3}, 4, false); err != nil || c[0] != 2 {
		t.Errorf("equal samples: %v %v", c, err)
	}
}

func TestTicks(t *testing.T) {
	for _, tc := range []struct {
		a      Axis
		lo, hi float64
		want   string
	}{
		{Axis{Log: true, Unit: 1e12, Format: tb}, 3.65e12, 365e12, "5 TB 10 TB 20 TB 50 TB 100 TB 200 TB"},
		{Axis{Log: true, Unit: 1e6, Format: users}, 1e6, 1e9, "1M 10M 100M 1000M"},
		{Axis{Unit: 1e12, Format: tb}, 0, 1e15, "0 TB 200 TB 400 TB 600 TB 800 TB 1 PB"},
		{Axis{Log: true}, 1, 30, "1 2 5 10 20"},
	} {
		var got []string
		for _, tk := range Ticks(tc.a).Ticks(tc.lo, tc.hi) {
			got = append(got, tk.Label)
		}
		if strings.Join(got, " ") != tc.want {
			t.Errorf("ticks %v..%v: %q, want %q", tc.lo, tc.hi, got, tc.want)
		}
	}
}

func TestText(t *testing.T) {
	var b strings.Builder
	if err := Text(&b, storageLine(), 40, 5); err != nil {
		t.Fatal(err)
	}
	want := `storage_raw, log scale
 365 TB ┤                           ···•
        │                   ········
        │            ···•····
        │    ········
3.65 TB ┤•···
        └───────────────────────────────
         10M                       1000M
         new_urls, log scale
`
	if b.String() != want {
		t.Errorf("text chart:\n%s\nwant:\n%s", b.String(), want)
	}
}

// TestLinesSVG: a grid's chart has a line per value of its second input,
// each named in the legend.
func TestLinesSVG(t *testing.T) {
	l := Lines{Title: "servers", X: Axis{Label: "dau", Log: true}, Y: Axis{Label: "servers"}, Series: []Series{
		{Label: "peak = 2", XS: []float64{1e6, 1e7, 1e8}, YS: []float64{1, 6, 51}},
		{Label: "peak = 3", XS: []float64{1e6, 1e7, 1e8}, YS: []float64{1, 8, 77}},
	}}
	var b bytes.Buffer
	if err := Write(&b, "svg", l); err != nil {
		t.Fatal(err)
	}
	texts := "|" + strings.Join(svgTexts(t, b.Bytes()), "|") + "|"
	for _, want := range []string{"servers", "dau", "peak = 2", "peak = 3"} {
		if !strings.Contains(texts, "|"+want+"|") {
			t.Errorf("the SVG has no text %q: %s", want, texts)
		}
	}
	if err := Write(&b, "svg", Lines{Title: "empty"}); err == nil {
		t.Error("Lines with no series: no error")
	}
}
