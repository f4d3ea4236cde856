package main

import (
	"fmt"

	"github.com/simdact/simdact/internal/prelu"
)

// PReLU's NEON kernels have the shapes of the AVX2 ones (see
// internal/prelu), with 4 lanes: planar for inner >= prelu.PlanarMinInner
// (any inner >= 4 works), walking x one channel segment at a time;
// interleaved for smaller inner, where 4 consecutive channels span exactly
// inner vectors and TBL permutes a group's 4 slopes into each vector. The
// last elements, fewer than a vector, go through zero-padded copies in the
// stack frame. The backward kernels widen every term to float64 before
// adding it.

// lanes is the number of float32 lanes of a NEON vector.
const lanes = 4

// Vector registers of the PReLU kernels.
const (
	pIn       vreg = 0  // inputs: x, or dy and x (V0, V1)
	pSlopes   vreg = 2  // the slopes of the vector's lanes
	pOut      vreg = 3  // the result (and, before it, the x > 0 mask)
	pScaled   vreg = 4  // v*slope
	pFix      vreg = 5  // signFixer of the slopes
	pTmp      vreg = 6  // two temporaries for mulLikeX86
	pTerms    vreg = 8  // slope-gradient terms
	pWide     vreg = 9  // the terms in float64 (V9, V10)
	pAcc      vreg = 11 // accumulators loaded from memory (V11, V12)
	pSums     vreg = 13 // a planar segment's sums (V13, V14)
	pNext     vreg = 15 // the next channel's slope
	pPad      vreg = 16 // zeros for padding
	pLane     vreg = 17 // int32 lanes 0, 1, 2, 3
	pMask     vreg = 18 // lanes in the current channel
	pGroup    vreg = 19 // a group's 4 slopes
	pIndex    vreg = 20 // TBL indexes of a group's vectors (V20...V26)
	pSegSlope vreg = 27 // the current channel's slope, broadcast
)

// General-purpose registers of both PReLU shapes.
const (
	rOut   reg = 0  // the output
	rCount reg = 1  // elements left
	rIn    reg = 2  // the inputs: x, or dy and x (R2, R3)
	rCopy  reg = 7  // padded's element counter
	rTmp   reg = 9  // scratch; padded's copy pointer
	rAcc   reg = 10 // acc (backward)
)

// General-purpose registers of the planar kernels.
const (
	plLeft    reg = 5  // elements left in the channel segment
	plSlope   reg = 6  // &slope[c]
	plVectors reg = 7  // whole vectors left in the segment
	plNext    reg = 8  // &slope[c+1], wrapped to &slope[0]
	plBase    reg = 12 // slope
	plEnd     reg = 13 // &slope[len(slope)]
	plInner   reg = 14 // inner
)

// General-purpose registers of the interleaved kernels.
const (
	ilChannel  reg = 4  // c, the channel of the iteration's first element
	ilChannels reg = 5  // len(slope)
	ilBase     reg = 6  // slope
	ilWrap     reg = 7  // wrap
	ilGroup    reg = 8  // the next group's slopes
	ilAccPos   reg = 11 // the iteration's accumulators, in bytes from acc
	ilAccEnd   reg = 12 // len(acc) in bytes
	ilAccVec   reg = 15 // a vector's accumulators
)

// A preluKernel is one of the four PReLU kernels being written.
type preluKernel struct {
	*function
	backward bool
	inputs   int // 1 (x), or 2 (dy and x) backward
}

func preluKernels(f *file) {
	for _, backward := range []bool{false, true} {
		preluPlanarNEON(f, backward)
		preluInterleavedNEON(f, backward)
	}
}

// preluParams returns the parameters of a PReLU kernel.
func preluParams(backward, interleaved bool) []param {
	var ps []param
	names := []string{"dst", "x", "slope"}
	if backward {
		names = []string{"dx", "dy", "x", "slope"}
	}
	if interleaved {
		names = append(names, "wrap")
	}
	for _, n := range names {
		ps = append(ps, param{n, "[]float32"})
	}
	if backward {
		ps = append(ps, param{"acc", "[]float64"})
	}
	return append(ps, param{"inner", "int"})
}

