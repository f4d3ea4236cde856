package main

import (
	"github.com/simdact/simdact/internal/exp32"
	"github.com/simdact/simdact/internal/gelu32"
	"github.com/simdact/simdact/internal/sigmoid32"
)

// The sigmoid family on NEON, with the AVX kernels' operations
// (gen/amd64/sigmoid.go): they give the AVX kernels' bits. Sigmoid and SiLU scale by 2^n in two
// normal powers of two (see sigmoid32.NEONMin), which rounds the same; the
// backward kernels are in sigmoid_backward.go.

func sigmoidKernels(f *file) {
	sigmoidKernel(f)
	sigmoidBackwardFromOutputKernel(f)
	sigmoidBackwardKernel(f)
	swishKernel(f)
	swishBackwardKernel(f)
	siluKernel(f)
	siluBackwardKernel(f)
	softplusBackwardKernel(f)
	mishKernel(f)
	mishBackwardKernel(f)
	softplusKernel(f)
}

// sigmoidConstants are the registers of the constants of the forward
// kernels.
type sigmoidConstants struct {
	sign, lo, magic, log2e, ln2Hi, ln2Lo, one, scaleMin, scaleFirst vreg
	poly                                                            polyConstants
}

func loadSigmoidConstants(fn *function, konst func() vreg) sigmoidConstants {
	c := sigmoidConstants{
		sign: konst(), lo: konst(), magic: konst(), log2e: konst(), ln2Hi: konst(), ln2Lo: konst(),
		one: konst(), scaleMin: konst(), scaleFirst: konst(),
	}
	loadBits(fn, c.sign, signBit)
	loadBits(fn, c.lo, bits(sigmoid32.NEONMin))
	loadBits(fn, c.magic, bits(exp32.Magic))
	loadBits(fn, c.log2e, bits(exp32.Log2E))
	loadBits(fn, c.ln2Hi, bits(exp32.Ln2Hi))
	loadBits(fn, c.ln2Lo, bits(exp32.Ln2Lo))
	loadBits(fn, c.one, oneBits)
	loadBits(fn, c.scaleMin, bits(exp32.Magic+sigmoid32.NEONScaleMin))
	loadBits(fn, c.scaleFirst, bits(exp32.Magic+sigmoid32.NEONScaleFirst))
	c.poly = loadPolyConstants(fn, konst)
	return c
}

// exp writes exp(z) = (1 + p)·2^n for z = max(-|x|, NEONMin) (NaN stays):
// z into tmp[0], the magic-bias sum whose low bits hold n + 127 into
// tmp[1], p into tmp[2] and 1 + p + 2^max(n, NEONScaleMin)·(1 + p), which
// is 1 + e, into tmp[3]; tmp[4] to tmp[6] are its temporaries.
func (c sigmoidConstants) exp(fn *function, x vreg, tmp []vreg) (z, nm, p, d vreg) {
	z, nm, p, d = tmp[0], tmp[1], tmp[2], tmp[3]
	n, a, r2 := tmp[4], tmp[5], tmp[6]
	fn.ins("VORR V%d.B16, V%d.B16, V%d.B16", c.sign, x, z)
	fn.word(fmax(z, z, c.lo))
	fn.ins("VMOV V%d.B16, V%d.B16", c.magic, nm)
	fn.ins("VFMLA V%d.S4, V%d.S4, V%d.S4", c.log2e, z, nm) // nm = z·log2(e) + Magic, rounded to an integer n
	fn.word(fsub(n, nm, c.magic))
	fn.ins("VMOV V%d.B16, V%d.B16", z, p)
	fn.ins("VFMLS V%d.S4, V%d.S4, V%d.S4", c.ln2Hi, n, p) // exact
	fn.ins("VFMLS V%d.S4, V%d.S4, V%d.S4", c.ln2Lo, n, p) // p = r
	fn.comment("p = r·(1 + r·q(r)), as the AVX kernels round it.")
	q := c.poly.horner(fn, p, d, a)
	fn.ins("VMOV V%d.B16, V%d.B16", c.one, r2)
	fn.ins("VFMLA V%d.S4, V%d.S4, V%d.S4", q, p, r2)
	fn.word(fmul(p, p, r2))
	fn.comment("1 + e = 2^max(n, NEONScaleMin)·(1 + p) + 1.")
	fn.word(fmax(a, nm, c.scaleMin))
	fn.ins("VSHL $23, V%d.S4, V%d.S4", a, a)
	fn.word(fadd(n, p, c.one))
	fn.ins("VMOV V%d.B16, V%d.B16", c.one, d)
	fn.ins("VFMLA V%d.S4, V%d.S4, V%d.S4", a, n, d) // rounded once
	return z, nm, p, d
}

