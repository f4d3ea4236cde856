package main

import (
	"math"

	"github.com/simdact/simdact/internal/exp32"
	"github.com/simdact/simdact/internal/softmax32"
)

// The softmax kernels run over every row of a call in one assembly call, a
// row at a time, in passes over the row as the amd64 kernels do (see
// gen/amd64/softmax.go): each pass runs 4 span an iteration, then the last
// cols%4 elements one at a time, each loaded alone into lane 0 of a vector
// (the other span +0) and put through the same vector operations, and only
// lane 0 stored or summed. Sums are accumulated in float64: two vectors of
// 2 span, and a scalar for the single elements.

// General-purpose registers of a softmax kernel.
const (
	sOut   reg = 0  // the output row
	sCount reg = 1  // elements left in the call
	sIn    reg = 2  // the input rows (R2, R3)
	sCols  reg = 4  // cols
	sStep  reg = 5  // the bytes of a row
	sLeft  reg = 6  // elements left in a pass
	sP     reg = 8  // a pass's pointers: output, then each input (R8 to R10)
	sBits  reg = 11 // bits of the float64 sum, for the logarithm
	sTmp   reg = 12
)

// Vector registers: V0 to V3 hold a pass's inputs and results, V4 to V9 the
// temporaries of the exponential, V10 and V11 the float64 sums, V12 the
// scalar sum, V13 the row's maximum, V14 its scale or logarithm (and V15
// its negation); constants from V16 up.
const (
	vIn    vreg = 0
	vOut   vreg = 2
	vTmp   vreg = 4
	vSum   vreg = 10
	vLane  vreg = 12
	vMax   vreg = 13
	vRow   vreg = 14
	vNeg   vreg = 15
	vConst vreg = 16
)

// Constants of the exponential.
const (
	kLow vreg = vConst + iota
	kHigh
	kMagic
	kLog2E
	kLn2Hi
	kLn2Lo
	kOne
	kNegInf
	kPoly // two registers
)

func softmaxKernels(f *file) {
	softmaxKernel(f)
	logSoftmaxKernel(f)
	softmaxBackwardKernel(f)
	logSoftmaxBackwardKernel(f)
}

// A rowKernel is a kernel over rows of cols elements.
type rowKernel struct {
	name string   // Go name, e.g. "softmaxNEON"
	doc  string   // what it computes, a sentence for the Go declaration
	out  string   // name of the output slice parameter
	in   []string // names of the input slice parameters, in order
	row  func(fn *function, pc polyConstants)
}

func (k rowKernel) generate(f *file) {
	params := []param{{k.out, "[]float32"}}
	for _, name := range k.in {
		params = append(params, param{name, "[]float32"})
	}
	params = append(params, param{"cols", "int"})
	fn := f.function(k.name, []string{k.name + " " + k.doc,
		"All slices have the same length, a multiple of cols >= 1; the output may be the same slice as an input."}, params)
	fn.ins("MOVD %s, %s", fn.arg(k.out, "base"), sOut)
	fn.ins("MOVD %s, %s", fn.arg(k.out, "len"), sCount)
	for i, name := range k.in {
		fn.ins("MOVD %s, %s", fn.arg(name, "base"), sIn+reg(i))
	}
	fn.ins("MOVD %s, %s", fn.arg("cols", ""), sCols)
	fn.ins("CBZ %s, done", sCount)
	fn.ins("LSL $2, %s, %s", sCols, sStep)
	consts := []float32{softmax32.ExpLow, softmax32.ExpHigh, exp32.MagicBase + exp32.ScaleBias,
		exp32.Log2E, exp32.Ln2Hi, exp32.Ln2Lo, 1, float32(math.Inf(-1))} // kLow to kNegInf
	for i, c := range consts {
		loadBits(fn, kLow+vreg(i), bits(c))
	}
	next := kPoly
	pc := loadPolyConstants(fn, func() vreg { next++; return next - 1 })

	fn.label("row")
	k.row(fn, pc)
	fn.comment("The next row.")
	fn.ins("ADD %s, %s, %s", sStep, sOut, sOut)
	for i := range k.in {
		fn.ins("ADD %s, %s, %s", sStep, sIn+reg(i), sIn+reg(i))
	}
	fn.ins("SUB %s, %s, %s", sCols, sCount, sCount)
	fn.ins("CBNZ %s, row", sCount)
	fn.label("done")
	fn.ins("RET")
}

// A span says how a pass's body runs: on 4 span, or on lane 0 alone.
type span bool

