// Batch evaluation: the float64 fast path for Monte Carlo runs and sweeps.
//
// Model.Eval computes one sample: it walks every formula once per sample,
// one closure call per node. A sampling run evaluates the same Model for
// a hundred thousand values of its inputs, and there the calls cost more
// than the arithmetic. A Batch turns that inside out. Model.Batch compiles
// every output formula, once, into a linear program of vector operations
// (x*y, x/k, ceil(x), a ? b : c, ...), and a Work runs that program over
// columns of input values, BlockSize samples at a time: each operation is
// a tight loop over one block, so the intermediate values of a block stay
// in the processor's cache and the loop overhead is paid per block, not
// per sample.
//
// What the compiler does:
//
//   - A reference to an input or an output reads its column in place; no
//     value is copied.
//   - A constant operand is fused into the operation (x*k, x/k, x+k, k-x,
//     k/x, x^2), and constant subtrees were folded when the formula was
//     built, so 100M/day costs nothing per sample.
//   - Intermediate values live in a few block-sized registers, reused as
//     soon as they are read.
//   - A Work specialises the program for the inputs it has no column
//     for: they are constants to it, so x*y with y fixed runs as x*k,
//     and a test of a file value, which is finite, is dropped.
//   - Pairs that capacity models chain run as one pass when the value
//     between them is read nowhere else: ceil(x / k), x / k * k2,
//     x * k / k2, (x + y) * k and x + y + z.
//
// Every operation is the one Model.Eval performs, in the same order, so
// the results equal Eval's bit for bit (x/k stays a division, x^2 stays
// x*x, min and max fold left to right).
//
// Failures are honest. A sample fails when an output is not finite, or
// when a step that could hide a problem (the divisor of a division, the
// operands of a comparison, ^, exp, mod, min and max) reads a value that
// is not finite, as in 1/(1/x) with x = 0. Only the branch of a ?: that a
// sample takes counts. Detection is one cheap pass over a block, needed
// only where a problem would not already show in a checked value; the
// reason, naming the output and the operation, is found afterwards by
// evaluating that one sample again, node by node. So the common case
// allocates nothing and branches on nothing per sample.

package estimate

import (
	"fmt"
	"math"
	"strconv"
)

// BlockSize is the number of samples a Batch evaluates at a time. Its
// working memory holds one block of each intermediate value.
const BlockSize = 256

// A Batch is a Model compiled for evaluation over columns of samples: the
// float64 fast path of sampling and sweeps. It is immutable and safe for
// concurrent use; each goroutine evaluates through its own Work:
//
//	b, err := m.Batch() // once
//	...
//	w := b.NewWork() // once per goroutine
//	users, _ := m.Slot("users")
//	storage, _ := m.Slot("storage")
//	w.SetInput(users, usersCol)    // one value per sample, in base units
//	w.SetOutput(storage, storageCol)
//	fails, err := w.Eval(len(usersCol))
//
// Its results equal those of Model.Eval bit for bit; see the comment at
// the top of batch.go for how it runs.
type Batch struct {
	m      *Model
	prog   []instr
	nslots int       // inputs, then outputs
	consts []float64 // the constants materialised as columns, after the slots
	ntemps int       // registers, after the constants
	names  []string  // the name of each slot
	order  []int     // output indices in evaluation order
}

// An opcode is one vector operation of a batch program.
type opcode uint8

const (
	opCopy opcode = iota // d = a
	opFill               // d = k
	opNeg
	opAdd
	opSub
	opMul
	opDiv
	opPow
	opAddK // d = a + k
	opSubK
	opMulK
	opDivK
	opPowK
	opSquare // d = a * a, as Eval computes a^2
	opKSub   // d = k - a
	opKDiv
	opKPow
	opEq
	opNe
	opLt
	opLe
	opGt
	opGe
	opAnd
	opOr
	opNot
	opAndNot // d = a && !b, the guard of an else branch
	opSelect // d = a != 0 ? b : c
	opMin
	opMax
	opMod
	opCeil
	opFloor
	opRound
	opAbs
	opSqrt
	opLog2
	opLog10
	opLn
	opExp
	opCheck   // a sample fails where a is not finite
	opCheckIf // a sample fails where a is not finite and b is true

	// Pairs of operations that capacity models chain, fused into one
	// pass when the value between them is read nowhere else.
	opDivKCeil // d = ceil(a / k): servers = ceil(load / per_server)
	opDivKMulK // d = a / k * k2: cost = storage / 1 GB * price
	opMulKDivK // d = a * k / k2
	opAddMulK  // d = (a + b) * k
	opAdd3     // d = a + b + c
)

