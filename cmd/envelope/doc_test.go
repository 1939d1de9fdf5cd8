package main

import (
	"bytes"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/spf13/pflag"
)

// docScenario is a scenario with a range, beside the documents of
// TestDocBlocksWriteNothing, so that a block's sampling flags have
// samples to write.
const docScenario = `name: s
inputs:
  users: 1M to 2M
outputs:
  total: users * 2
expect:
  total: 3M ± 50%
`

// docExactScenario is the scenario beside FuzzDocUpdate's documents: one
// without ranges, since sampling costs the fuzzer time and changes
// nothing in the bytes kept.
const docExactScenario = `name: s
inputs:
  users: 1M
outputs:
  total: users * 2
expect:
  total: 2M
`

// docTree makes a directory with a docs/ folder holding the scenario and
// a document, and a file outside docs/ that no block may read. It
// returns the directory and the document's path.
func docTree(t *testing.T, scenario string, doc []byte) (root, file string) {
	root = t.TempDir()
	return root, docTreeIn(t, root, scenario, doc)
}

// docTreeIn makes the tree of docTree in root.
func docTreeIn(t *testing.T, root, scenario string, doc []byte) string {
	files := map[string]string{
		"docs/s.yaml":     scenario,
		"outside.yaml":    "SECRET: not for a block to print\n",
		"docs/design.md":  string(doc),
		"docs/sub/t.yaml": scenario,
	}
	for name, text := range files {
		path := filepath.Join(root, name)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return filepath.Join(root, "docs", "design.md")
}

// snapshot is every file, directory and link below root, with its mode
// and content or target.
func snapshot(t *testing.T, root string) map[string]string {
	t.Helper()
	m := map[string]string{}
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		v := info.Mode().String()
		switch {
		case info.Mode()&fs.ModeSymlink != 0:
			target, err := os.Readlink(path)
			if err != nil {
				return err
			}
			v += " -> " + target
		case info.Mode().IsRegular():
			b, err := os.ReadFile(path)
			if err != nil {
				return err
			}
			v += " " + string(b)
		}
		m[path] = v
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// sameTree fails t when the tree below root differs from before, but for
// the files named in except.
func sameTree(t *testing.T, what, root string, before map[string]string, except ...string) {
	t.Helper()
	after := snapshot(t, root)
	for _, e := range except {
		delete(after, e)
	}
	want := maps.Clone(before)
	for _, e := range except {
		delete(want, e)
	}
	for path := range after {
		if _, ok := want[path]; !ok {
			t.Errorf("%s made %s", what, path)
		}
	}
	for path, v := range want {
		if after[path] != v {
			t.Errorf("%s changed %s", what, path)
		}
	}
}

// docRun runs envelope doc with a command on a document, with the
// document's directory as the working directory, as CI runs doc check.
func docRun(t *testing.T, sub, file string) (int, string) {
	t.Helper()
	t.Chdir(filepath.Dir(file))
	var stdout, stderr bytes.Buffer
	code := run([]string{"doc", sub, filepath.Base(file)}, &stdout, &stderr)
	return code, stdout.String() + stderr.String()
}

// FuzzDocUpdate runs doc check and doc update on any Markdown, and checks
// that doc check leaves the file system as it was; that doc update either
// fails and writes nothing, or writes only the document, keeping every
// byte outside the blocks' bodies and each block's line ending; and that
// doc check then finds the document up to date.
func FuzzDocUpdate(f *testing.F) {
	for _, seed := range []string{
		"# Title\n\nProse.\n",
		"<!-- envelope calc 1+1 -->\n<!-- /envelope -->\n",
		"a\n<!-- envelope calc '(1 to 2) * 3' -->\nold\n<!-- /envelope -->\nb",
		"<!-- envelope run s.yaml -o markdown -->\n<!-- /envelope -->\ntail\n",
		"<!-- envelope run sub/t.yaml --only total -->\n<!-- /envelope -->\n",
		"<!-- envelope check s.yaml -->\n<!-- /envelope -->\n<!-- envelope check sub -->\n<!-- /envelope -->\n",
		"<!-- envelope qps --users 1M --per-user 1/day -o markdown -->\n<!-- /envelope -->\n",
		"x\r\n<!-- envelope calc 2 -->\r\nold\r\n<!-- /envelope -->\r\ny\r\n",
		"<!-- envelope calc 1 -->\n\nprose to keep\n\n<!-- envelope calc 2 -->\n<!-- /envelope -->\n",
		"<!-- /envelope -->\n",
		"```\n<!-- envelope calc 1 -->\n```\n<!-- envelope calc 3 -->\n<!-- /envelope -->\n",
		"~~~~\n<!-- envelope calc 1 -->\n~~~\n<!-- /envelope -->\n~~~~\n",
		"<!-- envelope run s.yaml --export-samples out.csv -->\n<!-- /envelope -->\n",
		"<!-- envelope run s.yaml --plot=../out.svg --force -->\n<!-- /envelope -->\n",
		"<!-- envelope check --update=true s.yaml -->\n<!-- /envelope -->\n",
		"<!-- envelope run ../outside.yaml -->\n<!-- /envelope -->\n",
		"<!-- envelope run /dev/stdin -->\n<!-- /envelope -->\n",
		"<!-- envelope show url-shortener -->\n<!-- /envelope -->\n",
		"<!-- envelope init url-shortener x.yaml -->\n<!-- /envelope -->\n",
		"  <!-- envelope   calc 5   -->  \n  <!-- /envelope -->\n",
		"\ufeff<!-- envelope calc 1 -->\n<!-- /envelope -->",
	} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		if bytes.Contains(src, []byte("--samples")) {
			t.Skip("a block may ask for ten million samples: slow, and no different for the bytes kept")
		}
		root, file := docTree(t, docExactScenario, src)
		before := snapshot(t, root)

		code, out := docRun(t, "check", file)
		sameTree(t, "doc check", root, before)
		if code != 0 && code != 1 {
			t.Fatalf("doc check: exit %d\n%s", code, out)
		}

		code, out = docRun(t, "update", file)
		got, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		if code != 0 {
			if !bytes.Equal(got, src) {
				t.Fatalf("doc update failed (exit %d) and changed the document:\n%s", code, out)
			}
			sameTree(t, "a failed doc update", root, before)
			return
		}
		sameTree(t, "doc update", root, before, file)
		oldBlocks, err := parseDoc(file, src)
		if err != nil {
			t.Fatalf("doc update succeeded on a document that does not parse: %v", err)
		}
		newBlocks, err := parseDoc(file, got)
		if err != nil {
			t.Fatalf("doc update wrote a document that does not parse: %v\n%q", err, got)
		}
		if len(oldBlocks) != len(newBlocks) {
			t.Fatalf("%d blocks before doc update, %d after", len(oldBlocks), len(newBlocks))
		}
		if o, n := outsideBlocks(src, oldBlocks), outsideBlocks(got, newBlocks); !slices.Equal(o, n) {
			t.Fatalf("doc update changed the text outside the blocks:\nbefore %q\nafter  %q", o, n)
		}
		for i, b := range newBlocks {
			if b.command != oldBlocks[i].command {
				t.Fatalf("block %d: command %q became %q", i, oldBlocks[i].command, b.command)
			}
			body := string(got[b.start:b.end])
			if b.eol == "\r\n" && strings.Count(body, "\n") != strings.Count(body, "\r\n") {
				t.Fatalf("block at line %d: a CRLF marker, and a body with other line endings: %q", b.line, body)
			}
		}
		if !bytes.Contains(src, []byte("envelope")) && !bytes.Equal(got, src) {
			t.Fatalf("doc update changed a document with no block")
		}
		if code, out := docRun(t, "check", file); code != 0 {
			t.Fatalf("doc check after doc update: exit %d\n%s", code, out)
		}
	})
}