// scale multiplies q by 2^n, given nm: by 2^max(n, NEONScaleFirst)
// exactly, then by the rest, rounding once. It uses k1 and k.
func (c sigmoidConstants) scale(fn *function, q, nm, k1, k vreg) {
	fn.word(fmax(k1, nm, c.scaleFirst))
	fn.word(fsub(k, nm, k1))
	fn.word(fadd(k, k, c.magic))
	fn.ins("VSHL $23, V%d.S4, V%d.S4", k1, k1)
	fn.ins("VSHL $23, V%d.S4, V%d.S4", k, k)
	fn.word(fmul(q, q, k1))
	fn.word(fmul(q, q, k))
}

// quietNaN writes x + x, x quieted, into d where x is NaN, and y
// elsewhere, using t.
func quietNaN(fn *function, d, x, y, t vreg) {
	fn.word(fadd(t, x, x))
	fn.word(fcmeq(d, x, x))
	bsl(fn, d, y, t)
}

func sigmoidKernel(f *file) {
	var c sigmoidConstants
	elementwise{
		name: "sigmoidNEON",
		doc:  "sets dst[i] = 1/(1+exp(-x[i])) (see kernels.Sigmoid).",
		out:  "dst", in: []string{"x"}, temps: 7, unroll: 1,
		setup: func(fn *function, konst func() vreg) { c = loadSigmoidConstants(fn, konst) },
		op: func(fn *function, d vreg, in, tmp []vreg) {
			x := in[0]
			_, nm, p, e := c.exp(fn, x, tmp)
			fn.comment("x <= 0: (1 + p)/(1 + e), scaled by 2^n; x > 0: 1 - that.")
			q, k1, k := tmp[0], tmp[4], tmp[5]
			fn.word(fadd(p, p, c.one))
			fn.word(fdiv(q, p, e))
			c.scale(fn, q, nm, k1, k)
			fn.word(fsub(e, c.one, q))
			fn.word(fcmgtz(k, x))
			bsl(fn, k, e, q)
			quietNaN(fn, d, x, k, q)
		},
	}.generate(f)
}

func siluKernel(f *file) {
	var c sigmoidConstants
	elementwise{
		name: "siluNEON",
		doc:  "sets dst[i] = x[i]*sigmoid(x[i]) (see kernels.SiLU).",
		out:  "dst", in: []string{"x"}, temps: 8, unroll: 1,
		setup: func(fn *function, konst func() vreg) { c = loadSigmoidConstants(fn, konst) },
		op: func(fn *function, d vreg, in, tmp []vreg) {
			x := in[0]
			z, nm, p, dd := c.exp(fn, x, tmp)
			fn.comment("r = 1/(1 + e), e = 2^max(n, NEONScaleMin)·(1 + p) (exact, and 1 + e rounds as exp's).")
			e, err, r, rho := tmp[4], tmp[5], tmp[6], tmp[7]
			fn.word(fmax(e, nm, c.scaleMin))
			fn.ins("VSHL $23, V%d.S4, V%d.S4", e, e)
			fn.word(fadd(r, p, c.one))
			fn.word(fmul(e, e, r))
			reciprocal(fn, c.one, r, e, dd, err, rho)
			fn.comment("x < 0: (z + z·p)·r, scaled by 2^n; else x·r.")
			t := dd
			fn.ins("VMOV V%d.B16, V%d.B16", z, t)
			fn.ins("VFMLA V%d.S4, V%d.S4, V%d.S4", z, p, t)
			fn.word(fmul(t, t, r))
			c.scale(fn, t, nm, e, err)
			fn.word(fmul(r, x, r))
			fn.word(fcmltz(e, x))
			bsl(fn, e, t, r)
			quietNaN(fn, d, x, e, r)
		},
	}.generate(f)
}

