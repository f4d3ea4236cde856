package main

import (
	"fmt"

	. "github.com/mmcloughlin/avo/build"
	. "github.com/mmcloughlin/avo/operand"
	"github.com/mmcloughlin/avo/reg"

	"github.com/simdact/simdact/internal/prelu"
)

// preluInterleaved is an interleaved PReLU kernel: element i is in channel
// (i/inner) % len(slope), 1 <= inner <= 7. Eight consecutive channels span
// exactly inner vectors, and lane l of the group's vector k is in its
// channel (8k+l)/inner: the kernel loads the group's 8 slopes and permutes
// them into each vector with a constant index (none for inner = 1). An
// iteration handles groups enough for 4 or more vectors; its slopes come
// from one address, in slope or, near its end, in wrap (slope's last 32
// then its first 32), so len(slope) >= 32. The last partial iteration goes
// through masked loads and stores. The output is written in order from
// element 0, with non-temporal stores only when stream is set and it is
// 32-byte aligned. The backward kernel adds the term of element i into
// acc[i % len(acc)], len(acc) a multiple of the iteration's elements; when
// it does not stream, it takes 4 rows of len(acc) elements at a time (see
// quads).
type preluInterleaved struct {
	backward bool
	index    Mem // preluIndexTable
}

// General-purpose registers of the interleaved kernels.
var (
	ilOut, ilN, ilP, ilC    = reg.RDI, reg.RCX, reg.RAX, reg.RBX // output, n, element index, channel of the iteration
	ilSlope, ilLen, ilWrap  = reg.R12, reg.R13, reg.R11
	ilBase, ilTmp           = reg.R8, reg.R9   // the iteration's slopes, scratch
	ilAccEnd, ilAccPosition = reg.R10, reg.R14 // &acc[len(acc)], byte offset from it (negative)
)

// ilMaxInner is the largest inner of the interleaved kernels.
const ilMaxInner = prelu.MaxInterleavedInner

// groupsPerIteration is the number of 8-channel groups an iteration
// handles: enough for at least prelu.VectorsPerIteration vectors.
func groupsPerIteration(inner int) int { return prelu.GroupsPerIteration(inner) }

// preluIndexTable emits the permutation indexes: for inner from 2 to 7,
// vector k of a group, lane l, the channel (8k+l)/inner, at byte
// ((inner-2)*8+k)*32 + 4l.
func preluIndexTable() Mem {
	table := GLOBL("preluIndex", RODATA|NOPTR)
	for inner := 2; inner <= ilMaxInner; inner++ {
		for k := range inner {
			for l := range lanes {
				DATA(preluIndexOffset(inner, k)+4*l, U32((8*k+l)/inner))
			}
		}
	}
	return table
}

func preluIndexOffset(inner, k int) int { return ((inner-2)*8 + k) * 32 }

func (k preluInterleaved) name() string {
	if k.backward {
		return "preluBackwardInterleavedAVX2"
	}
	return "preluInterleavedAVX2"
}