// An instr is one vector operation: dst, a, b and c are columns (slots,
// then constants, then registers); k is a constant operand.
type instr struct {
	op           opcode
	dst, a, b, c int32
	k, k2        float64
}

var binaryOps = map[string]opcode{
	"+": opAdd, "-": opSub, "*": opMul, "/": opDiv, "^": opPow, "**": opPow,
	"==": opEq, "!=": opNe, "<": opLt, "<=": opLe, ">": opGt, ">=": opGe,
	"and": opAnd, "&&": opAnd, "or": opOr, "||": opOr, "mod": opMod,
}

var unaryOps = map[string]opcode{
	"neg": opNeg, "not": opNot, "ceil": opCeil, "floor": opFloor, "round": opRound,
	"abs": opAbs, "sqrt": opSqrt, "log2": opLog2, "log10": opLog10, "ln": opLn, "exp": opExp,
}

// The operations that fuse a constant right operand (x op k) and a
// constant left one (k op x; + and * commute exactly in IEEE 754).
var (
	fusedRight = map[opcode]opcode{opAdd: opAddK, opSub: opSubK, opMul: opMulK, opDiv: opDivK, opPow: opPowK}
	fusedLeft  = map[opcode]opcode{opAdd: opAddK, opMul: opMulK, opSub: opKSub, opDiv: opKDiv, opPow: opKPow}
)

// Batch compiles the Model for evaluation over columns of samples. It
// fails only for a formula the batch compiler does not know how to run.
func (m *Model) Batch() (_ *Batch, err error) {
	defer guard(&err, m.fileName())
	nin := len(m.inputs)
	b := &Batch{m: m, nslots: nin + len(m.outputs), order: m.order}
	b.names = make([]string, b.nslots)
	for name, slot := range m.index {
		b.names[slot] = name
	}
	c := &batchCompiler{b: b, consts: map[uint64]int32{}}
	// An output needs a test of its own value only when no later formula
	// would carry its failure into a value that is tested.
	covered := make([]bool, b.nslots)
	for _, i := range m.order {
		cover(m.outputs[i].f.root, true, false, covered)
	}
	for _, i := range m.order {
		dst := int32(nin + i)
		c.out = m.outputs[i].Name
		c.into(m.outputs[i].f.root, dst, noCol)
		if !covered[dst] {
			c.emit(instr{op: opCheck, a: dst})
		}
	}
	if c.err != nil {
		return nil, c.err
	}
	// Registers come after the slots and the constants.
	base := int32(b.nslots + len(b.consts))
	for i := range b.prog {
		in := &b.prog[i]
		for _, r := range []*int32{&in.dst, &in.a, &in.b, &in.c} {
			if *r <= regBit {
				*r = base + (regBit - *r)
			} else if *r >= constBit {
				*r = int32(b.nslots) + (*r - constBit)
			}
		}
	}
	return b, nil
}

// While compiling, registers and constants are numbered apart from the
// slots; Batch renumbers them once their counts are known.
const (
	regBit   = -2        // register r is regBit - r
	constBit = 1 << 30   // constant j is constBit + j
	noCol    = int32(-1) // no column: no guard, or a register to allocate
)

// batchCompiler builds a Batch's program.
type batchCompiler struct {
	b      *Batch
	out    string  // the output being compiled
	free   []int32 // registers free for reuse
	consts map[uint64]int32
	err    error
}

func (c *batchCompiler) emit(in instr) { c.b.prog = append(c.b.prog, in) }

func (c *batchCompiler) temp() int32 {
	if n := len(c.free); n > 0 {
		r := c.free[n-1]
		c.free = c.free[:n-1]
		return r
	}
	c.b.ntemps++
	return regBit - int32(c.b.ntemps-1)
}

// release frees col if it is a register.
func (c *batchCompiler) release(col int32) {
	if col <= regBit {
		c.free = append(c.free, col)
	}
}

func (c *batchCompiler) constant(v float64) int32 {
	key := math.Float64bits(v)
	if j, ok := c.consts[key]; ok {
		return j
	}
	j := constBit + int32(len(c.b.consts))
	c.b.consts = append(c.b.consts, v)
	c.consts[key] = j
	return j
}