func sigmoidBackwardFromOutputKernel(f *file) {
	var sign, one, huge vreg
	elementwise{
		name: "sigmoidBackwardFromOutputNEON",
		doc:  "sets dx[i] = dy[i]*y[i]*(1-y[i]) (see kernels.SigmoidBackwardFromOutput): dy·(y - y²), or (dy·y)·(1-y) where |y| >= 2^63.",
		out:  "dx", in: []string{"dy", "y"}, temps: 4,
		setup: func(fn *function, konst func() vreg) {
			sign, one, huge = konst(), konst(), konst()
			loadBits(fn, sign, signBit)
			loadBits(fn, one, oneBits)
			loadBits(fn, huge, bits(0x1p63))
		},
		op: func(fn *function, d vreg, in, tmp []vreg) {
			dy, y, g, h, a, m := in[0], in[1], tmp[0], tmp[1], tmp[2], tmp[3]
			fn.ins("VMOV V%d.B16, V%d.B16", y, g)
			fn.ins("VFMLS V%d.S4, V%d.S4, V%d.S4", y, y, g) // y - y², rounded once
			fn.word(fmul(g, g, dy))
			fn.word(fmul(h, y, dy))
			fn.word(fsub(a, one, y))
			fn.word(fmul(h, h, a))
			fn.word(bic(a, y, sign))
			fn.word(fcmge(m, a, huge))
			bsl(fn, m, h, g)
			fn.ins("VMOV V%d.B16, V%d.B16", m, d)
		},
	}.generate(f)
}

func mishKernel(f *file) {
	var expMin, high, scaleBase, log2e, ln2Hi, ln2Lo, one, dOne, dTwo, dMagic vreg
	var pc polyConstants
	elementwise{
		name: "mishNEON",
		doc:  "sets dst[i] = x[i]*tanh(softplus(x[i])) (see kernels.Mish).",
		out:  "dst", in: []string{"x"}, temps: 10, unroll: 1,
		setup: func(fn *function, konst func() vreg) {
			expMin, high, scaleBase, log2e, ln2Hi, ln2Lo = konst(), konst(), konst(), konst(), konst(), konst()
			one, dOne, dTwo, dMagic = konst(), konst(), konst(), konst()
			loadBits(fn, expMin, bits(exp32.ExpMin))
			loadBits(fn, high, bits(sigmoid32.MishHigh))
			loadBits(fn, scaleBase, bits(exp32.MagicBase+exp32.ScaleBias))
			loadBits(fn, log2e, bits(exp32.Log2E))
			loadBits(fn, ln2Hi, bits(exp32.Ln2Hi))
			loadBits(fn, ln2Lo, bits(exp32.Ln2Lo))
			loadBits(fn, one, oneBits)
			loadDouble(fn, dOne, 1)
			loadDouble(fn, dTwo, 2)
			loadDouble(fn, dMagic, gelu32.Magic)
			pc = loadPolyConstants(fn, konst)
		},
		op: func(fn *function, d vreg, in, tmp []vreg) {
			x := in[0]
			xc, r, vm, nf, t, u, n, xd, y, q2 := tmp[0], tmp[1], tmp[2], tmp[3], tmp[4], tmp[5], tmp[6], tmp[7], tmp[8], tmp[9]
			fn.comment("u = e^z = (1 + tr)·2^n, z = min(max(x, ExpMin), MishHigh), in float32 but for 1 + tr.")
			fn.word(fmax(xc, x, expMin))
			fn.word(fmin(r, xc, high))
			fn.ins("VMOV V%d.B16, V%d.B16", scaleBase, vm)
			fn.ins("VFMLA V%d.S4, V%d.S4, V%d.S4", log2e, r, vm) // vm = z·log2(e) + magic, rounded to an integer
			fn.word(fsub(nf, vm, scaleBase))
			fn.ins("VFMLS V%d.S4, V%d.S4, V%d.S4", ln2Hi, nf, r) // exact
			fn.ins("VFMLS V%d.S4, V%d.S4, V%d.S4", ln2Lo, nf, r)
			q := pc.horner(fn, r, t, u)
			fn.ins("VMOV V%d.B16, V%d.B16", one, q2)
			fn.ins("VFMLA V%d.S4, V%d.S4, V%d.S4", q, r, q2)
			fn.word(fmul(r, r, q2)) // tr
			for half, widen := range []func(d, n vreg) word{fcvtl, fcvtl2} {
				fn.comment("In float64: x·t, t = N/(N + 2), N = u·(u + 2), with u = (1 + tr)·2^n exact.")
				fn.word(widen(u, r))
				fn.word(faddd(u, u, dOne))
				fn.word(widen(n, nf))
				fn.word(faddd(n, n, dMagic))
				scale(fn, u, n)
				fn.word(faddd(t, u, dTwo))
				fn.word(fmuld(t, t, u))
				fn.word(faddd(u, t, dTwo))
				fn.word(fdivd(t, t, u))
				fn.word(widen(xd, xc))
				fn.word(fmuld(t, t, xd))
				if half == 0 {
					fn.word(fcvtn(y, t))
				} else {
					fn.word(fcvtn2(y, t))
				}
			}
			quietNaN(fn, d, x, y, t)
		},
	}.generate(f)
}