// newPReLUKernel declares the kernel of a shape ("Planar" or
// "Interleaved"), whose doc follows its name, with a frame for padded, and
// loads the output, the count and the inputs.
func newPReLUKernel(f *file, backward bool, shape string, doc []string) *preluKernel {
	name, out, ins := "prelu"+shape+"NEON", "dst", []string{"x"}
	if backward {
		name, out, ins = "preluBackward"+shape+"NEON", "dx", []string{"dy", "x"}
	}
	doc[0] = name + " " + doc[0]
	fn := f.functionFrame(name, doc, preluParams(backward, shape == "Interleaved"), 48)
	fn.ins("MOVD %s, %s", fn.arg(out, "base"), rOut)
	fn.ins("MOVD %s, %s", fn.arg(out, "len"), rCount)
	for i, in := range ins {
		fn.ins("MOVD %s, %s", fn.arg(in, "base"), rIn+reg(i))
	}
	return &preluKernel{function: fn, backward: backward, inputs: len(ins)}
}

// op computes pOut from the inputs in pIn... and the slopes in s, and
// backward the terms in pTerms.
func (k *preluKernel) op(s vreg) {
	v := pIn // the value x > 0 passes: x, or dy
	x := pIn + vreg(k.inputs-1)
	signFixer(k.function, pFix, s)
	mulLikeX86(k.function, pScaled, v, s, pFix, []vreg{pTmp, pTmp + 1})
	k.word(fcmgtz(pOut, x))
	if k.backward {
		k.word(fmul(pTerms, pIn, x))
		k.word(bic(pTerms, pTerms, pOut))
	}
	bsl(k.function, pOut, v, pScaled)
}

// vector loads the next vector of each input, computes it with the slopes
// s and stores the result, advancing the pointers.
func (k *preluKernel) vector(s vreg) {
	for i := range k.inputs {
		k.ins("VLD1.P 16(%s), [V%d.S4]", rIn+reg(i), pIn+vreg(i))
	}
	k.op(s)
	k.ins("VST1.P [V%d.S4], 16(%s)", pOut, rOut)
}

// widen converts the terms t to float64 in pWide and pWide+1.
func (k *preluKernel) widen(t vreg) {
	k.word(fcvtl(pWide, t))
	k.word(fcvtl2(pWide+1, t))
}

// padded computes the rCount (1 to 3) elements left with the slopes s,
// through zero-padded copies of the inputs and output in the frame:
// in0-16(SP), in1-32(SP), out-48(SP). It uses rCopy and rTmp.
func (k *preluKernel) padded(tag string, s vreg) {
	for i := range k.inputs {
		in := rIn + reg(i)
		k.ins("MOVD $in%d-%d(SP), %s", i, 16*(i+1), rTmp)
		k.ins("VEOR V%d.B16, V%d.B16, V%d.B16", pPad, pPad, pPad)
		k.ins("VST1 [V%d.S4], (%s)", pPad, rTmp)
		k.ins("MOVD %s, %s", rCount, rCopy)
		k.label(fmt.Sprintf("%s_in%d", tag, i))
		k.ins("FMOVS.P 4(%s), F%d", in, pPad)
		k.ins("FMOVS.P F%d, 4(%s)", pPad, rTmp)
		k.ins("SUB $1, %s, %s", rCopy, rCopy)
		k.ins("CBNZ %s, %s_in%d", rCopy, tag, i)
		k.ins("MOVD $in%d-%d(SP), %s", i, 16*(i+1), rTmp)
		k.ins("VLD1 (%s), [V%d.S4]", rTmp, pIn+vreg(i))
	}
	k.op(s)
	k.ins("MOVD $out-48(SP), %s", rTmp)
	k.ins("VST1 [V%d.S4], (%s)", pOut, rTmp)
	k.label(tag + "_out")
	k.ins("FMOVS.P 4(%s), F%d", rTmp, pPad)
	k.ins("FMOVS.P F%d, 4(%s)", pPad, rOut)
	k.ins("SUB $1, %s, %s", rCount, rCount)
	k.ins("CBNZ %s, %s_out", rCount, tag)
}

