package main

import (
	"fmt"

	. "github.com/mmcloughlin/avo/build"
	. "github.com/mmcloughlin/avo/operand"
	"github.com/mmcloughlin/avo/reg"
)

// PReLU's kernels come in two shapes (internal/prelu chooses between them):
// planar for inner >= 8, where a vector lies in at most two channels, and
// interleaved for inner < 8, where 8 channels span exactly inner vectors.
// Each has a forward and a backward kernel; the backward ones also add each
// element's slope-gradient term, x > 0 ? 0 : dy*x, into float64
// accumulators.

// lanes is the width of the PReLU kernels, which are AVX2's only.
const lanes = 8

func preluKernels() {
	preluPlanar{backward: false}.generate()
	preluPlanar{backward: true}.generate()
	index := preluIndexTable()
	preluInterleaved{backward: false, index: index}.generate()
	preluInterleaved{backward: true, index: index}.generate()
	preluPatternKernel()
}

// preluVector computes one vector of a PReLU kernel from the loaded inputs
// (x, or dy and x) and the slopes of its lanes: the output and, backward,
// the slope-gradient terms.
func preluVector(backward bool, in []reg.VecVirtual, slopes, zero reg.VecVirtual) (out, terms reg.VecVirtual) {
	x := in[len(in)-1]
	keep := positive(avx2, x, zero)
	if !backward {
		return avx2.blend(keep, x, mul(avx2, x, slopes)), nil
	}
	dy := in[0]
	terms = YMM()
	VANDNPS(mul(avx2, dy, x), keep, terms)
	return avx2.blend(keep, dy, mul(avx2, dy, slopes)), terms
}

// widen returns the sum of the low and high 4 lanes of terms, in float64:
// 4 partial sums, exact but for one rounding.
func widen(terms reg.VecVirtual) reg.VecVirtual {
	low, high := toFloat64(terms)
	VADDPD(low, high, low)
	return low
}

// addTerms adds 4 or 8 vectors of terms into sums: in float32 first,
// pairwise (2 or 3 additions deep), and then in float64, unless the float32
// sum of some lane is not finite (a term is ±Inf or NaN, or the additions
// overflowed); then it adds each vector in float64 (out of line), so that
// the result is what float64 additions of the terms give.
func addTerms(tag string, sums reg.VecVirtual, terms []reg.VecVirtual) {
	accumulate(sums, widen(sumChecked(terms, tag+"_exact")))
	Label(tag + "_added")
	outOfLine = append(outOfLine, func() {
		Label(tag + "_exact")
		for _, t := range terms {
			accumulate(sums, widen(t))
		}
		JMP(LabelRef(tag + "_added"))
	})
}

// sumChecked returns the float32 sum of 4 or 8 vectors of terms, added
// pairwise (2 or 3 additions deep), and jumps to exact if a lane of it is
// not finite.
func sumChecked(terms []reg.VecVirtual, exact string) reg.VecVirtual {
	sums := terms
	for len(sums) > 1 {
		pairs := make([]reg.VecVirtual, len(sums)/2)
		for i := range pairs {
			pairs[i] = YMM()
			VADDPS(sums[2*i+1], sums[2*i], pairs[i])
		}
		sums = pairs
	}
	check := YMM()
	VSUBPS(sums[0], sums[0], check)
	VPTEST(check, check)
	JNZ(LabelRef(exact))
	return sums[0]
}

// outOfLine holds code that a kernel emits after its RET: rare paths that
// jump back.
var outOfLine []func()

// emitOutOfLine emits and forgets the code in outOfLine.
func emitOutOfLine() {
	for _, f := range outOfLine {
		f()
	}
	outOfLine = nil
}

// accumulate adds v (4 float64) into sums.
func accumulate(sums, v reg.VecVirtual) { VADDPD(v, sums, sums) }

// preluSignature is the Go signature of a PReLU kernel.
func preluSignature(backward, interleaved bool) string {
	params := "dst, x, slope"
	if backward {
		params = "dx, dy, x, slope"
	}
	if interleaved {
		params += ", wrap"
	}
	params += " []float32, "
	if backward {
		params += "acc []float64, "
	}
	return "func(" + params + "inner int, stream bool)"
}

// preluMaskedLoads loads the lanes of mask, and zeros in the others.
func preluMaskedLoads(in []reg.Register, at func(base reg.Register) Mem, mask reg.VecVirtual) []reg.VecVirtual {
	v := make([]reg.VecVirtual, len(in))
	for i, b := range in {
		v[i] = YMM()
		VMASKMOVPS(at(b), mask, v[i])
	}
	return v
}

