package main

import (
	"fmt"
	"net"
	"net/netip"
	"os"
	"os/exec"
	"os/signal"
	"runtime"
	"strings"
	"syscall"

	"github.com/envelope-cli/envelope/internal/render"
	"github.com/envelope-cli/envelope/web"
	"github.com/spf13/cobra"
)

// longRunning marks a command that runs until it is stopped, such as
// serve. Its examples are not run by the documentation tests (they would
// never end); its own tests start and stop it instead (package web).
const longRunning = "long-running"

// serveFlags are the flags of serve.
type serveFlags struct {
	addr string
	open bool
}

func newServeCmd() *cobra.Command {
	var f serveFlags
	cmd := &cobra.Command{
		Use:   "serve [TARGET...]",
		Short: "Serve the interactive page, which computes in the browser",
		Long: `serve serves envelope's interactive page on this machine: pick a preset or
open a file, edit any input and see every output change at once. The page
runs the engine in the browser (WebAssembly); the server only hands out the
page, the engine and the scenarios named here, which it reads once, at the
start. It reads nothing else and makes no requests.

Each TARGET is a preset, a scenario file or - for standard input; the page
opens the first. It listens on 127.0.0.1:8080 unless --addr says otherwise;
an address other than loopback makes the page reachable from other machines
and prints a warning. Ctrl-C stops it.`,
		Example: `  envelope serve url-shortener
  envelope serve my-service.yaml --open
  envelope serve --addr 127.0.0.1:0`,
		Annotations:       map[string]string{longRunning: "true"},
		ValidArgsFunction: completePresetNames,
		RunE:              func(cmd *cobra.Command, args []string) error { return runServe(cmd, args, &f) },
	}
	cmd.Flags().StringVar(&f.addr, "addr", "127.0.0.1:8080", "address to listen on, host:port (port 0 picks a free one)")
	cmd.Flags().BoolVar(&f.open, "open", false, "open the page in the default browser")
	return cmd
}

// runServe serves the page with the scenarios args name until it is
// stopped.
func runServe(cmd *cobra.Command, args []string, f *serveFlags) error {
	host, _, err := net.SplitHostPort(f.addr)
	if err != nil {
		return usageError{fmt.Errorf("--addr %s: want host:port, such as 127.0.0.1:8080", f.addr)}
	}
	files, err := serveFiles(cmd, args)
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", f.addr)
	if err != nil {
		return err
	}
	url := "http://" + ln.Addr().String() + "/"
	if host == "localhost" {
		_, port, _ := net.SplitHostPort(ln.Addr().String())
		url = "http://localhost:" + port + "/"
	}
	if !isLoopback(host) {
		fmt.Fprintf(cmd.ErrOrStderr(), "envelope: warning: serving on %s, reachable from other machines; the page has no password\n",
			render.Escape(ln.Addr().String()))
	}
	what := "the presets"
	if len(files) > 0 {
		what = files[0].Name
	}
	// Caught before the address is printed: whoever reads it may
	// stop the server at once.
	ctx, stop := signal.NotifyContext(cmd.Context(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	fmt.Fprintf(cmd.OutOrStdout(), "envelope: serving %s at %s (Ctrl-C to stop)\n", render.Escape(what), url)
	if f.open {
		if err := openBrowser(url); err != nil {
			fmt.Fprintf(cmd.ErrOrStderr(), "envelope: cannot open a browser: %v; open %s\n", err, url)
		}
	}
	return web.Serve(ctx, ln, web.Handler(files, host))
}

// serveFiles reads the scenarios args name, for the page.
func serveFiles(cmd *cobra.Command, args []string) ([]web.File, error) {
	var files []web.File
	for _, arg := range args {
		t, err := resolveTarget(arg, cmd.InOrStdin())
		if err != nil {
			return nil, err
		}
		if t.preset != "" {
			files = append(files, web.File{Name: t.preset, Preset: t.preset})
		} else {
			files = append(files, web.File{Name: t.file, Source: string(t.src)})
		}
	}
	return files, nil
}

// isLoopback reports whether host reaches this machine only.
func isLoopback(host string) bool {
	if strings.EqualFold(host, "localhost") {
		return true
	}
	a, err := netip.ParseAddr(strings.Trim(host, "[]"))
	return err == nil && a.IsLoopback()
}

// openBrowser opens url in the desktop's browser, without waiting for it.
func openBrowser(url string) error {
	var c *exec.Cmd
	switch runtime.GOOS {
	case "darwin":
		c = exec.Command("open", url)
	case "windows":
		c = exec.Command("rundll32", "url.dll,FileProtocolHandler", url)
	default:
		c = exec.Command("xdg-open", url)
	}
	if err := c.Start(); err != nil {
		return err
	}
	go c.Wait()
	return nil
}
