package main

import (
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"strings"
	"testing"
)

// Limits on the length of functions, in lines from "func" to the
// closing brace, so that each reads on a screen: a command's closure
// calls its runX rather than holding the command's work.
const (
	maxFunction = 80
	maxClosure  = 30 // in this package
)

// lengthChecked are the packages whose functions are held to
// maxFunction: the command line, rendering and the web page.
var lengthChecked = []string{
	"cmd/envelope", "internal/render", "internal/render/table", "internal/plot",
	"web", "web/sheet", "web/wasm", "web/mksite", "web/mkwasm",
}

// TestFunctionLengths fails for a function of the packages above that
// is longer than maxFunction lines, and for a function literal of this
// package longer than maxClosure, in non-test files.
func TestFunctionLengths(t *testing.T) {
	fset := token.NewFileSet()
	for _, dir := range lengthChecked {
		files, err := filepath.Glob(filepath.Join("..", "..", dir, "*.go"))
		if err != nil || len(files) == 0 {
			t.Fatalf("%s: no Go files (%v)", dir, err)
		}
		for _, file := range files {
			if strings.HasSuffix(file, "_test.go") {
				continue
			}
			f, err := parser.ParseFile(fset, file, nil, parser.SkipObjectResolution)
			if err != nil {
				t.Fatal(err)
			}
			ast.Inspect(f, func(n ast.Node) bool {
				lines := func() int { return fset.Position(n.End()).Line - fset.Position(n.Pos()).Line + 1 }
				switch n := n.(type) {
				case *ast.FuncDecl:
					if l := lines(); l > maxFunction {
						t.Errorf("%s: %s is %d lines, more than %d", fset.Position(n.Pos()), n.Name.Name, l, maxFunction)
					}
				case *ast.FuncLit:
					if l := lines(); dir == "cmd/envelope" && l > maxClosure {
						t.Errorf("%s: a function literal of %d lines, more than %d: make it a function", fset.Position(n.Pos()), l, maxClosure)
					}
				}
				return true
			})
		}
	}
}