// preluPlanarNEON walks x one channel segment of inner elements at a time:
// the segment's whole vectors with its slope, then the vector across its
// end with both channels' slopes, then (at the end) the last elements.
func preluPlanarNEON(f *file, backward bool) {
	doc := []string{fmt.Sprintf("sets dst[i] = x[i] > 0 ? x[i] : x[i]*slope[c], where c = (i/inner) %% len(slope), inner >= %d.", lanes),
		"dst may be x."}
	if backward {
		doc = []string{"sets dx[i] = x[i] > 0 ? dy[i] : dy[i]*slope[c] and adds the sum of x[i] > 0 ? 0 : dy[i]*x[i]",
			fmt.Sprintf("over each channel c into acc[c], where c = (i/inner) %% len(slope), inner >= %d. dx may be dy or x.", lanes)}
	}
	k := newPReLUKernel(f, backward, "Planar", doc)
	k.planarPrologue()
	k.planarSegment()
	k.planarEdge()
	k.planarTail()
}

// planarPrologue loads the slopes and inner, zeroes the sums and starts
// at the first channel.
func (k *preluKernel) planarPrologue() {
	k.ins("MOVD %s, %s", k.arg("slope", "base"), plBase)
	k.ins("MOVD %s, %s", k.arg("slope", "len"), plEnd)
	k.ins("ADD %s<<2, %s, %s", plEnd, plBase, plEnd)
	k.ins("MOVD %s, %s", k.arg("inner", ""), plInner)
	if k.backward {
		k.ins("MOVD %s, %s", k.arg("acc", "base"), rAcc)
		for _, v := range []vreg{pSums, pSums + 1} {
			k.ins("VEOR V%d.B16, V%d.B16, V%d.B16", v, v, v)
		}
	}
	k.ins("VMOVQ $0x0000000100000000, $0x0000000300000002, V%d", pLane)
	k.ins("MOVD %s, %s", plBase, plSlope)
	k.ins("MOVD %s, %s", plInner, plLeft)
}

// planarSegment computes the whole vectors of a segment that lie in it.
func (k *preluKernel) planarSegment() {
	k.label("seg")
	k.comment("The whole vectors of the segment, with its slope.")
	k.ins("VLD1R (%s), [V%d.S4]", plSlope, pSegSlope)
	k.ins("CMP %s, %s", rCount, plLeft)
	k.ins("CSEL LT, %s, %s, %s", plLeft, rCount, plVectors)
	k.ins("LSR $2, %s, %s", plVectors, plVectors)
	k.label("vectors")
	k.ins("CBZ %s, edge", plVectors)
	k.vector(pSegSlope)
	if k.backward {
		k.addTerms(pTerms)
	}
	k.ins("SUB $1, %s, %s", plVectors, plVectors)
	k.ins("SUB $%d, %s, %s", lanes, rCount, rCount)
	k.ins("SUB $%d, %s, %s", lanes, plLeft, plLeft)
	k.ins("B vectors")
}

// planarEdge computes the vector across the segment's end and moves to
// the next segment, or goes to the tail.
func (k *preluKernel) planarEdge() {
	k.label("edge")
	k.comment(fmt.Sprintf("The vector across the segment's end (%s lanes in it), unless fewer than %d are left.", plLeft, lanes))
	k.ins("ADD $4, %s, %s", plSlope, plNext)
	k.ins("CMP %s, %s", plEnd, plNext)
	k.ins("CSEL EQ, %s, %s, %s", plBase, plNext, plNext)
	k.ins("CMP $%d, %s", lanes, rCount)
	k.ins("BLT tail")
	k.blend(plLeft)
	k.vector(pSlopes)
	if k.backward {
		k.split()
	}
	k.ins("SUB $%d, %s, %s", lanes, rCount, rCount)
	k.ins("SUB $%d, %s, %s", lanes, plLeft, plLeft)
	k.ins("ADD %s, %s, %s", plInner, plLeft, plLeft)
	k.ins("MOVD %s, %s", plNext, plSlope)
	k.ins("B seg")
}