func (k preluInterleaved) generate() {
	kernel(k.name(), preluSignature(k.backward, true))
	out, ins := "dst", []string{"x"}
	if k.backward {
		out, ins = "dx", []string{"dy", "x"}
		Doc(k.name()+" sets dx[i] = x[i] > 0 ? dy[i] : dy[i]*slope[c] and adds x[i] > 0 ? 0 : dy[i]*x[i]",
			"into acc[i % len(acc)], where c = (i/inner) % len(slope), 1 <= inner <= 7.",
			"len(slope) >= 32, wrap holds slope's last 32 then its first 32 values, and len(acc) is a",
			"multiple of 8*inner*ceil(4/inner). dx may be dy or x. With stream set it writes dx with",
			"non-temporal stores if dx is 32-byte aligned.")
	} else {
		Doc(k.name()+" sets dst[i] = x[i] > 0 ? x[i] : x[i]*slope[c], where c = (i/inner) % len(slope),",
			"1 <= inner <= 7. len(slope) >= 32 and wrap holds slope's last 32 then its first 32 values.",
			"dst may be x. With stream set it writes dst with non-temporal stores if dst is 32-byte aligned.")
	}
	Load(Param(out).Base(), ilOut)
	Load(Param(out).Len(), ilN)
	in := make([]reg.Register, len(ins))
	for i, name := range ins {
		in[i] = Load(Param(name).Base(), inputRegs[i])
	}
	Load(Param("slope").Base(), ilSlope)
	Load(Param("slope").Len(), ilLen)
	Load(Param("wrap").Base(), ilWrap)
	if k.backward {
		Load(Param("acc").Base(), ilAccEnd)
		resetAccPosition()
		SUBQ(ilAccPosition, ilAccEnd)
	}
	XORQ(ilP, ilP)
	XORQ(ilC, ilC)
	Load(Param("inner"), ilTmp)
	for inner := 1; inner < ilMaxInner; inner++ {
		CMPQ(ilTmp, Imm(uint64(inner)))
		JEQ(LabelRef(fmt.Sprintf("inner%d", inner)))
	}
	for inner := ilMaxInner; inner >= 1; inner-- {
		k.variant(inner, in)
	}
}

// variant emits the loops for one inner.
func (k preluInterleaved) variant(inner int, in []reg.Register) {
	tag := fmt.Sprintf("inner%d", inner)
	Label(tag)
	zero := avx2.zeros()
	// The forward kernel keeps the permutation indexes in registers; the
	// backward one, short of registers, loads them where it uses them.
	index := func(i int) reg.VecVirtual { return k.loadIndex(inner, i) }
	if !k.backward && inner > 1 {
		loaded := make([]reg.VecVirtual, inner)
		for i := range loaded {
			loaded[i] = k.loadIndex(inner, i)
		}
		index = func(i int) reg.VecVirtual { return loaded[i] }
	}
	Load(Param("stream"), ilTmp.As8())
	TESTB(ilTmp.As8(), ilTmp.As8())
	JZ(LabelRef(tag + "_plain"))
	TESTQ(U32(31), ilOut)
	JNZ(LabelRef(tag + "_plain"))
	k.loop(tag+"_nt", inner, in, zero, index, false, func(v reg.VecVirtual, m Mem) { VMOVNTPS(v, m) })
	SFENCE()
	JMP(LabelRef(tag + "_partial"))
	k.loop(tag+"_plain", inner, in, zero, index, k.backward, func(v reg.VecVirtual, m Mem) { VMOVUPS(v, m) })

	Label(tag + "_partial")
	Comment("The last elements, fewer than an iteration: vector j keeps its lanes below n-p-8j.")
	k.selectSlopes()
	lane := laneIndex(ilTmp)
	k.iteration(inner, func(j int, slopes reg.VecVirtual) {
		MOVQ(ilN, ilTmp)
		SUBQ(ilP, ilTmp)
		SUBQ(Imm(uint64(8*j)), ilTmp)
		valid := lanesBelow(lane, ilTmp)
		at := k.at(j)
		out, terms := preluVector(k.backward, preluMaskedLoads(in, at, valid), slopes, zero)
		VMASKMOVPS(out, valid, at(ilOut))
		k.accumulate(j, terms)
	}, func(i int) reg.VecVirtual { return k.loadIndex(inner, i) })
	VZEROUPPER()
	RET()
	emitOutOfLine()
}

// loadIndex loads the permutation of a group's vector i.
func (k preluInterleaved) loadIndex(inner, i int) reg.VecVirtual {
	idx := YMM()
	VMOVDQU(k.index.Offset(preluIndexOffset(inner, i)), idx)
	return idx
}

// at addresses vector j of the iteration at ilP in the slice at base.
func (k preluInterleaved) at(j int) func(base reg.Register) Mem {
	return func(b reg.Register) Mem { return Mem{Base: b, Index: ilP, Scale: 4, Disp: 32 * j} }
}

