package main

import (
	"strings"

	. "github.com/mmcloughlin/avo/build"
	. "github.com/mmcloughlin/avo/operand"
	"github.com/mmcloughlin/avo/reg"
)

// An elementwise kernel computes out[i] = op(in0[i], in1[i], ...) over slices
// of one length, a vector at a time, and is emitted for every width. Both
// widths share the body: from the first output address aligned to the
// vector size, 4 vectors an iteration and then 1, with non-temporal stores
// (VMOVNTPS, which needs that alignment) when the stream parameter is set,
// followed by an SFENCE. They differ in the edges, where each uses what its
// instruction set does best:
//
//   - AVX2 (8 lanes): n < 8 goes through one masked load and masked store
//     (VMASKMOVPS, which never touches memory outside the slices). For
//     n >= 8, the first and the last 8 results are computed before anything
//     is stored (so that an output may be the same slice as an input) and
//     stored last, over the unaligned head and the tail the body left.
//   - AVX-512 (16 lanes): opmasks load and store exactly the lanes that
//     exist, so n <= 16 is one masked vector, and longer calls store the
//     head up to the first aligned output, the body, and the tail, each
//     element loaded and stored once, in order (in place is safe).
type elementwise struct {
	name   string   // Go name of the kernel without its width, e.g. "relu"
	doc    string   // what it computes, a sentence for the Go declaration
	out    string   // name of the output slice parameter
	in     []string // names of the input slice parameters, in order
	params string   // further parameters in Go syntax, e.g. "slope float32"
	// unroll is the number of vectors a main-loop iteration computes, 4
	// if 0: fewer for a kernel whose AVX2 code would need more than 16
	// registers for 4.
	unroll int

	// setup loads the kernel's constants into registers, once per call.
	setup func(w width)
	// op computes a vector of outputs from a vector of each input, in
	// input order.
	op func(w width, in []reg.VecVirtual) reg.VecVirtual

	// out2, if set, names a second output, and op2, in place of op,
	// computes a vector of each output (the backward passes of the gated
	// units, which write two gradients). Such a kernel writes with
	// ordinary stores only: its outputs need not share an alignment that
	// VMOVNTPS could use, and it has no stream parameter.
	out2 string
	op2  func(w width, in []reg.VecVirtual) (y, y2 reg.VecVirtual)
	// avx2Only emits the kernel for AVX2 alone: the AVX-512 Impl runs it
	// (see gen/wiring) until an AVX-512 kernel has run on a CPU that has
	// AVX-512.
	avx2Only bool
}

// avx2OnlyNote opens the code of an avx2Only kernel.
const avx2OnlyNote = "AVX2 alone: the AVX-512 implementation runs this kernel too."

// outputs returns the names of the output slice parameters.
func (k elementwise) outputs() []string {
	if k.out2 != "" {
		return []string{k.out, k.out2}
	}
	return []string{k.out}
}

// compute computes a vector of each output from a vector of each input.
func (k elementwise) compute(w width, in []reg.VecVirtual) []reg.VecVirtual {
	if k.op2 != nil {
		y, y2 := k.op2(w, in)
		return []reg.VecVirtual{y, y2}
	}
	return []reg.VecVirtual{k.op(w, in)}
}

// outputRegs hold the output base pointers, in parameter order.
var outputRegs = []reg.Register{reg.RDI, reg.R12}

// inputRegs hold the input base pointers, in parameter order.
var inputRegs = []reg.Register{reg.RSI, reg.RDX, reg.R10}

func (k elementwise) signature() string {
	params := strings.Join(append(k.outputs(), k.in...), ", ") + " []float32"
	if k.params != "" {
		params += ", " + k.params
	}
	if k.out2 != "" {
		return "func(" + params + ")"
	}
	return "func(" + params + ", stream bool)"
}