// operand returns the column holding n's value: its slot for a
// reference, a constant column, or a register computed now. guard is the
// column that says which samples take the branch n is in, or noCol.
func (c *batchCompiler) operand(n *node, guard int32) int32 {
	switch {
	case n.isConst:
		return c.constant(n.value)
	case n.op == "ref":
		return int32(n.slot)
	}
	return c.into(n, noCol, guard)
}

// check makes a sample fail where col is not finite (and guard is true).
func (c *batchCompiler) check(n *node, col, guard int32) {
	if n.isConst && isFinite(n.value) {
		return
	}
	if guard == noCol {
		c.emit(instr{op: opCheck, a: col})
		return
	}
	c.emit(instr{op: opCheckIf, a: col, b: guard})
}

// into compiles n into column dst, or into a new register when dst is
// noCol, and returns the column.
func (c *batchCompiler) into(n *node, dst, guard int32) int32 {
	alloc := func() int32 {
		if dst == noCol {
			dst = c.temp()
		}
		return dst
	}
	switch {
	case n.isConst:
		c.emit(instr{op: opFill, dst: alloc(), k: n.value})
		return dst
	case n.op == "ref":
		c.emit(instr{op: opCopy, dst: alloc(), a: int32(n.slot)})
		return dst
	case n.op == "?:":
		return c.conditional(n, dst, guard)
	case n.op == "min" || n.op == "max":
		op := opMin
		if n.op == "max" {
			op = opMax
		}
		acc := c.operand(n.args[0], guard)
		c.check(n.args[0], acc, guard)
		for i, a := range n.args[1:] {
			x := c.operand(a, guard)
			c.check(a, x, guard)
			c.release(x)
			if i == 0 {
				c.release(acc) // from now on, acc is dst
			}
			c.emit(instr{op: op, dst: alloc(), a: acc, b: x})
			acc = dst
		}
		if len(n.args) == 1 {
			c.release(acc)
			c.emit(instr{op: opCopy, dst: alloc(), a: acc})
		}
		return dst
	}
	if op, ok := unaryOps[n.op]; ok && len(n.args) == 1 {
		x := c.operand(n.args[0], guard)
		if op == opExp {
			c.check(n.args[0], x, guard)
		}
		c.release(x)
		c.emit(instr{op: op, dst: alloc(), a: x})
		return dst
	}
	op, ok := binaryOps[n.op]
	if !ok || len(n.args) != 2 {
		if c.err == nil {
			c.err = &Error{File: c.b.m.fileName(), Path: "outputs." + c.out + ".formula",
				Msg: fmt.Sprintf("the batch evaluator cannot run the operation %q", n.op)}
		}
		return alloc()
	}
	x, y := n.args[0], n.args[1]
	// A constant operand fuses into the operation.
	if y.isConst && !x.isConst {
		k := y.value
		if f, ok := fusedRight[op]; ok {
			if f == opPowK && k == 2 {
				f = opSquare
			}
			a := c.operand(x, guard)
			if op == opPow {
				c.check(x, a, guard)
			}
			c.release(a)
			c.emit(instr{op: f, dst: alloc(), a: a, k: k})
			return dst
		}
	}
	if x.isConst && !y.isConst {
		k := x.value
		if f, ok := fusedLeft[op]; ok {
			a := c.operand(y, guard)
			if op == opDiv || op == opPow {
				c.check(y, a, guard)
			}
			c.release(a)
			c.emit(instr{op: f, dst: alloc(), a: a, k: k})
			return dst
		}
	}
	a := c.operand(x, guard)
	bb := c.operand(y, guard)
	switch op {
	case opDiv:
		c.check(y, bb, guard)
	case opAdd, opSub, opMul, opAnd, opOr:
	default: // ^, mod and comparisons hide a value that is not finite
		c.check(x, a, guard)
		c.check(y, bb, guard)
	}
	c.release(bb)
	c.release(a)
	c.emit(instr{op: op, dst: alloc(), a: a, b: bb})
	return dst
}

