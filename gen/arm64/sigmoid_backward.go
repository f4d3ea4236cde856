package main

import (
	"github.com/simdact/simdact/internal/exp32"
	"github.com/simdact/simdact/internal/sigmoid32"
)

// The backward kernels of the sigmoid family that exponentiate: the AVX2
// kernels' steps (gen/amd64/sigmoid.go), e = exp(-|t|) down to ExpMin and
// the gradient scaled by 2^n in two halves of the magic-bias sum.

// expConstants are the registers of the constants of exp and scaleTwice.
type expConstants struct {
	sign, expMin, scaleBase, scaleFloor, log2e, ln2Hi, ln2Lo, one vreg
	poly                                                          polyConstants
}

func loadExpConstants(fn *function, konst func() vreg) expConstants {
	c := expConstants{
		sign: konst(), expMin: konst(), scaleBase: konst(), scaleFloor: konst(), log2e: konst(),
		ln2Hi: konst(), ln2Lo: konst(), one: konst(),
	}
	for _, k := range []struct {
		v vreg
		b uint32
	}{
		{c.sign, signBit}, {c.expMin, bits(exp32.ExpMin)},
		{c.scaleBase, bits(exp32.MagicBase + exp32.ScaleBias)}, {c.scaleFloor, bits(exp32.ScaleFloor)},
		{c.log2e, bits(exp32.Log2E)}, {c.ln2Hi, bits(exp32.Ln2Hi)}, {c.ln2Lo, bits(exp32.Ln2Lo)},
		{c.one, oneBits},
	} {
		loadBits(fn, k.v, k.b)
	}
	c.poly = loadPolyConstants(fn, konst)
	return c
}

// gradientConstants are the registers of the backward kernels' common
// constants.
type gradientConstants struct {
	expConstants
	bigGradient, bigScale, bigShift, zeroBelow, zero vreg
}

func loadGradientConstants(fn *function, konst func() vreg) gradientConstants {
	c := gradientConstants{expConstants: loadExpConstants(fn, konst)}
	c.bigGradient, c.bigScale, c.bigShift, c.zeroBelow, c.zero = konst(), konst(), konst(), konst(), konst()
	loadBits(fn, c.bigGradient, bits(sigmoid32.BigGradient))
	loadBits(fn, c.bigScale, bits(sigmoid32.BigScale))
	loadBits(fn, c.bigShift, sigmoid32.BigShift)
	loadBits(fn, c.zeroBelow, bits(exp32.ExpZeroBelow))
	loadBits(fn, c.zero, 0)
	return c
}

// exp computes e = exp(z + lo) = m·2^n, z = max(-|a|, ExpMin) (lo < 0: no
// lo), as the AVX2 kernels do: m - 1 before its rounding into tmp[0], the
// magic-bias sum vm into tmp[1], m into tmp[5] and e into tmp[4]; tmp[2]
// and tmp[3] are its temporaries, and lo may be tmp[3].
func (c expConstants) exp(fn *function, a, lo vreg, tmp []vreg) (tr, vm, m, e vreg) {
	r, nf, q2 := tmp[0], tmp[2], tmp[2]
	tr, vm, m, e = tmp[0], tmp[1], tmp[5], tmp[4]
	fn.ins("VORR V%d.B16, V%d.B16, V%d.B16", c.sign, a, r)
	fn.word(fmax(r, r, c.expMin))
	fn.ins("VMOV V%d.B16, V%d.B16", c.scaleBase, vm)
	fn.ins("VFMLA V%d.S4, V%d.S4, V%d.S4", c.log2e, r, vm) // vm = z·log2(e) + magic, rounded to an integer
	fn.word(fsub(nf, vm, c.scaleBase))
	fn.ins("VFMLS V%d.S4, V%d.S4, V%d.S4", c.ln2Hi, nf, r) // exact
	fn.ins("VFMLS V%d.S4, V%d.S4, V%d.S4", c.ln2Lo, nf, r)
	if lo >= 0 {
		fn.word(fadd(r, r, lo))
	}
	q := c.poly.horner(fn, r, tmp[3], tmp[4])
	fn.ins("VMOV V%d.B16, V%d.B16", c.one, q2)
	fn.ins("VFMLA V%d.S4, V%d.S4, V%d.S4", q, r, q2)
	fn.word(fmul(r, r, q2)) // tr
	fn.word(fadd(m, r, c.one))
	fn.ins("VMOV V%d.B16, V%d.B16", m, e)
	c.scaleTwice(fn, e, vm, tmp[2], tmp[3])
	return tr, vm, m, e
}

