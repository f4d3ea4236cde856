package main

import (
	"math"

	"github.com/simdact/simdact/internal/exp32"
	"github.com/simdact/simdact/internal/gelu32"
	"github.com/simdact/simdact/internal/tanh32"
)

// The gated linear units on NEON: the activation's own steps give f(gate)
// (or f'(gate)) as q·2^n, and every product finishes in float64 lanes,
// q·2^n·up (·dy) rounded once, so that nothing overflows or underflows
// before the result does. (The AVX2 forward kernels scale in float32
// instead, to spare float64 lanes; see gen/amd64/glu.go.) Where the float64
// value of f is 0 (f underflows there, or at -Inf) q is ±0, so that an
// infinite operand gives NaN exactly where float64 multiplication does.

func gluKernels(f *file) {
	gluKernel(f)
	gluBackwardKernel(f)
	swiGLUKernel(f)
	swiGLUBackwardKernel(f)
	geGLUKernel(f)
	geGLUBackwardKernel(f)
	geGLUTanhKernel(f)
	geGLUTanhBackwardKernel(f)
}

// widen returns the encoder that widens the low (half 0) or the high
// (half 1) two float32 lanes to float64.
func widen(half int) func(d, n vreg) word {
	if half == 0 {
		return fcvtl
	}
	return fcvtl2
}

// narrow rounds the two float64 lanes of n to float32, into the low (half
// 0, clearing the high) or the high two lanes of d.
func narrow(fn *function, d, n vreg, half int) {
	if half == 0 {
		fn.word(fcvtn(d, n))
		return
	}
	fn.word(fcvtn2(d, n))
}

// pow2d writes 2^n into the float64 lanes of d for the float32 n of one
// half of nf, given magicBias (gelu32.Magic + 1023 in both float64 lanes).
func pow2d(fn *function, d, nf, magicBias vreg, half int) {
	fn.word(widen(half)(d, nf))
	fn.word(faddd(d, d, magicBias))
	fn.ins("VSHL $52, V%d.D2, V%d.D2", d, d)
}

// product64 writes into d the float32 rounding of q·2^n·a (·b unless b is
// negative), computed in float64 lanes: q·2^n and q·2^n·a are exact, and
// only the last product (or the narrowing) rounds. t holds 2 temporaries.
func product64(fn *function, d, a, b, q, nf, magicBias vreg, t []vreg) {
	for half := range 2 {
		w := widen(half)
		fn.word(w(t[0], q))
		pow2d(fn, t[1], nf, magicBias, half)
		fn.word(fmuld(t[0], t[0], t[1]))
		fn.word(w(t[1], a))
		fn.word(fmuld(t[0], t[0], t[1]))
		if b >= 0 {
			fn.word(w(t[1], b))
			fn.word(fmuld(t[0], t[0], t[1]))
		}
		narrow(fn, d, t[0], half)
	}
}

// gatedConstants are the registers of the constants of GLU's and SwiGLU's
// kernels.
type gatedConstants struct {
	expConstants
	zeroBelow, zero, magicBias, maxX vreg
}

func loadGatedConstants(fn *function, konst func() vreg) gatedConstants {
	c := gatedConstants{expConstants: loadExpConstants(fn, konst)}
	c.zeroBelow, c.zero, c.magicBias, c.maxX = konst(), konst(), konst(), konst()
	loadBits(fn, c.zeroBelow, bits(exp32.ExpZeroBelow))
	loadBits(fn, c.zero, 0)
	loadDouble(fn, c.magicBias, gelu32.Magic+1023)
	loadBits(fn, c.maxX, bits(-exp32.ExpMin))
	return c
}

