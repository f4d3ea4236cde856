package main

import "fmt"

// PReLU's NEON kernels have the shapes of the AVX2 ones (see
// internal/prelu), with 4 lanes: planar for inner >= 8 (any inner >= 4
// works), walking x one channel segment at a time; interleaved for inner <
// 8, where 4 consecutive channels span exactly inner vectors and TBL
// permutes a group's 4 slopes into each vector. The last elements, fewer
// than a vector, go through zero-padded copies in the stack frame. The
// backward kernels widen every term to float64 before adding it.

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

// preluOp computes pOut from the inputs in pIn... and the slopes in s, and
// backward the terms in pTerms.
func preluOp(fn *function, backward bool, s vreg) {
	v := pIn // the value x > 0 passes: x, or dy
	x := pIn
	if backward {
		x = pIn + 1
	}
	signFixer(fn, pFix, s)
	mulLikeX86(fn, pScaled, v, s, pFix, []vreg{pTmp, pTmp + 1})
	fn.word(fcmgtz(pOut, x))
	if backward {
		fn.word(fmul(pTerms, pIn, x))
		fn.word(bic(pTerms, pTerms, pOut))
	}
	bsl(fn, pOut, v, pScaled)
}

// preluLoad loads the next vector of each input, advancing the pointers.
func preluLoad(fn *function, inputs int) {
	for i := range inputs {
		fn.ins("VLD1.P 16(R%d), [V%d.S4]", 2+i, pIn+vreg(i))
	}
}

// widen converts the terms t to float64 in pWide and pWide+1.
func widenNEON(fn *function, t vreg) {
	fn.word(fcvtl(pWide, t))
	fn.word(fcvtl2(pWide+1, t))
}

// padded runs op on the R1 (1 to 3) elements left, through zero-padded
// copies of the inputs and output in the frame: in0-16(SP), in1-32(SP),
// out-48(SP). It uses R7 and R9.
func padded(fn *function, tag string, inputs int, op func()) {
	for i := range inputs {
		fn.ins("MOVD $in%d-%d(SP), R9", i, 16*(i+1))
		fn.ins("VEOR V%d.B16, V%d.B16, V%d.B16", pPad, pPad, pPad)
		fn.ins("VST1 [V%d.S4], (R9)", pPad)
		fn.ins("MOVD R1, R7")
		fn.label(fmt.Sprintf("%s_in%d", tag, i))
		fn.ins("FMOVS.P 4(R%d), F%d", 2+i, pPad)
		fn.ins("FMOVS.P F%d, 4(R9)", pPad)
		fn.ins("SUB $1, R7, R7")
		fn.ins("CBNZ R7, %s_in%d", tag, i)
		fn.ins("MOVD $in%d-%d(SP), R9", i, 16*(i+1))
		fn.ins("VLD1 (R9), [V%d.S4]", pIn+vreg(i))
	}
	op()
	fn.ins("MOVD $out-48(SP), R9")
	fn.ins("VST1 [V%d.S4], (R9)", pOut)
	fn.label(tag + "_out")
	fn.ins("FMOVS.P 4(R9), F%d", pPad)
	fn.ins("FMOVS.P F%d, 4(R0)", pPad)
	fn.ins("SUB $1, R1, R1")
	fn.ins("CBNZ R1, %s_out", tag)
}

// laneConstant loads the int32 lanes 0, 1, 2, 3 into pLane.
func laneConstant(fn *function) {
	fn.ins("VMOVQ $0x0000000100000000, $0x0000000300000002, V%d", pLane)
}

func preluKernels(f *file) {
	for _, backward := range []bool{false, true} {
		preluPlanarNEON(f, backward)
		preluInterleavedNEON(f, backward)
	}
}

