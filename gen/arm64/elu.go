package main

import (
	"math"

	"github.com/simdact/simdact/internal/exp32"
)

// The ELU kernels compute the exponential of package exp32 with the same
// operations, in the same order, as the AVX2 kernels (gen/amd64/elu.go):
// NEON's FMLA and FMLS round once, as x86's fused multiply-adds do.

const (
	signBit  = 0x80000000
	infBits  = 0x7f800000
	oneBits  = 0x3f800000
	mantMask = 0x007fffff
)

func bits(f float32) uint32 { return math.Float32bits(f) }

// polyConstants holds p's coefficients: C6, C5, C4, C3 in the lanes of one
// register and C2 in the first lane of another, from which each step of
// Horner's scheme copies its coefficient (FMLA adds into its destination).
type polyConstants struct{ c6to3, c2 vreg }

func loadPolyConstants(fn *function, konst func() vreg) polyConstants {
	p := polyConstants{konst(), konst()}
	for lane, c := range []float32{exp32.C6, exp32.C5, exp32.C4, exp32.C3} {
		fn.ins("MOVW $0x%08x, R7", bits(c))
		fn.ins("VMOV R7, V%d.S[%d]", p.c6to3, lane)
	}
	loadBits(fn, p.c2, bits(exp32.C2))
	return p
}

// poly writes p(r) into r, using q and a as temporaries.
func (c polyConstants) poly(fn *function, r, q, a, r2 vreg) {
	fn.ins("VDUP V%d.S[0], V%d.S4", c.c6to3, q)
	for _, src := range []string{"S[1]", "S[2]", "S[3]"} {
		fn.ins("VDUP V%d.%s, V%d.S4", c.c6to3, src, a)
		fn.ins("VFMLA V%d.S4, V%d.S4, V%d.S4", q, r, a) // a = c + q·r
		q, a = a, q
	}
	fn.ins("VMOV V%d.B16, V%d.B16", c.c2, a)
	fn.ins("VFMLA V%d.S4, V%d.S4, V%d.S4", q, r, a)
	fn.word(fmul(r2, r, r))
	fn.ins("VFMLA V%d.S4, V%d.S4, V%d.S4", a, r2, r) // r = r + r²·q
}

func eluKernels(f *file) {
	eluKernel(f)
	eluBackwardKernel(f)
	eluBackwardFromOutputKernel(f)
}

func eluKernel(f *file) {
	var lo, magic, log2e, ln2, one, sign, alpha, fix vreg
	var pc polyConstants
	elementwise{
		name: "ELUNEON",
		doc:  "sets dst[i] = x[i] > 0 ? x[i] : alpha*expm1(x[i]) (see kernels.ELU).",
		out:  "dst", in: []string{"x"}, params: []param{{"alpha", "float32"}}, temps: 5, unroll: 2,
		setup: func(fn *function, konst func() vreg) {
			lo, magic, log2e, ln2, one, sign, alpha, fix = konst(), konst(), konst(), konst(), konst(), konst(), konst(), konst()
			loadBits(fn, lo, bits(exp32.ELUMin))
			loadBits(fn, magic, bits(exp32.Magic))
			loadBits(fn, log2e, bits(exp32.Log2E))
			loadBits(fn, ln2, bits(exp32.Ln2))
			loadBits(fn, one, oneBits)
			loadBits(fn, sign, signBit)
			pc = loadPolyConstants(fn, konst)
			broadcastParam(fn, "alpha", alpha)
			signFixer(fn, fix, alpha)
		},
		op: func(fn *function, d vreg, in, tmp []vreg) {
			// A NaN x flows through every step as x's payload, quieted.
			x, z, v, s, q, a := in[0], tmp[0], tmp[1], tmp[2], tmp[3], tmp[4]
			fn.word(fmax(z, x, lo))
			fn.ins("VMOV V%d.B16, V%d.B16", magic, v)
			fn.ins("VFMLA V%d.S4, V%d.S4, V%d.S4", log2e, z, v) // v = z·log2(e) + Magic, rounded to an integer n
			fn.ins("VSHL $23, V%d.S4, V%d.S4", v, s)            // s = 2^n
			fn.word(fsub(v, v, magic))
			fn.ins("VFMLS V%d.S4, V%d.S4, V%d.S4", ln2, v, z) // z = r = z - n·ln2
			pc.poly(fn, z, q, a, v)
			fn.word(fsub(v, s, one))
			fn.ins("VFMLA V%d.S4, V%d.S4, V%d.S4", z, s, v) // v = expm1(x) = s·p + (s - 1)
			// v is <= 0 but r + r²·q turned -0 into +0: give it x's sign.
			fn.ins("VAND V%d.B16, V%d.B16, V%d.B16", sign, x, a)
			fn.ins("VORR V%d.B16, V%d.B16, V%d.B16", a, v, v)
			mulLikeX86(fn, q, v, alpha, fix, []vreg{a, s})
			fn.word(fcmgtz(d, x))
			bsl(fn, d, x, q)
		},
	}.generate(f)
}