// loop emits the whole iterations, storing with store, after the loop of
// quads if withQuads; it leaves with fewer than an iteration's elements
// left. (Streaming, quads are slower: their stores fill 4 lines at once.)
func (k preluInterleaved) loop(tag string, inner int, in []reg.Register, zero reg.VecVirtual, index func(int) reg.VecVirtual, withQuads bool, store func(reg.VecVirtual, Mem)) {
	size := 8 * groupsPerIteration(inner) * inner
	Label(tag)
	if withQuads {
		k.quads(tag, inner, in, zero, store)
	}
	Label(tag + "_rows")
	LEAQ(Mem{Base: ilP, Disp: size}, ilTmp)
	CMPQ(ilTmp, ilN)
	JA(LabelRef(tag + "_end"))
	k.selectSlopes()
	k.iteration(inner, func(j int, slopes reg.VecVirtual) {
		at := k.at(j)
		out, terms := preluVector(k.backward, loadInputs(avx2, in, at), slopes, zero)
		store(out, at(ilOut))
		k.accumulate(j, terms)
	}, index)
	ADDQ(U32(size), ilP)
	k.advance(tag, inner)
	JMP(LabelRef(tag + "_rows"))
	Label(tag + "_end")
}

// selectSlopes points ilBase at the iteration's slopes: &slope[c], or, if
// fewer than prelu.Span slopes follow it, the same channel in wrap (whose
// second half starts at slope[0]).
func (k preluInterleaved) selectSlopes() {
	MOVQ(ilC, ilTmp)
	SUBQ(ilLen, ilTmp)
	LEAQ(Mem{Base: ilSlope, Index: ilC, Scale: 4}, ilBase)
	CMPQ(ilTmp, I32(-prelu.Span))
	LEAQ(Mem{Base: ilWrap, Index: ilTmp, Scale: 4, Disp: 4 * prelu.Span}, ilTmp)
	CMOVQGT(ilTmp, ilBase)
}

// iteration calls vector for each vector j of an iteration with its
// slopes; index(k) gives the permutation of a group's vector k.
func (k preluInterleaved) iteration(inner int, vector func(j int, slopes reg.VecVirtual), index func(k int) reg.VecVirtual) {
	for g := range groupsPerIteration(inner) {
		group := Mem{Base: ilBase, Disp: 32 * g}
		for i := range inner {
			slopes := YMM()
			if inner == 1 {
				VMOVUPS(group, slopes)
			} else {
				VPERMPS(group, index(i), slopes)
			}
			vector(g*inner+i, slopes)
		}
	}
}

// accumulate adds the 8 terms of vector j into acc (backward only).
func (k preluInterleaved) accumulate(j int, terms reg.VecVirtual) {
	if k.backward {
		low, high := toFloat64(terms)
		addToAcc(j, low, high)
	}
}

// toFloat64 converts the 8 lanes of terms to float64, exactly.
func toFloat64(terms reg.VecVirtual) (low, high reg.VecVirtual) {
	low, high = YMM(), YMM()
	VCVTPS2PD(terms.AsX(), low)
	VEXTRACTF128(U8(1), terms, high.AsX())
	VCVTPS2PD(high.AsX(), high)
	return low, high
}

// addToAcc adds the float64 lanes low and high of vector j into acc.
func addToAcc(j int, low, high reg.VecVirtual) {
	for h, v := range []reg.VecVirtual{low, high} {
		m := Mem{Base: ilAccEnd, Index: ilAccPosition, Scale: 1, Disp: 64*j + 32*h}
		VADDPD(m, v, v)
		VMOVUPD(v, m)
	}
}