// scaleTwice multiplies q by 2^(k>>1) and 2^(k-(k>>1)), k = max(n,
// -252), given the magic-bias sum v whose low bits hold n + ScaleBias (see
// exp32.ScaleBias), using h and k.
func (c expConstants) scaleTwice(fn *function, q, v, h, k vreg) {
	scaleTwice(fn, q, v, c.scaleFloor, h, k)
}

// scaleTwice multiplies q by 2^(k>>1) and 2^(k-(k>>1)), k = max(n, the n
// of floor), given the magic-bias sum v whose low bits hold n + ScaleBias,
// using h and k (which may be v). Only the second product rounds where
// the first is normal.
func scaleTwice(fn *function, q, v, floor, h, k vreg) {
	fn.word(smax(k, v, floor))
	scaleHalves(fn, q, k, h)
}

// scaleHalves multiplies q by 2^(k>>1) and 2^(k-(k>>1)), given the
// magic-bias sum k whose low bits hold k + ScaleBias (which it
// overwrites), using h.
func scaleHalves(fn *function, q, k, h vreg) {
	fn.ins("VUSHR $1, V%d.S4, V%d.S4", k, h)
	fn.ins("VSUB V%d.S4, V%d.S4, V%d.S4", h, k, k)
	fn.ins("VSHL $23, V%d.S4, V%d.S4", h, h)
	fn.ins("VSHL $23, V%d.S4, V%d.S4", k, k)
	fn.word(fmul(q, q, h))
	fn.word(fmul(q, q, k))
}

// reciprocal writes 1/(1 + e) into r to about 2^-40, given one in every
// lane: a Newton step with the exact residual and the rounding error of
// 1 + e; d, err and rho are its temporaries.
func reciprocal(fn *function, one, r, e, d, err, rho vreg) {
	fn.word(fadd(d, e, one))
	fn.word(fsub(err, d, one))
	fn.word(fsub(err, e, err)) // e - (d - 1), exact
	fn.word(fdiv(r, one, d))
	fn.ins("VMOV V%d.B16, V%d.B16", one, rho)
	fn.ins("VFMLS V%d.S4, V%d.S4, V%d.S4", r, d, rho)   // 1 - d·r, exact
	fn.ins("VFMLS V%d.S4, V%d.S4, V%d.S4", r, err, rho) // - err·r
	fn.ins("VFMLA V%d.S4, V%d.S4, V%d.S4", rho, r, r)   // r + r·rho
}

// scaleGradient multiplies q by dy·2^n, given the magic-bias sum v of n:
// where |dy| >= BigGradient, by dy·2^-BigShift and 2^(n+BigShift), so that
// dy·q cannot overflow where the result does not. big, b and vb are its
// temporaries.
func (c gradientConstants) scaleGradient(fn *function, q, dy, v, big, b, vb vreg) {
	fn.word(bic(big, dy, c.sign))
	fn.word(fcmge(big, big, c.bigGradient))
	fn.ins("VMOV V%d.B16, V%d.B16", big, vb)
	fn.word(fmul(b, dy, c.bigScale))
	bsl(fn, big, b, dy)
	fn.ins("VADD V%d.S4, V%d.S4, V%d.S4", c.bigShift, v, b)
	bsl(fn, vb, b, v)
	fn.word(fmul(q, q, big))
	c.scaleTwice(fn, q, vb, big, b)
}

func siluBackwardKernel(f *file) {
	var c gradientConstants
	var maxX vreg
	elementwise{
		name: "siluBackwardNEON",
		doc:  "sets dx[i] = dy[i]*s*(1+x[i]*(1-s)), s = sigmoid(x[i]) (see kernels.SiLUBackward).",
		out:  "dx", in: []string{"dy", "x"}, temps: 9, unroll: 1,
		setup: func(fn *function, konst func() vreg) {
			c = loadGradientConstants(fn, konst)
			maxX = konst()
			loadBits(fn, maxX, bits(-exp32.ExpMin))
		},
		op: func(fn *function, d vreg, in, tmp []vreg) {
			dy, x := in[0], in[1]
			_, vm, m, e := c.exp(fn, x, -1, tmp)
			rr := tmp[6]
			reciprocal(fn, c.one, rr, e, tmp[0], tmp[2], tmp[3])
			fn.word(fmul(rr, rr, rr))

			fn.comment("x < 0 (-0 too): m·((1+cx)+e)·rr, scaled by 2^n; else (1+e+cx·e)·rr; cx = x clamped to ±300.")
			cx, a := tmp[0], tmp[2]
			fn.word(fmax(cx, x, c.expMin))
			fn.word(fmin(cx, cx, maxX))
			fn.word(fadd(a, cx, c.one))
			fn.word(fadd(a, a, e))
			fn.word(fmul(a, a, m))
			fn.word(fadd(m, e, c.one))
			fn.ins("VFMLA V%d.S4, V%d.S4, V%d.S4", e, cx, m) // 1 + e + cx·e
			q, v2 := tmp[3], tmp[7]
			fn.word(cmgt(q, c.zero, x)) // x's sign bit
			fn.ins("VMOV V%d.B16, V%d.B16", q, v2)
			bsl(fn, q, a, m)
			fn.word(fmul(q, q, rr))
			bsl(fn, v2, vm, c.scaleBase)
			c.scaleGradient(fn, q, dy, v2, tmp[0], tmp[2], tmp[8])

			fn.comment("x <= ExpZeroBelow: dy·-0 (exp(x) is 0 in float64).")
			fn.word(fmul(a, dy, c.sign))
			fn.word(fcmge(d, c.zeroBelow, x))
			bsl(fn, d, a, q)
		},
	}.generate(f)
}