func softplusKernel(f *file) {
	var c expConstants
	var logCoefficients [3]vreg // G10 to G7, G6 to G3, G2 and G1 in the lanes of each
	var beta, threshold, mant, shift, loLimit, negLoLimit vreg
	elementwise{
		name: "softplusNEON",
		doc: "sets dst[i] = beta*x[i] > threshold ? x[i] : log1p(exp(beta*x[i]))/beta (see kernels.Softplus), " +
			"given beta = mant·2^shift, 1 <= |mant| < 2.",
		out: "dst", in: []string{"x"},
		params: []param{{"beta", "float32"}, {"threshold", "float32"}, {"mant", "float32"}, {"shift", "int32"}},
		temps:  7, unroll: 1,
		setup: func(fn *function, konst func() vreg) {
			c = loadExpConstants(fn, konst)
			for i := range logCoefficients {
				logCoefficients[i] = konst()
			}
			for i := range sigmoid32.LogCoefficients {
				fn.ins("MOVW $0x%08x, %s", bits(sigmoid32.LogCoefficients[i]), scratch)
				fn.ins("VMOV %s, V%d.S[%d]", scratch, logCoefficients[i/4], i%4)
			}
			beta, threshold, mant, shift, loLimit, negLoLimit = konst(), konst(), konst(), konst(), konst(), konst()
			broadcastParam(fn, "beta", beta)
			broadcastParam(fn, "threshold", threshold)
			broadcastParam(fn, "mant", mant)
			fn.ins("MOVW %s, %s", fn.arg("shift", ""), scratch)
			fn.ins("VDUP %s, V%d.S4", scratch, shift)
			loadBits(fn, loLimit, bits(sigmoid32.LoLimit))
			loadBits(fn, negLoLimit, bits(-sigmoid32.LoLimit))
		},
		op: func(fn *function, d vreg, in, tmp []vreg) {
			x := in[0]
			t, lo, s := tmp[6], tmp[3], tmp[0]
			fn.word(fmul(t, x, beta))
			softplusLo(fn, c, t, x, beta, lo, s, loLimit, negLoLimit)
			tr, vm, m, e := c.exp(fn, t, lo, tmp)
			fn.comment("log1p(e)/beta = ((tr + m·q·e) + 1)/mant·2^(n-shift), q = G1 + G2·e + ... + G10·e⁹.")
			q, a := tmp[2], tmp[3]
			fn.ins("VDUP V%d.S[0], V%d.S4", logCoefficients[0], q)
			for i := 1; i < len(sigmoid32.LogCoefficients); i++ {
				fn.ins("VDUP V%d.S[%d], V%d.S4", logCoefficients[i/4], i%4, a)
				fn.ins("VFMLA V%d.S4, V%d.S4, V%d.S4", q, e, a) // a = G + q·e
				q, a = a, q
			}
			fn.word(fmul(q, q, m))
			fn.ins("VFMLA V%d.S4, V%d.S4, V%d.S4", q, e, tr) // tr + q·e
			fn.word(fadd(tr, tr, c.one))
			fn.word(fdiv(tr, tr, mant))
			fn.ins("VSUB V%d.S4, V%d.S4, V%d.S4", shift, vm, vm)
			c.scaleTwice(fn, tr, vm, q, a)
			fn.comment("t > 0: x + that; t > threshold: x; a NaN x comes out quieted.")
			fn.word(fadd(q, tr, x))
			fn.word(fcmgtz(a, t))
			bsl(fn, a, q, tr)
			fn.word(fcmgt(q, t, threshold))
			bsl(fn, q, x, a)
			quietNaN(fn, d, x, q, tr)
		},
	}.generate(f)
}

