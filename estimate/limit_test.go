package estimate

import (
	"errors"
	"fmt"
	"io"
	"os"
	"runtime"
	"runtime/debug"
	"strings"
	"testing"
)

// scenarioWith returns a small valid scenario with extra lines of outputs.
func scenarioWith(outputs string) string {
	return "name: limits\ninputs:\n  x: 1\noutputs:\n" + outputs
}

// loadError loads src as s.yaml and returns its error, one problem a line.
func loadError(t *testing.T, src string) string {
	t.Helper()
	_, err := Load("s.yaml", []byte(src), Options{})
	if err == nil {
		t.Fatalf("Load succeeded, want an error")
	}
	return errLines(err)
}

func errLines(err error) string {
	var lines []string
	for _, e := range Errors(err) {
		lines = append(lines, e.Error())
	}
	return strings.Join(lines, "\n")
}

func TestMaxFileSize(t *testing.T) {
	src := []byte(scenarioWith("  y: x\n"))
	fits := append(src, "#"+strings.Repeat("x", MaxFileSize-len(src)-1)...)
	if len(fits) != MaxFileSize {
		t.Fatalf("test file is %d bytes", len(fits))
	}
	if _, err := Load("s.yaml", fits, Options{}); err != nil {
		t.Errorf("a file of exactly MaxFileSize: %v", err)
	}
	_, err := Load("s.yaml", append(fits, '\n'), Options{})
	if got, want := errLines(err), "s.yaml: file is 1048577 bytes; the limit for a scenario file is 1 MiB (1048576 bytes)"; got != want {
		t.Errorf("one byte over:\n got %s\nwant %s", got, want)
	}
	_, err = Parse("big.yaml", make([]byte, 50<<20))
	if got, want := errLines(err), "big.yaml: file is 50.0 MiB; the limit for a scenario file is 1 MiB (1048576 bytes)"; got != want {
		t.Errorf("50 MB:\n got %s\nwant %s", got, want)
	}
}

// endlessReader yields "a: 1\n" forever and counts what it gave.
type endlessReader struct{ n int }

func (r *endlessReader) Read(p []byte) (int, error) {
	const line = "  a: 1\n"
	for i := range p {
		p[i] = line[(r.n+i)%len(line)]
	}
	r.n += len(p)
	return len(p), nil
}

func TestReadSource(t *testing.T) {
	r := &endlessReader{}
	_, err := ReadSource("huge.yaml", r)
	if got, want := errLines(err), "huge.yaml: file is larger than 1 MiB; the limit for a scenario file is 1 MiB (1048576 bytes)"; got != want {
		t.Errorf("endless file:\n got %s\nwant %s", got, want)
	}
	if r.n > MaxFileSize+64<<10 {
		t.Errorf("read %d bytes of an endless file; want about MaxFileSize", r.n)
	}

	src, err := ReadSource("s.yaml", strings.NewReader(strings.Repeat("#", MaxFileSize)))
	if err != nil || len(src) != MaxFileSize {
		t.Errorf("a file of exactly MaxFileSize: %d bytes, %v", len(src), err)
	}

	dir, err := os.Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer dir.Close()
	_, err = ReadSource("dir", dir)
	if got, want := errLines(err), "dir: cannot read: is a directory"; got != want {
		t.Errorf("a directory:\n got %s\nwant %s", got, want)
	}
	var e *Error
	if !errors.As(err, &e) {
		t.Errorf("error is a %T, not an *Error", err)
	}

	_, err = ReadSource("s.yaml", io.MultiReader(strings.NewReader("name: x\n"), failingReader{}))
	if got, want := errLines(err), "s.yaml: cannot read: disk on fire"; got != want {
		t.Errorf("a failing read:\n got %s\nwant %s", got, want)
	}
}

type failingReader struct{}

func (failingReader) Read([]byte) (int, error) { return 0, errors.New("disk on fire") }