func softplusBackwardKernel(f *file) {
	var c gradientConstants
	var beta, threshold, loLimit, negLoLimit vreg
	elementwise{
		name: "softplusBackwardNEON",
		doc:  "sets dx[i] = beta*x[i] > threshold ? dy[i] : dy[i]*sigmoid(beta*x[i]) (see kernels.SoftplusBackward).",
		out:  "dx", in: []string{"dy", "x"}, params: []param{{"beta", "float32"}, {"threshold", "float32"}},
		temps: 8, unroll: 1,
		setup: func(fn *function, konst func() vreg) {
			c = loadGradientConstants(fn, konst)
			beta, threshold, loLimit, negLoLimit = konst(), konst(), konst(), konst()
			broadcastParam(fn, "beta", beta)
			broadcastParam(fn, "threshold", threshold)
			loadBits(fn, loLimit, bits(sigmoid32.LoLimit))
			loadBits(fn, negLoLimit, bits(-sigmoid32.LoLimit))
		},
		op: func(fn *function, d vreg, in, tmp []vreg) {
			dy, x := in[0], in[1]
			t, lo, s := tmp[7], tmp[3], tmp[0]
			fn.word(fmul(t, x, beta))
			softplusLo(fn, c.expConstants, t, x, beta, lo, s, loLimit, negLoLimit)
			_, vm, m, e := c.exp(fn, t, lo, tmp)
			r := tmp[6]
			reciprocal(fn, c.one, r, e, tmp[0], tmp[2], tmp[3])
			fn.word(fmul(m, m, r))
			c.scaleGradient(fn, m, dy, vm, tmp[0], tmp[2], tmp[3])
			fn.comment("t > 0: dy·r; t <= ExpZeroBelow: dy·0; t > threshold: dy.")
			fn.word(fmul(r, r, dy))
			fn.word(fcmgtz(s, t))
			bsl(fn, s, r, m)
			fn.word(fmul(r, dy, c.zero))
			fn.word(fcmge(m, c.zeroBelow, t))
			bsl(fn, m, r, s)
			fn.word(fcmgt(d, t, threshold))
			bsl(fn, d, dy, m)
		},
	}.generate(f)
}