// sigmoidParts computes e = exp(-|b|) = m·2^n and r = 1/(1+e) as the
// sigmoid family does: n (a float32) into tmp[0], m into tmp[5], r into
// tmp[6], and the mask of b < 0 into tmp[7]; e stays in tmp[4]. It uses
// tmp[0] to tmp[7].
func (c gatedConstants) sigmoidParts(fn *function, b vreg, tmp []vreg) (nf, m, r, neg vreg) {
	_, vm, m, e := c.exp(fn, b, -1, tmp)
	r, neg, nf = tmp[6], tmp[7], tmp[0]
	reciprocal(fn, c.one, r, e, tmp[0], tmp[2], tmp[3])
	fn.word(fcmltz(neg, b))
	fn.word(fsub(nf, vm, c.scaleBase))
	return nf, m, r, neg
}

// sigmoidFactor writes sigmoid(b) = q·2^k into q and k, given
// sigmoidParts: q = m·r and k = n for b < 0, q = r and k = 0 elsewhere, and
// q = +0 where b <= ExpZeroBelow. It uses t.
func (c gatedConstants) sigmoidFactor(fn *function, b, nf, m, r, neg, q, k, t vreg) {
	fn.word(fmul(t, m, r))
	fn.ins("VMOV V%d.B16, V%d.B16", neg, q)
	bsl(fn, q, t, r)
	fn.word(fcmge(t, c.zeroBelow, b))
	fn.word(bic(q, q, t))
	fn.ins("VAND V%d.B16, V%d.B16, V%d.B16", neg, nf, k)
}

func gluKernel(f *file) {
	var c gatedConstants
	elementwise{
		name: "gluNEON",
		doc:  "sets dst[i] = a[i]*sigmoid(b[i]) (see kernels.GLU).",
		out:  "dst", in: []string{"a", "b"}, temps: 10, unroll: 1,
		setup: func(fn *function, konst func() vreg) { c = loadGatedConstants(fn, konst) },
		op: func(fn *function, d vreg, in, tmp []vreg) {
			a, b := in[0], in[1]
			nf, m, r, neg := c.sigmoidParts(fn, b, tmp)
			q, k := tmp[8], tmp[9]
			c.sigmoidFactor(fn, b, nf, m, r, neg, q, k, tmp[2])
			product64(fn, d, a, -1, q, k, c.magicBias, tmp[1:3])
		},
	}.generate(f)
}

func gluBackwardKernel(f *file) {
	var c gatedConstants
	elementwise{
		name: "gluBackwardNEON",
		doc:  "sets da[i] = dy[i]*sigmoid(b[i]) and db[i] = dy[i]*a[i]*s*(1-s), s = sigmoid(b[i]) (see kernels.GLUBackward).",
		out:  "da", out2: "db", in: []string{"dy", "a", "b"}, temps: 10, unroll: 1,
		setup: func(fn *function, konst func() vreg) { c = loadGatedConstants(fn, konst) },
		op2: func(fn *function, da, db vreg, in, tmp []vreg) {
			dy, a, b := in[0], in[1], in[2]
			nf, m, r, neg := c.sigmoidParts(fn, b, tmp)
			q, k := tmp[8], tmp[9]
			c.sigmoidFactor(fn, b, nf, m, r, neg, q, k, tmp[2])
			product64(fn, da, dy, -1, q, k, c.magicBias, tmp[1:3])
			fn.comment("db: dy·a·(m·r²)·2^n, +0 where exp(-|b|) is 0 in float64 (|b| >= 745.14).")
			fn.word(fmul(m, m, r))
			fn.word(fmul(m, m, r))
			t := tmp[2]
			fn.ins("VORR V%d.B16, V%d.B16, V%d.B16", c.sign, b, t)
			fn.word(fcmge(t, c.zeroBelow, t))
			fn.word(bic(m, m, t))
			product64(fn, db, dy, a, m, nf, c.magicBias, tmp[1:3])
		},
	}.generate(f)
}