func TestMaxFormulaSize(t *testing.T) {
	long := "x" + strings.Repeat(" + x", (MaxFormulaSize-1)/4) // 4093 bytes
	long += strings.Repeat(" ", MaxFormulaSize-len(long))
	if len(long) != MaxFormulaSize {
		t.Fatalf("formula is %d bytes", len(long))
	}
	m := load(t, scenarioWith("  y: \""+long+"\"\n"))
	r, err := m.Evaluate()
	if err != nil || r.outputs[0].Value.Value != 1024 {
		t.Errorf("a formula of exactly MaxFormulaSize: %v, %v", r, err)
	}
	got := loadError(t, scenarioWith("  y: \""+long+"x\"\n"))
	if want := "s.yaml:5:7: outputs.y: formula is too long: 4097 bytes; the limit is 4 KiB (4096 bytes)"; got != want {
		t.Errorf("one byte over:\n got %s\nwant %s", got, want)
	}
	_, err = Calc(strings.Repeat("(", 100000)+"1"+strings.Repeat(")", 100000), Exact)
	if got, want := errLines(err), "1:1: formula is too long: 200001 bytes; the limit is 4 KiB (4096 bytes)"; got != want {
		t.Errorf("Calc of 100,000 parentheses:\n got %s\nwant %s", got, want)
	}
	// Every constant expression has the limit: inputs, units, --set.
	got = loadError(t, "name: l\ninputs:\n  x: "+strings.Repeat("1", MaxFormulaSize+1)+"\noutputs:\n  y: x\n")
	if want := "s.yaml:3:6: inputs.x: formula is too long: 4097 bytes; the limit is 4 KiB (4096 bytes)"; got != want {
		t.Errorf("input value:\n got %s\nwant %s", got, want)
	}
	_, err = m.Override("x", strings.Repeat("1", MaxFormulaSize+1))
	if got, want := errLines(err), "x: formula is too long: 4097 bytes; the limit is 4 KiB (4096 bytes)"; got != want {
		t.Errorf("override:\n got %s\nwant %s", got, want)
	}
}

func TestMaxNesting(t *testing.T) {
	deep := func(n int) string { return strings.Repeat("(", n) + "x" + strings.Repeat(")", n) }
	m := load(t, scenarioWith("  y: "+deep(MaxNesting)+"\n"))
	if r, err := m.Evaluate(); err != nil || r.outputs[0].Value.Value != 1 {
		t.Errorf("nested exactly MaxNesting deep: %v", err)
	}
	src := scenarioWith("  y: 1 + [[" + deep(MaxNesting-2) + "]]\n")
	_, err := Load("s.yaml", []byte(src), Options{})
	if got, want := errLines(err), "s.yaml:5:10: outputs.y: lists are not part of formulas"; got != want {
		t.Errorf("brackets and braces count:\n got %s\nwant %s", got, want)
	}
	got := loadError(t, scenarioWith("  y: 1 + "+deep(MaxNesting+1)+"\n"))
	if want := "s.yaml:5:74: outputs.y: parentheses nested too deep: the limit is 64 levels"; got != want {
		t.Errorf("one level deeper:\n got %s\nwant %s", got, want)
	}
	_, err = Calc("ceil("+deep(MaxNesting)+")", Exact)
	if got, want := errLines(err), "1:69: parentheses nested too deep: the limit is 64 levels"; got != want {
		t.Errorf("a call counts:\n got %s\nwant %s", got, want)
	}
	// Parentheses inside quotes do not nest; the quotes are refused.
	_, err = Calc(`"`+strings.Repeat("(", 100)+`"`, Exact)
	if got, want := errLines(err), "1:1: text in quotes is not a quantity"; got != want {
		t.Errorf("quoted parentheses:\n got %s\nwant %s", got, want)
	}
}

// chain returns a scenario whose n outputs each add 1 to the previous.
func chain(n int) string {
	var b strings.Builder
	b.WriteString("name: chain\ninputs:\n  x: 1\noutputs:\n  o0: x + 1\n")
	for i := 1; i < n; i++ {
		fmt.Fprintf(&b, "  o%d: o%d + 1\n", i, i-1)
	}
	return b.String()
}

