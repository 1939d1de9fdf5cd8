package web

import (
	"bytes"
	"context"
	"errors"
	"io"
	"net"
	"net/http"
	"net/netip"
	"strconv"
	"strings"
	"sync"
	"time"
)

// ContentSecurityPolicy lets the page run its own scripts and styles and
// compile the engine ('wasm-unsafe-eval' allows WebAssembly and nothing
// of JavaScript's eval), and nothing else: no inline script, no other
// origin, no frames, no forms.
const ContentSecurityPolicy = "default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; " +
	"style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
	"base-uri 'none'; form-action 'none'; frame-ancestors 'none'"

// MaxBody is the largest request body accepted. The page only reads
// files, so a request needs none.
const MaxBody = 1 << 10

// Handler serves the page, the engine and files.js for files. It answers
// GET and HEAD for its own paths only, and refuses a Host header that
// is not an IP address, localhost or one of hosts: a page on another
// site that rebinds its name to this machine's address still sends its
// own name.
func Handler(files []File, hosts ...string) http.Handler {
	if err := checkEmbedded(); err != nil {
		panic(err)
	}
	wasmGz := asset("engine.wasm.gz")
	// Decompressed once, when a client first asks for it without gzip
	// (browsers all take gzip), and kept: 8 MB a request otherwise.
	wasmRaw := sync.OnceValues(engineWasm)
	served := map[string]func(w http.ResponseWriter, r *http.Request){}
	for path, a := range assets {
		b := asset(a.file)
		served[path] = func(w http.ResponseWriter, r *http.Request) { send(w, r, a.kind, b) }
	}
	fjs := filesJS(files)
	served["/files.js"] = func(w http.ResponseWriter, r *http.Request) { send(w, r, "text/javascript; charset=utf-8", fjs) }
	served["/engine.js"] = func(w http.ResponseWriter, r *http.Request) {
		send(w, r, "text/javascript; charset=utf-8", []byte("// The page fetches the engine from engine.wasm.\n"))
	}
	served["/engine.wasm"] = func(w http.ResponseWriter, r *http.Request) {
		w.Header().Add("Vary", "Accept-Encoding")
		if acceptsGzip(r) {
			w.Header().Set("Content-Encoding", "gzip")
			send(w, r, "application/wasm", wasmGz)
			return
		}
		raw, err := wasmRaw()
		if err != nil {
			http.Error(w, "the engine is damaged", http.StatusInternalServerError)
			return
		}
		send(w, r, "application/wasm", raw)
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("Content-Security-Policy", ContentSecurityPolicy)
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Referrer-Policy", "no-referrer")
		h.Set("Cross-Origin-Opener-Policy", "same-origin")
		h.Set("Cross-Origin-Resource-Policy", "same-origin")
		h.Set("X-Frame-Options", "DENY")
		switch {
		case !allowedHost(r.Host, hosts):
			http.Error(w, "unknown host "+r.Host, http.StatusMisdirectedRequest)
			return
		case !bodyWithin(r, MaxBody):
			http.Error(w, "request body too large", http.StatusRequestEntityTooLarge)
			return
		case strings.Contains(r.URL.Path, "..") || strings.Contains(r.URL.RawPath, ".."):
			http.Error(w, "bad path", http.StatusBadRequest)
			return
		}
		f, ok := served[r.URL.Path]
		if !ok {
			http.NotFound(w, r)
			return
		}
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			h.Set("Allow", "GET, HEAD")
			http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
			return
		}
		f(w, r)
	})
}

// bodyWithin reports whether r's body is at most max bytes. A chunked
// body declares no length: it is read, but no more than max+1 bytes of
// it, since no handler reads a body.
func bodyWithin(r *http.Request, max int64) bool {
	if r.ContentLength >= 0 {
		return r.ContentLength <= max
	}
	n, _ := io.CopyN(io.Discard, r.Body, max+1)
	return n <= max
}

// send serves b, reading it in place: the engine is megabytes.
func send(w http.ResponseWriter, r *http.Request, kind string, b []byte) {
	w.Header().Set("Content-Type", kind)
	w.Header().Set("Cache-Control", "no-cache")
	http.ServeContent(w, r, "", time.Time{}, bytes.NewReader(b))
}

// acceptsGzip reports whether the client takes a gzipped body: gzip, or
// *, listed with a weight above zero ("gzip;q=0" refuses it).
func acceptsGzip(r *http.Request) bool {
	gzip, star := -1.0, -1.0 // the weights given; -1 when not listed
	for _, e := range strings.Split(r.Header.Get("Accept-Encoding"), ",") {
		name, params, _ := strings.Cut(e, ";")
		q := 1.0
		if k, v, ok := strings.Cut(strings.TrimSpace(params), "="); ok && strings.TrimSpace(k) == "q" {
			if f, err := strconv.ParseFloat(strings.TrimSpace(v), 64); err == nil {
				q = f
			}
		}
		switch strings.ToLower(strings.TrimSpace(name)) {
		case "gzip":
			gzip = q
		case "*":
			star = q
		}
	}
	if gzip >= 0 {
		return gzip > 0
	}
	return star > 0
}

// allowedHost reports whether a request's Host names this server: an IP
// address, localhost (or a name under .localhost) or one of hosts.
func allowedHost(hostport string, hosts []string) bool {
	host := hostport
	if h, _, err := net.SplitHostPort(hostport); err == nil {
		host = h
	}
	host = strings.ToLower(strings.TrimSuffix(strings.Trim(host, "[]"), "."))
	if _, err := netip.ParseAddr(host); err == nil {
		return true
	}
	if host == "localhost" || strings.HasSuffix(host, ".localhost") {
		return true
	}
	for _, h := range hosts {
		if strings.EqualFold(h, host) {
			return true
		}
	}
	return false
}

// Serve serves h on ln until ctx is done, then shuts down, letting the
// requests under way finish for up to five seconds.
func Serve(ctx context.Context, ln net.Listener, h http.Handler) error {
	srv := &http.Server{
		Handler:           h,
		ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout:       10 * time.Second,
		WriteTimeout:      30 * time.Second,
		IdleTimeout:       60 * time.Second,
		MaxHeaderBytes:    16 << 10,
	}
	done := make(chan error, 1)
	go func() { done <- srv.Serve(ln) }()
	select {
	case err := <-done:
		return err
	case <-ctx.Done():
	}
	shut, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	err := srv.Shutdown(shut)
	if e := <-done; !errors.Is(e, http.ErrServerClosed) {
		return e
	}
	return err
}