// siluFactor writes into z and q the factors of silu(g) = z·q·2^k, given
// sigmoidParts: z = max(g, ExpMin) and q = m·r for g < 0, z = g and q = r
// elsewhere, and z = -0 where g <= ExpZeroBelow; and k (n or 0). It uses t.
func (c gatedConstants) siluFactor(fn *function, g, nf, m, r, neg, z, q, k, t vreg) {
	fn.word(fmul(t, m, r))
	fn.ins("VMOV V%d.B16, V%d.B16", neg, q)
	bsl(fn, q, t, r)
	fn.word(fmax(t, g, c.expMin))
	fn.ins("VMOV V%d.B16, V%d.B16", neg, z)
	bsl(fn, z, t, g)
	fn.word(fcmge(t, c.zeroBelow, g))
	bsl(fn, t, c.sign, z)
	fn.ins("VMOV V%d.B16, V%d.B16", t, z)
	fn.ins("VAND V%d.B16, V%d.B16, V%d.B16", neg, nf, k)
}

func swiGLUKernel(f *file) {
	var c gatedConstants
	elementwise{
		name: "swiGLUNEON",
		doc:  "sets dst[i] = silu(gate[i])*up[i] (see kernels.SwiGLU).",
		out:  "dst", in: []string{"gate", "up"}, temps: 11, unroll: 1,
		setup: func(fn *function, konst func() vreg) { c = loadGatedConstants(fn, konst) },
		op: func(fn *function, d vreg, in, tmp []vreg) {
			g, up := in[0], in[1]
			nf, m, r, neg := c.sigmoidParts(fn, g, tmp)
			z, q, k := tmp[8], tmp[9], tmp[10]
			c.siluFactor(fn, g, nf, m, r, neg, z, q, k, tmp[2])
			product64(fn, d, z, up, q, k, c.magicBias, tmp[1:3])
		},
	}.generate(f)
}

func swiGLUBackwardKernel(f *file) {
	var c gatedConstants
	elementwise{
		name: "swiGLUBackwardNEON",
		doc: "sets dgate[i] = dy[i]*up[i]*silu'(gate[i]) and dup[i] = dy[i]*silu(gate[i]) " +
			"(see kernels.SwiGLUBackward).",
		out: "dgate", out2: "dup", in: []string{"dy", "gate", "up"}, temps: 11, unroll: 1,
		setup: func(fn *function, konst func() vreg) { c = loadGatedConstants(fn, konst) },
		op2: func(fn *function, dgate, dup vreg, in, tmp []vreg) {
			dy, g, up := in[0], in[1], in[2]
			nf, m, r, neg := c.sigmoidParts(fn, g, tmp)
			e := tmp[4]
			z, q, k := tmp[8], tmp[9], tmp[10]
			c.siluFactor(fn, g, nf, m, r, neg, z, q, k, tmp[2])
			product64(fn, dup, z, dy, q, k, c.magicBias, tmp[1:3])

			fn.comment("dgate: g < 0 (-0 too): m·((1+cg)+e)·r², scaled by 2^n; else (1+e+cg·e)·r²; cg = g clamped to ±300.")
			fn.word(fmul(r, r, r))
			fn.word(cmgt(neg, c.zero, g)) // g's sign bit
			cg, aa, bb := tmp[1], tmp[2], tmp[3]
			fn.word(fmax(cg, g, c.expMin))
			fn.word(fmin(cg, cg, c.maxX))
			fn.word(fadd(aa, cg, c.one))
			fn.word(fadd(aa, aa, e))
			fn.word(fmul(aa, aa, m))
			fn.word(fadd(bb, e, c.one))
			fn.ins("VFMLA V%d.S4, V%d.S4, V%d.S4", e, cg, bb) // 1 + e + cg·e
			fn.ins("VMOV V%d.B16, V%d.B16", neg, q)
			bsl(fn, q, aa, bb)
			fn.word(fmul(q, q, r))
			fn.comment("g <= ExpZeroBelow: -0, as SiLUBackward's derivative.")
			fn.word(fcmge(aa, c.zeroBelow, g))
			bsl(fn, aa, c.sign, q)
			fn.ins("VAND V%d.B16, V%d.B16, V%d.B16", neg, nf, k)
			product64(fn, dgate, dy, up, aa, k, c.magicBias, []vreg{cg, bb})
		},
	}.generate(f)
}