func TestMaxNames(t *testing.T) {
	if _, err := Load("s.yaml", []byte(chain(MaxNames)), Options{}); err != nil {
		t.Errorf("exactly MaxNames outputs: %v", err)
	}
	got := loadError(t, chain(MaxNames+5))
	if want := "s.yaml:10005:3: outputs.o10000: too many outputs: the limit is 10000"; got != want {
		t.Errorf("over MaxNames outputs:\n got %s\nwant %s", got, want)
	}
	var b strings.Builder
	b.WriteString("name: wide\ninputs:\n")
	for i := range MaxNames + 1 {
		fmt.Fprintf(&b, "  i%d: 1\n", i)
	}
	b.WriteString("outputs:\n  y: i0\n")
	got = loadError(t, b.String())
	if want := "s.yaml:10003:3: inputs.i10000: too many inputs: the limit is 10000"; got != want {
		t.Errorf("over MaxNames inputs:\n got %s\nwant %s", got, want)
	}
}

// TestLongChain evaluates 10,000 outputs, each reading the previous one,
// with a stack too small for any recursion over the chain.
func TestLongChain(t *testing.T) {
	src := []byte(chain(MaxNames))
	defer debug.SetMaxStack(debug.SetMaxStack(1 << 20))
	m, err := Load("chain.yaml", src, Options{})
	if err != nil {
		t.Fatal(err)
	}
	r, err := m.Evaluate()
	if err != nil {
		t.Fatal(err)
	}
	last := r.outputs[len(r.outputs)-1]
	if last.Name != "o9999" || last.Value.Value != 10001 {
		t.Errorf("last output %s = %v, want o9999 = 10001", last.Name, last.Value.Value)
	}
	if ex := r.Explain(r.DisplayOptions(false)); ex[len(ex)-1].String() != "o9999 = o9998 + 1 = 10K + 1 = 10K" {
		t.Errorf("explain: %s", ex[len(ex)-1])
	}
	_ = r.Report(r.DisplayOptions(false))
}

func TestLongCycle(t *testing.T) {
	var b strings.Builder
	b.WriteString("name: cycle\ninputs:\n  x: 1\noutputs:\n")
	const n = MaxNames
	for i := range n {
		fmt.Fprintf(&b, "  o%d: o%d + x\n", i, (i+1)%n)
	}
	got := loadError(t, b.String())
	if want := "s.yaml:5:7: outputs.o0: cycle of 10000 names: o0 -> o1 -> o2 -> o3 -> o4 -> ... -> o9997 -> o9998 -> o9999 -> o0"; got != want {
		t.Errorf("long cycle:\n got %s\nwant %s", got, want)
	}
	var ten strings.Builder
	for i := range 10 {
		fmt.Fprintf(&ten, "  c%d: c%d\n", i, (i+1)%10)
	}
	got = loadError(t, scenarioWith(ten.String()))
	if want := "s.yaml:5:7: outputs.c0: cycle: c0 -> c1 -> c2 -> c3 -> c4 -> c5 -> c6 -> c7 -> c8 -> c9 -> c0"; got != want {
		t.Errorf("cycle of ten:\n got %s\nwant %s", got, want)
	}
}

func TestMaxErrors(t *testing.T) {
	var b strings.Builder
	b.WriteString(scenarioWith("  y: x\n"))
	for i := range 150 {
		fmt.Fprintf(&b, "k%d: 1\n", i)
	}
	_, err := Load("s.yaml", []byte(b.String()), Options{})
	all := Errors(err)
	if len(all) != MaxErrors+1 {
		t.Fatalf("%d errors, want %d", len(all), MaxErrors+1)
	}
	if got, want := all[0].Error(), `s.yaml:6:1: unknown key "k0" (want name, title, description, sources, conventions, counts, headline, inputs, outputs, expect, published)`; got != want {
		t.Errorf("first error:\n got %s\nwant %s", got, want)
	}
	if got, want := all[MaxErrors].Error(), "s.yaml: too many problems: stopped after the first 100"; got != want {
		t.Errorf("last error:\n got %s\nwant %s", got, want)
	}

	// Compiling stops too: 10,000 outputs each naming an unknown name
	// cost a hundred suggestions, not ten thousand.
	b.Reset()
	b.WriteString("name: x\ninputs:\n  x: 1\noutputs:\n")
	for i := range MaxNames - 1 {
		fmt.Fprintf(&b, "  o%d: zz%d\n", i, i)
	}
	_, err = Load("s.yaml", []byte(b.String()), Options{})
	if n := len(Errors(err)); n != MaxErrors+1 {
		t.Errorf("%d errors for 9,999 unknown names, want %d", n, MaxErrors+1)
	}
}

