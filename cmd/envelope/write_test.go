package main

import (
	"bytes"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
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

// TestOneFileWriter: every file that envelope writes goes through the
// owner in atomic.go, which holds the rules of docs/cli.md#files-envelope-writes
// and refuses to write while a doc block runs. Any other call that writes
// to the file system is listed here, with the reason it may.
func TestOneFileWriter(t *testing.T) {
	allowed := map[string]map[string]string{
		"man.go":           {"os.MkdirAll": "makes the pages' directory, which outFile writes into"},
		"repl_terminal.go": {"os.MkdirAll": "the history's directory", "writeFileAtomic": "the history, in the user's config directory"},
		"update.go":        {"writeFileAtomic": "check --update, whose flag is marked writesFile"},
		"target.go":        {"os.OpenFile": "opens a scenario read-only"},
	}
	writers := map[string]bool{"writeFileAtomic": true, "writeAtomic": true}
	for _, name := range []string{"Create", "WriteFile", "CreateTemp", "OpenFile", "Rename", "Link", "Symlink",
		"Mkdir", "MkdirAll", "MkdirTemp", "Remove", "RemoveAll", "Truncate", "Chmod", "Chown", "Lchown", "Chtimes"} {
		writers["os."+name] = true
	}
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	fset := token.NewFileSet()
	for _, file := range files {
		if strings.HasSuffix(file, "_test.go") || file == "atomic.go" {
			continue
		}
		f, err := parser.ParseFile(fset, file, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		ast.Inspect(f, func(n ast.Node) bool {
			call, ok := n.(*ast.CallExpr)
			if !ok {
				return true
			}
			name := ""
			switch fn := call.Fun.(type) {
			case *ast.Ident:
				name = fn.Name
			case *ast.SelectorExpr:
				if x, ok := fn.X.(*ast.Ident); ok {
					name = x.Name + "." + fn.Sel.Name
				}
			}
			if writers[name] && allowed[file][name] == "" {
				t.Errorf("%s: %s writes to the file system outside atomic.go's outFile", fset.Position(call.Pos()), name)
			}
			return true
		})
	}
}
