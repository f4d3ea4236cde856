package main

import (
	"fmt"
	"strings"

	. "github.com/mmcloughlin/avo/build"
	. "github.com/mmcloughlin/avo/operand"
	"github.com/mmcloughlin/avo/reg"
)

// lanes is the number of float32 values in a YMM register.
const lanes = 8

// An elementwise kernel computes out[i] = op(in0[i], in1[i], ...) over slices
// of one length, 8 lanes at a time. Every such kernel has the same shape:
//
//   - n < 8: one masked load and masked store, which never touch memory
//     outside the slices;
//   - n >= 8: the first and the last 8 results are computed before anything
//     is stored (so that an output may be the same slice as an input), the
//     body runs from the first 32-byte-aligned output address 32 lanes and
//     then 8 lanes at a time, and the first and last vectors are stored last,
//     covering the unaligned head and the tail that the body left.
//
// The stream parameter selects non-temporal stores in the body (VMOVNTPS,
// which needs the alignment); the head and tail use ordinary stores after an
// SFENCE.
type elementwise struct {
	name   string   // Go name of the kernel, e.g. "ReLUAVX2"
	doc    string   // what it computes, a sentence for the Go declaration
	out    string   // name of the output slice parameter
	in     []string // names of the input slice parameters, in order
	params string   // further parameters in Go syntax, e.g. "slope float32"

	// setup loads the kernel's constants into registers, once per call.
	setup func()
	// op computes 8 outputs from 8 lanes of each input, in input order.
	op func(in []reg.VecVirtual) reg.VecVirtual
}

// inputRegs hold the input base pointers, in parameter order.
var inputRegs = []reg.Register{reg.RSI, reg.RDX, reg.R10}

func (k elementwise) signature() string {
	params := k.out + ", " + strings.Join(k.in, ", ") + " []float32"
	if k.params != "" {
		params += ", " + k.params
	}
	return "func(" + params + ", stream bool)"
}

func (k elementwise) generate() {
	TEXT(k.name, NOSPLIT, k.signature())
	Pragma("noescape")
	Doc(k.name+" "+k.doc,
		"All slices have the same length; the output may be the same slice as an input.",
		"With stream set it writes the output with non-temporal stores.")

	out := Load(Param(k.out).Base(), reg.RDI)
	n := Load(Param(k.out).Len(), reg.RCX)
	in := make([]reg.Register, len(k.in))
	for i, name := range k.in {
		in[i] = Load(Param(name).Base(), inputRegs[i])
	}
	k.setup()
	CMPQ(n, Imm(lanes))
	JB(LabelRef("short"))

	Comment("First and last 8 results, before any store.")
	head := k.op(loadInputs(in, func(p reg.Register) Mem { return Mem{Base: p} }))
	tail := k.op(loadInputs(in, func(p reg.Register) Mem { return Mem{Base: p, Index: n, Scale: 4, Disp: -32} }))
	outHead, outTail := reg.R8, reg.R9
	MOVQ(out, outHead)
	LEAQ(Mem{Base: out, Index: n, Scale: 4, Disp: -32}, outTail)
	CMPQ(n, Imm(2*lanes))
	JBE(LabelRef("edges"))

	Comment("Skip to the first 32-byte-aligned output; the head vector covers the skipped lanes.",
		"Then point every pointer at the end of the whole vectors that follow, and count up to it.")
	skip := reg.RAX
	MOVQ(out, skip)
	NEGQ(skip)
	ANDQ(Imm(31), skip)
	SHRQ(Imm(2), skip)
	SUBQ(skip, n)
	ANDQ(I32(-lanes), n)
	LEAQ(Mem{Base: skip, Index: n, Scale: 1}, skip)
	SHLQ(Imm(2), skip)
	ADDQ(skip, out)
	for _, p := range in {
		ADDQ(skip, p)
	}
	i := n
	SHLQ(Imm(2), i)
	NEGQ(i)

	stream := Load(Param("stream"), reg.BL)
	TESTB(stream, stream)
	JNZ(LabelRef("stream"))
	k.body("plain", out, in, i, func(v reg.VecVirtual, m Mem) { VMOVUPS(v, m) })
	JMP(LabelRef("edges"))
	Label("stream")
	k.body("nt", out, in, i, func(v reg.VecVirtual, m Mem) { VMOVNTPS(v, m) })
	SFENCE()

	Label("edges")
	VMOVUPS(head, Mem{Base: outHead})
	VMOVUPS(tail, Mem{Base: outTail})
	VZEROUPPER()
	RET()

	Label("short")
	Comment("n < 8: lanes [0, n) through masked loads and stores.")
	mask := lowLanesMask(n)
	ins := make([]reg.VecVirtual, len(in))
	for i, p := range in {
		ins[i] = YMM()
		VMASKMOVPS(Mem{Base: p}, mask, ins[i])
	}
	VMASKMOVPS(k.op(ins), mask, Mem{Base: out})
	VZEROUPPER()
	RET()
}