// planarTail computes the last elements and flushes the last sums.
func (k *preluKernel) planarTail() {
	k.label("tail")
	k.comment(fmt.Sprintf("The last 1 to 3 elements; lanes below %s are in the segment.", plLeft))
	k.ins("CBZ %s, done", rCount)
	// rTmp = min(plLeft, lanes), with rCopy holding lanes.
	k.ins("MOVD %s, %s", plLeft, rTmp)
	k.ins("MOVD $%d, %s", lanes, rCopy)
	k.ins("CMP $%d, %s", lanes, rTmp)
	k.ins("CSEL GT, %s, %s, %s", rCopy, rTmp, rTmp)
	k.blend(rTmp)
	k.padded("tail", pSlopes)
	if k.backward {
		k.split()
		k.flush(plNext)
	}
	k.ins("RET")
	k.label("done")
	if k.backward {
		k.flush(plSlope)
	}
	k.ins("RET")
}

// blend sets pMask to the lanes below n, which are in the segment, and
// pSlopes to the segment's slope in those lanes and the next channel's
// (at plNext) in the others.
func (k *preluKernel) blend(n reg) {
	k.ins("VDUP %s, V%d.S4", n, pMask)
	k.word(cmgt(pMask, pMask, pLane))
	k.ins("VLD1R (%s), [V%d.S4]", plNext, pNext)
	k.ins("VORR V%d.B16, V%d.B16, V%d.B16", pMask, pMask, pSlopes)
	bsl(k.function, pSlopes, pSegSlope, pNext)
}

// addTerms adds the terms t to the segment's sums.
func (k *preluKernel) addTerms(t vreg) {
	k.widen(t)
	k.word(faddd(pSums, pSums, pWide))
	k.word(faddd(pSums+1, pSums+1, pWide+1))
}

// flush adds the sums into acc[c], c the channel of the slope at ptr.
func (k *preluKernel) flush(ptr reg) {
	k.word(faddd(pWide, pSums, pSums+1))
	k.word(faddp(pWide, pWide))
	k.ins("SUB %s, %s, %s", plBase, ptr, rTmp)
	k.ins("ADD %s<<1, %s, %s", rTmp, rAcc, rTmp)
	k.ins("FMOVD (%s), F%d", rTmp, pWide+1)
	k.ins("FADDD F%d, F%d, F%d", pWide+1, pWide, pWide)
	k.ins("FMOVD F%d, (%s)", pWide, rTmp)
}

// split adds the terms of the lanes in pMask into the sums, flushes them
// into the current channel's accumulator and starts the next channel's
// sums with the others.
func (k *preluKernel) split() {
	k.ins("VAND V%d.B16, V%d.B16, V%d.B16", pMask, pTerms, pWide+1)
	k.word(bic(pTerms, pTerms, pMask))
	k.addTerms(pWide + 1)
	k.flush(plSlope)
	k.word(fcvtl(pSums, pTerms))
	k.word(fcvtl2(pSums+1, pTerms))
}