// conditional compiles c ? a : b. Both branches are computed for the
// whole block and the result selected; the tests inside a branch apply
// only to the samples that take it.
func (c *batchCompiler) conditional(n *node, dst, guard int32) int32 {
	cond, x, y := n.args[0], n.args[1], n.args[2]
	if cond.isConst {
		if cond.value != 0 {
			return c.into(x, dst, guard)
		}
		return c.into(y, dst, guard)
	}
	cc := c.operand(cond, guard)
	gx, gy := noCol, noCol
	if hasCheck(x) {
		gx = cc
		if guard != noCol {
			gx = c.temp()
			c.emit(instr{op: opAnd, dst: gx, a: guard, b: cc})
		}
	}
	a := c.operand(x, gx)
	if gx != cc {
		c.release(gx)
	}
	if hasCheck(y) {
		gy = c.temp()
		if guard == noCol {
			c.emit(instr{op: opNot, dst: gy, a: cc})
		} else {
			c.emit(instr{op: opAndNot, dst: gy, a: guard, b: cc})
		}
	}
	bb := c.operand(y, gy)
	c.release(gy)
	c.release(bb)
	c.release(a)
	c.release(cc)
	if dst == noCol {
		dst = c.temp()
	}
	c.emit(instr{op: opSelect, dst: dst, a: cc, b: a, c: bb})
	return dst
}

// hasCheck reports whether compiling n emits a test.
func hasCheck(n *node) bool {
	if n.isConst || n.op == "ref" {
		return false
	}
	switch n.op {
	case "+", "-", "*", "neg", "not", "and", "&&", "or", "||", "?:",
		"ceil", "floor", "round", "abs", "sqrt", "log2", "log10", "ln":
	default:
		return true
	}
	for _, a := range n.args {
		if hasCheck(a) {
			return true
		}
	}
	return false
}

// cover marks the slots whose failure n would carry into its own value
// (when prop is set) or catch in a test, so that they need no test of
// their own. Inside a branch of ?: (inBranch) nothing is carried or
// caught for every sample.
func cover(n *node, prop, inBranch bool, covered []bool) {
	if n.isConst {
		return
	}
	if n.op == "ref" {
		if prop {
			covered[n.slot] = true
		}
		return
	}
	for i, a := range n.args {
		p, branch := false, inBranch
		switch n.op {
		case "+", "-", "*", "neg", "ceil", "floor", "round", "abs", "sqrt", "log2", "log10", "ln":
			p = prop
		case "/":
			p = prop || (i == 1 && !inBranch) // the divisor is tested
		case "?:":
			branch = i > 0 // a branch may not be taken; its tests are guarded
		case "and", "&&", "or", "||", "not":
			// Conditions are always finite.
		default: // ^, mod, exp, min, max and comparisons test their operands
			p = !inBranch
		}
		cover(a, p, branch, covered)
	}
}

// A Work is the working memory of a Batch for one goroutine: the columns
// to read and write and one block of each intermediate value. Set the
// columns with SetInput and SetOutput, then call Eval.
type Work struct {
	b      *Batch
	cols   [][]float64 // the current block of every column
	blocks [][]float64 // the block-sized buffer of every column
	user   [][]float64 // the caller's column of each slot, or nil
	inUse  []int       // the slots that have a caller's column
	bad    []bool      // the samples of the block that failed
	anyBad bool
	sample []float64 // the slots of one sample, to find why it failed
	fails  []Failure
	n      int     // the length of the blocks in cols
	prog   []instr // the program of b, specialised for the columns set
}

// NewWork returns new working memory for evaluating b, with every input
// at its value in the file and no output column.
func (b *Batch) NewWork() *Work {
	ncols := b.nslots + len(b.consts) + b.ntemps
	store := make([]float64, ncols*BlockSize)
	w := &Work{b: b, cols: make([][]float64, ncols), blocks: make([][]float64, ncols),
		user: make([][]float64, b.nslots), bad: make([]bool, BlockSize), sample: make([]float64, b.nslots)}
	for i := range w.blocks {
		w.blocks[i] = store[i*BlockSize : (i+1)*BlockSize : (i+1)*BlockSize]
	}
	for i, in := range b.m.inputs {
		fill(w.blocks[i], in.value.Value)
	}
	for j, k := range b.consts {
		fill(w.blocks[b.nslots+j], k)
	}
	w.specialise()
	return w
}

func fill(d []float64, k float64) {
	for i := range d {
		d[i] = k
	}
}

// SetInput makes the input in slot (see Model.Slot) read col, one value
// per sample in base units, from the next Eval on. A nil col restores
// the input's value in the file for every sample.
func (w *Work) SetInput(slot int, col []float64) (err error) {
	defer guard(&err, w.b.m.fileName())
	if slot < 0 || slot >= len(w.b.m.inputs) {
		return w.slotError(slot, "an input")
	}
	w.set(slot, col)
	return nil
}