func eluBackwardKernel(f *file) {
	var expMin, magic, log2e, ln2Hi, ln2Lo, scaleMin, one, scale, mant, expOffset, fix, inf2, cutoff, sign vreg
	var pc polyConstants
	elementwise{
		name: "ELUBackwardNEON",
		doc:  "sets dx[i] = x[i] > 0 ? dy[i] : dy[i]*alpha*exp(x[i]) (see kernels.ELUBackward).",
		out:  "dx", in: []string{"dy", "x"}, params: []param{{"alpha", "float32"}}, temps: 6, unroll: 1,
		setup: func(fn *function, konst func() vreg) {
			expMin, magic, log2e, ln2Hi, ln2Lo = konst(), konst(), konst(), konst(), konst()
			scaleMin, one, scale, mant, expOffset = konst(), konst(), konst(), konst(), konst()
			fix, inf2, cutoff, sign = konst(), konst(), konst(), konst()
			loadBits(fn, expMin, bits(exp32.ExpMin))
			loadBits(fn, magic, bits(exp32.Magic))
			loadBits(fn, log2e, bits(exp32.Log2E))
			loadBits(fn, ln2Hi, bits(exp32.Ln2Hi))
			loadBits(fn, ln2Lo, bits(exp32.Ln2Lo))
			scaleMinBits := int32(exp32.ScaleMin)
			loadBits(fn, scaleMin, uint32(scaleMinBits))
			loadBits(fn, one, oneBits)
			loadBits(fn, inf2, infBits<<1)
			loadBits(fn, cutoff, bits(exp32.ExpZeroBelow))
			loadBits(fn, sign, signBit)
			pc = loadPolyConstants(fn, konst)
			splitAlpha(fn, scale, mant, expOffset, sign, one)
			signFixer(fn, fix, scale)
		},
		op: func(fn *function, d vreg, in, tmp []vreg) {
			dy, x := in[0], in[1]
			z, v, k, q, a, t := tmp[0], tmp[1], tmp[2], tmp[3], tmp[4], tmp[5]
			fn.word(fmax(z, x, expMin)) // a NaN x stays NaN
			fn.ins("VMOV V%d.B16, V%d.B16", magic, v)
			fn.ins("VFMLA V%d.S4, V%d.S4, V%d.S4", log2e, z, v) // v = z·log2(e) + Magic, rounded to an integer n
			fn.ins("VADD V%d.S4, V%d.S4, V%d.S4", expOffset, v, k)
			fn.word(fsub(v, v, magic))
			fn.ins("VFMLS V%d.S4, V%d.S4, V%d.S4", ln2Hi, v, z) // exact
			fn.ins("VFMLS V%d.S4, V%d.S4, V%d.S4", ln2Lo, v, z) // z = r = z - n·ln2
			pc.poly(fn, z, q, a, v)

			fn.comment("2^k as 2^(k>>1) · 2^(k-(k>>1)), both normal.")
			fn.word(smax(k, k, scaleMin))
			fn.word(sshr(v, k, 1))
			fn.ins("VSUB V%d.S4, V%d.S4, V%d.S4", v, k, k)
			fn.ins("VSHL $23, V%d.S4, V%d.S4", v, v)
			fn.ins("VADD V%d.S4, V%d.S4, V%d.S4", one, v, v)
			fn.ins("VSHL $23, V%d.S4, V%d.S4", k, k)
			fn.ins("VADD V%d.S4, V%d.S4, V%d.S4", one, k, k)
			fn.word(fmul(v, v, mant))
			fn.ins("VMOV V%d.B16, V%d.B16", v, q)
			fn.ins("VFMLA V%d.S4, V%d.S4, V%d.S4", v, z, q) // q = hi·(1 + p)
			fn.word(fmul(q, q, k))                          // the one rounding into the subnormals

			mulLikeX86(fn, t, dy, scale, fix, []vreg{a, k})
			fn.word(fmul(a, t, q))
			fn.comment("±Inf times an exp(x) that underflowed is ±Inf, as in float64, down to where float64's exp is 0 too; below, ±Inf·0 is x86's NaN.")
			fn.ins("VSHL $1, V%d.S4, V%d.S4", t, k)
			fn.ins("VCMEQ V%d.S4, V%d.S4, V%d.S4", inf2, k, k)
			fn.word(fcmgt(z, x, cutoff))
			fn.ins("VAND V%d.B16, V%d.B16, V%d.B16", k, z, z)
			bsl(fn, z, t, a)
			fn.word(fcmge(q, cutoff, x))
			fn.ins("VAND V%d.B16, V%d.B16, V%d.B16", k, q, q)
			fn.ins("VAND V%d.B16, V%d.B16, V%d.B16", sign, q, q)
			fn.ins("VORR V%d.B16, V%d.B16, V%d.B16", q, z, z)
			fn.word(fcmgtz(d, x))
			bsl(fn, d, dy, z)
		},
	}.generate(f)
}