// quads emits the backward loop over blocks of 4 rows, a row being len(acc)
// elements, where element j of each row has the slope and the accumulators
// of element j of the first: an iteration computes the vectors of a row
// iteration (as many groups as fill 4 vectors) in the 4 rows and adds each
// vector's terms into acc once, in float32 first (as addTerms), instead of
// 4 times. It leaves with fewer than 4 rows left, the slices' pointers
// moved past the rows it did and ilP zero.
func (k preluInterleaved) quads(tag string, inner int, in []reg.Register, zero reg.VecVirtual, store func(reg.VecVirtual, Mem)) {
	row := ilP // bytes in a row, and elements in 4 rows: 4*len(acc)
	Load(Param("acc").Len(), row)
	SHLQ(Imm(2), row)
	Label(tag + "_quad")
	CMPQ(ilN, row)
	JB(LabelRef(tag + "_quad_end"))
	Label(tag + "_quad_it")
	k.selectSlopes()
	three := ilTmp
	LEAQ(Mem{Base: row, Index: row, Scale: 2}, three)
	at := func(r, j int) func(reg.Register) Mem {
		return func(b reg.Register) Mem {
			m := Mem{Base: b, Disp: 32 * j}
			switch r {
			case 1, 2:
				m.Index, m.Scale = row, uint8(r)
			case 3:
				m.Index, m.Scale = three, 1
			}
			return m
		}
	}
	k.iteration(inner, func(j int, slopes reg.VecVirtual) {
		// All 4 rows are loaded before any is stored: rows a multiple of
		// 4 KiB apart would otherwise make loads wait on stores whose
		// addresses look alike (4K aliasing).
		outs, terms := make([]reg.VecVirtual, 4), make([]reg.VecVirtual, 4)
		for r := range terms {
			outs[r], terms[r] = preluVector(true, loadInputs(avx2, in, at(r, j)), slopes, zero)
		}
		for r, out := range outs {
			store(out, at(r, j)(ilOut))
		}
		exact := fmt.Sprintf("%s_exact%d", tag, j)
		sum := sumChecked(terms, exact)
		low, high := toFloat64(sum)
		Label(exact + "_done")
		addToAcc(j, low, high)
		outOfLine = append(outOfLine, func() {
			Label(exact)
			l, h := toFloat64(terms[0])
			for _, t := range terms[1:] {
				tl, th := toFloat64(t)
				VADDPD(tl, l, l)
				VADDPD(th, h, h)
			}
			VMOVAPD(l, low)
			VMOVAPD(h, high)
			JMP(LabelRef(exact + "_done"))
		})
	}, func(i int) reg.VecVirtual { return k.loadIndex(inner, i) })
	vectors := groupsPerIteration(inner) * inner
	for _, p := range append([]reg.Register{ilOut}, in...) {
		ADDQ(U32(32*vectors), p)
	}
	advanceChannel(8 * groupsPerIteration(inner))
	ADDQ(U32(64*vectors), ilAccPosition)
	JNZ(LabelRef(tag + "_quad_it"))

	Comment("The row is done: skip the 3 others, and start the accumulators over.")
	resetAccPosition()
	LEAQ(Mem{Base: row, Index: row, Scale: 2}, three)
	for _, p := range append([]reg.Register{ilOut}, in...) {
		ADDQ(three, p)
	}
	SUBQ(row, ilN)
	JMP(LabelRef(tag + "_quad"))
	Label(tag + "_quad_end")
	XORQ(ilP, ilP)
}

// advance moves the channel, and backward the accumulator position, past
// an iteration, wrapping them at the ends of slope and acc.
func (k preluInterleaved) advance(tag string, inner int) {
	advanceChannel(8 * groupsPerIteration(inner))
	if k.backward {
		ADDQ(U32(64*groupsPerIteration(inner)*inner), ilAccPosition)
		JNZ(LabelRef(tag + "_acc_wrapped"))
		resetAccPosition()
		Label(tag + "_acc_wrapped")
	}
}

// advanceChannel adds channels to the channel, modulo len(slope).
func advanceChannel(channels int) {
	ADDQ(U32(channels), ilC)
	MOVQ(ilC, ilTmp)
	SUBQ(ilLen, ilTmp)
	CMOVQGE(ilTmp, ilC)
}

// resetAccPosition points the accumulator position at acc[0].
func resetAccPosition() {
	Load(Param("acc").Len(), ilAccPosition)
	SHLQ(Imm(3), ilAccPosition)
	NEGQ(ilAccPosition)
}