// geluHalf64 writes into sd the float64 s - a·Phi(-a) for the half of 2
// lanes that widen takes of a (min(|g|, Clamp)) and s (max(g, 0)), with
// g's sign; h, v, n, q, p, rq, t and u are its temporaries.
func geluHalf64(fn *function, c geluConstants, half int, g, a, s, ad, sd, h, v, n, q, p, rq, t vreg) {
	w := widen(half)
	fn.word(w(ad, a))
	fn.word(w(sd, s))
	c.gauss(fn, ad, h, v, n, q)
	c.ratio(fn, ad, p, rq, t)
	fn.word(fmuld(p, p, ad))
	scale(fn, p, v)
	fn.word(fmlad(p, p, h)) // p = a·Phi(-a)
	fn.word(fsubd(sd, sd, p))
	fn.comment("g's sign: the value is -a·Phi(-a) <= 0 where g < 0, and the sign makes g = -0's -0.")
	fn.word(w(t, g))
	loadDouble(fn, p, math.Copysign(0, -1))
	fn.ins("VAND V%d.B16, V%d.B16, V%d.B16", p, t, t)
	fn.ins("VORR V%d.B16, V%d.B16, V%d.B16", t, sd, sd)
}

// geluOperands writes a = min(|g|, Clamp) and s = max(g, 0), using t.
func geluOperands(fn *function, zero, g, a, s, t vreg) {
	loadBits(fn, t, bits(gelu32.Clamp))
	fn.word(fabs(a, g))
	fn.word(fmin(a, a, t))
	fn.word(fmax(s, g, zero))
}

// zeroFrom sets d to up·-0 where g <= below, given its value y, using t
// and u.
func zeroFrom(fn *function, d, g, up, y vreg, below float32, t, u vreg) {
	loadBits(fn, t, bits(below))
	fn.word(fcmge(t, t, g))
	loadBits(fn, u, signBit)
	fn.word(fmul(u, up, u))
	bsl(fn, t, u, y)
	fn.ins("VMOV V%d.B16, V%d.B16", t, d)
}

func geGLUKernel(f *file) {
	var c geluConstants
	var zero vreg
	elementwise{
		name: "geGLUNEON",
		doc:  "sets dst[i] = gelu(gate[i])*up[i], GELU's erf form (see kernels.GeGLU).",
		out:  "dst", in: []string{"gate", "up"}, temps: 12, unroll: 1,
		setup: func(fn *function, konst func() vreg) {
			c = loadGELUConstants(fn, konst)
			zero = konst()
			fn.ins("VEOR V%d.B16, V%d.B16, V%d.B16", zero, zero, zero)
		},
		op: func(fn *function, d vreg, in, tmp []vreg) {
			g, up := in[0], in[1]
			a, s, ad, sd, h, v, n, q, p, rq, t, y := tmp[0], tmp[1], tmp[2], tmp[3], tmp[4], tmp[5], tmp[6], tmp[7], tmp[8], tmp[9], tmp[10], tmp[11]
			geluOperands(fn, zero, g, a, s, t)
			for half := range 2 {
				geluHalf64(fn, c, half, g, a, s, ad, sd, h, v, n, q, p, rq, t)
				fn.word(widen(half)(t, up))
				fn.word(fmuld(sd, sd, t))
				narrow(fn, y, sd, half)
			}
			zeroFrom(fn, d, g, up, y, gelu32.Float64ZeroBelow, a, s)
		},
	}.generate(f)
}