func eluBackwardFromOutputKernel(f *file) {
	var alpha, sign vreg
	elementwise{
		name: "ELUBackwardFromOutputNEON",
		doc:  "sets dx[i] = y[i] > 0 ? dy[i] : dy[i]*(y[i]+alpha).",
		out:  "dx", in: []string{"dy", "y"}, params: []param{{"alpha", "float32"}}, temps: 4,
		setup: func(fn *function, konst func() vreg) {
			alpha, sign = konst(), konst()
			broadcastParam(fn, "alpha", alpha)
			loadBits(fn, sign, signBit)
		},
		op: func(fn *function, d vreg, in, tmp []vreg) {
			dy, y, g, a, b, c := in[0], in[1], tmp[0], tmp[1], tmp[2], tmp[3]
			fn.word(fadd(g, y, alpha))
			fn.word(fmul(g, dy, g))
			// Where neither dy nor y is NaN but the result is, an operation
			// was invalid (∞ - ∞, 0 × ∞): x86's NaN has the sign bit.
			fn.word(fcmeq(a, g, g))
			fn.word(fcmeq(b, dy, dy))
			fn.word(fcmeq(c, y, y))
			fn.ins("VAND V%d.B16, V%d.B16, V%d.B16", c, b, b)
			fn.word(bic(b, b, a))
			fn.ins("VAND V%d.B16, V%d.B16, V%d.B16", sign, b, b)
			fn.ins("VORR V%d.B16, V%d.B16, V%d.B16", b, g, g)
			fn.word(fcmgtz(d, y))
			bsl(fn, d, dy, g)
		},
	}.generate(f)
}

// splitAlpha sets scale, mant and expOffset, in every lane, for the
// parameter alpha = scale·mant·2^exp as kernels.splitAlpha computes them,
// with expOffset = exp - bits(Magic); sign and one hold the sign bit and
// 1.0. It uses V0-V3, which the kernel's loop has not yet.
func splitAlpha(fn *function, scale, mant, expOffset, sign, one vreg) {
	const a, abs, folded, t = vreg(0), vreg(1), vreg(2), vreg(3)
	broadcastParam(fn, "alpha", a)
	fn.word(bic(abs, a, sign))
	fn.comment("folded: 1 < |alpha| < Inf, whose magnitude goes with exp(x).")
	fn.word(fcmgt(folded, abs, one))
	loadBits(fn, t, infBits)
	fn.word(fcmgt(t, t, abs))
	fn.ins("VAND V%d.B16, V%d.B16, V%d.B16", t, folded, folded)

	fn.ins("VAND V%d.B16, V%d.B16, V%d.B16", sign, a, t)
	fn.ins("VORR V%d.B16, V%d.B16, V%d.B16", one, t, t)
	fn.ins("VMOV V%d.B16, V%d.B16", folded, scale)
	bsl(fn, scale, t, a)

	loadBits(fn, t, mantMask)
	fn.ins("VAND V%d.B16, V%d.B16, V%d.B16", abs, t, t)
	fn.ins("VORR V%d.B16, V%d.B16, V%d.B16", one, t, t)
	fn.ins("VMOV V%d.B16, V%d.B16", folded, mant)
	bsl(fn, mant, t, one)

	fn.ins("VUSHR $23, V%d.S4, V%d.S4", abs, expOffset)
	loadBits(fn, t, 127)
	fn.ins("VSUB V%d.S4, V%d.S4, V%d.S4", t, expOffset, expOffset)
	fn.ins("VAND V%d.B16, V%d.B16, V%d.B16", folded, expOffset, expOffset)
	loadBits(fn, t, bits(exp32.Magic))
	fn.ins("VSUB V%d.S4, V%d.S4, V%d.S4", t, expOffset, expOffset)
}