// SetOutput makes Eval write the values of the output in slot (see
// Model.Slot) into col, one per sample in base units. Outputs without a
// column are computed all the same but not kept; a nil col drops one.
// An output column must not share memory with any other column.
func (w *Work) SetOutput(slot int, col []float64) (err error) {
	defer guard(&err, w.b.m.fileName())
	if slot < len(w.b.m.inputs) || slot >= w.b.nslots {
		return w.slotError(slot, "an output")
	}
	w.set(slot, col)
	return nil
}

func (w *Work) slotError(slot int, want string) error {
	if slot >= 0 && slot < w.b.nslots {
		return &Error{Path: w.b.names[slot], Msg: fmt.Sprintf("%s is not %s", w.b.names[slot], want)}
	}
	return &Error{Msg: fmt.Sprintf("slot %d is not %s of the model", slot, want)}
}

func (w *Work) set(slot int, col []float64) {
	had := w.user[slot] != nil
	w.user[slot] = col
	switch {
	case col != nil && !had:
		w.inUse = append(w.inUse, slot)
	case col == nil && had:
		for i, s := range w.inUse {
			if s == slot {
				w.inUse = append(w.inUse[:i], w.inUse[i+1:]...)
				break
			}
		}
	}
	w.n = -1 // lay out the blocks again
	w.specialise()
}

// specialise rewrites the program of w for the inputs that have no
// column: they are constants for w, so a test of one is dropped and an
// operation that reads one fuses its value (x*k instead of x*y), with the
// very same arithmetic. It reuses the memory of the last rewrite.
func (w *Work) specialise() {
	b := w.b
	fixed := func(col int32) (float64, bool) {
		if int(col) >= len(b.m.inputs) || w.user[col] != nil {
			return 0, false
		}
		return b.m.inputs[col].value.Value, true
	}
	w.prog = w.prog[:0]
	for _, in := range b.prog {
		switch in.op {
		case opCheck, opCheckIf:
			if _, ok := fixed(in.a); ok {
				continue // a file value is finite
			}
		case opAdd, opSub, opMul, opDiv, opPow:
			if k, ok := fixed(in.b); ok {
				if _, both := fixed(in.a); !both {
					in = instr{op: fusedRight[in.op], dst: in.dst, a: in.a, k: k}
				}
			} else if k, ok := fixed(in.a); ok {
				in = instr{op: fusedLeft[in.op], dst: in.dst, a: in.b, k: k}
			}
		}
		w.prog = append(w.prog, in)
	}
	w.prog = w.b.fusePairs(w.prog)
}

// fusePairs fuses each pair of operations of prog that has a fused form,
// where the first writes a register that only the second reads, as its
// first operand. The arithmetic is the same, in the same order. It
// rewrites prog in place.
func (b *Batch) fusePairs(prog []instr) []instr {
	firstReg := int32(b.nslots + len(b.consts))
	out := prog[:0]
	for i := 0; i < len(prog); i++ {
		in := prog[i]
		if i+1 < len(prog) && in.dst >= firstReg {
			next := prog[i+1]
			if f, ok := fusePair(in, next); ok && !readsAgain(prog[i+2:], in.dst) {
				out = append(out, f)
				i++
				continue
			}
		}
		out = append(out, in)
	}
	return out
}

func fusePair(in, next instr) (instr, bool) {
	if r := in.dst; next.a != r || next.b == r || next.c == r {
		return instr{}, false
	}
	switch {
	case in.op == opDivK && next.op == opCeil:
		return instr{op: opDivKCeil, dst: next.dst, a: in.a, k: in.k}, true
	case in.op == opDivK && next.op == opMulK:
		return instr{op: opDivKMulK, dst: next.dst, a: in.a, k: in.k, k2: next.k}, true
	case in.op == opMulK && next.op == opDivK:
		return instr{op: opMulKDivK, dst: next.dst, a: in.a, k: in.k, k2: next.k}, true
	case in.op == opAdd && next.op == opMulK:
		return instr{op: opAddMulK, dst: next.dst, a: in.a, b: in.b, k: next.k}, true
	case in.op == opAdd && next.op == opAdd:
		return instr{op: opAdd3, dst: next.dst, a: in.a, b: in.b, c: next.b}, true
	}
	return instr{}, false
}

// readsAgain reports whether prog reads register r before writing it.
func readsAgain(prog []instr, r int32) bool {
	for _, in := range prog {
		if in.a == r || in.b == r || in.c == r {
			return true // at worst, a field that op does not read: no fusion
		}
		if in.dst == r {
			return false
		}
	}
	return false
}

