// Command mkwasm builds the web page's engine, web/wasm, for GOOS=js
// GOARCH=wasm and writes it gzipped, with the wasm_exec.js of the Go that
// built it, into a directory ("make wasm" writes web/static). The build
// is reproducible: the same sources and Go release give the same bytes,
// which web's tests check against the committed copy.
package main

import (
	"bytes"
	"compress/gzip"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
)

func main() {
	out := flag.String("o", "web/static", "directory to write engine.wasm.gz, engine.version and wasm_exec.js to")
	flag.Parse()
	if err := build(*out); err != nil {
		fmt.Fprintln(os.Stderr, "mkwasm:", err)
		os.Exit(1)
	}
}

func build(dir string) error {
	tmp, err := os.MkdirTemp("", "mkwasm")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	wasm := filepath.Join(tmp, "engine.wasm")
	gobin := filepath.Join(runtime.GOROOT(), "bin", "go")
	cmd := exec.Command(gobin, "build", "-trimpath", "-buildvcs=false", "-ldflags=-s -w", "-o", wasm,
		"github.com/envelope-cli/envelope/web/wasm")
	cmd.Env = append(os.Environ(), "GOOS=js", "GOARCH=wasm", "CGO_ENABLED=0")
	cmd.Stderr = os.Stderr
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("go build: %v", err)
	}
	raw, err := os.ReadFile(wasm)
	if err != nil {
		return err
	}
	var z bytes.Buffer
	w, _ := gzip.NewWriterLevel(&z, gzip.BestCompression) // no name, no time: the same bytes each time
	w.Write(raw)
	if err := w.Close(); err != nil {
		return err
	}
	exec, err := os.ReadFile(filepath.Join(runtime.GOROOT(), "lib", "wasm", "wasm_exec.js"))
	if err != nil {
		return err
	}
	for name, b := range map[string][]byte{
		"engine.wasm.gz": z.Bytes(),
		"engine.version": []byte(runtime.Version() + "\n"),
		"wasm_exec.js":   exec,
	} {
		if err := os.WriteFile(filepath.Join(dir, name), b, 0o644); err != nil {
			return err
		}
	}
	fmt.Printf("engine.wasm: %d bytes, %d gzipped (%s)\n", len(raw), z.Len(), strings.TrimSpace(runtime.Version()))
	return nil
}