func geGLUBackwardKernel(f *file) {
	var c geluConstants
	var zero vreg
	elementwise{
		name: "geGLUBackwardNEON",
		doc: "sets dgate[i] = dy[i]*up[i]*gelu'(gate[i]) and dup[i] = dy[i]*gelu(gate[i]) " +
			"(see kernels.GeGLUBackward).",
		out: "dgate", out2: "dup", in: []string{"dy", "gate", "up"}, temps: 12, unroll: 1,
		setup: func(fn *function, konst func() vreg) {
			c = loadGELUConstants(fn, konst)
			zero = konst()
			fn.ins("VEOR V%d.B16, V%d.B16, V%d.B16", zero, zero, zero)
		},
		op2: func(fn *function, dgate, dup vreg, in, tmp []vreg) {
			dy, g, up := in[0], in[1], in[2]
			a, s, ad, sd, h, v, n, q, p, rq, t, y := tmp[0], tmp[1], tmp[2], tmp[3], tmp[4], tmp[5], tmp[6], tmp[7], tmp[8], tmp[9], tmp[10], tmp[11]
			geluOperands(fn, zero, g, a, s, t)
			for half := range 2 {
				geluHalf64(fn, c, half, g, a, s, ad, sd, h, v, n, q, p, rq, t)
				fn.word(widen(half)(t, dy))
				fn.word(fmuld(sd, sd, t))
				narrow(fn, y, sd, half)
			}
			zeroFrom(fn, dup, g, dy, y, gelu32.Float64ZeroBelow, a, s)

			fn.comment("dgate: GELUBackward's steps with dy·up, exact in float64, for dy, to |gate| = GatedClamp.")
			xc := a
			loadBits(fn, t, bits(gelu32.GatedClamp))
			fn.word(fmin(xc, g, t)) // a NaN g stays NaN
			loadBits(fn, t, bits(-gelu32.GatedClamp))
			fn.word(fmax(xc, xc, t))
			for half := range 2 {
				w := widen(half)
				xd, dyd := s, sd
				fn.word(w(xd, xc))
				fn.word(w(dyd, dy))
				fn.word(w(t, up))
				fn.word(fmuld(dyd, dyd, t))
				fn.word(fabsd(ad, xd))
				c.gauss(fn, ad, h, v, n, q)
				c.ratio(fn, ad, p, rq, t)
				fn.comment("Beyond Clamp, the ratio (1 - u + 3u²)/(a·√(2π)), u = 1/a² (see gelu32.RatioTail).")
				fn.word(fmuld(n, ad, ad))
				loadDouble(fn, t, 1)
				fn.word(fdivd(n, t, n))
				loadDouble(fn, q, -1)
				loadDouble(fn, rq, 3)
				fn.word(fmlad(q, n, rq)) // 3u - 1
				fn.word(fmlad(t, q, n))  // (3u - 1)·u + 1
				fn.word(fmuld(n, n, ad)) // 1/a
				fn.word(fmuld(t, t, n))
				loadDouble(fn, n, gelu32.InvSqrt2Pi)
				fn.word(fmuld(t, t, n))
				loadDouble(fn, n, float64(gelu32.Clamp))
				fn.word(fcmgtd(n, ad, n))
				bsl(fn, n, t, p)
				fn.ins("VMOV V%d.B16, V%d.B16", n, p)
				loadDouble(fn, t, gelu32.InvSqrt2Pi)
				fn.word(fmlse(p, ad, lane{t, 0})) // p = R(a) - a/√(2π)
				scale(fn, p, v)
				fn.word(fmlad(p, p, h)) // p = D = Phi(-a) - a·phi(a)
				fn.word(fsubd(t, c.one, p))
				fn.word(cmltzd(xd, xd))
				bsl(fn, xd, p, t)
				fn.word(fmuld(dyd, dyd, xd))
				narrow(fn, dgate, dyd, half)
			}
		},
	}.generate(f)
}

// geluTanhConstants64 are the registers of the GeGLUTanh kernels'
// constants.
type geluTanhConstants64 struct {
	geluTanhConstants
	lo, magicBias vreg
}