func mishBackwardKernel(f *file) {
	var c gradientConstants
	var maxX, two, four vreg
	elementwise{
		name: "mishBackwardNEON",
		doc: "sets dx[i] = dy[i]*(t + x[i]*sigmoid(x[i])*(1-t*t)), t = tanh(softplus(x[i])) " +
			"(see kernels.MishBackward).",
		out: "dx", in: []string{"dy", "x"}, temps: 9, unroll: 1,
		setup: func(fn *function, konst func() vreg) {
			c = loadGradientConstants(fn, konst)
			maxX, two, four = konst(), konst(), konst()
			loadBits(fn, maxX, bits(-exp32.ExpMin))
			loadBits(fn, two, bits(2))
			loadBits(fn, four, bits(4))
		},
		op: func(fn *function, d vreg, in, tmp []vreg) {
			dy, x := in[0], in[1]
			_, vm, m, e := c.exp(fn, x, -1, tmp)
			cx, ope, a, dd, pp, qq, q2 := tmp[0], tmp[2], tmp[3], tmp[6], m, tmp[7], tmp[8]
			fn.word(fmax(cx, x, c.expMin))
			fn.word(fmin(cx, cx, maxX))
			fn.word(fmul(cx, cx, four)) // 4x
			fn.word(fadd(ope, e, c.one))
			fn.comment("x < 0 (-0 too): m·b / d², b = a·d + 4x(1+e), d = e·a + 2, a = e + 2, scaled by 2^n.")
			fn.word(fadd(a, e, two))
			fn.ins("VMOV V%d.B16, V%d.B16", two, dd)
			fn.ins("VFMLA V%d.S4, V%d.S4, V%d.S4", a, e, dd)
			fn.word(fmul(a, a, dd))
			fn.ins("VFMLA V%d.S4, V%d.S4, V%d.S4", ope, cx, a)
			fn.word(fmul(a, a, m))
			fn.word(fmul(dd, dd, dd))
			fn.comment("x >= 0: (P·Q + 4x·e²·(1+e)) / Q², P = 1 + 2e, Q = P + 2e·e.")
			fn.ins("VMOV V%d.B16, V%d.B16", c.one, pp)
			fn.ins("VFMLA V%d.S4, V%d.S4, V%d.S4", two, e, pp)
			fn.word(fadd(qq, e, e))
			fn.ins("VMOV V%d.B16, V%d.B16", pp, q2)
			fn.ins("VFMLA V%d.S4, V%d.S4, V%d.S4", qq, e, q2) // Q
			fn.word(fmul(e, e, e))
			fn.word(fmul(e, e, cx))
			fn.word(fmul(pp, pp, q2))
			fn.ins("VMOV V%d.B16, V%d.B16", pp, qq)
			fn.ins("VFMLA V%d.S4, V%d.S4, V%d.S4", e, ope, qq)
			fn.word(fmul(q2, q2, q2))
			num, den, v2 := cx, pp, ope
			fn.word(cmgt(num, c.zero, x)) // x's sign bit
			fn.ins("VMOV V%d.B16, V%d.B16", num, den)
			fn.ins("VMOV V%d.B16, V%d.B16", num, v2)
			bsl(fn, num, a, qq)
			bsl(fn, den, dd, q2)
			fn.word(fdiv(num, num, den))
			bsl(fn, v2, vm, c.scaleBase)
			c.scaleGradient(fn, num, dy, v2, a, dd, qq)
			fn.comment("x <= ExpZeroBelow: dy·-0 (exp(x) is 0 in float64).")
			fn.word(fmul(a, dy, c.sign))
			fn.word(fcmge(d, c.zeroBelow, x))
			bsl(fn, d, a, num)
		},
	}.generate(f)
}

// softplusLo writes into lo the correction of exp(-|t|) for the rounding
// of t = beta·x: -sign(t)·(beta·x - t), exact, clamped to ±LoLimit (NaN to
// -LoLimit, where t is infinite), using s.
func softplusLo(fn *function, c expConstants, t, x, beta, lo, s, loLimit, negLoLimit vreg) {
	fn.ins("VEOR V%d.B16, V%d.B16, V%d.B16", c.sign, t, lo)
	fn.ins("VFMLA V%d.S4, V%d.S4, V%d.S4", beta, x, lo)
	fn.word(bic(s, c.sign, t))
	fn.ins("VEOR V%d.B16, V%d.B16, V%d.B16", s, lo, lo)
	fn.word(fcmeq(s, lo, lo))
	bsl(fn, s, lo, negLoLimit)
	fn.word(fmax(s, s, negLoLimit))
	fn.word(fmin(lo, s, loLimit))
}

func sigmoidBackwardKernel(f *file) {
	logisticSlopeKernel(f, "sigmoidBackwardNEON", false,
		"sets dx[i] = dy[i]*s*(1-s), s = sigmoid(x[i]) (see kernels.SigmoidBackward): dy·(m/d²)·2^n, "+
			"e = exp(-|x|) = m·2^n, d = 1 + e.")
}

