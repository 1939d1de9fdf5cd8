package main

import (
	"bytes"
	"os"
	"strings"
	"syscall"
	"testing"
)

// fullWriter fails every write, as a full disk does.
type fullWriter struct{}

func (fullWriter) Write([]byte) (int, error) { return 0, syscall.ENOSPC }

// TestWriteErrors: a failed write is an error of envelope's work, exit 1
// with the error and no usage hint, whatever the output format and
// whatever did the writing.
func TestWriteErrors(t *testing.T) {
	var commands [][]string
	for _, o := range outputFormats {
		commands = append(commands,
			[]string{"run", "url-shortener", "-o", o},
			[]string{"availability", "99.9%", "-o", o},
			[]string{"qps", "--users", "1M", "--per-user", "1/day", "-o", o},
			[]string{"ref", "latency", "-o", o})
	}
	commands = append(commands, []string{"list"}, []string{"check", "url-shortener"},
		[]string{"show", "url-shortener"}, []string{"calc", "1+1"}, []string{"calc", "1+1", "-o", "json"},
		[]string{"version"}, []string{"completion", "bash"}, []string{"help"}, []string{})
	devFull, err := os.OpenFile("/dev/full", os.O_WRONLY, 0)
	if err == nil {
		defer devFull.Close()
	}
	for _, args := range commands {
		outs := []struct {
			name string
			w    interface{ Write([]byte) (int, error) }
		}{{"full writer", fullWriter{}}}
		if devFull != nil {
			outs = append(outs, struct {
				name string
				w    interface{ Write([]byte) (int, error) }
			}{"/dev/full", devFull})
		}
		for _, out := range outs {
			var stderr bytes.Buffer
			code := run(args, out.w, &stderr)
			msg := stderr.String()
			if code != 1 || !strings.Contains(msg, "no space left on device") || strings.Contains(msg, "--help") ||
				strings.Count(msg, "\n") != 1 {
				t.Errorf("envelope %s > %s: exit %d, stderr %q; want exit 1 and one line with the write error",
					strings.Join(args, " "), out.name, code, msg)
			}
		}
	}
}
