package main

import (
	"github.com/simdact/simdact/internal/exp32"
	"github.com/simdact/simdact/internal/tanh32"
)

// The tanh family's kernels compute package tanh32's formulas with the same
// operations, in the same order, as the AVX2 kernels (gen/amd64/tanh.go).

func tanhKernels(f *file) {
	tanhKernel(f)
	tanhBackwardFromOutputKernel(f)
	logisticSlopeKernel(f, "tanhBackwardNEON", true,
		"sets dx[i] = dy[i]*(1-tanh(x[i])²) (see kernels.TanhBackward): dy·4·m·r²·2^n, e = exp(-2|x|) = m·2^n, r = 1/(1+e).")
	geluTanhKernel(f)
	geluTanhBackwardKernel(f)
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

func tanhBackwardFromOutputKernel(f *file) {
	var sign, one, huge vreg
	elementwise{
		name: "tanhBackwardFromOutputNEON",
		doc:  "sets dx[i] = dy[i]*(1-y[i]*y[i]) (see kernels.TanhBackwardFromOutput).",
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

// geluTanhConstants are the registers of geluTanhExp's constants.
type geluTanhConstants struct {
	sign, aHi, aLo, bHi, bLo, magic, log2e, ln2Hi, ln2Lo, one vreg
	exp                                                       polyConstants
}

func loadGELUTanhConstants(fn *function, konst func() vreg) geluTanhConstants {
	c := geluTanhConstants{
		sign: konst(), aHi: konst(), aLo: konst(), bHi: konst(), bLo: konst(),
		magic: konst(), log2e: konst(), ln2Hi: konst(), ln2Lo: konst(), one: konst(),
	}
	for _, k := range []struct {
		v vreg
		b uint32
	}{
		{c.sign, signBit}, {c.aHi, bits(tanh32.AHi)}, {c.aLo, bits(tanh32.ALo)}, {c.bHi, bits(tanh32.BHi)},
		{c.bLo, bits(tanh32.BLo)}, {c.magic, bits(exp32.Magic)}, {c.log2e, bits(exp32.Log2E)},
		{c.ln2Hi, bits(exp32.Ln2Hi)}, {c.ln2Lo, bits(exp32.Ln2Lo)}, {c.one, oneBits},
	} {
		loadBits(fn, k.v, k.b)
	}
	c.exp = loadPolyConstants(fn, konst)
	return c
}

// geluTanhExp computes, for a = -|x| (clamped, so that it is finite), what
// the AVX2 kernel's geluTanhExp does, with the same roundings: the
// magic-bias sum nm (n + 127 in its low bits), n, p (2^n·(1 + p) =
// exp(A·a + B·a³)) and a², into tmp[4], tmp[5], tmp[7] and tmp[2]; it uses
// tmp[1] to tmp[9] and keeps a in tmp[1]. FMLS subtracts where x86's
// VFMSUB adds, so the low parts are carried negated (rounding to nearest is
// symmetric, so the bits are the same).
func geluTanhExp(fn *function, c geluTanhConstants, tmp []vreg) (nm, n, p, a2 vreg) {
	a := tmp[1]
	a2, e1, a3, e3, bh, nbl := tmp[2], tmp[3], tmp[4], tmp[5], tmp[3], tmp[6]
	fn.word(fmul(a2, a, a))
	fn.ins("VMOV V%d.B16, V%d.B16", a2, e1)
	fn.ins("VFMLS V%d.S4, V%d.S4, V%d.S4", a, a, e1) // a2 - a·a, exact
	fn.word(fmul(a3, a2, a))
	fn.ins("VMOV V%d.B16, V%d.B16", a3, e3)
	fn.ins("VFMLS V%d.S4, V%d.S4, V%d.S4", a2, a, e3) // a3 - a·a2, exact
	fn.ins("VFMLA V%d.S4, V%d.S4, V%d.S4", a, e1, e3) // a3 - a³
	fn.word(fmul(bh, c.bHi, a3))
	fn.ins("VMOV V%d.B16, V%d.B16", bh, nbl)
	fn.ins("VFMLS V%d.S4, V%d.S4, V%d.S4", c.bHi, a3, nbl) // bh - BHi·a3, exact
	fn.ins("VFMLA V%d.S4, V%d.S4, V%d.S4", c.bHi, e3, nbl) // - BHi·(a³ - a3)
	fn.ins("VFMLS V%d.S4, V%d.S4, V%d.S4", c.bLo, a3, nbl) // - BLo·a3
	ah, nal := tmp[4], tmp[5]
	fn.word(fmul(ah, c.aHi, a))
	fn.ins("VMOV V%d.B16, V%d.B16", ah, nal)
	fn.ins("VFMLS V%d.S4, V%d.S4, V%d.S4", c.aHi, a, nal) // ah - AHi·a, exact
	fn.word(fadd(nbl, nbl, nal))
	fn.ins("VFMLS V%d.S4, V%d.S4, V%d.S4", c.aLo, a, nbl) // - ALo·a: nbl is every low part, negated
	fn.comment("h + hl = bh + ah exactly (Fast2Sum, the larger magnitude first).")
	big, small, h, t := tmp[5], tmp[7], tmp[8], tmp[4]
	fn.word(fmin(big, ah, bh))
	fn.word(fmax(small, ah, bh))
	fn.word(fadd(h, big, small))
	fn.word(fsub(t, h, big))
	fn.word(fsub(t, t, small)) // -hl
	fn.word(fadd(nbl, nbl, t))

	fn.comment("n = round(h·log2(e)), r + rc = (h - n·Ln2Hi) + (lo - n·Ln2Lo).")
	nm, n = tmp[4], tmp[5]
	fn.ins("VMOV V%d.B16, V%d.B16", c.magic, nm)
	fn.ins("VFMLA V%d.S4, V%d.S4, V%d.S4", c.log2e, h, nm)
	fn.word(fsub(n, nm, c.magic))
	fn.ins("VFMLS V%d.S4, V%d.S4, V%d.S4", c.ln2Hi, n, h) // exact
	fn.ins("VFMLA V%d.S4, V%d.S4, V%d.S4", c.ln2Lo, n, nbl)
	r, d := tmp[7], tmp[3]
	fn.word(fsub(r, h, nbl))
	fn.word(fsub(d, r, h))
	fn.word(fadd(nbl, nbl, d)) // -rc
	c.exp.poly(fn, r, d, h, tmp[9])
	fn.word(fadd(d, r, c.one))
	fn.ins("VFMLS V%d.S4, V%d.S4, V%d.S4", nbl, d, r) // p += rc·(1 + p)
	return nm, n, r, a2
}

func geluTanhKernel(f *file) {
	var c geluTanhConstants
	var lo, scaleMin, scaleNormal vreg
	elementwise{
		name: "geluTanhNEON",
		doc:  "sets dst[i] = 0.5*x[i]*(1+tanh(sqrt(2/pi)*(x[i]+0.044715*x[i]^3))) (see kernels.GELUTanh).",
		out:  "dst", in: []string{"x"}, temps: 10, unroll: 1,
		setup: func(fn *function, konst func() vreg) {
			c = loadGELUTanhConstants(fn, konst)
			lo, scaleMin, scaleNormal = konst(), konst(), konst()
			loadBits(fn, lo, bits(tanh32.GELUMin))
			loadBits(fn, scaleMin, bits(exp32.Magic+tanh32.GELUScaleMin))
			loadBits(fn, scaleNormal, bits(exp32.Magic+tanh32.ScaleFirst))
		},
		op: func(fn *function, d vreg, in, tmp []vreg) {
			x, xc, a := in[0], tmp[0], tmp[1]
			fn.word(fmax(xc, x, lo)) // a NaN x stays NaN
			fn.ins("VORR V%d.B16, V%d.B16, V%d.B16", c.sign, xc, a)
			fn.word(fmax(a, a, lo))
			nm, _, p, _ := geluTanhExp(fn, c, tmp)

			fn.comment("1 + E = 2^max(n, ScaleMin)·(1 + p) + 1.")
			s, e := tmp[1], tmp[3]
			fn.word(fmax(s, nm, scaleMin))
			fn.ins("VSHL $23, V%d.S4, V%d.S4", s, s)
			fn.word(fadd(e, p, c.one))
			fn.word(fmul(s, s, e))
			fn.word(fadd(e, s, c.one))
			fn.comment("x < 0: x·(1 + p)/(1 + E), scaled by 2^n; else x/(1 + E).")
			num, q := tmp[6], tmp[8]
			fn.ins("VMOV V%d.B16, V%d.B16", xc, num)
			fn.ins("VFMLA V%d.S4, V%d.S4, V%d.S4", xc, p, num)
			fn.word(fcmltz(q, x))
			bsl(fn, q, num, xc)
			fn.word(fdiv(q, q, e))
			fn.comment("q·2^max(n, -126)·2^(n - max(n, -126)): the first product is exact, the second rounds.")
			k, k1 := tmp[9], tmp[1]
			fn.word(fcmltz(k, x))
			bsl(fn, k, nm, c.magic)
			fn.word(fmax(k1, k, scaleNormal))
			fn.word(fsub(k, k, k1))
			fn.word(fadd(k, k, c.magic))
			fn.ins("VSHL $23, V%d.S4, V%d.S4", k1, k1)
			fn.ins("VSHL $23, V%d.S4, V%d.S4", k, k)
			fn.word(fmul(q, q, k1))
			fn.word(fmul(d, q, k))
		},
	}.generate(f)
}

func geluTanhBackwardKernel(f *file) {
	var c geluTanhConstants
	var lo, hi vreg
	elementwise{
		name: "geluTanhBackwardNEON",
		doc:  "sets dx[i] = dy[i] times the derivative of GELUTanh at x[i] (see kernels.GELUTanhBackward).",
		out:  "dx", in: []string{"dy", "x"}, temps: 10, unroll: 1,
		setup: func(fn *function, konst func() vreg) {
			c = loadGELUTanhConstants(fn, konst)
			lo, hi = konst(), konst()
			loadBits(fn, lo, bits(tanh32.GELUBackwardMin))
			loadBits(fn, hi, bits(-tanh32.GELUBackwardMin))
		},
		op: func(fn *function, d vreg, in, tmp []vreg) {
			// Constants used once a vector are loaded where they are used:
			// the registers do not hold them all.
			dy, x, xc, a := in[0], in[1], tmp[0], tmp[1]
			fn.word(fmax(xc, x, lo)) // a NaN x stays NaN
			fn.word(fmin(xc, xc, hi))
			fn.ins("VORR V%d.B16, V%d.B16, V%d.B16", c.sign, xc, a)
			nm, _, p, a2 := geluTanhExp(fn, c, tmp)

			fn.comment("xv = x·v'(x), E = 2^max(n, ScaleMin)·(1 + p), T = 1 + E.")
			xv, e, t, u := tmp[1], tmp[3], tmp[6], tmp[8]
			loadBits(fn, xv, bits(tanh32.A))
			loadBits(fn, e, bits(3*tanh32.B))
			fn.ins("VFMLA V%d.S4, V%d.S4, V%d.S4", e, a2, xv)
			fn.word(fmul(xv, xv, xc))
			loadBits(fn, t, bits(exp32.Magic+tanh32.GELUScaleMin))
			fn.word(fmax(e, nm, t))
			fn.ins("VSHL $23, V%d.S4, V%d.S4", e, e)
			fn.ins("VFMLA V%d.S4, V%d.S4, V%d.S4", p, e, e) // e = e + e·p
			fn.word(fadd(t, e, c.one))
			fn.comment("x < 0: g = (1 + p)·(T + xv)/T², to be scaled by 2^n; else g = (T + xv·E)/T².")
			k, pn, f2, t2 := u, tmp[4], tmp[5], a2
			fn.word(fcmltz(k, x))
			bsl(fn, k, nm, c.magic)
			fn.word(fcmltz(pn, x))
			fn.ins("VAND V%d.B16, V%d.B16, V%d.B16", p, pn, pn) // p where x < 0, else +0
			fn.word(fcmltz(f2, x))
			bsl(fn, f2, c.one, e)
			fn.word(fmul(t2, t, t))
			fn.ins("VFMLA V%d.S4, V%d.S4, V%d.S4", xv, f2, t) // S = T + xv·(x < 0 ? 1 : E)
			fn.ins("VFMLA V%d.S4, V%d.S4, V%d.S4", pn, t, t)  // S + S·p where x < 0, rounded once
			fn.word(fdiv(t, t, t2))

			fn.comment("dy·g·2^k as the AVX2 kernel computes it: ((dy·(g·2^k1))·2^k2)·2^k3.")
			k1, m := tmp[1], tmp[3]
			loadBits(fn, m, bits(exp32.Magic+tanh32.BackwardScaleFirst))
			fn.word(fmax(k1, k, m))
			fn.word(fsub(k, k, k1))
			fn.ins("VSHL $23, V%d.S4, V%d.S4", k1, k1)
			fn.word(fmul(t, t, k1))
			fn.comment("x = -Inf: dy·-0 (NaN for an infinite dy), the limit.")
			loadBits(fn, m, 0xff800000)
			fn.word(fcmeq(m, x, m))
			bsl(fn, m, c.sign, t)
			fn.word(fmul(m, dy, m))
			k2 := tmp[4]
			loadBits(fn, k2, bits(tanh32.BackwardScaleSecond))
			fn.word(fmax(k2, k, k2))
			fn.word(fsub(k, k, k2))
			fn.word(fadd(k2, k2, c.magic))
			fn.word(fadd(k, k, c.magic))
			fn.ins("VSHL $23, V%d.S4, V%d.S4", k2, k2)
			fn.ins("VSHL $23, V%d.S4, V%d.S4", k, k)
			fn.word(fmul(m, m, k2))
			fn.word(fmul(d, m, k))
		},
	}.generate(f)
}
