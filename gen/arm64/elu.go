package main

import (
	"math"

	"github.com/simdact/simdact/internal/exp32"
)

// The ELU kernels compute the exponential of package exp32 with the same
// operations, in the same order, as the AVX2 kernels (gen/amd64/elu.go):
// NEON's FMLA and FMLS round once, as x86's fused multiply-adds do.

const (
	signBit = 0x80000000
	oneBits = 0x3f800000
)

func bits(f float32) uint32 { return math.Float32bits(f) }

// polyConstants holds p's coefficients: C6, C5, C4, C3 in the lanes of one
// register and C2 in the first lane of another, from which each step of
// Horner's scheme copies its coefficient (FMLA adds into its destination).
type polyConstants struct{ c6to3, c2 vreg }

func loadPolyConstants(fn *function, konst func() vreg) polyConstants {
	p := polyConstants{konst(), konst()}
	for lane, c := range []float32{exp32.C6, exp32.C5, exp32.C4, exp32.C3} {
		fn.ins("MOVW $0x%08x, %s", bits(c), scratch)
		fn.ins("VMOV %s, V%d.S[%d]", scratch, p.c6to3, lane)
	}
	loadBits(fn, p.c2, bits(exp32.C2))
	return p
}

// poly writes p(r) into r, using q and a as temporaries.
func (c polyConstants) poly(fn *function, r, q, a, r2 vreg) {
	a = c.horner(fn, r, q, a)
	fn.word(fmul(r2, r, r))
	fn.ins("VFMLA V%d.S4, V%d.S4, V%d.S4", a, r2, r) // r = r + r²·q
}

// horner writes q(r), where p(r) = r + r²·q(r), into one of q and a,
// which it returns, and uses the other as a temporary.
func (c polyConstants) horner(fn *function, r, q, a vreg) vreg {
	fn.ins("VDUP V%d.S[0], V%d.S4", c.c6to3, q)
	for _, src := range []string{"S[1]", "S[2]", "S[3]"} {
		fn.ins("VDUP V%d.%s, V%d.S4", c.c6to3, src, a)
		fn.ins("VFMLA V%d.S4, V%d.S4, V%d.S4", q, r, a) // a = c + q·r
		q, a = a, q
	}
	fn.ins("VMOV V%d.B16, V%d.B16", c.c2, a)
	fn.ins("VFMLA V%d.S4, V%d.S4, V%d.S4", q, r, a)
	return a
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
		name: "eluNEON",
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
			x, v, s, q, a := in[0], tmp[1], tmp[2], tmp[3], tmp[4]
			expm1Consts{lo, magic, log2e, ln2, one, sign, pc}.expm1(fn, x, tmp)
			mulLikeX86(fn, q, v, alpha, fix, []vreg{a, s})
			fn.word(fcmgtz(d, x))
			bsl(fn, d, x, q)
		},
	}.generate(f)
}

// expm1Consts are the registers of ELU's expm1: ELUMin, Magic, log2(e),
// ln2, 1, the sign bit, and p's coefficients.
type expm1Consts struct {
	lo, magic, log2e, ln2, one, sign vreg
	pc                               polyConstants
}

// expm1 writes expm1(max(x, ELUMin)), with x's sign (for x <= 0), into
// tmp[1], using tmp[0] and tmp[2:5] as temporaries.
func (c expm1Consts) expm1(fn *function, x vreg, tmp []vreg) {
	z, v, s, q, a := tmp[0], tmp[1], tmp[2], tmp[3], tmp[4]
	fn.word(fmax(z, x, c.lo))
	fn.ins("VMOV V%d.B16, V%d.B16", c.magic, v)
	fn.ins("VFMLA V%d.S4, V%d.S4, V%d.S4", c.log2e, z, v) // v = z·log2(e) + Magic, rounded to an integer n
	fn.ins("VSHL $23, V%d.S4, V%d.S4", v, s)              // s = 2^n
	fn.word(fsub(v, v, c.magic))
	fn.ins("VFMLS V%d.S4, V%d.S4, V%d.S4", c.ln2, v, z) // z = r = z - n·ln2
	c.pc.poly(fn, z, q, a, v)
	fn.word(fsub(v, s, c.one))
	fn.ins("VFMLA V%d.S4, V%d.S4, V%d.S4", z, s, v) // v = expm1(x) = s·p + (s - 1)
	// v is <= 0 but r + r²·q turned -0 into +0: give it x's sign.
	fn.ins("VAND V%d.B16, V%d.B16, V%d.B16", c.sign, x, a)
	fn.ins("VORR V%d.B16, V%d.B16, V%d.B16", a, v, v)
}

func eluBackwardKernel(f *file) {
	var b backwardOp
	elementwise{
		name: "eluBackwardNEON",
		doc: "sets dx[i] = x[i] > 0 ? dy[i] : dy[i]*alpha*exp(x[i]) (see kernels.ELUBackward), " +
			"given exp32.Backward(alpha), with one rounding (see package exp32).",
		out: "dx", in: []string{"dy", "x"},
		params: []param{{"f", "float32"}, {"fHuge", "float32"}, {"magic", "float32"}},
		temps:  9, unroll: 1,
		setup: func(fn *function, konst func() vreg) {
			b.expMin, b.magic, b.log2e, b.ln2Hi, b.ln2Lo = konst(), konst(), konst(), konst(), konst()
			b.load(fn, konst)
			loadBits(fn, b.expMin, bits(exp32.ExpMin))
			broadcastParam(fn, "magic", b.magic)
			loadBits(fn, b.log2e, bits(exp32.Log2E))
			loadBits(fn, b.ln2Hi, bits(exp32.Ln2Hi))
			loadBits(fn, b.ln2Lo, bits(exp32.Ln2Lo))
			b.loadRest(fn, konst, func() { loadBits(fn, b.cutoff, bits(exp32.ExpZeroBelow)) })
		},
		op: b.op,
	}.generate(f)
}