const (
	whole  span = true
	single span = false
)

// pass emits a loop over the row: body runs on 4 span an iteration, then
// on each of the last cols%4 elements alone. load and store move the
// vectors of the inputs (from the row's start, with the input index) and
// of the output, as body reads them.
func pass(fn *function, tag string, inputs int, body func(l span)) {
	fn.ins("MOVD %s, %s", sOut, sP)
	for i := range inputs {
		fn.ins("MOVD %s, %s", sIn+reg(i), sP+1+reg(i))
	}
	fn.ins("MOVD %s, %s", sCols, sLeft)
	fn.label(tag + "4")
	fn.ins("CMP $4, %s", sLeft)
	fn.ins("BLT %s1", tag)
	body(whole)
	fn.ins("SUB $4, %s, %s", sLeft, sLeft)
	fn.ins("B %s4", tag)
	fn.label(tag + "1")
	fn.ins("CBZ %s, %sdone", sLeft, tag)
	body(single)
	fn.ins("SUB $1, %s, %s", sLeft, sLeft)
	fn.ins("B %s1", tag)
	fn.label(tag + "done")
}

// load loads input i's next vector (or element, span 1-3 +0) into v.
func load(fn *function, l span, i int, v vreg) {
	if l == whole {
		fn.ins("VLD1.P 16(%s), [V%d.S4]", sP+1+reg(i), v)
	} else {
		fn.ins("FMOVS.P 4(%s), F%d", sP+1+reg(i), v)
	}
}

// store stores the output's next vector (or lane 0) from v.
func store(fn *function, l span, v vreg) {
	if l == whole {
		fn.ins("VST1.P [V%d.S4], 16(%s)", v, sP)
	} else {
		fn.ins("FMOVS.P F%d, 4(%s)", v, sP)
	}
}

// loadOut loads the output's next vector (or element) into v, for a pass
// that rewrites the output in place: the store that follows advances sP.
func loadOut(fn *function, l span, v vreg) {
	if l == whole {
		fn.ins("VLD1 (%s), [V%d.S4]", sP, v)
	} else {
		fn.ins("FMOVS (%s), F%d", sP, v)
	}
}

// clearSums sets the float64 sums to +0.
func clearSums(fn *function) {
	for _, v := range []vreg{vSum, vSum + 1, vLane} {
		fn.ins("VEOR V%d.B16, V%d.B16, V%d.B16", v, v, v)
	}
}

// addSum adds v's span (or lane 0) to the float64 sums, using t.
func addSum(fn *function, l span, v, t vreg) {
	if l == single {
		fn.ins("FCVTSD F%d, F%d", v, t)
		fn.ins("FADDD F%d, F%d, F%d", t, vLane, vLane)
		return
	}
	fn.word(fcvtl(t, v))
	fn.word(faddd(vSum, vSum, t))
	fn.word(fcvtl2(t, v))
	fn.word(faddd(vSum+1, vSum+1, t))
}

// addProducts adds the exact float64 products of a's and b's span (or
// span 0) to the sums, using t and u.
func addProducts(fn *function, l span, a, b, t, u vreg) {
	if l == single {
		fn.ins("FCVTSD F%d, F%d", a, t)
		fn.ins("FCVTSD F%d, F%d", b, u)
		fn.ins("FMULD F%d, F%d, F%d", t, u, u)
		fn.ins("FADDD F%d, F%d, F%d", u, vLane, vLane)
		return
	}
	for i, cvt := range []func(d, n vreg) word{fcvtl, fcvtl2} {
		fn.word(cvt(t, a))
		fn.word(cvt(u, b))
		fn.word(fmuld(u, t, u))
		fn.word(faddd(vSum+vreg(i), vSum+vreg(i), u))
	}
}

// total leaves the float64 sum of the sums in D(vLane).
func total(fn *function) {
	fn.word(faddd(vSum, vSum, vSum+1))
	fn.word(faddp(vSum, vSum))
	fn.ins("FADDD F%d, F%d, F%d", vSum, vLane, vLane)
}

// broadcastSum sets every lane of vRow to the sum rounded to float32, and
// every lane of vNeg to its negation.
func broadcastSum(fn *function) {
	fn.ins("FCVTDS F%d, F%d", vLane, vRow)
	fn.ins("FNEGS F%d, F%d", vRow, vNeg)
	fn.ins("VDUP V%d.S[0], V%d.S4", vRow, vRow)
	fn.ins("VDUP V%d.S[0], V%d.S4", vNeg, vNeg)
}