// preluPlanarNEON: R0 output, R1 elements left, R2 (R3) inputs, R5
// elements left in the channel, R6 &slope[c], R8 &slope[c+1], R10 acc,
// R12 slope, R13 &slope[len(slope)], R14 inner.
func preluPlanarNEON(f *file, backward bool) {
	name, inputs := "preluPlanarNEON", 1
	doc := []string{name + " sets dst[i] = x[i] > 0 ? x[i] : x[i]*slope[c], where c = (i/inner) % len(slope), inner >= 4.",
		"dst may be x."}
	out, ins := "dst", []string{"x"}
	if backward {
		name, inputs = "preluBackwardPlanarNEON", 2
		doc = []string{name + " sets dx[i] = x[i] > 0 ? dy[i] : dy[i]*slope[c] and adds the sum of x[i] > 0 ? 0 : dy[i]*x[i]",
			"over each channel c into acc[c], where c = (i/inner) % len(slope), inner >= 4. dx may be dy or x."}
		out, ins = "dx", []string{"dy", "x"}
	}
	fn := f.functionFrame(name, doc, preluParams(backward, false), 48)
	fn.ins("MOVD %s, R0", fn.arg(out, "base"))
	fn.ins("MOVD %s, R1", fn.arg(out, "len"))
	for i, in := range ins {
		fn.ins("MOVD %s, R%d", fn.arg(in, "base"), 2+i)
	}
	fn.ins("MOVD %s, R12", fn.arg("slope", "base"))
	fn.ins("MOVD %s, R13", fn.arg("slope", "len"))
	fn.ins("ADD R13<<2, R12, R13")
	fn.ins("MOVD %s, R14", fn.arg("inner", ""))
	if backward {
		fn.ins("MOVD %s, R10", fn.arg("acc", "base"))
		for _, v := range []vreg{pSums, pSums + 1} {
			fn.ins("VEOR V%d.B16, V%d.B16, V%d.B16", v, v, v)
		}
	}
	laneConstant(fn)
	fn.ins("MOVD R12, R6")
	fn.ins("MOVD R14, R5")

	add := func(t vreg) {
		widenNEON(fn, t)
		fn.word(faddd(pSums, pSums, pWide))
		fn.word(faddd(pSums+1, pSums+1, pWide+1))
	}
	// flush adds the sums into acc[c], c the channel of the slope at ptr.
	flush := func(ptr string) {
		fn.word(faddd(pWide, pSums, pSums+1))
		fn.word(faddp(pWide, pWide))
		fn.ins("SUB R12, %s, R9", ptr)
		fn.ins("ADD R9<<1, R10, R9")
		fn.ins("FMOVD (R9), F%d", pWide+1)
		fn.ins("FADDD F%d, F%d, F%d", pWide+1, pWide, pWide)
		fn.ins("FMOVD F%d, (R9)", pWide)
	}
	// split adds the terms of the lanes in pMask into the sums, flushes
	// them into the current channel's accumulator and starts the next
	// channel's sums with the others.
	split := func() {
		fn.ins("VAND V%d.B16, V%d.B16, V%d.B16", pMask, pTerms, pWide+1)
		fn.word(bic(pTerms, pTerms, pMask))
		add(pWide + 1)
		flush("R6")
		fn.word(fcvtl(pSums, pTerms))
		fn.word(fcvtl2(pSums+1, pTerms))
	}
	// blend sets pSlopes to the segment's slope in the lanes of pMask and
	// the next channel's in the others.
	blend := func() {
		fn.ins("VLD1R (R8), [V%d.S4]", pNext)
		fn.ins("VORR V%d.B16, V%d.B16, V%d.B16", pMask, pMask, pSlopes)
		bsl(fn, pSlopes, pSegSlope, pNext)
	}

	fn.label("seg")
	fn.comment("The whole vectors of the segment, with its slope.")
	fn.ins("VLD1R (R6), [V%d.S4]", pSegSlope)
	fn.ins("CMP R1, R5")
	fn.ins("CSEL LT, R5, R1, R7")
	fn.ins("LSR $2, R7, R7")
	fn.label("vectors")
	fn.ins("CBZ R7, edge")
	preluLoad(fn, inputs)
	preluOp(fn, backward, pSegSlope)
	fn.ins("VST1.P [V%d.S4], 16(R0)", pOut)
	if backward {
		add(pTerms)
	}
	fn.ins("SUB $1, R7, R7")
	fn.ins("SUB $4, R1, R1")
	fn.ins("SUB $4, R5, R5")
	fn.ins("B vectors")

	fn.label("edge")
	fn.comment("The vector across the segment's end (R5 lanes in it), unless fewer than 4 are left.")
	fn.ins("ADD $4, R6, R8")
	fn.ins("CMP R13, R8")
	fn.ins("CSEL EQ, R12, R8, R8")
	fn.ins("CMP $4, R1")
	fn.ins("BLT tail")
	fn.ins("VDUP R5, V%d.S4", pMask)
	fn.word(cmgt(pMask, pMask, pLane))
	blend()
	preluLoad(fn, inputs)
	preluOp(fn, backward, pSlopes)
	fn.ins("VST1.P [V%d.S4], 16(R0)", pOut)
	if backward {
		split()
	}
	fn.ins("SUB $4, R1, R1")
	fn.ins("SUB $4, R5, R5")
	fn.ins("ADD R14, R5, R5")
	fn.ins("MOVD R8, R6")
	fn.ins("B seg")

	fn.label("tail")
	fn.comment("The last 1 to 3 elements; lanes below R5 are in the segment.")
	fn.ins("CBZ R1, done")
	fn.ins("MOVD R5, R9")
	fn.ins("MOVD $4, R7")
	fn.ins("CMP $4, R9")
	fn.ins("CSEL GT, R7, R9, R9")
	fn.ins("VDUP R9, V%d.S4", pMask)
	fn.word(cmgt(pMask, pMask, pLane))
	blend()
	padded(fn, "tail", inputs, func() { preluOp(fn, backward, pSlopes) })
	if backward {
		split()
		flush("R8")
	}
	fn.ins("RET")
	fn.label("done")
	if backward {
		flush("R6")
	}
	fn.ins("RET")
}