func TestOneDocument(t *testing.T) {
	for _, tc := range []struct{ src, want string }{
		{scenarioWith("  y: x\n---\nname: other\n"), "s.yaml:6:1: a scenario file holds one YAML document; found a second"},
		{scenarioWith("  y: x\n---\nname: [other\n"), "s.yaml:6:1: a scenario file holds one YAML document; found a second"},
		{"---\n" + scenarioWith("  y: x\n...\n--- # again\n[1, 2]\n"), "s.yaml:8:1: a scenario file holds one YAML document; found a second"},
	} {
		if got := loadError(t, tc.src); got != tc.want {
			t.Errorf("%q:\n got %s\nwant %s", tc.src, got, tc.want)
		}
	}
	// A document end marker alone is one document.
	load(t, scenarioWith("  y: x\n...\n"))
}

// billionLaughs is the classic: nine levels of nine aliases each, a
// billion "lol"s if anything expanded it.
func billionLaughs() string {
	var b strings.Builder
	b.WriteString("name: lol\ninputs:\n  x: 1\noutputs:\n  y: x\n")
	b.WriteString(`sources: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]` + "\n")
	prev := "a"
	for _, c := range "bcdefghi" {
		fmt.Fprintf(&b, "title: &%c [%s]\n", c, strings.TrimSuffix(strings.Repeat("*"+prev+",", 9), ","))
		prev = string(c)
	}
	return b.String()
}

func TestBillionLaughs(t *testing.T) {
	src := []byte(billionLaughs())
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	_, err := Load("lol.yaml", src, Options{})
	runtime.ReadMemStats(&after)
	if alloc := after.TotalAlloc - before.TotalAlloc; alloc > 1<<20 {
		t.Errorf("refusing a billion laughs allocated %d bytes", alloc)
	}
	got := errLines(err)
	want := "lol.yaml:6:10: sources: YAML anchors and aliases are not supported"
	for line := 7; line <= 14; line++ {
		want += fmt.Sprintf("\nlol.yaml:%d:8: title: YAML anchors and aliases are not supported", line)
	}
	if got != want {
		t.Errorf("billion laughs:\n got %s\nwant %s", got, want)
	}

	// Aliases are refused wherever they are, merge keys included.
	for _, tc := range []struct{ src, want string }{
		{"name: x\ninputs: {aa: &v 1, bb: *v}\noutputs: {y: aa + bb}\n", "s.yaml:2:14: inputs.aa: YAML anchors and aliases are not supported\ns.yaml:2:24: inputs.bb: YAML anchors and aliases are not supported"},
		{"name: x\nsources: [&s a, *s]\ninputs: {a: 1}\noutputs: {y: a}\n", "s.yaml:2:11: sources: YAML anchors and aliases are not supported\ns.yaml:2:17: sources: YAML anchors and aliases are not supported"},
		{"name: x\ninputs: {&k a: 1}\noutputs: {*k : a}\n", "s.yaml:2:10: inputs: YAML anchors and aliases are not supported\ns.yaml:3:11: outputs: YAML anchors and aliases are not supported"},
		{"name: x\ninputs:\n  aa: &m {value: 1}\n  bb:\n    <<: *m\noutputs: {y: aa + bb}\n", "s.yaml:3:7: inputs.aa: YAML anchors and aliases are not supported\ns.yaml:5:5: inputs.bb: missing value\ns.yaml:5:9: inputs.bb.<<: YAML anchors and aliases are not supported"},
		{"&root\nname: x\ninputs: {a: 1}\noutputs: {y: a}\n", "s.yaml:1:1: YAML anchors and aliases are not supported"},
	} {
		if got := loadError(t, tc.src); got != tc.want {
			t.Errorf("%q:\n got %s\nwant %s", tc.src, got, tc.want)
		}
	}
}

