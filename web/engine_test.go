package web

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// TestEngineIsUpToDate rebuilds the engine as "make wasm" does and checks
// that the committed static/engine.wasm.gz and wasm_exec.js are what it
// gives: the page must run the engine of these sources. The build is
// reproducible for one Go release; with another, the bytes differ
// without anything being stale, so the test then skips, naming both.
func TestEngineIsUpToDate(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the engine for wasm: not in -short")
	}
	built, err := os.ReadFile(filepath.Join("static", "engine.version"))
	if err != nil {
		t.Fatal(err)
	}
	if v := strings.TrimSpace(string(built)); v != runtime.Version() {
		t.Skipf("the committed engine was built by %s, this is %s: cannot compare", v, runtime.Version())
	}
	dir := t.TempDir()
	cmd := exec.Command(filepath.Join(runtime.GOROOT(), "bin", "go"), "run", "./mkwasm", "-o", dir)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go run ./mkwasm: %v\n%s", err, out)
	}
	for _, name := range []string{"engine.wasm.gz", "wasm_exec.js"} {
		want, _ := os.ReadFile(filepath.Join(dir, name))
		if got := asset(name); !bytes.Equal(got, want) {
			t.Errorf("web/static/%s is stale (%d bytes; the sources give %d): run make wasm and commit it", name, len(got), len(want))
		}
	}
}

func TestEngineSize(t *testing.T) {
	raw, err := engineWasm()
	if err != nil {
		t.Fatal(err)
	}
	gz := len(asset("engine.wasm.gz"))
	t.Logf("engine.wasm: %d bytes, %d gzipped", len(raw), gz)
	// A guard against pulling a large dependency into the page.
	if gz > 4<<20 {
		t.Errorf("the engine is %d bytes gzipped, more than 4 MiB", gz)
	}
}