// preluPlanar is a planar kernel: element i is in channel (i/inner) %
// len(slope), inner >= 8. It walks the output's 32-byte-aligned vectors
// one channel segment at a time: the vectors inside the segment with its
// slope broadcast (the same loop as LeakyReLU's), then the vector that
// straddles the boundary, if any, with the two slopes blended. The first 8
// results are computed before anything is stored and stored last, as in
// the elementwise kernels; the last n%8 or fewer go through masked loads
// and stores. The backward kernel sums each segment's terms in registers
// and adds the sum into acc[channel] when the segment ends.
type preluPlanar struct{ backward bool }

// General-purpose registers of the planar kernels.
var (
	plOut, plN                     = reg.RDI, reg.RCX
	plP, plSegEnd, plSlope, plNext = reg.RAX, reg.RBX, reg.R8, reg.R11 // element index, end of its channel, &slope[c], &slope[c+1]
	plTmp, plAcc                   = reg.R9, reg.R10
	plSlopeBase, plSlopeEnd        = reg.R12, reg.R13
	plInner                        = reg.R14
)

func (k preluPlanar) name() string {
	if k.backward {
		return "preluBackwardPlanarAVX2"
	}
	return "preluPlanarAVX2"
}

func (k preluPlanar) generate() {
	kernel(k.name(), preluSignature(k.backward, false))
	out, ins := "dst", []string{"x"}
	if k.backward {
		out, ins = "dx", []string{"dy", "x"}
		Doc(k.name()+" sets dx[i] = x[i] > 0 ? dy[i] : dy[i]*slope[c] and adds the sum of x[i] > 0 ? 0 : dy[i]*x[i]",
			"over each channel c into acc[c], where c = (i/inner) % len(slope), inner >= 8.",
			"dx may be dy or x. With stream set it writes dx with non-temporal stores.")
	} else {
		Doc(k.name()+" sets dst[i] = x[i] > 0 ? x[i] : x[i]*slope[c], where c = (i/inner) % len(slope), inner >= 8.",
			"dst may be x. With stream set it writes dst with non-temporal stores.")
	}
	Load(Param(out).Base(), plOut)
	Load(Param(out).Len(), plN)
	in := make([]reg.Register, len(ins))
	for i, name := range ins {
		in[i] = Load(Param(name).Base(), inputRegs[i])
	}
	Load(Param("slope").Base(), plSlopeBase)
	Load(Param("slope").Len(), plSlopeEnd)
	LEAQ(Mem{Base: plSlopeBase, Index: plSlopeEnd, Scale: 4}, plSlopeEnd)
	Load(Param("inner"), plInner)
	if k.backward {
		Load(Param("acc").Base(), plAcc)
	}
	zero := avx2.zeros()
	sums := YMM()
	VXORPD(sums, sums, sums)
	head := YMM()
	MOVQ(plSlopeBase, plSlope)
	MOVQ(plInner, plSegEnd)
	XORQ(plP, plP)
	CMPQ(plN, Imm(lanes))
	JAE(LabelRef("head"))
	VXORPS(head, head, head)
	JMP(LabelRef("tail"))

	Label("head")
	Comment("The first 8 results, all in channel 0, before any store. The walk",
		"starts at the first 32-byte-aligned output; the head covers the lanes before it.")
	slopes := YMM()
	VBROADCASTSS(Mem{Base: plSlope}, slopes)
	first, terms := preluVector(k.backward, loadInputs(avx2, in, func(b reg.Register) Mem { return Mem{Base: b} }), slopes, zero)
	VMOVAPS(first, head)
	MOVQ(plOut, plP)
	NEGQ(plP)
	ANDQ(Imm(31), plP)
	SHRQ(Imm(2), plP)
	if k.backward {
		VANDPS(lanesBelow(laneIndex(plTmp), plP), terms, terms)
		accumulate(sums, widen(terms))
	}
	stream := Load(Param("stream"), reg.R9B)
	TESTB(stream, stream)
	JNZ(LabelRef("nt_start"))
	k.walk("plain", in, zero, sums, slopes, func(v reg.VecVirtual, m Mem) { VMOVUPS(v, m) })
	k.walk("nt", in, zero, sums, slopes, func(v reg.VecVirtual, m Mem) { VMOVNTPS(v, m) })
	Label("nt_tail")
	SFENCE()
	k.tail(in, zero, sums, head)
}