func loadGELUTanhConstants64(fn *function, konst func() vreg) geluTanhConstants64 {
	c := geluTanhConstants64{geluTanhConstants: loadGELUTanhConstants(fn, konst)}
	c.lo, c.magicBias = konst(), konst()
	loadBits(fn, c.lo, bits(tanh32.GatedBackwardMin))
	loadDouble(fn, c.magicBias, gelu32.Magic+1023)
	return c
}

// geluTanhParts64 computes GELUTanh's exponential for g: xc = max(g,
// GatedBackwardMin) into tmp[0] (g where it is NaN), and E = exp(v) =
// 2^n·(1 + p), v = A·a + B·a³, a = max(-|g|, GatedBackwardMin) (see
// geluTanhExp, whose registers it uses), and 1 + E, as the GELUTanh kernel
// forms it, into tmp[3].
func (c geluTanhConstants64) geluTanhParts64(fn *function, g vreg, tmp []vreg) (xc, nm, n, p, a2, d vreg) {
	xc, a := tmp[0], tmp[1]
	fn.word(fmax(xc, g, c.lo)) // a NaN g stays NaN
	fn.ins("VORR V%d.B16, V%d.B16, V%d.B16", c.sign, xc, a)
	fn.word(fmax(a, a, c.lo))
	nm, n, p, a2 = geluTanhExp(fn, c.geluTanhConstants, tmp)
	fn.comment("1 + E = 2^max(n, ScaleMin)·(1 + p) + 1.")
	s, d := tmp[1], tmp[3]
	loadBits(fn, s, bits(exp32.Magic+tanh32.GELUScaleMin))
	fn.word(fmax(s, nm, s))
	fn.ins("VSHL $23, V%d.S4, V%d.S4", s, s)
	fn.word(fadd(d, p, c.one))
	fn.word(fmul(s, s, d))
	fn.word(fadd(d, s, c.one))
	return xc, nm, n, p, a2, d
}

// geluTanhProduct64 writes into y the float32 rounding of GELUTanh(g)·up
// in float64 lanes: xc·(1 + p)/(1 + E)·2^n for g < 0, xc/(1 + E)
// elsewhere, given geluTanhParts64; it overwrites p and n, and uses t.
func (c geluTanhConstants64) geluTanhProduct64(fn *function, g, up, y, xc, n, p, d vreg, t []vreg) {
	neg := t[0]
	fn.word(fcmltz(neg, g))
	fn.ins("VAND V%d.B16, V%d.B16, V%d.B16", neg, p, p)
	fn.ins("VAND V%d.B16, V%d.B16, V%d.B16", neg, n, n)
	for half := range 2 {
		w := widen(half)
		q, u := t[0], t[1]
		fn.word(w(q, p))
		loadDouble(fn, u, 1)
		fn.word(faddd(q, q, u))
		fn.word(w(u, xc))
		fn.word(fmuld(q, q, u)) // x·(1 + p), exact (x·1 = x where g >= 0, even infinite)
		fn.word(w(u, d))
		fn.word(fdivd(q, q, u))
		pow2d(fn, u, n, c.magicBias, half)
		fn.word(fmuld(q, q, u))
		fn.word(w(u, up))
		fn.word(fmuld(q, q, u))
		narrow(fn, y, q, half)
	}
}

func geGLUTanhKernel(f *file) {
	var c geluTanhConstants64
	elementwise{
		name: "geGLUTanhNEON",
		doc:  "sets dst[i] = gelu_tanh(gate[i])*up[i] (see kernels.GeGLUTanh).",
		out:  "dst", in: []string{"gate", "up"}, temps: 12, unroll: 1,
		setup: func(fn *function, konst func() vreg) { c = loadGELUTanhConstants64(fn, konst) },
		op: func(fn *function, d vreg, in, tmp []vreg) {
			g, up := in[0], in[1]
			xc, _, n, p, _, den := c.geluTanhParts64(fn, g, tmp)
			y := tmp[11]
			c.geluTanhProduct64(fn, g, up, y, xc, n, p, den, tmp[8:10])
			zeroFrom(fn, d, g, up, y, tanh32.GELUFloat64ZeroBelow, tmp[1], tmp[2])
		},
	}.generate(f)
}