func (k elementwise) generate() {
	for _, w := range widths {
		if k.avx2Only && w.wide() {
			continue
		}
		name := k.name + w.suffix
		kernel(name, k.signature())
		if k.out2 != "" {
			Doc(name+" "+k.doc,
				"All slices have the same length; each output may be the same slice as an input.")
		} else {
			Doc(name+" "+k.doc,
				"All slices have the same length; the output may be the same slice as an input.",
				"With stream set it writes the output with non-temporal stores.")
		}
		if k.avx2Only {
			Comment(avx2OnlyNote)
		}
		out := Load(Param(k.out).Base(), reg.RDI)
		if k.out2 != "" {
			Load(Param(k.out2).Base(), outputRegs[1])
		}
		n := Load(Param(k.out).Len(), reg.RCX)
		in := make([]reg.Register, len(k.in))
		for i, name := range k.in {
			in[i] = Load(Param(name).Base(), inputRegs[i])
		}
		k.setup(w)
		switch {
		case w.wide():
			k.wide(w, out, n, in)
		case k.out2 != "":
			k.narrowPair(w, n, in)
		default:
			k.narrow(w, out, n, in)
		}
	}
}

// narrow emits the edges of an AVX2 kernel around the body.
func (k elementwise) narrow(w width, out, n reg.Register, in []reg.Register) {
	CMPQ(n, Imm(uint64(w.lanes)))
	JB(LabelRef("short"))

	Comment("First and last vectors of results, before any store.")
	head := k.op(w, loadInputs(w, in, func(p reg.Register) Mem { return Mem{Base: p} }))
	tail := k.op(w, loadInputs(w, in, func(p reg.Register) Mem { return Mem{Base: p, Index: n, Scale: 4, Disp: -w.bytes()} }))
	outHead, outTail := reg.R8, reg.R9
	MOVQ(out, outHead)
	LEAQ(Mem{Base: out, Index: n, Scale: 4, Disp: -w.bytes()}, outTail)
	CMPQ(n, Imm(uint64(2*w.lanes)))
	JBE(LabelRef("edges"))

	k.alignedBody(w, out, n, in)

	Label("edges")
	VMOVUPS(head, Mem{Base: outHead})
	VMOVUPS(tail, Mem{Base: outTail})
	VZEROUPPER()
	RET()

	Label("short")
	m, ins := maskedInputs(n, in)
	VMASKMOVPS(k.op(w, ins), m, Mem{Base: out})
	VZEROUPPER()
	RET()
}

// alignedBody skips to the first aligned output, whose lanes the head
// vectors cover, and emits the body from there.
func (k elementwise) alignedBody(w width, out, n reg.Register, in []reg.Register) {
	Comment("Skip to the first aligned output; the head vectors cover the skipped lanes.")
	skip := reg.RAX
	MOVQ(out, skip)
	NEGQ(skip)
	ANDQ(Imm(uint64(w.bytes()-1)), skip)
	SHRQ(Imm(2), skip)
	SUBQ(skip, n)
	k.body(w, out, n, in, skip)
}

// maskedInputs loads lanes [0, n) of each input, n < 8, through masked
// loads, and returns the mask for the stores too.
func maskedInputs(n reg.Register, in []reg.Register) (reg.VecVirtual, []reg.VecVirtual) {
	Comment("n < 8: lanes [0, n) through masked loads and stores.")
	m := lowLanesMask(n)
	ins := make([]reg.VecVirtual, len(in))
	for i, p := range in {
		ins[i] = YMM()
		VMASKMOVPS(Mem{Base: p}, m, ins[i])
	}
	return m, ins
}

