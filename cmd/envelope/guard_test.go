package main

import (
	"bytes"
	"testing"
)

// panickyWriter stands for any bug: it panics when the command prints.
type panickyWriter struct{}

func (panickyWriter) Write([]byte) (int, error) { panic("writer broke\n\tat line 2") }

// TestPanicGuard: a panic anywhere in a command is a one-line internal
// error and exit status 1, never a stack trace.
func TestPanicGuard(t *testing.T) {
	t.Setenv("ENVELOPE_DEBUG", "")
	var stderr bytes.Buffer
	code := run([]string{"calc", "1 + 1"}, panickyWriter{}, &stderr)
	if code != 1 {
		t.Errorf("exit status %d, want 1", code)
	}
	want := "envelope: internal error: writer broke at line 2 (please report this, with the command that caused it)\n"
	if got := stderr.String(); got != want {
		t.Errorf("stderr:\n%q\nwant\n%q", got, want)
	}
}
