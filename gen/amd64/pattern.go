package main

import (
	. "github.com/mmcloughlin/avo/build"
	. "github.com/mmcloughlin/avo/operand"
	"github.com/mmcloughlin/avo/reg"
)

// preluPatternKernel emits the AVX-512 PReLU kernel for layouts whose rows
// are short (NHWC with few channels, and NCHW with tiny maps): element i
// takes its slope from pattern[i % len(pattern)], a pattern of whole rows
// of slopes that the driver builds, a multiple of 16 long, so that every
// vector reads 16 consecutive slopes. It walks x from element 0, each
// element loaded and stored once (in place is safe), the last n%16 through
// an opmask; it streams only where dst is 64-byte aligned.
func preluPatternKernel() {
	w := avx512
	kernel("preluPatternAVX512", "func(dst, x, pattern []float32, stream bool)")
	Doc("preluPatternAVX512 sets dst[i] = x[i] > 0 ? x[i] : x[i]*pattern[i%len(pattern)], where len(pattern)",
		"is a positive multiple of 16. dst may be x. With stream set it writes dst with non-temporal",
		"stores if dst is 64-byte aligned.")
	out := Load(Param("dst").Base(), reg.RDI)
	n := Load(Param("dst").Len(), reg.RCX)
	x := Load(Param("x").Base(), reg.RSI)
	pattern := Load(Param("pattern").Base(), reg.RDX)
	period := Load(Param("pattern").Len(), reg.R10)
	i, j, end, tmp := reg.RBX, reg.R11, reg.R8, reg.R9 // offsets in x and in the pattern, end of the whole vectors
	SHLQ(Imm(2), period)
	XORQ(i, i)
	XORQ(j, j)
	MOVQ(n, end)
	ANDQ(I32(-w.lanes), end)
	SHLQ(Imm(2), end)
	zero := w.zeros()
	vector := func(m reg.OpmaskVirtual) reg.VecVirtual {
		xs, slopes := w.vec(), w.vec()
		at, from := Mem{Base: x, Index: i, Scale: 1}, Mem{Base: pattern, Index: j, Scale: 1}
		if m == nil {
			VMOVUPS(at, xs)
			VMOVUPS(from, slopes)
		} else {
			VMOVUPS_Z(at, m, xs)
			VMOVUPS_Z(from, m, slopes)
		}
		return w.blend(positive(w, xs, zero), xs, mul(w, xs, slopes))
	}
	loop := func(tag string, store func(reg.VecVirtual, Mem)) {
		Label(tag)
		CMPQ(i, end)
		JAE(LabelRef("tail"))
		store(vector(nil), Mem{Base: out, Index: i, Scale: 1})
		ADDQ(Imm(uint64(w.bytes())), i)
		Comment("The next slopes, back to the pattern's start at its end.")
		ADDQ(Imm(uint64(w.bytes())), j)
		MOVQ(j, tmp)
		SUBQ(period, tmp)
		CMOVQEQ(tmp, j)
		JMP(LabelRef(tag))
	}
	stream := Load(Param("stream"), tmp.As8())
	TESTB(stream, stream)
	JZ(LabelRef("plain"))
	TESTQ(U32(w.bytes()-1), out)
	JNZ(LabelRef("plain"))
	loop("nt", func(v reg.VecVirtual, m Mem) { VMOVNTPS(v, m) })
	loop("plain", func(v reg.VecVirtual, m Mem) { VMOVUPS(v, m) })

	Label("tail")
	SFENCE()
	Comment("The last n%16 elements, if any.")
	ANDQ(Imm(uint64(w.lanes-1)), n)
	m := laneMask(reg.RCX, tmp)
	VMOVUPS(vector(m), m, Mem{Base: out, Index: i, Scale: 1})
	VZEROUPPER()
	RET()
}