// preluInterleavedNEON: R0 output, R1 elements left, R2 (R3) inputs, R4 c,
// R5 len(slope), R6 slope, R7 wrap, R8 the group's slopes, R10 acc, R11
// the accumulator position (bytes), R12 len(acc) in bytes, R15 a vector's
// accumulators.
func preluInterleavedNEON(f *file, backward bool) {
	name, inputs := "preluInterleavedNEON", 1
	doc := []string{name + " sets dst[i] = x[i] > 0 ? x[i] : x[i]*slope[c], where c = (i/inner) % len(slope),",
		"1 <= inner <= 7. len(slope) >= 32 and wrap holds slope's last 32 then its first 32 values. dst may be x."}
	out, ins := "dst", []string{"x"}
	if backward {
		name, inputs = "preluBackwardInterleavedNEON", 2
		doc = []string{name + " sets dx[i] = x[i] > 0 ? dy[i] : dy[i]*slope[c] and adds x[i] > 0 ? 0 : dy[i]*x[i]",
			"into acc[i % len(acc)], where c = (i/inner) % len(slope), 1 <= inner <= 7. len(slope) >= 32,",
			"wrap holds slope's last 32 then its first 32 values, and len(acc) is a multiple of",
			"4*inner*ceil(4/inner). dx may be dy or x."}
		out, ins = "dx", []string{"dy", "x"}
	}
	fn := f.functionFrame(name, doc, preluParams(backward, true), 48)
	fn.ins("MOVD %s, R0", fn.arg(out, "base"))
	fn.ins("MOVD %s, R1", fn.arg(out, "len"))
	for i, in := range ins {
		fn.ins("MOVD %s, R%d", fn.arg(in, "base"), 2+i)
	}
	fn.ins("MOVD %s, R6", fn.arg("slope", "base"))
	fn.ins("MOVD %s, R5", fn.arg("slope", "len"))
	fn.ins("MOVD %s, R7", fn.arg("wrap", "base"))
	if backward {
		fn.ins("MOVD %s, R10", fn.arg("acc", "base"))
		fn.ins("MOVD %s, R12", fn.arg("acc", "len"))
		fn.ins("LSL $3, R12, R12")
	}
	fn.ins("MOVD ZR, R4")
	fn.ins("MOVD ZR, R11")
	fn.ins("MOVD %s, R9", fn.arg("inner", ""))
	for inner := 1; inner < 7; inner++ {
		fn.ins("CMP $%d, R9", inner)
		fn.ins("BEQ inner%d", inner)
	}

	selectSlopes := func() {
		fn.ins("SUB R5, R4, R9")
		fn.ins("ADDS $32, R9, R9")
		fn.ins("ADD R9<<2, R7, R9")
		fn.ins("ADD R4<<2, R6, R8")
		fn.ins("CSEL GT, R9, R8, R8")
	}
	// accumulate adds a vector's terms into acc at R15.
	accumulate := func() {
		widenNEON(fn, pTerms)
		fn.ins("VLD1 (R15), [V%d.D2, V%d.D2]", pAcc, pAcc+1)
		fn.word(faddd(pAcc, pAcc, pWide))
		fn.word(faddd(pAcc+1, pAcc+1, pWide+1))
		fn.ins("VST1 [V%d.D2, V%d.D2], (R15)", pAcc, pAcc+1)
	}
	// accAt points R15 at the accumulators of the iteration's vector j.
	accAt := func(j int) {
		fn.ins("ADD R11, R10, R15")
		if j > 0 {
			fn.ins("ADD $%d, R15, R15", 32*j)
		}
	}
	for inner := 7; inner >= 1; inner-- {
		groups := (4 + inner - 1) / inner
		size := 4 * groups * inner
		tag := fmt.Sprintf("inner%d", inner)
		fn.label(tag)
		if inner > 1 {
			for k := range inner {
				var b [16]byte
				for l := range 4 {
					for i := range 4 {
						b[4*l+i] = byte(4*((4*k+l)/inner) + i)
					}
				}
				lo, hi := uint64(0), uint64(0)
				for i := 7; i >= 0; i-- {
					lo, hi = lo<<8|uint64(b[i]), hi<<8|uint64(b[8+i])
				}
				fn.ins("VMOVQ $0x%016x, $0x%016x, V%d", lo, hi, pIndex+vreg(k))
			}
		}
		// each emits an iteration's vectors, calling vector with each one's
		// number after its slopes are in pSlopes.
		each := func(vector func(j int)) {
			for g := range groups {
				fn.ins("VLD1.P 16(R8), [V%d.S4]", pGroup)
				for k := range inner {
					if inner == 1 {
						fn.ins("VORR V%d.B16, V%d.B16, V%d.B16", pGroup, pGroup, pSlopes)
					} else {
						fn.ins("VTBL V%d.B16, [V%d.B16], V%d.B16", pIndex+vreg(k), pGroup, pSlopes)
					}
					vector(g*inner + k)
				}
			}
		}
		fn.label(tag + "_loop")
		fn.ins("CMP $%d, R1", size)
		fn.ins("BLT %s_partial", tag)
		selectSlopes()
		each(func(j int) {
			preluLoad(fn, inputs)
			preluOp(fn, backward, pSlopes)
			fn.ins("VST1.P [V%d.S4], 16(R0)", pOut)
			if backward {
				accAt(j)
				accumulate()
			}
		})
		fn.ins("SUB $%d, R1, R1", size)
		fn.ins("ADD $%d, R4, R4", 4*groups)
		fn.ins("SUB R5, R4, R9")
		fn.ins("CMP R5, R4")
		fn.ins("CSEL GE, R9, R4, R4")
		if backward {
			fn.ins("ADD $%d, R11, R11", 8*size)
			fn.ins("CMP R12, R11")
			fn.ins("CSEL EQ, ZR, R11, R11")
		}
		fn.ins("B %s_loop", tag)

		fn.label(tag + "_partial")
		fn.comment("Fewer elements than an iteration: whole vectors, then the last 1 to 3 elements.")
		fn.ins("CBZ R1, return")
		selectSlopes()
		each(func(j int) {
			if backward {
				accAt(j)
			}
			fn.ins("CMP $4, R1")
			fn.ins("BLT padded")
			preluLoad(fn, inputs)
			preluOp(fn, backward, pSlopes)
			fn.ins("VST1.P [V%d.S4], 16(R0)", pOut)
			if backward {
				accumulate()
			}
			fn.ins("SUBS $4, R1, R1")
			fn.ins("BEQ return")
		})
		fn.ins("B return")
	}

	fn.label("padded")
	padded(fn, "pad", inputs, func() { preluOp(fn, backward, pSlopes) })
	if backward {
		accumulate()
	}
	fn.label("return")
	fn.ins("RET")
}