// Eval evaluates samples 0 to n-1: it reads the input columns, writes
// the output columns, and returns the samples that failed, in order. The
// slice belongs to w and is valid until the next Eval. A failed sample's
// outputs are written all the same (some are not finite).
//
// Eval allocates nothing unless a sample fails, and then only to record
// it. It returns an error, and evaluates nothing, when a column is
// shorter than n.
func (w *Work) Eval(n int) (_ []Failure, err error) {
	defer guard(&err, w.b.m.fileName())
	if n < 0 {
		return nil, &Error{Msg: fmt.Sprintf("cannot evaluate %d samples", n)}
	}
	for _, s := range w.inUse {
		if len(w.user[s]) < n {
			return nil, &Error{Path: w.b.names[s], Msg: fmt.Sprintf("the column of %s has %d values, not %d", w.b.names[s], len(w.user[s]), n)}
		}
	}
	w.fails = w.fails[:0]
	for start := 0; start < n; start += BlockSize {
		k := min(BlockSize, n-start)
		if k != w.n {
			for i, blk := range w.blocks {
				w.cols[i] = blk[:k]
			}
			w.n = k
		}
		for _, s := range w.inUse {
			w.cols[s] = w.user[s][start : start+k : start+k]
		}
		w.run(k)
		if w.anyBad {
			w.record(start, k)
		}
	}
	return w.fails, nil
}

// run executes the program over one block of k samples.
func (w *Work) run(k int) {
	cols := w.cols
	prog := w.prog
	for i := range prog {
		in := &prog[i]
		d := cols[in.dst][:k]
		x := cols[in.a][:k]
		switch in.op {
		case opCopy:
			copy(d, x)
		case opFill:
			fill(d, in.k)
		case opNeg:
			for j := range d {
				d[j] = -x[j]
			}
		case opAdd:
			y := cols[in.b][:len(d)]
			for j := range d {
				d[j] = x[j] + y[j]
			}
		case opSub:
			y := cols[in.b][:len(d)]
			for j := range d {
				d[j] = x[j] - y[j]
			}
		case opMul:
			y := cols[in.b][:len(d)]
			for j := range d {
				d[j] = x[j] * y[j]
			}
		case opDiv:
			y := cols[in.b][:len(d)]
			for j := range d {
				d[j] = x[j] / y[j]
			}
		case opPow:
			y := cols[in.b][:len(d)]
			for j := range d {
				d[j] = math.Pow(x[j], y[j])
			}
		case opAddK:
			c := in.k
			for j := range d {
				d[j] = x[j] + c
			}
		case opSubK:
			c := in.k
			for j := range d {
				d[j] = x[j] - c
			}
		case opMulK:
			c := in.k
			for j := range d {
				d[j] = x[j] * c
			}
		case opDivK:
			c := in.k
			for j := range d {
				d[j] = x[j] / c
			}
		case opPowK:
			c := in.k
			for j := range d {
				d[j] = math.Pow(x[j], c)
			}
		case opSquare:
			for j := range d {
				d[j] = x[j] * x[j]
			}
		case opKSub:
			c := in.k
			for j := range d {
				d[j] = c - x[j]
			}
		case opKDiv:
			c := in.k
			for j := range d {
				d[j] = c / x[j]
			}
		case opKPow:
			c := in.k
			for j := range d {
				d[j] = math.Pow(c, x[j])
			}
		case opEq:
			y := cols[in.b][:len(d)]
			for j := range d {
				d[j] = truth(x[j] == y[j])
			}
		case opNe:
			y := cols[in.b][:len(d)]
			for j := range d {
				d[j] = truth(x[j] != y[j])
			}
		case opLt:
			y := cols[in.b][:len(d)]
			for j := range d {
				d[j] = truth(x[j] < y[j])
			}
		case opLe:
			y := cols[in.b][:len(d)]
			for j := range d {
				d[j] = truth(x[j] <= y[j])
			}
		case opGt:
			y := cols[in.b][:len(d)]
			for j := range d {
				d[j] = truth(x[j] > y[j])
			}
		case opGe:
			y := cols[in.b][:len(d)]
			for j := range d {
				d[j] = truth(x[j] >= y[j])
			}
		case opAnd:
			y := cols[in.b][:len(d)]
			for j := range d {
				d[j] = truth(x[j] != 0 && y[j] != 0)
			}
		case opOr:
			y := cols[in.b][:len(d)]
			for j := range d {
				d[j] = truth(x[j] != 0 || y[j] != 0)
			}
		case opNot:
			for j := range d {
				d[j] = truth(x[j] == 0)
			}
		case opAndNot:
			y := cols[in.b][:len(d)]
			for j := range d {
				d[j] = truth(x[j] != 0 && y[j] == 0)
			}
		case opSelect:
			y, z := cols[in.b][:len(d)], cols[in.c][:len(d)]
			for j := range d {
				if x[j] != 0 {
					d[j] = y[j]
				} else {
					d[j] = z[j]
				}
			}
		case opMin:
			y := cols[in.b][:len(d)]
			for j := range d {
				v, u := x[j], y[j]
				if u < v || u != u {
					v = u
				}
				d[j] = v
			}
		case opMax:
			y := cols[in.b][:len(d)]
			for j := range d {
				v, u := x[j], y[j]
				if u > v || u != u {
					v = u
				}
				d[j] = v
			}
		case opMod:
			y := cols[in.b][:len(d)]
			for j := range d {
				d[j] = floorMod(x[j], y[j])
			}
		case opCeil:
			for j := range d {
				d[j] = math.Ceil(x[j])
			}
		case opFloor:
			for j := range d {
				d[j] = math.Floor(x[j])
			}
		case opRound:
			for j := range d {
				d[j] = math.Round(x[j])
			}
		case opAbs:
			for j := range d {
				d[j] = math.Abs(x[j])
			}
		case opSqrt:
			for j := range d {
				d[j] = math.Sqrt(x[j])
			}
		case opLog2:
			for j := range d {
				d[j] = math.Log2(x[j])
			}
		case opLog10:
			for j := range d {
				d[j] = math.Log10(x[j])
			}
		case opLn:
			for j := range d {
				d[j] = math.Log(x[j])
			}
		case opExp:
			for j := range d {
				d[j] = math.Exp(x[j])
			}
		case opDivKCeil:
			c := in.k
			for j := range d {
				d[j] = math.Ceil(x[j] / c)
			}
		case opDivKMulK:
			c, c2 := in.k, in.k2
			for j := range d {
				d[j] = x[j] / c * c2
			}
		case opMulKDivK:
			c, c2 := in.k, in.k2
			for j := range d {
				d[j] = x[j] * c / c2
			}
		case opAddMulK:
			y, c := cols[in.b][:len(d)], in.k
			for j := range d {
				d[j] = (x[j] + y[j]) * c
			}
		case opAdd3:
			y, z := cols[in.b][:len(d)], cols[in.c][:len(d)]
			for j := range d {
				d[j] = x[j] + y[j] + z[j]
			}
		case opCheck:
			if !allFinite(x) {
				w.mark(x, nil)
			}
		case opCheckIf:
			if !allFinite(x) {
				w.mark(x, cols[in.b][:len(x)])
			}
		}
	}
}

