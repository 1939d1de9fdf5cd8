package web

import (
	"io"
	"net/http"
	"net/http/httptest"
	"runtime"
	"strings"
	"testing"
)

func request(t *testing.T, h http.Handler, method, target, host, body string) *httptest.ResponseRecorder {
	t.Helper()
	r := httptest.NewRequest(method, target, strings.NewReader(body))
	if host == "" {
		host = "127.0.0.1:8080"
	}
	r.Host = host
	w := httptest.NewRecorder()
	h.ServeHTTP(w, r)
	return w
}

func TestHandlerServesThePage(t *testing.T) {
	h := Handler([]File{{Name: "url-shortener", Preset: "url-shortener"}}, "127.0.0.1")
	for path, kind := range map[string]string{
		"/":             "text/html; charset=utf-8",
		"/app.js":       "text/javascript; charset=utf-8",
		"/style.css":    "text/css; charset=utf-8",
		"/wasm_exec.js": "text/javascript; charset=utf-8",
		"/engine.js":    "text/javascript; charset=utf-8",
		"/files.js":     "text/javascript; charset=utf-8",
		"/engine.wasm":  "application/wasm",
	} {
		w := request(t, h, "GET", path, "127.0.0.1:8080", "")
		if w.Code != 200 || w.Header().Get("Content-Type") != kind {
			t.Errorf("GET %s: %d %q, want 200 %q", path, w.Code, w.Header().Get("Content-Type"), kind)
		}
		if got := w.Header().Get("Content-Security-Policy"); got != ContentSecurityPolicy {
			t.Errorf("GET %s: Content-Security-Policy %q", path, got)
		}
		if w.Header().Get("X-Content-Type-Options") != "nosniff" {
			t.Errorf("GET %s: no nosniff", path)
		}
	}
	if w := request(t, h, "GET", "/files.js", "", ""); !strings.Contains(w.Body.String(), `"preset":"url-shortener"`) {
		t.Errorf("files.js = %s", w.Body)
	}
}

func TestCSPIsStrict(t *testing.T) {
	for _, want := range []string{"default-src 'none'", "script-src 'self' 'wasm-unsafe-eval';", "frame-ancestors 'none'"} {
		if !strings.Contains(ContentSecurityPolicy, want) {
			t.Errorf("CSP lacks %q", want)
		}
	}
	for _, bad := range []string{"unsafe-inline", "'unsafe-eval'", "*", "http:", "https:"} {
		if strings.Contains(ContentSecurityPolicy, bad) {
			t.Errorf("CSP allows %q", bad)
		}
	}
}

func TestEngineWasmEncoding(t *testing.T) {
	h := Handler(nil)
	r := httptest.NewRequest("GET", "/engine.wasm", nil)
	r.Host = "localhost"
	r.Header.Set("Accept-Encoding", "gzip, br")
	w := httptest.NewRecorder()
	h.ServeHTTP(w, r)
	if w.Header().Get("Content-Encoding") != "gzip" || w.Body.Len() != len(asset("engine.wasm.gz")) {
		t.Errorf("gzip: Content-Encoding %q, %d bytes", w.Header().Get("Content-Encoding"), w.Body.Len())
	}
	w = request(t, h, "GET", "/engine.wasm", "", "")
	if w.Header().Get("Content-Encoding") != "" || !strings.HasPrefix(w.Body.String(), "\x00asm") {
		t.Errorf("identity: Content-Encoding %q, starts %q", w.Header().Get("Content-Encoding"), w.Body.String()[:4])
	}
}

func TestHandlerRefuses(t *testing.T) {
	h := Handler(nil, "envelope.internal")
	for _, tc := range []struct {
		method, target, host, body string
		code                       int
	}{
		{"GET", "/nope", "", "", 404},
		{"GET", "/static/index.html", "", "", 404},
		{"GET", "/index.html/", "", "", 404},
		{"GET", "/engine.wasm.gz", "", "", 404},
		{"GET", "/../go.mod", "", "", 400},
		{"GET", "/%2e%2e/go.mod", "", "", 400},
		{"GET", "/a/..%2fgo.mod", "", "", 400},
		{"GET", "/", "evil.example:8080", "", 421},
		{"GET", "/", "127.0.0.1.evil.example", "", 421},
		{"GET", "/", "localhost.evil.example", "", 421},
		{"POST", "/", "", "x", 405},
		{"PUT", "/app.js", "", "", 405},
		{"POST", "/", "", strings.Repeat("x", MaxBody+1), 413},
		// Allowed: loopback by name and address, and the host served on.
		{"GET", "/", "localhost:8080", "", 200},
		{"GET", "/", "[::1]:8080", "", 200},
		{"GET", "/", "envelope.internal:80", "", 200},
		{"HEAD", "/app.js", "", "", 200},
	} {
		w := request(t, h, tc.method, tc.target, tc.host, tc.body)
		if w.Code != tc.code {
			t.Errorf("%s %s (Host %q, %d-byte body): %d, want %d", tc.method, tc.target, tc.host, len(tc.body), w.Code, tc.code)
		}
		if w.Header().Get("Content-Security-Policy") == "" {
			t.Errorf("%s %s: no Content-Security-Policy", tc.method, tc.target)
		}
	}
}

