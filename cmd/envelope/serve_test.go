//go:build unix

package main

import (
	"bufio"
	"io"
	"net/http"
	"regexp"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestServe runs envelope serve as a user does: it prints its address,
// serves the page and the scenario named, and stops cleanly, exiting 0,
// on Ctrl-C (SIGINT). The page itself is tested in a browser, in web.
func TestServe(t *testing.T) {
	out, w := io.Pipe()
	var stderr strings.Builder
	code := make(chan int, 1)
	go func() {
		code <- run([]string{"serve", "url-shortener", "--addr", "127.0.0.1:0"}, w, &stderr)
		w.Close()
	}()
	lines := bufio.NewScanner(out)
	if !lines.Scan() {
		t.Fatalf("serve printed nothing; stderr: %s", stderr.String())
	}
	m := regexp.MustCompile(`^envelope: serving url-shortener at (http://127\.0\.0\.1:\d+/) \(Ctrl-C to stop\)$`).FindStringSubmatch(lines.Text())
	if m == nil {
		t.Fatalf("serve printed %q", lines.Text())
	}
	resp, err := http.Get(m[1] + "files.js")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 || !strings.Contains(string(body), `"preset":"url-shortener"`) {
		t.Errorf("GET files.js: %d %s", resp.StatusCode, body)
	}
	go io.Copy(io.Discard, out)
	syscall.Kill(syscall.Getpid(), syscall.SIGINT)
	select {
	case c := <-code:
		if c != 0 || stderr.Len() > 0 {
			t.Errorf("after Ctrl-C, serve exited %d; stderr: %s", c, stderr.String())
		}
	case <-time.After(10 * time.Second):
		t.Fatal("serve did not stop on SIGINT")
	}
}