// logisticSlopeKernel writes a kernel that sets dx = dy·c·s(u)·(1-s(u)), as
// the AVX2 kernel of the same name does: u = x and c = 1 (Sigmoid's
// derivative), or, with twice, u = 2x and c = 4 joined to 2^n (Tanh's);
// dy·+0 where exp(-|u|) is 0 in float64.
func logisticSlopeKernel(f *file, name string, twice bool, doc string) {
	var c gradientConstants
	var minN, biasDiff, two vreg
	elementwise{
		name: name, doc: doc,
		out: "dx", in: []string{"dy", "x"}, temps: 7, unroll: 1,
		setup: func(fn *function, konst func() vreg) {
			c = loadGradientConstants(fn, konst)
			minN, biasDiff = konst(), konst()
			loadBits(fn, minN, bits(exp32.MagicBase+exp32.ScaleBias-60))
			loadBits(fn, biasDiff, exp32.ScaleBias-127)
			if twice {
				two = konst()
				loadBits(fn, two, 2)
			}
		},
		op: func(fn *function, d vreg, in, tmp []vreg) {
			dy, u := in[0], in[1]
			if twice {
				u = tmp[6]
				fn.word(fadd(u, in[1], in[1]))
			}
			_, vm, m, _ := c.exp(fn, u, -1, tmp)
			fn.comment("dd = 1 + 2^max(n, -60)·m, and m/dd².")
			dd := tmp[0]
			fn.word(smax(dd, vm, minN))
			fn.ins("VSUB V%d.S4, V%d.S4, V%d.S4", biasDiff, dd, dd)
			fn.ins("VSHL $23, V%d.S4, V%d.S4", dd, dd)
			fn.ins("VMOV V%d.B16, V%d.B16", c.one, tmp[2])
			fn.ins("VFMLA V%d.S4, V%d.S4, V%d.S4", m, dd, tmp[2]) // 1 + 2^k·m, rounded once
			fn.word(fmul(dd, tmp[2], tmp[2]))
			fn.word(fdiv(m, m, dd))
			if twice {
				fn.ins("VADD V%d.S4, V%d.S4, V%d.S4", two, vm, vm)
			}
			c.scaleGradient(fn, m, dy, vm, tmp[0], tmp[2], tmp[3])
			fn.comment("-|u| <= ExpZeroBelow: dy·+0.")
			a, z := tmp[0], tmp[2]
			fn.ins("VORR V%d.B16, V%d.B16, V%d.B16", c.sign, u, a)
			fn.word(fmul(z, dy, c.zero))
			fn.word(fcmge(d, c.zeroBelow, a))
			bsl(fn, d, z, m)
		},
	}.generate(f)
}

func swishBackwardKernel(f *file) {
	var c gradientConstants
	var beta, loLimit, negLoLimit vreg
	elementwise{
		name: "swishBackwardNEON",
		doc: "sets dx[i] = dy[i]*(s + beta*x[i]*s*(1-s)), s = sigmoid(beta*x[i]) (see kernels.SwishBackward): " +
			"SiLU's derivative at t = beta·x, the rounding of t carried into exp(-|t|).",
		out: "dx", in: []string{"dy", "x"}, params: []param{{"beta", "float32"}}, temps: 10, unroll: 1,
		setup: func(fn *function, konst func() vreg) {
			c = loadGradientConstants(fn, konst)
			beta, loLimit, negLoLimit = loadSwishParams(fn, konst)
		},
		op: func(fn *function, d vreg, in, tmp []vreg) {
			dy, x := in[0], in[1]
			t, lo := tmp[9], tmp[3]
			fn.word(fmul(t, x, beta))
			softplusLo(fn, c.expConstants, t, x, beta, lo, tmp[0], loLimit, negLoLimit)
			_, vm, m, e := c.exp(fn, t, lo, tmp)
			rr := tmp[6]
			reciprocal(fn, c.one, rr, e, tmp[0], tmp[2], tmp[3])
			fn.word(fmul(rr, rr, rr))

			fn.comment("t < 0 (-0 too): m·((1+ct)+e)·rr, scaled by 2^n; else (1+e+ct·e)·rr; ct = t clamped to ±300.")
			ct, a := tmp[0], tmp[2]
			fn.word(fmax(ct, t, c.expMin))
			loadBits(fn, a, bits(-exp32.ExpMin))
			fn.word(fmin(ct, ct, a))
			fn.word(fadd(a, ct, c.one))
			fn.word(fadd(a, a, e))
			fn.word(fmul(a, a, m))
			fn.word(fadd(m, e, c.one))
			fn.ins("VFMLA V%d.S4, V%d.S4, V%d.S4", e, ct, m) // 1 + e + ct·e
			q, v2 := tmp[3], tmp[7]
			fn.word(cmgt(q, c.zero, t)) // t's sign bit
			fn.ins("VMOV V%d.B16, V%d.B16", q, v2)
			bsl(fn, q, a, m)
			fn.word(fmul(q, q, rr))
			bsl(fn, v2, vm, c.scaleBase)
			c.scaleGradient(fn, q, dy, v2, tmp[0], tmp[2], tmp[8])

			fn.comment("t <= ExpZeroBelow: dy·-0 (exp(t) is 0 in float64).")
			fn.word(fmul(a, dy, c.sign))
			fn.word(fcmge(d, c.zeroBelow, t))
			bsl(fn, d, a, q)
		},
	}.generate(f)
}