func TestFilesJSIsSafe(t *testing.T) {
	b := string(filesJS([]File{{Name: "x</script><script>alert(1)</script>.yaml", Source: "a\u2028b"}}))
	if strings.Contains(b, "</script>") || strings.Contains(b, "\u2028") {
		t.Errorf("files.js = %s", b)
	}
}

// A chunked body declares no length: the handler reads no more of it
// than MaxBody and one byte, and refuses it past MaxBody as it refuses a
// declared length.
func TestHandlerRefusesLongChunkedBody(t *testing.T) {
	h := Handler(nil)
	for _, tc := range []struct {
		method string
		size   int
		code   int
	}{
		{"GET", MaxBody + 1, 413},
		{"GET", 64 << 10, 413},
		{"POST", MaxBody + 1, 413},
		{"GET", MaxBody, 200},
		{"POST", 10, 405},
	} {
		r := httptest.NewRequest(tc.method, "/", strings.NewReader(strings.Repeat("x", tc.size)))
		r.ContentLength, r.TransferEncoding = -1, []string{"chunked"}
		r.Host = "127.0.0.1"
		w := httptest.NewRecorder()
		h.ServeHTTP(w, r)
		if w.Code != tc.code {
			t.Errorf("%s with a chunked body of %d bytes: %d, want %d", tc.method, tc.size, w.Code, tc.code)
		}
	}
	// Through a real server, where net/http reads the chunks.
	srv := httptest.NewServer(h)
	defer srv.Close()
	body := io.MultiReader(strings.NewReader(strings.Repeat("x", 4<<10))) // no length: sent chunked
	req, _ := http.NewRequest("GET", srv.URL+"/", body)
	resp, err := srv.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if len(req.TransferEncoding) == 0 && req.ContentLength != 0 {
		t.Fatalf("the request was not chunked: length %d", req.ContentLength)
	}
	if resp.StatusCode != 413 {
		t.Errorf("GET with a 4 KiB chunked body: %d, want 413", resp.StatusCode)
	}
}

// discard is a ResponseWriter that keeps the headers and the status, and
// counts the body without keeping it.
type discard struct {
	h    http.Header
	code int
	n    int
}

func (d *discard) Header() http.Header         { return d.h }
func (d *discard) WriteHeader(code int)        { d.code = code }
func (d *discard) Write(b []byte) (int, error) { d.n += len(b); return len(b), nil }

// The engine is decompressed once, for the first client that does not
// take gzip, and sent as it is to those that do: a request costs no copy
// of it. Measured in bytes allocated, which would be 8 MB a request
// (decompressing) or 2 MB (copying the gzipped engine).
func TestEngineWasmIsNotCopied(t *testing.T) {
	h := Handler(nil)
	get := func(gzip bool) *discard {
		r := httptest.NewRequest("GET", "/engine.wasm", nil)
		r.Host = "localhost"
		if gzip {
			r.Header.Set("Accept-Encoding", "gzip")
		}
		d := &discard{h: http.Header{}, code: 200}
		h.ServeHTTP(d, r)
		if d.code != 200 || d.n == 0 {
			t.Fatalf("GET /engine.wasm (gzip %v): %d, %d bytes", gzip, d.code, d.n)
		}
		return d
	}
	raw, gz := get(false).n, get(true).n
	if gz != len(asset("engine.wasm.gz")) || raw <= gz {
		t.Fatalf("engine: %d bytes raw, %d gzipped; the embedded file has %d", raw, gz, len(asset("engine.wasm.gz")))
	}
	const requests = 32
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	for i := range requests {
		get(i%2 == 0)
	}
	runtime.ReadMemStats(&after)
	if per := (after.TotalAlloc - before.TotalAlloc) / requests; per > 64<<10 {
		t.Errorf("a request for the engine allocates %d bytes; the engine is %d bytes, %d gzipped", per, raw, gz)
	}
}

func TestAcceptsGzip(t *testing.T) {
	for header, want := range map[string]bool{
		"":                     false,
		"gzip":                 true,
		"gzip, deflate, br":    true,
		"br;q=1.0, gzip;q=0.8": true,
		"GZIP":                 true,
		"gzip;q=0":             false,
		"gzip; q=0.000":        false,
		"deflate, br":          false,
		"identity":             false,
		"*":                    true,
		"*;q=0":                false,
		"gzip;q=0, *":          false,
		"x-gzip":               false,
		"br, gzip;q=0.001":     true,
	} {
		r := httptest.NewRequest("GET", "/", nil)
		r.Header.Set("Accept-Encoding", header)
		if got := acceptsGzip(r); got != want {
			t.Errorf("Accept-Encoding %q: gzip %v, want %v", header, got, want)
		}
	}
}

// BenchmarkEngineWasm serves the engine to a client that takes gzip and
// to one that does not.
func BenchmarkEngineWasm(b *testing.B) {
	h := Handler(nil)
	for _, enc := range []string{"gzip", "identity"} {
		b.Run(enc, func(b *testing.B) {
			for b.Loop() {
				r := httptest.NewRequest("GET", "/engine.wasm", nil)
				r.Host = "localhost"
				r.Header.Set("Accept-Encoding", enc)
				h.ServeHTTP(&discard{h: http.Header{}}, r)
			}
		})
	}
}
