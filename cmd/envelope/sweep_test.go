package main

import (
	"bytes"
	"encoding/csv"
	imagepng "image/png"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"testing"

	"github.com/envelope-cli/envelope/internal/svgtest"
)

// TestSweepGridCSV parses a two-input sweep in csv: every combination of
// the two ranges is a row, with the servers the formula gives.
func TestSweepGridCSV(t *testing.T) {
	var out, errs bytes.Buffer
	code := run([]string{"sweep", "web-service", "--vary", "dau=1M..100M", "--steps", "5",
		"--vary", "peak_factor=2,3,5", "--only", "servers", "-o", "csv"}, &out, &errs)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs.String())
	}
	rows, err := csv.NewReader(&out).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if got := rows[0]; len(got) != 6 || got[0] != "dau" || got[2] != "peak_factor" || got[4] != "servers" {
		t.Fatalf("header %q", got)
	}
	seen := map[[2]float64]bool{}
	for _, row := range rows[1:] {
		dau, _ := strconv.ParseFloat(row[0], 64)
		peak, _ := strconv.ParseFloat(row[2], 64)
		servers, _ := strconv.ParseFloat(row[4], 64)
		seen[[2]float64{dau, peak}] = true
		// servers = ceil(dau * 22/day * peak / 1000/s)
		if want := math.Ceil(dau * 22 * peak / 86400 / 1000); servers != want {
			t.Errorf("dau %v, peak %v: %v servers, want %v", dau, peak, servers, want)
		}
	}
	for _, dau := range []float64{1e6, 10e6 / math.Sqrt(10), 10e6, 1e8 / math.Sqrt(10), 1e8} {
		for _, peak := range []float64{2, 3, 5} {
			found := false
			for k := range seen {
				if math.Abs(k[0]-dau) <= 1e-9*dau && k[1] == peak {
					found = true
				}
			}
			if !found {
				t.Errorf("no row for dau %v, peak %v", dau, peak)
			}
		}
	}
	if len(rows) != 1+15 {
		t.Errorf("%d rows, want 15 and a header", len(rows)-1)
	}
}

// TestSolveServersCLI is issue 11's acceptance check through the command:
// the dau it prints is the formula's, and one more needs 101 servers.
func TestSolveServersCLI(t *testing.T) {
	var out, errs bytes.Buffer
	if code := run([]string{"solve", "web-service", "--for", "dau", "--until", "servers = 100"}, &out, &errs); code != 0 {
		t.Fatalf("exit %d: %s", code, errs.String())
	}
	want := int64(100 * 86400 * 1000 / 66) // dau * 22/day * 3 / 1000/s <= 100
	if !bytes.Contains(out.Bytes(), []byte("("+strconv.FormatInt(want, 10)+")")) {
		t.Errorf("solve printed\n%s\nwant dau = %d", out.String(), want)
	}
	out.Reset()
	if code := run([]string{"run", "web-service", "--set", "dau=" + strconv.FormatInt(want+1, 10), "--only", "servers", "-o", "csv"}, &out, &errs); code != 0 {
		t.Fatal(errs.String())
	}
	if !bytes.Contains(out.Bytes(), []byte("output,servers,101,")) {
		t.Errorf("dau %d: %s, want 101 servers", want+1, out.String())
	}
}

// TestSweepPlot writes a sweep's charts as SVG and PNG: the SVG parses
// and names the input, the outputs and ticks in display units; the PNG
// decodes at one chart's height per output.
func TestSweepPlot(t *testing.T) {
	dir := t.TempDir()
	svg, png := filepath.Join(dir, "s.svg"), filepath.Join(dir, "s.png")
	for _, path := range []string{svg, png} {
		var out, errs bytes.Buffer
		if code := run([]string{"sweep", "url-shortener", "--vary", "new_urls=10M/day..1bn/day", "--steps", "3",
			"--only", "storage_raw,read_qps_avg", "--plot", path}, &out, &errs); code != 0 {
			t.Fatalf("exit %d: %s", code, errs.String())
		}
	}
	b, err := os.ReadFile(svg)
	if err != nil {
		t.Fatal(err)
	}
	texts, err := svgtest.Texts(b)
	if err != nil {
		t.Fatalf("the SVG does not parse: %v", err)
	}
	for _, want := range []string{"storage_raw", "read_qps_avg", "new_urls", "10M/day", "100M/day", "1bn/day", "10 TB", "100 TB"} {
		if !slices.Contains(texts, want) {
			t.Errorf("the SVG has no text %q: %q", want, texts)
		}
	}
	f, err := os.Open(png)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	img, err := imagepng.Decode(f)
	if err != nil {
		t.Fatal(err)
	}
	if got := img.Bounds().Size(); got.X != 900 || got.Y != 2*525 {
		t.Errorf("the PNG is %v, want 900x1050 (two charts)", got)
	}
}