// body emits the aligned main loops, 32 lanes an iteration and then 8: the
// pointers point at the end of the whole vectors and i counts the byte
// offset up from minus their size to zero.
func (k elementwise) body(tag string, out reg.Register, in []reg.Register, i reg.Register, store func(reg.VecVirtual, Mem)) {
	const unroll = 4
	loop4, loop1, done := tag+"_x4", tag+"_x1", tag+"_done"
	at := func(p reg.Register, disp int) Mem { return Mem{Base: p, Index: i, Scale: 1, Disp: disp} }
	CMPQ(i, I32(-32*unroll))
	JG(LabelRef(loop1))
	Label(loop4)
	results := make([]reg.VecVirtual, unroll)
	for u := range results {
		results[u] = k.op(loadInputs(in, func(p reg.Register) Mem { return at(p, 32*u) }))
	}
	for u, r := range results {
		store(r, at(out, 32*u))
	}
	ADDQ(Imm(32*unroll), i)
	CMPQ(i, I32(-32*unroll))
	JLE(LabelRef(loop4))

	Label(loop1)
	TESTQ(i, i)
	JZ(LabelRef(done))
	store(k.op(loadInputs(in, func(p reg.Register) Mem { return at(p, 0) })), at(out, 0))
	ADDQ(Imm(32), i)
	JMP(LabelRef(loop1))
	Label(done)
}

// loadInputs loads 8 lanes of every input from the address at(pointer) gives.
func loadInputs(in []reg.Register, at func(reg.Register) Mem) []reg.VecVirtual {
	v := make([]reg.VecVirtual, len(in))
	for i, p := range in {
		v[i] = YMM()
		VMOVUPS(at(p), v[i])
	}
	return v
}

// lowLanesMask returns a mask whose lanes [0, n) are all ones, for n in 0..8,
// built without a constant table: lane i holds n > i.
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

// lanesBelow returns a mask whose lane i is all ones where i < n, for n
// (a general-purpose register) from 0 up to 2^31-1, given laneIndex.
func lanesBelow(index reg.VecVirtual, n reg.Register) reg.VecVirtual {
	count, mask := YMM(), YMM()
	VMOVQ(n, count.AsX())
	VPBROADCASTD(count.AsX(), count)
	VPCMPGTD(index, count, mask)
	return mask
}

// broadcastParam loads the float32 parameter name into all 8 lanes.
func broadcastParam(name string) reg.VecVirtual {
	v := YMM()
	b, err := Param(name).Resolve()
	if err != nil {
		panic(fmt.Sprintf("parameter %s: %v", name, err))
	}
	VBROADCASTSS(b.Addr, v)
	return v
}

// broadcastParamToStack stores the float32 parameter name into all 8 lanes
// of a stack slot, which a kernel short of registers reads as a memory
// operand (unaligned, as VEX encoding allows).
func broadcastParamToStack(name string) Mem {
	m := AllocLocal(32)
	VMOVUPS(broadcastParam(name), m)
	return m
}

// zeros returns a register of +0 lanes.
func zeros() reg.VecVirtual {
	z := YMM()
	VXORPS(z, z, z)
	return z
}

// Comparison predicates for VCMPPS (avo has no names for them). The ordered,
// quiet forms are false when either operand is NaN.
const (
	cmpUNORD = 0x03 // UNORD_Q: true where either operand is NaN
	cmpLE    = 0x12 // LE_OQ
	cmpGT    = 0x1e // GT_OQ
)