// TestHostileBytes gives each kind of bad byte a clear error at its place,
// and accepts what is harmless: a byte-order mark, CRLF, tabs in values.
func TestHostileBytes(t *testing.T) {
	for _, tc := range []struct{ name, src, want string }{
		{"not UTF-8", "name: x\ninputs:\n  a: 1 \xff\noutputs:\n  y: a\n", "s.yaml:3:8: invalid UTF-8 byte 0xff; a scenario file must be UTF-8 text"},
		{"Latin-1", "name: caf\xe9\n", "s.yaml:1:10: invalid UTF-8 byte 0xe9; a scenario file must be UTF-8 text"},
		{"NUL", "name: x\x00\n", "s.yaml:1:8: NUL byte; a scenario file is text, and this looks like a binary file"},
		{"binary", "\x7fELF\x02\x01\x01\x00", "s.yaml:1:1: control character U+007F is not allowed in a scenario file"},
		{"escape", "name: x\ninputs:\n  a: 1\noutputs:\n  y: \x1b[31ma\n", "s.yaml:5:6: control character U+001B is not allowed in a scenario file"},
		{"UTF-16", "\xff\xfen\x00a\x00m\x00e\x00", "s.yaml:1:1: file is UTF-16 text (it starts with a UTF-16 byte-order mark); save it as UTF-8"},
		{"inner BOM", "name: x\n\ufeffinputs:\n", "s.yaml:2:1: byte-order mark (U+FEFF) inside the file; only the very start of a file may hold one"},
		{"empty", "", "s.yaml:1:1: empty file: a scenario needs name, inputs and outputs"},
		{"blank", " \n\n  \n# nothing\n", "s.yaml:1:1: empty file: a scenario needs name, inputs and outputs"},
		{"tab indent", "name: x\ninputs:\n\ta: 1\noutputs:\n  y: a\n", "s.yaml:3:1: YAML: tab in indentation; indent with spaces only"},
		{"tab after spaces", "name: x\ninputs:\n  a: 1\noutputs:\n  \ty: a\n", "s.yaml:5:3: YAML: tab in indentation; indent with spaces only"},
		// Harmless: positions are right after a BOM, CRLF, lone CRs
		// and tabs between tokens.
		{"BOM", "\ufeffname: x\ninputs:\n  a: 1\noutputs:\n  y: a + zz\n", `s.yaml:5:10: outputs.y: unknown name "zz"`},
		{"CRLF", "name: x\r\ninputs:\r\n  a: 1\r\noutputs:\r\n  y: a + zz\r\n", `s.yaml:5:10: outputs.y: unknown name "zz"`},
		{"CR", "name: x\rinputs:\r  a: 1\routputs:\r  y: a + zz\r", `s.yaml:5:10: outputs.y: unknown name "zz"`},
		{"tab in value", "name: x\ninputs:\n  a:\t1\noutputs:\n  y:\ta\t+\tzz\n", `s.yaml:5:10: outputs.y: unknown name "zz"`},
		{"line separator", "name: x\ninputs:\n  a: 1\noutputs:\n  y: a\n  z: \"\u2028\" + zz\n", `s.yaml:6:7: line separator U+2028 is not allowed in a scenario file; use a plain line break`},
		{"next line", "name: x\u0085inputs:\n", `s.yaml:1:8: line separator U+0085 is not allowed in a scenario file; use a plain line break`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := loadError(t, tc.src); got != tc.want {
				t.Errorf("\n got %s\nwant %s", got, tc.want)
			}
		})
	}
	for _, src := range []string{
		"\ufeffname: x\ninputs:\n  a: 1\noutputs:\n  y: a\n",
		"name: x\r\ninputs:\r\n  a: 1\r\noutputs:\r\n  y: |\r\n    a *\r\n    2\r\n",
		"name: x\ninputs:\n  a:\t1\t# a tab\noutputs:\n  y:\ta\t*\t2\n",
	} {
		if _, err := Load("s.yaml", []byte(src), Options{}); err != nil {
			t.Errorf("%q: %v", src, err)
		}
	}
	// The caret points at the right column of a CRLF file.
	_, err := Load("s.yaml", []byte("name: x\r\ninputs:\r\n  a: 1\r\noutputs:\r\n  y: a + zz\r\n"), Options{})
	var e *Error
	if errors.As(Errors(err)[0], &e); e == nil || e.Caret() != "    y: a + zz\n           ^" {
		t.Errorf("caret in a CRLF file:\n%v", e.Caret())
	}
}