// preluInterleavedNEON runs, for each inner below prelu.PlanarMinInner,
// iterations of prelu.ChannelsPerIteration(lanes, inner) channels, whose
// slopes it reads from slope or, across its end, from wrap.
func preluInterleavedNEON(f *file, backward bool) {
	maxInner, span := prelu.MaxInterleavedInner, prelu.Span
	doc := []string{"sets dst[i] = x[i] > 0 ? x[i] : x[i]*slope[c], where c = (i/inner) % len(slope),",
		fmt.Sprintf("1 <= inner <= %d. len(slope) >= %d and wrap holds slope's last %d then its first %d values. dst may be x.", maxInner, span, span, span)}
	if backward {
		doc = []string{"sets dx[i] = x[i] > 0 ? dy[i] : dy[i]*slope[c] and adds x[i] > 0 ? 0 : dy[i]*x[i]",
			fmt.Sprintf("into acc[i %% len(acc)], where c = (i/inner) %% len(slope), 1 <= inner <= %d. len(slope) >= %d,", maxInner, span),
			fmt.Sprintf("wrap holds slope's last %d then its first %d values, and len(acc) is a multiple of", span, span),
			fmt.Sprintf("%d*inner*ceil(%d/inner). dx may be dy or x.", lanes, prelu.VectorsPerIteration)}
	}
	k := newPReLUKernel(f, backward, "Interleaved", doc)
	k.interleavedPrologue()
	for inner := maxInner; inner >= 1; inner-- {
		k.interleavedInner(inner)
	}
	k.label("padded")
	k.padded("pad", pSlopes)
	if k.backward {
		k.accumulate()
	}
	k.label("return")
	k.ins("RET")
}

// interleavedPrologue loads the slopes, wrap and acc, starts at channel 0
// and jumps to the code for inner (the largest falls through).
func (k *preluKernel) interleavedPrologue() {
	k.ins("MOVD %s, %s", k.arg("slope", "base"), ilBase)
	k.ins("MOVD %s, %s", k.arg("slope", "len"), ilChannels)
	k.ins("MOVD %s, %s", k.arg("wrap", "base"), ilWrap)
	if k.backward {
		k.ins("MOVD %s, %s", k.arg("acc", "base"), rAcc)
		k.ins("MOVD %s, %s", k.arg("acc", "len"), ilAccEnd)
		k.ins("LSL $3, %s, %s", ilAccEnd, ilAccEnd)
	}
	k.ins("MOVD %s, %s", zr, ilChannel)
	k.ins("MOVD %s, %s", zr, ilAccPos)
	k.ins("MOVD %s, %s", k.arg("inner", ""), rTmp)
	for inner := 1; inner < prelu.MaxInterleavedInner; inner++ {
		k.ins("CMP $%d, %s", inner, rTmp)
		k.ins("BEQ inner%d", inner)
	}
}

// interleavedInner writes the code for one inner: the TBL indexes, whole
// iterations, then what is left, vector by vector.
func (k *preluKernel) interleavedInner(inner int) {
	tag := fmt.Sprintf("inner%d", inner)
	k.label(tag)
	if inner > 1 {
		for v := range inner {
			lo, hi := tblIndexes(inner, v)
			k.ins("VMOVQ $0x%016x, $0x%016x, V%d", lo, hi, pIndex+vreg(v))
		}
	}
	k.interleavedLoop(tag, inner)
	k.interleavedPartial(tag, inner)
}

// interleavedLoop runs whole iterations, each on the next channels.
func (k *preluKernel) interleavedLoop(tag string, inner int) {
	channels := prelu.ChannelsPerIteration(lanes, inner)
	size := channels * inner
	k.label(tag + "_loop")
	k.ins("CMP $%d, %s", size, rCount)
	k.ins("BLT %s_partial", tag)
	k.selectSlopes()
	k.eachVector(inner, func(j int) {
		k.vector(pSlopes)
		if k.backward {
			k.accAt(j)
			k.accumulate()
		}
	})
	k.ins("SUB $%d, %s, %s", size, rCount, rCount)
	k.ins("ADD $%d, %s, %s", channels, ilChannel, ilChannel)
	k.ins("SUB %s, %s, %s", ilChannels, ilChannel, rTmp)
	k.ins("CMP %s, %s", ilChannels, ilChannel)
	k.ins("CSEL GE, %s, %s, %s", rTmp, ilChannel, ilChannel)
	if k.backward {
		k.ins("ADD $%d, %s, %s", 8*size, ilAccPos, ilAccPos)
		k.ins("CMP %s, %s", ilAccEnd, ilAccPos)
		k.ins("CSEL EQ, %s, %s, %s", zr, ilAccPos, ilAccPos)
	}
	k.ins("B %s_loop", tag)
}

