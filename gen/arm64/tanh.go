package main

import (
	"github.com/simdact/simdact/internal/exp32"
	"github.com/simdact/simdact/internal/tanh32"
)

// The tanh family's kernels compute package tanh32's formulas with the same
// operations, in the same order, as the AVX2 kernels (gen/amd64/tanh.go).

func tanhKernels(f *file) {
	tanhKernel(f)
	tanhBackwardKernel(f)
}

// tanhConstants are the registers of tanhVector's constants.
type tanhConstants struct {
	sign, small, max, magic, log2e, ln2, one, two vreg
	p5to2, p1                                     vreg // P5, P4, P3, P2 in the lanes of one register, P1
	exp                                           polyConstants
}

// loadTanhConstants loads them into registers that konst hands out.
func loadTanhConstants(fn *function, konst func() vreg) tanhConstants {
	c := tanhConstants{
		sign: konst(), small: konst(), max: konst(), magic: konst(), log2e: konst(), ln2: konst(),
		one: konst(), two: konst(), p5to2: konst(), p1: konst(),
	}
	loadBits(fn, c.sign, signBit)
	loadBits(fn, c.small, bits(tanh32.Small))
	loadBits(fn, c.max, bits(tanh32.Max))
	loadBits(fn, c.magic, bits(exp32.Magic))
	loadBits(fn, c.log2e, bits(exp32.Log2E))
	loadBits(fn, c.ln2, bits(exp32.Ln2))
	loadBits(fn, c.one, oneBits)
	loadBits(fn, c.two, bits(2))
	for lane, p := range []float32{tanh32.P5, tanh32.P4, tanh32.P3, tanh32.P2} {
		fn.ins("MOVW $0x%08x, %s", bits(p), scratch)
		fn.ins("VMOV %s, V%d.S[%d]", scratch, c.p5to2, lane)
	}
	loadBits(fn, c.p1, bits(tanh32.P1))
	c.exp = loadPolyConstants(fn, konst)
	return c
}

// tanhTemps is the number of temporaries tanhVector needs.
const tanhTemps = 7

// tanhVector writes tanh(x) into d (see package tanh32), given its
// constants and tanhTemps temporaries. A NaN x comes out quieted with its
// payload: every step passes a NaN operand on, and the sign that |x|
// cleared comes back last.
func tanhVector(fn *function, c tanhConstants, d, x vreg, tmp []vreg) {
	a, y, q, t, z, v, s := tmp[0], tmp[1], tmp[2], tmp[3], tmp[4], tmp[5], tmp[6]
	fn.word(bic(a, x, c.sign))

	fn.comment("a < Small: a + a³·P(a²).")
	fn.word(fmul(y, a, a))
	fn.ins("VDUP V%d.S[0], V%d.S4", c.p5to2, q)
	for _, src := range []string{"S[1]", "S[2]", "S[3]"} {
		fn.ins("VDUP V%d.%s, V%d.S4", c.p5to2, src, t)
		fn.ins("VFMLA V%d.S4, V%d.S4, V%d.S4", q, y, t) // t = p + q·y
		q, t = t, q
	}
	fn.ins("VMOV V%d.B16, V%d.B16", c.p1, t)
	fn.ins("VFMLA V%d.S4, V%d.S4, V%d.S4", q, y, t) // t = P(y)
	fn.word(fmul(y, a, y))
	fn.ins("VMOV V%d.B16, V%d.B16", a, q)
	fn.ins("VFMLA V%d.S4, V%d.S4, V%d.S4", t, y, q) // q = a + a³·P(a²)

	fn.comment("Small <= a: (D - 2)/D, D = exp(2·min(a, Max)) + 1 = 2^n·p(r) + (2^n + 1).")
	fn.word(fmin(z, a, c.max)) // a NaN a stays NaN
	fn.word(fadd(z, z, z))
	fn.ins("VMOV V%d.B16, V%d.B16", c.magic, v)
	fn.ins("VFMLA V%d.S4, V%d.S4, V%d.S4", c.log2e, z, v) // v = z·log2(e) + Magic, rounded to an integer n
	fn.ins("VSHL $23, V%d.S4, V%d.S4", v, s)              // s = 2^n
	fn.word(fsub(v, v, c.magic))
	fn.ins("VFMLS V%d.S4, V%d.S4, V%d.S4", c.ln2, v, z) // z = r = z - n·ln2
	c.exp.poly(fn, z, t, y, v)
	fn.word(fadd(v, s, c.one))
	fn.ins("VFMLA V%d.S4, V%d.S4, V%d.S4", z, s, v) // v = D = s·p + (s + 1)
	fn.word(fsub(z, v, c.two))
	fn.word(fdiv(z, z, v))

	fn.word(fcmgt(t, c.small, a))
	bsl(fn, t, q, z)
	fn.comment("x's sign.")
	fn.ins("VAND V%d.B16, V%d.B16, V%d.B16", c.sign, x, a)
	fn.ins("VORR V%d.B16, V%d.B16, V%d.B16", a, t, d)
}

func tanhKernel(f *file) {
	var c tanhConstants
	elementwise{
		name: "tanhNEON",
		doc:  "sets dst[i] = tanh(x[i]) (see kernels.Tanh).",
		out:  "dst", in: []string{"x"}, temps: tanhTemps, unroll: 2,
		setup: func(fn *function, konst func() vreg) { c = loadTanhConstants(fn, konst) },
		op:    func(fn *function, d vreg, in, tmp []vreg) { tanhVector(fn, c, d, in[0], tmp) },
	}.generate(f)
}

func tanhBackwardKernel(f *file) {
	var sign, one, huge vreg
	elementwise{
		name: "tanhBackwardNEON",
		doc:  "sets dx[i] = dy[i]*(1-y[i]*y[i]) (see kernels.TanhBackward).",
		out:  "dx", in: []string{"dy", "y"}, temps: 4,
		setup: func(fn *function, konst func() vreg) {
			sign, one, huge = konst(), konst(), konst()
			loadBits(fn, sign, signBit)
			loadBits(fn, one, oneBits)
			loadBits(fn, huge, bits(tanh32.BackwardHuge))
		},
		op: func(fn *function, d vreg, in, tmp []vreg) {
			dy, y, a, t, m, f := in[0], in[1], tmp[0], tmp[1], tmp[2], tmp[3]
			fn.word(bic(a, y, sign))
			fn.ins("VMOV V%d.B16, V%d.B16", one, t)
			fn.ins("VFMLS V%d.S4, V%d.S4, V%d.S4", a, a, t) // t = 1 - a·a, rounded once
			fn.comment("From |y| = BackwardHuge up, where 1 - y·y overflows: (dy·|y|)·-|y|.")
			fn.word(fcmge(m, a, huge))
			fn.ins("VMOV V%d.B16, V%d.B16", m, f)
			bsl(fn, m, a, t)
			fn.word(fmul(m, dy, m))
			fn.ins("VEOR V%d.B16, V%d.B16, V%d.B16", sign, a, a)
			bsl(fn, f, a, one)
			fn.word(fmul(d, m, f))
		},
	}.generate(f)
}
