package web

import (
	"net/http"
	"net/http/httptest"
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