// rowMax sets every lane of vMax to the row's maximum (NaN if the row holds
// one).
func rowMax(fn *function) {
	fn.ins("VMOV V%d.B16, V%d.B16", kNegInf, vMax)
	fn.ins("VMOV V%d.B16, V%d.B16", kNegInf, vLane)
	pass(fn, "max", 1, func(l span) {
		load(fn, l, 0, vIn)
		if l == whole {
			fn.word(fmax(vMax, vMax, vIn))
		} else {
			fn.ins("FMAXS F%d, F%d, F%d", vIn, vLane, vLane)
		}
	})
	fn.word(fmaxv(vMax, vMax))
	fn.ins("FMAXS F%d, F%d, F%d", vLane, vMax, vMax)
	fn.ins("VDUP V%d.S[0], V%d.S4", vMax, vMax)
}

// exp writes exp(z) into z, for z clamped to [ExpLow, ExpHigh] (or NaN), as
// the amd64 kernels compute it for AVX2: 1 + p(r) rounded, then scaled by
// two normal powers of 2 with one rounding. It uses vTmp to vTmp+5.
func exp(fn *function, pc polyConstants, z vreg) {
	v, n, q, a, r2 := vTmp, vTmp+1, vTmp+2, vTmp+3, vTmp+4
	fn.ins("VMOV V%d.B16, V%d.B16", kMagic, v)
	fn.ins("VFMLA V%d.S4, V%d.S4, V%d.S4", kLog2E, z, v) // n + ScaleBias in the low bits
	fn.word(fsub(n, v, kMagic))
	fn.ins("VFMLS V%d.S4, V%d.S4, V%d.S4", kLn2Hi, n, z) // exact
	fn.ins("VFMLS V%d.S4, V%d.S4, V%d.S4", kLn2Lo, n, z)
	pc.poly(fn, z, q, a, r2)
	fn.word(fadd(z, z, kOne))
	scaleHalves(fn, z, v, n)
}

// expMinus loads x and writes exp(x - max) into vOut.
func expMinus(fn *function, pc polyConstants, l span) {
	load(fn, l, 0, vIn)
	fn.word(fsub(vOut, vIn, vMax))
	fn.word(fmax(vOut, vOut, kLow)) // a NaN stays
	exp(fn, pc, vOut)
}

func softmaxKernel(f *file) {
	rowKernel{
		name: "softmaxNEON", out: "dst", in: []string{"x"},
		doc: "sets each row of cols elements of dst to the softmax of that row of x (see kernels.Softmax).",
		row: func(fn *function, pc polyConstants) {
			rowMax(fn)
			clearSums(fn)
			pass(fn, "exp", 1, func(l span) {
				expMinus(fn, pc, l)
				store(fn, l, vOut)
				addSum(fn, l, vOut, vTmp)
			})
			total(fn)
			fn.ins("FMOVD $1.0, F%d", vTmp)
			fn.ins("FDIVD F%d, F%d, F%d", vLane, vTmp, vLane)
			broadcastSum(fn)
			pass(fn, "scale", 0, func(l span) {
				loadOut(fn, l, vOut)
				fn.word(fmul(vOut, vOut, vRow))
				store(fn, l, vOut)
			})
		},
	}.generate(f)
}

func logSoftmaxKernel(f *file) {
	rowKernel{
		name: "logSoftmaxNEON", out: "dst", in: []string{"x"},
		doc: "sets each row of cols elements of dst to the log-softmax of that row of x (see kernels.LogSoftmax).",
		row: func(fn *function, pc polyConstants) {
			rowMax(fn)
			clearSums(fn)
			pass(fn, "exp", 1, func(l span) {
				expMinus(fn, pc, l)
				addSum(fn, l, vOut, vTmp)
			})
			total(fn)
			logFloat64(fn)
			broadcastSum(fn)
			pass(fn, "out", 1, func(l span) {
				load(fn, l, 0, vIn)
				fn.word(fsub(vOut, vIn, vMax))
				fn.word(fsub(vOut, vOut, vRow))
				store(fn, l, vOut)
			})
		},
	}.generate(f)
}

