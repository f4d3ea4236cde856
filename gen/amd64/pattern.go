package main

import (
	. "github.com/mmcloughlin/avo/build"
	. "github.com/mmcloughlin/avo/operand"
	"github.com/mmcloughlin/avo/reg"
)

// preluPattern is an AVX-512 PReLU kernel for layouts whose rows are short
// (NHWC, and NCHW with tiny maps): element i takes its slope from
// pattern[i % len(pattern)], a pattern of whole rows of slopes that the
// driver builds, a multiple of 16 long, so that every vector reads 16
// consecutive slopes. It walks x from element 0, each element loaded and
// stored once (in place is safe), the last n%16 through an opmask; it
// streams only where the output is 64-byte aligned. The backward kernel
// adds the slope-gradient term of element i, x > 0 ? 0 : dy*x, in float64,
// into acc[i % len(pattern)].
type preluPattern struct{ backward bool }

// General-purpose registers of the pattern kernels.
var (
	ptOut, ptN, ptPattern, ptPeriod = reg.RDI, reg.RCX, reg.R12, reg.R13 // output, n, pattern, its size in bytes
	ptI, ptJ, ptEnd, ptTmp          = reg.RBX, reg.R11, reg.R8, reg.R9   // offsets in the data and the pattern, end of the whole vectors
	ptAcc                           = reg.R14
)

func (k preluPattern) generate() {
	w := avx512
	out, ins, name := "dst", []string{"x"}, "preluPatternAVX512"
	if k.backward {
		out, ins, name = "dx", []string{"dy", "x"}, "preluBackwardPatternAVX512"
	}
	k.declare(name)
	Load(Param(out).Base(), ptOut)
	Load(Param(out).Len(), ptN)
	in := make([]reg.Register, len(ins))
	for i, name := range ins {
		in[i] = Load(Param(name).Base(), inputRegs[i])
	}
	Load(Param("pattern").Base(), ptPattern)
	Load(Param("pattern").Len(), ptPeriod)
	if k.backward {
		Load(Param("acc").Base(), ptAcc)
	}
	SHLQ(Imm(2), ptPeriod)
	XORQ(ptI, ptI)
	XORQ(ptJ, ptJ)
	MOVQ(ptN, ptEnd)
	ANDQ(I32(-w.lanes), ptEnd)
	SHLQ(Imm(2), ptEnd)
	zero := w.zeros()

	stream := Load(Param("stream"), ptTmp.As8())
	TESTB(stream, stream)
	JZ(LabelRef("plain"))
	TESTQ(U32(w.bytes()-1), ptOut)
	JNZ(LabelRef("plain"))
	k.loop(w, "nt", in, zero, func(v reg.VecVirtual, m Mem) { VMOVNTPS(v, m) })
	k.loop(w, "plain", in, zero, func(v reg.VecVirtual, m Mem) { VMOVUPS(v, m) })

	Label("tail")
	SFENCE()
	Comment("The last n%16 elements, if any: the other lanes load zeros, whose terms are +0.")
	ANDQ(Imm(uint64(w.lanes-1)), ptN)
	m := laneMask(ptN, ptTmp)
	VMOVUPS(k.vector(w, in, zero, m), m, Mem{Base: ptOut, Index: ptI, Scale: 1})
	VZEROUPPER()
	RET()
}

func (k preluPattern) declare(name string) {
	if !k.backward {
		kernel(name, "func(dst, x, pattern []float32, stream bool)")
		Doc(name+" sets dst[i] = x[i] > 0 ? x[i] : x[i]*pattern[i%len(pattern)], where len(pattern)",
			"is a positive multiple of 16. dst may be x. With stream set it writes dst with non-temporal",
			"stores if dst is 64-byte aligned.")
		return
	}
	kernel(name, "func(dx, dy, x, pattern []float32, acc []float64, stream bool)")
	Doc(name+" sets dx[i] = x[i] > 0 ? dy[i] : dy[i]*pattern[i%len(pattern)] and adds",
		"x[i] > 0 ? 0 : dy[i]*x[i] into acc[i%len(pattern)], where len(pattern) is a positive multiple",
		"of 16 and len(acc) = len(pattern). dx may be dy or x. With stream set it writes dx with",
		"non-temporal stores if dx is 64-byte aligned.")
}

// loop emits the loop over whole vectors, storing with store; it leaves
// for tail.
func (k preluPattern) loop(w width, tag string, in []reg.Register, zero reg.VecVirtual, store func(reg.VecVirtual, Mem)) {
	Label(tag)
	CMPQ(ptI, ptEnd)
	JAE(LabelRef("tail"))
	store(k.vector(w, in, zero, nil), Mem{Base: ptOut, Index: ptI, Scale: 1})
	ADDQ(Imm(uint64(w.bytes())), ptI)
	Comment("The next slopes, back to the pattern's start at its end.")
	ADDQ(Imm(uint64(w.bytes())), ptJ)
	MOVQ(ptJ, ptTmp)
	SUBQ(ptPeriod, ptTmp)
	CMOVQEQ(ptTmp, ptJ)
	JMP(LabelRef(tag))
}

// vector computes the vector at ptI with the slopes at ptJ, loading only
// the lanes of m if m is not nil, and returns the output; backward, it adds
// the terms into acc.
func (k preluPattern) vector(w width, in []reg.Register, zero reg.VecVirtual, m reg.OpmaskVirtual) reg.VecVirtual {
	load := func(at Mem) reg.VecVirtual {
		v := w.vec()
		if m == nil {
			VMOVUPS(at, v)
		} else {
			VMOVUPS_Z(at, m, v)
		}
		return v
	}
	v := make([]reg.VecVirtual, len(in))
	for i, p := range in {
		v[i] = load(Mem{Base: p, Index: ptI, Scale: 1})
	}
	slopes := load(Mem{Base: ptPattern, Index: ptJ, Scale: 1})
	x := v[len(v)-1]
	if !k.backward {
		return w.blend(positive(w, x, zero), x, mul(w, x, slopes))
	}
	dy := v[0]
	terms := w.keep(w.compare(cmpNGT_UQ, zero, x), mul(w, dy, x))
	low, high := w.vec(), w.vec()
	VCVTPS2PD(terms.AsY(), low)
	VEXTRACTF32X8(U8(1), terms, terms.AsY())
	VCVTPS2PD(terms.AsY(), high)
	for h, sum := range []reg.VecVirtual{low, high} {
		acc := Mem{Base: ptAcc, Index: ptJ, Scale: 2, Disp: w.bytes() * h}
		VADDPD(acc, sum, sum)
		VMOVUPD(sum, acc)
	}
	return w.blend(positive(w, x, zero), dy, mul(w, dy, slopes))
}