// walk emits the loop over channel segments, storing whole vectors with
// store; it leaves for the label tail when fewer than 8 elements remain.
func (k preluPlanar) walk(tag string, in []reg.Register, zero, sums, slopes reg.VecVirtual, store func(reg.VecVirtual, Mem)) {
	tail := "tail"
	if tag == "nt" {
		tail = "nt_tail"
	}
	at := func(disp int) func(reg.Register) Mem {
		return func(b reg.Register) Mem { return Mem{Base: b, Index: plP, Scale: 4, Disp: disp} }
	}
	vector := func(disp int, slopes reg.VecVirtual) (terms reg.VecVirtual) {
		out, terms := preluVector(k.backward, loadInputs(avx2, in, at(disp)), slopes, zero)
		store(out, at(disp)(plOut))
		return terms
	}

	Label(tag + "_start")
	if !k.backward {
		k.blocks(tag, vector)
	}

	Label(tag + "_seg")
	Comment("The whole vectors of the segment: as many as fit before its end and before n.")
	VBROADCASTSS(Mem{Base: plSlope}, slopes)
	MOVQ(plSegEnd, plTmp)
	CMPQ(plN, plTmp)
	CMOVQLT(plN, plTmp)
	SUBQ(plP, plTmp)
	SHRQ(Imm(3), plTmp)
	// Backward, 8 vectors at a time first: their terms are summed in
	// float32 three additions deep, then widened once.
	blocks := []int{4}
	if k.backward {
		blocks = []int{8, 4}
	}
	for _, size := range blocks {
		loop := fmt.Sprintf("%s_x%d", tag, size)
		Label(loop)
		CMPQ(plTmp, Imm(uint64(size)))
		JB(LabelRef(loop + "_end"))
		terms := make([]reg.VecVirtual, size)
		for u := range terms {
			terms[u] = vector(32*u, slopes)
		}
		if k.backward {
			addTerms(loop, sums, terms)
		}
		ADDQ(Imm(uint64(lanes*size)), plP)
		SUBQ(Imm(uint64(size)), plTmp)
		JMP(LabelRef(loop))
		Label(loop + "_end")
	}
	Label(tag + "_x1")
	TESTQ(plTmp, plTmp)
	JZ(LabelRef(tag + "_edge"))
	if terms := vector(0, slopes); k.backward {
		accumulate(sums, widen(terms))
	}
	ADDQ(Imm(8), plP)
	DECQ(plTmp)
	JMP(LabelRef(tag + "_x1"))

	Label(tag + "_edge")
	Comment("The vector across the segment's end: lanes below segEnd-p keep the",
		"slope, the others take the next channel's. Fewer than 8 left: the tail.")
	k.nextChannel()
	LEAQ(Mem{Base: plP, Disp: lanes}, plTmp)
	CMPQ(plTmp, plN)
	JA(LabelRef(tail))
	index := laneIndex(plTmp)
	MOVQ(plSegEnd, plTmp)
	SUBQ(plP, plTmp)
	below := lanesBelow(index, plTmp)
	k.blendNext(below, slopes)
	if terms := vector(0, slopes); k.backward {
		k.split(below, terms, sums)
	}
	ADDQ(Imm(lanes), plP)
	MOVQ(plNext, plSlope)
	ADDQ(plInner, plSegEnd)
	JMP(LabelRef(tag + "_seg"))
}

// blocks emits, for 32 <= inner < 256, the forward walk 4 vectors at a
// time without a branch per segment, whose mispredictions cost more than
// short segments' work: 32 elements meet at most one boundary, where lanes
// below segEnd-p keep the slope and the others take the next channel's. It
// leaves for the segment walk for other inner and when fewer than 32
// elements are left.
// blocksMaxInner bounds the inner of the blocks: from there on, segments
// are long enough that the segment walk's branch is rarely taken.
const blocksMaxInner = 256

func (k preluPlanar) blocks(tag string, vector func(disp int, slopes reg.VecVirtual) reg.VecVirtual) {
	const size = 4 * lanes
	moved := reg.R10 // the segment end once moved (plAcc, unused forward)
	CMPQ(plInner, Imm(size))
	JB(LabelRef(tag + "_seg"))
	CMPQ(plInner, U32(blocksMaxInner))
	JAE(LabelRef(tag + "_seg"))
	index := laneIndex(plTmp)
	eight := YMM()
	MOVL(U32(lanes), plTmp.As32())
	VMOVD(plTmp.As32(), eight.AsX())
	VPBROADCASTD(eight.AsX(), eight)
	Label(tag + "_block")
	LEAQ(Mem{Base: plP, Disp: size}, plTmp)
	CMPQ(plTmp, plN)
	JA(LabelRef(tag + "_seg"))
	Comment("r = min(segEnd-p, 64): lane l of vector v keeps the slope where 8v+l < r.")
	MOVQ(plSegEnd, plTmp)
	SUBQ(plP, plTmp)
	CMPQ(plTmp, Imm(2*size))
	JBE(LabelRef(tag + "_near"))
	MOVL(U32(2*size), plTmp.As32())
	Label(tag + "_near")
	left := YMM()
	VMOVD(plTmp.As32(), left.AsX())
	VPBROADCASTD(left.AsX(), left)
	here, next := YMM(), YMM()
	VBROADCASTSS(Mem{Base: plSlope}, here)
	k.nextChannel()
	VBROADCASTSS(Mem{Base: plNext}, next)
	for v := range 4 {
		if v > 0 {
			VPSUBD(eight, left, left)
		}
		keep := YMM()
		VPCMPGTD(index, left, keep)
		VBLENDVPS(keep, here, next, keep) // the lanes' slopes, over the mask
		vector(32*v, keep)
	}
	Comment("Past the boundary: the next channel's slope, and its end.")
	LEAQ(Mem{Base: plSegEnd, Index: plInner, Scale: 1}, moved)
	CMPQ(plTmp, Imm(size))
	CMOVQLE(plNext, plSlope)
	CMOVQLE(moved, plSegEnd)
	ADDQ(Imm(size), plP)
	JMP(LabelRef(tag + "_block"))
}