// narrowPair emits the edges of an AVX2 kernel with two outputs around
// the body, as narrow does, but for where the first and last vectors of
// results wait while the body runs: in a stack slot, which leaves the
// registers to the body.
func (k elementwise) narrowPair(w width, n reg.Register, in []reg.Register) {
	out, out2 := outputRegs[0], outputRegs[1]
	CMPQ(n, Imm(uint64(w.lanes)))
	JB(LabelRef("short"))

	Comment("First and last vectors of results, before any store, kept on the stack.")
	saved := AllocLocal(4 * w.bytes())
	at := func(j int) Mem { return saved.Offset(j * w.bytes()) }
	for j, y := range k.compute(w, loadInputs(w, in, func(p reg.Register) Mem { return Mem{Base: p} })) {
		VMOVUPS(y, at(j))
	}
	for j, y := range k.compute(w, loadInputs(w, in, func(p reg.Register) Mem { return Mem{Base: p, Index: n, Scale: 4, Disp: -w.bytes()} })) {
		VMOVUPS(y, at(2+j))
	}
	outHead, out2Head, tailOffset := reg.R8, reg.R13, reg.R9
	MOVQ(out, outHead)
	MOVQ(out2, out2Head)
	MOVQ(n, tailOffset)
	SHLQ(Imm(2), tailOffset)
	SUBQ(Imm(uint64(w.bytes())), tailOffset)
	CMPQ(n, Imm(uint64(2*w.lanes)))
	JBE(LabelRef("edges"))

	k.alignedBody(w, out, n, in)

	Label("edges")
	for j, base := range []reg.Register{outHead, out2Head} {
		y := w.vec()
		VMOVUPS(at(j), y)
		VMOVUPS(y, Mem{Base: base})
		VMOVUPS(at(2+j), y)
		VMOVUPS(y, Mem{Base: base, Index: tailOffset, Scale: 1})
	}
	VZEROUPPER()
	RET()

	Label("short")
	m, ins := maskedInputs(n, in)
	for j, y := range k.compute(w, ins) {
		VMASKMOVPS(y, m, Mem{Base: outputRegs[j]})
	}
	VZEROUPPER()
	RET()
}

// wide emits the edges of an AVX-512 kernel around the body.
func (k elementwise) wide(w width, out, n reg.Register, in []reg.Register) {
	CMPQ(n, Imm(uint64(w.lanes)))
	JBE(LabelRef("last"))

	Comment("The head: the lanes before the first aligned output (none if it is aligned).")
	skip := reg.RAX
	MOVQ(out, skip)
	NEGQ(skip)
	ANDQ(Imm(uint64(w.bytes()-1)), skip)
	SHRQ(Imm(2), skip)
	k.masked(w, out, in, laneMask(reg.RAX, reg.R8), 0)
	SUBQ(skip, n)
	k.body(w, out, n, in, skip)

	Label("edges")
	Comment("The tail: the last n%16 elements (none if n is a multiple of 16).")
	ANDQ(Imm(uint64(w.lanes-1)), n)
	Label("last")
	k.masked(w, out, in, laneMask(reg.RCX, reg.R8), 0)
	VZEROUPPER()
	RET()
}

// masked computes and stores the lanes of m of the vector at byte disp from
// the pointers, loading nothing outside them.
func (k elementwise) masked(w width, out reg.Register, in []reg.Register, m reg.OpmaskVirtual, disp int) {
	ins := make([]reg.VecVirtual, len(in))
	for i, p := range in {
		ins[i] = w.vec()
		VMOVUPS_Z(Mem{Base: p, Disp: disp}, m, ins[i])
	}
	VMOVUPS(k.op(w, ins), m, Mem{Base: out, Disp: disp})
}

// body advances the pointers past skip elements, then past the whole
// vectors of the n left, computing them from the aligned output on; it
// leaves n%lanes unchanged in the low bits of n and jumps to edges.
func (k elementwise) body(w width, out, n reg.Register, in []reg.Register, skip reg.Register) {
	Comment("Point every pointer at the end of the whole vectors that follow, and count up to it.")
	i := reg.RBX
	MOVQ(n, i)
	ANDQ(I32(-w.lanes), i)
	LEAQ(Mem{Base: skip, Index: i, Scale: 1}, skip)
	SHLQ(Imm(2), skip)
	ADDQ(skip, out)
	if k.out2 != "" {
		ADDQ(skip, outputRegs[1])
	}
	for _, p := range in {
		ADDQ(skip, p)
	}
	SHLQ(Imm(2), i)
	NEGQ(i)

	if k.out2 != "" {
		k.loops(w, "plain", out, in, i, func(v reg.VecVirtual, m Mem) { VMOVUPS(v, m) })
		JMP(LabelRef("edges"))
		return
	}
	stream := Load(Param("stream"), reg.R11B)
	TESTB(stream, stream)
	JNZ(LabelRef("stream"))
	k.loops(w, "plain", out, in, i, func(v reg.VecVirtual, m Mem) { VMOVUPS(v, m) })
	JMP(LabelRef("edges"))
	Label("stream")
	k.loops(w, "nt", out, in, i, func(v reg.VecVirtual, m Mem) { VMOVNTPS(v, m) })
	SFENCE()
	JMP(LabelRef("edges"))
}

