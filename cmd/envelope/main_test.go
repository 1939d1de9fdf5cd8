package main

import (
	"flag"
	"os"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"
)

var update = flag.Bool("update", false, "rewrite the expected output in testdata/script")

func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"envelope": func() { os.Exit(Main()) },
	})
}

// TestScripts runs the command-line scripts in testdata/script, which pin
// envelope's stdout, stderr and exit code for every command and error.
// go test -update (make update-golden) rewrites their expected output.
func TestScripts(t *testing.T) {
	testscript.Run(t, testscript.Params{
		Dir:           "testdata/script",
		UpdateScripts: *update,
		Setup: func(env *testscript.Env) error {
			env.Setenv("NO_COLOR", "1")
			// Under -race each command would otherwise sleep a second as
			// it exits, waiting for reports from goroutines it does not have.
			env.Setenv("GORACE", "atexit_sleep_ms=0")
			return nil
		},
	})
}