// backwardOp emits ELUBackwardNEON's computation of 4 lanes (see
// gen/amd64's backwardVector), given the registers of its constants. The
// reduction's (expMin, log2e, ln2Hi, ln2Lo, cutoff) are CELU's in x's units
// (see package selu32), and then inv, 1/alpha, scales r; scale, if set,
// multiplies dy where x > 0 (SELU's).
type backwardOp struct {
	expMin, magic, log2e, ln2Hi, ln2Lo                 vreg
	floor, hugeScale, huge, fUsual, fHuge, cutoff, fix vreg
	pc                                                 polyConstants
	inv, scale                                         *vreg
}

// load allocates the registers of the constants that do not depend on the
// reduction, but for the polynomial's, which loadRest allocates.
func (b *backwardOp) load(fn *function, konst func() vreg) {
	b.floor, b.hugeScale, b.huge, b.fUsual, b.fHuge, b.cutoff, b.fix = konst(), konst(), konst(), konst(), konst(), konst(), konst()
}

// loadRest loads the constants that load allocated, with cutoff loaded by
// loadCutoff, and the polynomial's.
func (b *backwardOp) loadRest(fn *function, konst func() vreg, loadCutoff func()) {
	loadBits(fn, b.floor, bits(exp32.ScaleFloor))
	loadBits(fn, b.hugeScale, exp32.Shift-exp32.HugeShift)
	loadBits(fn, b.huge, bits(exp32.HugeGradient))
	broadcastParam(fn, "f", b.fUsual)
	broadcastParam(fn, "fHuge", b.fHuge)
	loadCutoff()
	b.pc = loadPolyConstants(fn, konst)
	signFixer(fn, b.fix, b.fUsual)
}

// op computes dx from dy and x, as elementwise.op.
func (b *backwardOp) op(fn *function, d vreg, in, tmp []vreg) {
	dy, x := in[0], in[1]
	usual, fm, r, v, n, t, u, q, a := tmp[0], tmp[1], tmp[2], tmp[3], tmp[4], tmp[5], tmp[6], tmp[7], tmp[8]
	fn.comment("F = f where |dy| < HugeGradient, else fHuge, whose k is Shift - HugeShift more.")
	fn.word(facgt(usual, b.huge, dy))
	fn.ins("VMOV V%d.B16, V%d.B16", usual, fm)
	bsl(fn, fm, b.fUsual, b.fHuge)

	fn.word(fmax(r, x, b.expMin)) // a NaN x stays NaN
	fn.ins("VMOV V%d.B16, V%d.B16", b.magic, v)
	fn.ins("VFMLA V%d.S4, V%d.S4, V%d.S4", b.log2e, r, v) // v = z·log2(e) + magic, rounded to an integer
	fn.word(fsub(n, v, b.magic))
	fn.ins("VFMLS V%d.S4, V%d.S4, V%d.S4", b.ln2Hi, n, r) // exact
	fn.ins("VFMLS V%d.S4, V%d.S4, V%d.S4", b.ln2Lo, n, r) // r = z - n·ln2
	if b.inv != nil {
		fn.word(fmul(r, r, *b.inv))
	}
	fn.ins("VADD V%d.S4, V%d.S4, V%d.S4", b.hugeScale, v, n)
	bsl(fn, usual, v, n)

	fn.comment("B = t - ((t - T)·(1 + r) - t·p), T = dy·F = t - (t - T) exactly.")
	fn.word(fmul(t, dy, fm)) // dy first: of two NaNs, dy's wins
	fn.ins("VMOV V%d.B16, V%d.B16", t, u)
	fn.ins("VFMLS V%d.S4, V%d.S4, V%d.S4", dy, fm, u) // u = t - F·dy, exact (F negated, not a NaN dy)
	fn.ins("VFMLA V%d.S4, V%d.S4, V%d.S4", r, u, u)   // u = u·(1 + r), a small term: r is near enough p
	b.pc.poly(fn, r, q, a, v)
	fn.ins("VFMLS V%d.S4, V%d.S4, V%d.S4", r, t, u) // u = u - t·p
	fn.word(fsub(u, t, u))

	fn.comment("B·2^(k>>1)·2^(k-(k>>1)), k = max(n + e - c, -252): only the last product rounds.")
	scaleTwice(fn, u, usual, b.floor, n, usual)

	fn.comment("±Inf times an exp(x) that underflowed is ±Inf, as in float64, down to where float64's exp " +
		"is 0 too: where T is ±Inf or NaN, so is T·(1 + p)·2^k, x86's ±Inf·0 where x <= ExpZeroBelow.")
	fn.word(fcmeq(q, u, u))
	fn.word(fcmgt(a, x, b.cutoff))
	fn.word(bic(a, a, q))
	bsl(fn, a, t, u)
	fn.comment("x86's NaN for an invalid ±Inf·0 (not where x is NaN: there x's NaN passes, as on x86).")
	fn.word(fcmeq(fm, x, x))
	fn.ins("VAND V%d.B16, V%d.B16, V%d.B16", b.fix, fm, fm)
	invalidLikeX86(fn, a, dy, fm, []vreg{q, n})
	pass := dy
	if b.scale != nil {
		fn.word(fmul(q, dy, *b.scale)) // the x > 0 lanes give dy·scale
		pass = q
	}
	fn.word(fcmgtz(d, x))
	bsl(fn, d, pass, a)
}

func eluBackwardFromOutputKernel(f *file) {
	var alpha, sign vreg
	elementwise{
		name: "eluBackwardFromOutputNEON",
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