func geGLUTanhBackwardKernel(f *file) {
	var c geluTanhConstants64
	elementwise{
		name: "geGLUTanhBackwardNEON",
		doc: "sets dgate[i] = dy[i]*up[i]*gelu_tanh'(gate[i]) and dup[i] = dy[i]*gelu_tanh(gate[i]) " +
			"(see kernels.GeGLUTanhBackward).",
		out: "dgate", out2: "dup", in: []string{"dy", "gate", "up"}, temps: 11, unroll: 1,
		setup: func(fn *function, konst func() vreg) { c = loadGELUTanhConstants64(fn, konst) },
		op2: func(fn *function, dgate, dup vreg, in, tmp []vreg) {
			dy, g, up := in[0], in[1], in[2]
			xc, nm, n, p, a2, den := c.geluTanhParts64(fn, g, tmp)
			fn.comment("dgate first, while E's parts are whole: xv = x·v'(x), x = xc clamped to GELUBackwardMax, E, T = 1 + E.")
			x, xv, e, tt := tmp[9], tmp[6], tmp[1], tmp[8]
			loadBits(fn, tt, bits(-tanh32.GatedBackwardMin))
			fn.word(fmin(x, xc, tt))
			loadBits(fn, xv, bits(tanh32.A))
			loadBits(fn, e, bits(3*tanh32.B))
			fn.ins("VFMLA V%d.S4, V%d.S4, V%d.S4", e, a2, xv)
			fn.word(fmul(xv, xv, x))
			loadBits(fn, tt, bits(exp32.Magic+tanh32.GELUScaleMin))
			fn.word(fmax(e, nm, tt))
			fn.ins("VSHL $23, V%d.S4, V%d.S4", e, e)
			fn.ins("VFMLA V%d.S4, V%d.S4, V%d.S4", p, e, e) // e = e + e·p
			fn.word(fadd(tt, e, c.one))
			fn.comment("g < 0: g' = (1 + p)·(T + xv)/T², to be scaled by 2^n; else (T + xv·E)/T².")
			k, pn := tmp[9], tmp[10]
			fn.word(fcmltz(k, g))
			fn.ins("VAND V%d.B16, V%d.B16, V%d.B16", k, n, k) // n where g < 0, else 0
			fn.word(fcmltz(pn, g))
			fn.ins("VAND V%d.B16, V%d.B16, V%d.B16", p, pn, pn) // p where g < 0, else +0
			f2, t2 := nm, a2
			fn.word(fcmltz(f2, g))
			bsl(fn, f2, c.one, e)
			fn.word(fmul(t2, tt, tt))
			fn.ins("VFMLA V%d.S4, V%d.S4, V%d.S4", xv, f2, tt) // S = T + xv·(g < 0 ? 1 : E)
			fn.ins("VFMLA V%d.S4, V%d.S4, V%d.S4", pn, tt, tt) // S + S·p where g < 0, rounded once
			fn.word(fdiv(tt, tt, t2))
			fn.comment("gate = -Inf: -0, the limit.")
			m := nm
			loadBits(fn, m, 0xff800000)
			fn.word(fcmeq(m, g, m))
			bsl(fn, m, c.sign, tt)
			product64(fn, dgate, dy, up, m, k, c.magicBias, tmp[1:3])

			fn.comment("dup: GELUTanh(g)·dy in float64.")
			y := tmp[10]
			c.geluTanhProduct64(fn, g, dy, y, xc, n, p, den, tmp[8:10])
			zeroFrom(fn, dup, g, dy, y, tanh32.GELUFloat64ZeroBelow, tmp[1], tmp[2])
		},
	}.generate(f)
}