// interleavedPartial computes the whole vectors of the last, partial
// iteration, then sends the last 1 to 3 elements to padded.
func (k *preluKernel) interleavedPartial(tag string, inner int) {
	k.label(tag + "_partial")
	k.comment("Fewer elements than an iteration: whole vectors, then the last 1 to 3 elements.")
	k.ins("CBZ %s, return", rCount)
	k.selectSlopes()
	k.eachVector(inner, func(j int) {
		if k.backward {
			k.accAt(j)
		}
		k.ins("CMP $%d, %s", lanes, rCount)
		k.ins("BLT padded")
		k.vector(pSlopes)
		if k.backward {
			k.accumulate()
		}
		k.ins("SUBS $%d, %s, %s", lanes, rCount, rCount)
		k.ins("BEQ return")
	})
	k.ins("B return")
}

// tblIndexes returns the TBL indexes, low and high 8 bytes, that copy into
// each lane of vector v of a group of channels of inner elements the slope
// of its channel, from a register of the group's lanes slopes.
func tblIndexes(inner, v int) (lo, hi uint64) {
	var b [4 * lanes]byte
	for l := range lanes {
		channel := (lanes*v + l) / inner
		for i := range 4 {
			b[4*l+i] = byte(4*channel + i)
		}
	}
	for i := 7; i >= 0; i-- {
		lo, hi = lo<<8|uint64(b[i]), hi<<8|uint64(b[8+i])
	}
	return lo, hi
}

// eachVector emits an iteration's vectors, group by group, calling vector
// with each one's number after its slopes are in pSlopes.
func (k *preluKernel) eachVector(inner int, vector func(j int)) {
	for g := range prelu.GroupsPerIteration(inner) {
		k.ins("VLD1.P 16(%s), [V%d.S4]", ilGroup, pGroup)
		for v := range inner {
			if inner == 1 {
				k.ins("VORR V%d.B16, V%d.B16, V%d.B16", pGroup, pGroup, pSlopes)
			} else {
				k.ins("VTBL V%d.B16, [V%d.B16], V%d.B16", pIndex+vreg(v), pGroup, pSlopes)
			}
			vector(g*inner + v)
		}
	}
}

// selectSlopes points ilGroup at the iteration's slopes: slope[c], or the
// same slopes in wrap where fewer than prelu.Span are left after c.
func (k *preluKernel) selectSlopes() {
	k.ins("SUB %s, %s, %s", ilChannels, ilChannel, rTmp)
	k.ins("ADDS $%d, %s, %s", prelu.Span, rTmp, rTmp)
	k.ins("ADD %s<<2, %s, %s", rTmp, ilWrap, rTmp)
	k.ins("ADD %s<<2, %s, %s", ilChannel, ilBase, ilGroup)
	k.ins("CSEL GT, %s, %s, %s", rTmp, ilGroup, ilGroup)
}

// accAt points ilAccVec at the accumulators of the iteration's vector j.
func (k *preluKernel) accAt(j int) {
	k.ins("ADD %s, %s, %s", ilAccPos, rAcc, ilAccVec)
	if j > 0 {
		k.ins("ADD $%d, %s, %s", 8*lanes*j, ilAccVec, ilAccVec)
	}
}

// accumulate adds a vector's terms into the accumulators at ilAccVec.
func (k *preluKernel) accumulate() {
	k.widen(pTerms)
	k.ins("VLD1 (%s), [V%d.D2, V%d.D2]", ilAccVec, pAcc, pAcc+1)
	k.word(faddd(pAcc, pAcc, pWide))
	k.word(faddd(pAcc+1, pAcc+1, pWide+1))
	k.ins("VST1 [V%d.D2, V%d.D2], (%s)", pAcc, pAcc+1, ilAccVec)
}