// allFinite reports whether every value of x is finite: x*0 is 0 for a
// finite x and NaN otherwise, and a sum with a NaN is NaN. Four sums keep
// the additions independent.
func allFinite(x []float64) bool {
	var s0, s1, s2, s3 float64
	for len(x) >= 4 {
		s0 += x[0] * 0
		s1 += x[1] * 0
		s2 += x[2] * 0
		s3 += x[3] * 0
		x = x[4:]
	}
	for _, v := range x {
		s0 += v * 0
	}
	return s0+s1+s2+s3 == 0
}

// mark notes the samples where x is not finite and, with a guard, the
// guard is true.
func (w *Work) mark(x, guard []float64) {
	for j, v := range x {
		if !isFinite(v) && (guard == nil || guard[j] != 0) {
			w.bad[j] = true
			w.anyBad = true
		}
	}
}

// record finds why each failed sample of the block at start failed.
func (w *Work) record(start, k int) {
	b := w.b
	for j := range k {
		if !w.bad[j] {
			continue
		}
		w.bad[j] = false
		for s := range w.sample {
			w.sample[s] = w.cols[s][j]
		}
		w.fails = append(w.fails, b.why(start+j, w.sample))
	}
	w.anyBad = false
}

// A Failure is a sample that a Batch could not evaluate: an output is
// not finite, or a step of a formula read a value that is not finite (a
// division by zero, an overflow, a NaN) even if a later step hid it.
type Failure struct {
	Sample int    // the index of the sample in the columns
	Output string // the first output, in evaluation order, that failed
	// Op is the operation that failed, as the formula language names
	// it: "/", "^", "sqrt", "log10", "ceil", ... or "ref" when the
	// formula reads an input that is not finite.
	Op     string
	Reason string // what went wrong: "division by zero", ...
	Offset int    // the rune offset of the operation in the formula
}