// outsideBlocks is the text of a document outside its blocks' bodies,
// piece by piece.
func outsideBlocks(src []byte, blocks []docBlock) []string {
	var parts []string
	last := 0
	for _, b := range blocks {
		parts = append(parts, string(src[last:b.start]))
		last = b.end
	}
	return append(parts, string(src[last:]))
}

// blockBases are a command line that succeeds in a block for each
// command that a block may run, over a range where the command samples.
var blockBases = map[string]string{
	"calc":         "calc '(1 to 2) * 3' --samples 1000",
	"run":          "run s.yaml --samples 1000",
	"eval":         "eval s.yaml --samples 1000",
	"check":        "check s.yaml --samples 1000",
	"list":         "list chat",
	"show":         "show chat",
	"ref":          "ref latency",
	"qps":          "qps --users '1M to 2M' --per-user 1/day --samples 1000",
	"storage":      "storage --rate '1M/day to 2M/day' --size 1KB --retention 1year --samples 1000",
	"bandwidth":    "bandwidth --rate '1/s to 2/s' --size 1KB --samples 1000",
	"cache":        "cache --rate '1/s to 2/s' --size 1KB --samples 1000",
	"servers":      "servers --rate '1K/s to 2K/s' --per-server 1K/s --samples 1000",
	"availability": "availability 99.9%",
}