// TestNoPanicEscapes calls the exported functions with what they cannot
// handle and gets an internal error, not a panic.
func TestNoPanicEscapes(t *testing.T) {
	var s *Scenario
	var m *Model
	check := func(what string, err error) {
		t.Helper()
		var e *Error
		if !errors.As(err, &e) || !strings.HasPrefix(e.Msg, "internal error: ") || strings.Contains(e.Error(), "\n") {
			t.Errorf("%s: %v, want a one-line internal error", what, err)
		}
	}
	_, err := s.Compile(Options{})
	check("nil Scenario.Compile", err)
	_, err = m.Evaluate()
	check("nil Model.Evaluate", err)
	_, err = m.Override("x", "1")
	check("nil Model.Override", err)
	good := load(t, scenarioWith("  y: x\n"))
	err = good.Eval(nil)
	check("Eval with no slots", err)
	_, err = ReadSource("s.yaml", panickyReader{})
	check("ReadSource of a panicking reader", err)
	if want := "s.yaml: internal error: reader broke (please report this, with the input that caused it)"; err.Error() != want {
		t.Errorf("got %s\nwant %s", err, want)
	}
}

type panickyReader struct{}

func (panickyReader) Read([]byte) (int, error) { panic("reader\nbroke") }

// TestAcceptanceMemory bounds what the four hostile inputs of the
// acceptance criteria allocate in all, an upper bound on their peak
// memory: a billion-laughs file, a formula nested 100,000 deep, a 50 MB
// file and a chain of 10,000 outputs, with room for the race detector.
// (Their time is measured by the BenchmarkHostile benchmarks.)
func TestAcceptanceMemory(t *testing.T) {
	deep := []byte(scenarioWith("  y: " + strings.Repeat("(", 100000) + "x" + strings.Repeat(")", 100000) + "\n"))
	laughs := []byte(billionLaughs())
	chained := []byte(chain(MaxNames - 1))
	for _, tc := range []struct {
		name  string
		limit uint64
		run   func() error
	}{
		{"billion laughs", 1 << 20, func() error { _, err := Load("lol.yaml", laughs, Options{}); return err }},
		{"100,000-deep parentheses", 8 << 20, func() error { _, err := Load("deep.yaml", deep, Options{}); return err }},
		{"50 MB file", 8 << 20, func() error { _, err := ReadSource("big.yaml", io.LimitReader(&endlessReader{}, 50<<20)); return err }},
		{"10,000-output chain", 64 << 20, func() error {
			m, err := Load("chain.yaml", chained, Options{})
			if err != nil {
				return err
			}
			r, err := m.Evaluate()
			if err == nil && r.outputs[len(r.outputs)-1].Value.Value != 10000 {
				err = errors.New("wrong result")
			}
			return err
		}},
	} {
		var before, after runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&before)
		err := tc.run()
		runtime.ReadMemStats(&after)
		if (err == nil) != (tc.name == "10,000-output chain") {
			t.Errorf("%s: error %v", tc.name, err)
		}
		if alloc := after.TotalAlloc - before.TotalAlloc; alloc > tc.limit {
			t.Errorf("%s allocated %d MB, more than %d MB", tc.name, alloc>>20, tc.limit>>20)
		}
	}
}