// String describes f: "sample 7: storage: division by zero (/)".
func (f Failure) String() string {
	return "sample " + strconv.Itoa(f.Sample) + ": " + f.Output + ": " + f.Reason + " (" + f.Op + ")"
}

// why finds the first output of a failed sample, in evaluation order,
// with a step whose value is not finite although its arguments are.
func (b *Batch) why(sample int, slots []float64) Failure {
	first := len(b.m.inputs)
	for _, i := range b.order {
		if _, at, reason := b.probe(b.m.outputs[i].f.root, slots); at != nil {
			return Failure{Sample: sample, Output: b.names[first+i], Op: opName(at), Reason: reason, Offset: at.off}
		}
	}
	// Not reached: every test the program makes is made here too.
	return Failure{Sample: sample, Reason: "result is not finite"}
}

func opName(n *node) string {
	if n.op == "" {
		return "constant"
	}
	return n.op
}

// probe evaluates n for one sample, with the very operations of the
// batch program, and returns the first node, in evaluation order, whose
// value is not finite although the values it reads are, with the reason.
func (b *Batch) probe(n *node, s []float64) (float64, *node, string) {
	if n.isConst {
		if isFinite(n.value) {
			return n.value, nil, ""
		}
		for _, a := range n.args {
			if _, at, why := b.probe(a, s); at != nil {
				return 0, at, why
			}
		}
		return n.value, n, nonFinite(n.value)
	}
	if n.op == "ref" {
		v := s[n.slot]
		if !isFinite(v) {
			return v, n, b.names[n.slot] + " is " + strconv.FormatFloat(v, 'g', -1, 64)
		}
		return v, nil, ""
	}
	if n.op == "?:" {
		c, at, why := b.probe(n.args[0], s)
		if at != nil {
			return c, at, why
		}
		if c != 0 {
			return b.probe(n.args[1], s)
		}
		return b.probe(n.args[2], s)
	}
	var vs [2]float64
	v := 0.0
	for i, a := range n.args {
		x, at, why := b.probe(a, s)
		if at != nil {
			return x, at, why
		}
		switch {
		case n.op == "min" || n.op == "max":
			if i == 0 || (n.op == "max" && x > v) || (n.op == "min" && x < v) || x != x {
				v = x
			}
		case i < 2:
			vs[i] = x
		}
	}
	x, y := vs[0], vs[1]
	switch n.op {
	case "min", "max":
	case "neg":
		v = -x
	case "not":
		v = truth(x == 0)
	case "+":
		v = x + y
	case "-":
		v = x - y
	case "*":
		v = x * y
	case "/":
		v = x / y
	case "^", "**":
		if n.args[1].isConst && y == 2 {
			v = x * x
		} else {
			v = math.Pow(x, y)
		}
	case "==":
		v = truth(x == y)
	case "!=":
		v = truth(x != y)
	case "<":
		v = truth(x < y)
	case "<=":
		v = truth(x <= y)
	case ">":
		v = truth(x > y)
	case ">=":
		v = truth(x >= y)
	case "and", "&&":
		v = truth(x != 0 && y != 0)
	case "or", "||":
		v = truth(x != 0 || y != 0)
	case "mod":
		v = floorMod(x, y)
	case "ceil":
		v = math.Ceil(x)
	case "floor":
		v = math.Floor(x)
	case "round":
		v = math.Round(x)
	case "abs":
		v = math.Abs(x)
	case "sqrt":
		v = math.Sqrt(x)
	case "log2":
		v = math.Log2(x)
	case "log10":
		v = math.Log10(x)
	case "ln":
		v = math.Log(x)
	case "exp":
		v = math.Exp(x)
	}
	if isFinite(v) {
		return v, nil, ""
	}
	switch {
	case (n.op == "/" || n.op == "mod") && y == 0:
		return v, n, "division by zero"
	case n.op == "sqrt":
		return v, n, "square root of a negative number"
	case n.op == "log2" || n.op == "log10" || n.op == "ln":
		if x == 0 {
			return v, n, n.op + " of zero"
		}
		return v, n, n.op + " of a negative number"
	}
	return v, n, nonFinite(v)
}

func nonFinite(v float64) string {
	if math.IsNaN(v) {
		return "result is not a number (NaN)"
	}
	return "overflow: result is too large for a float64"
}