// TestDocBlocksWriteNothing gives every flag of every command that a
// block may run a file's name, in a block, and checks that doc check and
// doc update leave the file system as it was (but for the document that
// update writes), and that a flag marked writesFile is refused by name
// and line. A new flag that writes a file fails here unless marked.
func TestDocBlocksWriteNothing(t *testing.T) {
	t.Setenv("NO_COLOR", "1")
	root := newRootCmd()
	writing := map[string]bool{}
	for _, c := range docCommands {
		base, ok := blockBases[c.name]
		if !ok {
			t.Errorf("a block may run %s, and blockBases has no command line for it", c.name)
			continue
		}
		t.Run(c.name, func(t *testing.T) {
			_, file := docTree(t, docScenario, []byte("<!-- envelope "+base+" -->\n<!-- /envelope -->\n"))
			if code, out := docRun(t, "update", file); code != 0 {
				t.Fatalf("envelope %s in a block: exit %d\n%s", base, code, out)
			}
			cmd, _, err := root.Find([]string{c.name})
			if err != nil {
				t.Fatal(err)
			}
			cmd.Flags().VisitAll(func(fl *pflag.Flag) {
				for _, value := range blockValues(fl) {
					root := t.TempDir()
					line := base + " " + strings.ReplaceAll(value, "ROOT", root)
					doc := []byte("# Doc\n\n<!-- envelope " + line + " -->\n<!-- /envelope -->\n")
					file := docTreeIn(t, root, docScenario, doc)
					before := snapshot(t, root)
					code, out := docRun(t, "check", file)
					sameTree(t, "doc check with "+line, root, before)
					if fl.Annotations[writesFile] != nil {
						writing[fl.Name] = true
						want := "envelope: design.md:3: envelope " + line + ": --" + fl.Name + " writes a file, which a block may not\n"
						if code != 1 || out != want {
							t.Errorf("doc check with %s: exit %d\n%s\nwant exit 1 and\n%s", line, code, out, want)
						}
					}
					code, out = docRun(t, "update", file)
					sameTree(t, "doc update with "+line, root, before, file)
					if code != 0 {
						if got, _ := os.ReadFile(file); !bytes.Equal(got, doc) {
							t.Errorf("doc update with %s failed and changed the document:\n%s", line, out)
						}
					}
				}
			})
		})
	}
	for _, name := range []string{"export-samples", "plot", "update"} {
		if !writing[name] {
			t.Errorf("--%s was not tried as a flag that writes a file", name)
		}
	}
}

// blockValues are the ways a block may give a flag a file's name: a
// file beside the document and one outside its directory (below ROOT,
// the directory that holds it), in each spelling the flag takes.
func blockValues(fl *pflag.Flag) []string {
	outside := filepath.Join("ROOT", "out.svg")
	if fl.Value.Type() == "bool" {
		return []string{"--" + fl.Name, "--" + fl.Name + "=true"}
	}
	return []string{"--" + fl.Name + " out.svg", "--" + fl.Name + "=" + outside}
}
