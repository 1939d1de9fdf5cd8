// Package web is envelope's interactive page: plain HTML, CSS and
// JavaScript over the engine compiled to WebAssembly (web/wasm), all
// embedded. Handler serves it, with the scenarios named on the command
// line, as "envelope serve" does; WriteSite writes it as a static folder
// that runs from any static host or from file://, as "make site" does.
//
// The page computes every value in the browser. The server only hands
// out fixed files: it reads nothing from disk after it starts and makes
// no requests.
package web

import (
	"bytes"
	"compress/gzip"
	"embed"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

//go:embed static
var static embed.FS

// A File is a scenario the page offers beside the presets: one named on
// the command line. A preset named there is offered first but needs no
// source: the engine has every preset.
type File struct {
	Name   string `json:"name"`             // as the page lists it
	Preset string `json:"preset,omitempty"` // the preset's name, when it is one
	Source string `json:"source,omitempty"` // the file's text, when it is not
}

// assets are the page's fixed files, by the path they are served at.
var assets = map[string]struct{ file, kind string }{
	"/":             {"index.html", "text/html; charset=utf-8"},
	"/app.js":       {"app.js", "text/javascript; charset=utf-8"},
	"/style.css":    {"style.css", "text/css; charset=utf-8"},
	"/wasm_exec.js": {"wasm_exec.js", "text/javascript; charset=utf-8"},
}

func asset(name string) []byte {
	b, err := static.ReadFile("static/" + name)
	if err != nil {
		panic("web: " + name + " is not embedded: " + err.Error()) // a build fault, caught by the tests
	}
	return b
}

// filesJS is the data file that lists the scenarios the page opens with.
func filesJS(files []File) []byte {
	if files == nil {
		files = []File{}
	}
	b, _ := json.Marshal(files)
	// JSON is JavaScript, but "</script>" and U+2028 are not safe in
	// every place a script can stand: json.Marshal escapes < > & and
	// the two line separators.
	return []byte("// The scenarios this page was opened with.\nglobalThis.envelopeFiles = " + string(b) + ";\n")
}

// engineWasm returns the engine, uncompressed.
func engineWasm() ([]byte, error) {
	z, err := gzip.NewReader(bytes.NewReader(asset("engine.wasm.gz")))
	if err != nil {
		return nil, err
	}
	return io.ReadAll(z)
}

// WriteSite writes the page as a static folder in dir: index.html and its
// files, the engine inlined as base64 in engine.js (a page opened from
// file:// cannot fetch it) and the given files in files.js. Every preset
// is in the engine.
func WriteSite(dir string, files []File) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	engine := "// The engine, gzipped, as base64: a page opened from file:// cannot fetch it.\n" +
		"globalThis.envelopeWasm = \"" + base64.StdEncoding.EncodeToString(asset("engine.wasm.gz")) + "\";\n"
	out := map[string][]byte{"engine.js": []byte(engine), "files.js": filesJS(files)}
	for _, a := range assets {
		out[a.file] = asset(a.file)
	}
	for name, b := range out {
		if err := os.WriteFile(filepath.Join(dir, name), b, 0o644); err != nil {
			return err
		}
	}
	return nil
}

// checkEmbedded reports an asset missing from the build.
func checkEmbedded() error {
	var missing []string
	for _, name := range []string{"index.html", "app.js", "style.css", "wasm_exec.js", "engine.wasm.gz"} {
		if _, err := fs.Stat(static, "static/"+name); err != nil {
			missing = append(missing, name)
		}
	}
	if len(missing) > 0 {
		return fmt.Errorf("web: not embedded: %s (run make wasm)", strings.Join(missing, ", "))
	}
	return nil
}