// nextChannel points plNext at the slope of the channel after plSlope's.
func (k preluPlanar) nextChannel() {
	LEAQ(Mem{Base: plSlope, Disp: 4}, plNext)
	CMPQ(plNext, plSlopeEnd)
	CMOVQEQ(plSlopeBase, plNext)
}

// blendNext replaces the lanes of slopes outside keep with plNext's slope.
func (k preluPlanar) blendNext(keep, slopes reg.VecVirtual) {
	next := YMM()
	VBROADCASTSS(Mem{Base: plNext}, next)
	VBLENDVPS(keep, slopes, next, slopes)
}

// split adds the terms of the lanes in this channel (mine) into sums,
// flushes sums into this channel's accumulator and starts the next
// channel's sums with the other terms.
func (k preluPlanar) split(mine, terms, sums reg.VecVirtual) {
	rest := YMM()
	VANDNPS(terms, mine, rest)
	VANDPS(mine, terms, terms)
	accumulate(sums, widen(terms))
	k.flush(sums, plSlope)
	VMOVAPD(widen(rest), sums)
}

// flush adds the 4 lanes of sums into acc[c], c being the channel whose
// slope slope points at.
func (k preluPlanar) flush(sums reg.VecVirtual, slope reg.Register) {
	high := YMM()
	VEXTRACTF128(U8(1), sums, high.AsX())
	VADDPD(sums.AsX(), high.AsX(), high.AsX())
	swapped := YMM()
	VPERMILPD(U8(1), high.AsX(), swapped.AsX())
	VADDSD(swapped.AsX(), high.AsX(), high.AsX())
	MOVQ(slope, plTmp)
	SUBQ(plSlopeBase, plTmp)
	acc := Mem{Base: plAcc, Index: plTmp, Scale: 2}
	VADDSD(acc, high.AsX(), high.AsX())
	VMOVSD(high.AsX(), acc)
}

// tail emits the last elements (fewer than 8, in at most two channels)
// through masked loads and stores, then stores the head.
func (k preluPlanar) tail(in []reg.Register, zero, sums, head reg.VecVirtual) {
	Label("tail")
	Comment("Lanes below n-p exist; lanes below segEnd-p are in channel c, the others in the next.")
	MOVQ(plN, plTmp)
	SUBQ(plP, plTmp)
	JZ(LabelRef("done"))
	index := laneIndex(plNext)
	valid := lanesBelow(index, plTmp)
	MOVQ(plSegEnd, plTmp)
	SUBQ(plP, plTmp)
	CMPQ(plTmp, Imm(lanes))
	JBE(LabelRef("clamped"))
	MOVQ(U32(lanes), plTmp)
	Label("clamped")
	mine := lanesBelow(index, plTmp)
	slopes := YMM()
	VBROADCASTSS(Mem{Base: plSlope}, slopes)
	k.nextChannel()
	k.blendNext(mine, slopes)
	at := func(b reg.Register) Mem { return Mem{Base: b, Index: plP, Scale: 4} }
	out, terms := preluVector(k.backward, preluMaskedLoads(in, at, valid), slopes, zero)
	VMASKMOVPS(out, valid, at(plOut))
	if k.backward {
		k.split(mine, terms, sums)
		k.flush(sums, plNext)
		JMP(LabelRef("head_store"))
	}

	Label("done")
	if k.backward {
		k.flush(sums, plSlope)
	}
	Label("head_store")
	CMPQ(plN, Imm(lanes))
	JB(LabelRef("return"))
	VMOVUPS(head, Mem{Base: plOut})
	Label("return")
	VZEROUPPER()
	RET()
	emitOutOfLine()
}