// loops emits the aligned main loops, k.unroll vectors an iteration (4 by
// default) and then 1:
// the pointers point at the end of the whole vectors and i counts the byte
// offset up from minus their size to zero.
func (k elementwise) loops(w width, tag string, out reg.Register, in []reg.Register, i reg.Register, store func(reg.VecVirtual, Mem)) {
	unroll := k.unroll
	if unroll == 0 {
		unroll = 4
	}
	size := w.bytes()
	loop4, loop1, done := tag+"_x4", tag+"_x1", tag+"_done"
	at := func(p reg.Register, disp int) Mem { return Mem{Base: p, Index: i, Scale: 1, Disp: disp} }
	CMPQ(i, I32(-size*unroll))
	JG(LabelRef(loop1))
	Label(loop4)
	// Every result of an iteration before any store: an output a multiple
	// of 4 KiB from an input would otherwise make the loads of the next
	// vectors wait on stores whose addresses look alike (4K aliasing).
	results := make([][]reg.VecVirtual, unroll)
	for u := range results {
		results[u] = k.compute(w, loadInputs(w, in, func(p reg.Register) Mem { return at(p, size*u) }))
	}
	for u, r := range results {
		for j, y := range r {
			store(y, at(outputRegs[j], size*u))
		}
	}
	ADDQ(U32(size*unroll), i)
	CMPQ(i, I32(-size*unroll))
	JLE(LabelRef(loop4))

	Label(loop1)
	TESTQ(i, i)
	JZ(LabelRef(done))
	for j, y := range k.compute(w, loadInputs(w, in, func(p reg.Register) Mem { return at(p, 0) })) {
		store(y, at(outputRegs[j], 0))
	}
	ADDQ(Imm(uint64(size)), i)
	JMP(LabelRef(loop1))
	Label(done)
}

// loadInputs loads a vector of every input from the address at(pointer)
// gives.
func loadInputs(w width, in []reg.Register, at func(reg.Register) Mem) []reg.VecVirtual {
	v := make([]reg.VecVirtual, len(in))
	for i, p := range in {
		v[i] = w.vec()
		VMOVUPS(at(p), v[i])
	}
	return v
}

// lowLanesMask returns an AVX2 mask whose lanes [0, n) are all ones, for n
// in 0..8, built without a constant table: lane i holds n > i.
func lowLanesMask(n reg.Register) reg.VecVirtual {
	return lanesBelow(laneIndex(reg.RAX), n)
}

// laneIndex returns the int32 lanes 0, 1, ..., 7, built in scratch (a
// general-purpose register it overwrites) without a constant table.
func laneIndex(scratch reg.Register) reg.VecVirtual {
	index := YMM()
	MOVQ(U64(0x0706050403020100), scratch)
	VMOVQ(scratch, index.AsX())
	VPMOVZXBD(index.AsX(), index)
	return index
}

// lanesBelow returns an AVX2 mask whose lane i is all ones where i < n, for
// n (a general-purpose register) from 0 up to 2^31-1, given laneIndex.
func lanesBelow(index reg.VecVirtual, n reg.Register) reg.VecVirtual {
	count, mask := YMM(), YMM()
	VMOVQ(n, count.AsX())
	VPBROADCASTD(count.AsX(), count)
	VPCMPGTD(index, count, mask)
	return mask
}

// ternaryAOrBAndC is the VPTERNLOGD truth table of A | (B & C), A being
// the destination and C the first (memory) operand in avo's order: the
// bits of A where A is set, else of B and C both set (indexes 3 to 7).
const ternaryAOrBAndC = 0xf8