func swishKernel(f *file) {
	var c gradientConstants
	var beta, loLimit, negLoLimit vreg
	elementwise{
		name: "swishNEON",
		doc: "sets dst[i] = x[i]*sigmoid(beta*x[i]) (see kernels.Swish), the rounding of t = beta·x " +
			"carried into exp(-|t|), for a finite non-zero beta.",
		out: "dst", in: []string{"x"}, params: []param{{"beta", "float32"}}, temps: 9, unroll: 1,
		setup: func(fn *function, konst func() vreg) {
			c = loadGradientConstants(fn, konst)
			beta, loLimit, negLoLimit = loadSwishParams(fn, konst)
		},
		op: func(fn *function, d vreg, in, tmp []vreg) {
			x := in[0]
			t, lo := tmp[7], tmp[3]
			fn.word(fmul(t, x, beta))
			softplusLo(fn, c.expConstants, t, x, beta, lo, tmp[0], loLimit, negLoLimit)
			_, vm, m, e := c.exp(fn, t, lo, tmp)
			r := tmp[6]
			reciprocal(fn, c.one, r, e, tmp[0], tmp[2], tmp[3])
			fn.comment("t < 0: x·(m·r)·2^n, x scaled first where it is huge; else x·r.")
			fn.word(fmul(m, m, r))
			c.scaleGradient(fn, m, x, vm, tmp[0], tmp[2], tmp[3])
			fn.word(fmul(r, r, x))
			y := tmp[8]
			fn.word(fcmltz(y, t))
			bsl(fn, y, m, r)
			fn.comment("t <= ExpZeroBelow: ±0 with x's sign (the limit at x = ±Inf).")
			s, k := tmp[0], tmp[2]
			fn.ins("VAND V%d.B16, V%d.B16, V%d.B16", c.sign, x, s)
			fn.word(fcmge(k, c.zeroBelow, t))
			bsl(fn, k, s, y)
			quietNaN(fn, d, x, k, y)
		},
	}.generate(f)
}

// loadSwishParams loads the Swish kernels' beta, broadcast from the
// parameter, and ±sigmoid32.LoLimit (see softplusLo), into registers of
// konst.
func loadSwishParams(fn *function, konst func() vreg) (beta, loLimit, negLoLimit vreg) {
	beta, loLimit, negLoLimit = konst(), konst(), konst()
	broadcastParam(fn, "beta", beta)
	loadBits(fn, loLimit, bits(sigmoid32.LoLimit))
	loadBits(fn, negLoLimit, bits(-sigmoid32.LoLimit))
	return beta, loLimit, negLoLimit
}