// logFloat64 replaces the float64 s >= 1 (or NaN) in D(vLane) with log(s),
// as softmax32.Log computes it before its rounding to float32.
func logFloat64(fn *function) {
	fn.comment("log(s) = k·ln2 + t·q(t²), s = 2^k·f, t = (f-1)/(f+1) (see package softmax32).")
	s, k, fr, one, t, t2, q, c := vLane, vTmp, vTmp+1, vTmp+2, vTmp+3, vTmp+4, vTmp+5, vIn
	fn.ins("FMOVD F%d, %s", s, sBits)
	fn.ins("LSR $52, %s, %s", sBits, sTmp)
	fn.ins("SUB $%d, %s, %s", softmax32.ExpBias, sTmp, sTmp)
	fn.ins("SCVTFD %s, F%d", sTmp, k)
	fn.ins("MOVD $0x%x, %s", uint64(softmax32.MantissaMask), sTmp)
	fn.ins("AND %s, %s, %s", sTmp, sBits, sBits)
	fn.ins("MOVD $0x%x, %s", uint64(softmax32.OneBits), sTmp)
	fn.ins("ORR %s, %s, %s", sTmp, sBits, sBits)
	fn.ins("FMOVD %s, F%d", sBits, fr)
	fn.ins("FMOVD $1.0, F%d", one)
	fn.ins("FADDD F%d, F%d, F%d", one, fr, q)
	fn.ins("FSUBD F%d, F%d, F%d", one, fr, t)
	fn.ins("FDIVD F%d, F%d, F%d", q, t, t)
	fn.ins("FMULD F%d, F%d, F%d", t, t, t2)
	loadFloat64(fn, q, softmax32.LogCoeffs[0])
	for _, coeff := range softmax32.LogCoeffs[1:] {
		loadFloat64(fn, c, coeff)
		fn.ins("FMADDD F%d, F%d, F%d, F%d", t2, c, q, q) // q = q·t² + c
	}
	fn.ins("FMULD F%d, F%d, F%d", q, t, t)
	loadFloat64(fn, c, math.Ln2)
	fn.ins("FMADDD F%d, F%d, F%d, F%d", c, t, k, t) // t = k·ln2 + t·q
	fn.ins("FSUBD F%d, F%d, F%d", s, s, s)          // NaN for a NaN s, else 0
	fn.ins("FADDD F%d, F%d, F%d", s, t, s)
}

// loadFloat64 loads the float64 f into D(v) through sTmp.
func loadFloat64(fn *function, v vreg, f float64) {
	fn.ins("MOVD $0x%x, %s", math.Float64bits(f), sTmp)
	fn.ins("FMOVD %s, F%d", sTmp, v)
}

func softmaxBackwardKernel(f *file) {
	rowKernel{
		name: "softmaxBackwardNEON", out: "dx", in: []string{"dy", "y"},
		doc: "sets each row of cols elements of dx to y*(dy - sum(dy*y)) over the row (see kernels.SoftmaxBackward).",
		row: func(fn *function, _ polyConstants) {
			dy, y := vIn, vIn+1
			clearSums(fn)
			pass(fn, "sum", 2, func(l span) {
				load(fn, l, 0, dy)
				load(fn, l, 1, y)
				addProducts(fn, l, dy, y, vTmp, vTmp+1)
			})
			total(fn)
			broadcastSum(fn)
			pass(fn, "out", 2, func(l span) {
				load(fn, l, 0, dy)
				load(fn, l, 1, y)
				fn.word(fmul(vOut, y, vNeg))                        // -(y·g)
				fn.ins("VFMLA V%d.S4, V%d.S4, V%d.S4", dy, y, vOut) // y·dy - y·g
				store(fn, l, vOut)
			})
		},
	}.generate(f)
}

func logSoftmaxBackwardKernel(f *file) {
	rowKernel{
		name: "logSoftmaxBackwardNEON", out: "dx", in: []string{"dy", "y"},
		doc: "sets each row of cols elements of dx to dy - exp(y)*sum(dy) over the row (see kernels.LogSoftmaxBackward).",
		row: func(fn *function, pc polyConstants) {
			dy, y := vIn, vIn+1
			clearSums(fn)
			pass(fn, "sum", 1, func(l span) {
				load(fn, l, 0, dy)
				addSum(fn, l, dy, vTmp)
			})
			total(fn)
			broadcastSum(fn)
			pass(fn, "out", 2, func(l span) {
				load(fn, l, 0, dy)
				load(fn, l, 1, y)
				fn.word(fmax(y, y, kLow)) // a NaN stays
				fn.word(fmin(y, y, kHigh))
				exp(fn, pc, y)
				fn.ins("VFMLS V%d.S4, V%d.S4, V%d.S4", vRow, y, dy) // dy - e·g
				store(fn, l, dy)
			})
		},
	}.generate(f)
}
