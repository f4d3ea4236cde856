package main

import (
	"math"

	"github.com/simdact/simdact/internal/exp32"
	"github.com/simdact/simdact/internal/gelu32"
)

// The GELU kernels compute the normal tail of package gelu32 in float64
// lanes, with the fused multiply-adds of the amd64 kernels: each half of 4
// float32 lanes is widened into 2 float64 lanes (FCVTL, FCVTL2), and the
// results are rounded back to float32 once (FCVTN, FCVTN2). Most float64
// constants are kept two to a register, and either multiply by element or
// are copied into the accumulator of a step of Horner's scheme (which
// copies its addend into a register anyway: FMLA adds into its destination).

// geluConstants are the registers of the GELU kernels' float64 constants.
type geluConstants struct {
	magic, one vreg // in both lanes
	// halfLog2E holds gelu32.Half and log2(e); ln2C6 ln(2) and C6; c54
	// and c32 C5, C4 and C3, C2; p43, p21, p0q5, q43 and q21 P and Q's
	// coefficients (P4, P3 / P2, P1 / P0, Q5 / Q4, Q3 / Q2, Q1).
	halfLog2E, ln2C6, c54, c32, p43, p21, p0q5, q43, q21 vreg
}

func loadGELUConstants(fn *function, konst func() vreg) geluConstants {
	var c geluConstants
	c.magic, c.one = konst(), konst()
	loadDouble(fn, c.magic, gelu32.Magic)
	loadDouble(fn, c.one, 1)
	pairs := []struct {
		v    *vreg
		a, b float64
	}{
		{&c.halfLog2E, gelu32.Half, gelu32.Log2E},
		{&c.ln2C6, gelu32.Ln2, float64(exp32.C6)},
		{&c.c54, float64(exp32.C5), float64(exp32.C4)},
		{&c.c32, float64(exp32.C3), float64(exp32.C2)},
		{&c.p43, gelu32.P4, gelu32.P3},
		{&c.p21, gelu32.P2, gelu32.P1},
		{&c.p0q5, gelu32.P0, gelu32.Q5},
		{&c.q43, gelu32.Q4, gelu32.Q3},
		{&c.q21, gelu32.Q2, gelu32.Q1},
	}
	for _, p := range pairs {
		*p.v = konst()
		loadPair(fn, *p.v, p.a, p.b)
	}
	return c
}

// loadDouble loads f into both float64 lanes of v through scratch.
func loadDouble(fn *function, v vreg, f float64) {
	fn.ins("MOVD $0x%016x, %s", math.Float64bits(f), scratch)
	fn.ins("VDUP %s, V%d.D2", scratch, v)
}

// loadPair loads a into the first float64 lane of v and b into the second.
func loadPair(fn *function, v vreg, a, b float64) {
	for i, f := range []float64{a, b} {
		fn.ins("MOVD $0x%016x, %s", math.Float64bits(f), scratch)
		fn.ins("VMOV %s, V%d.D[%d]", scratch, v, i)
	}
}

// gauss sets p, in h, and the magic-bias sum v of n with exp(-a²/2) =
// (1 + p)·2^n (see gelu32.Gauss); n and q are temporaries.
func (c geluConstants) gauss(fn *function, a, h, v, n, q vreg) {
	fn.word(fmule(h, a, lane{c.halfLog2E, 0}))
	fn.word(fmuld(h, h, a)) // -a²/2, exact
	fn.ins("VMOV V%d.B16, V%d.B16", c.magic, v)
	fn.word(fmlae(v, h, lane{c.halfLog2E, 1})) // v = h·log2(e) + Magic, rounded to an integer
	fn.word(fsubd(n, v, c.magic))
	fn.word(fmlse(h, n, lane{c.ln2C6, 0})) // h = r = h - n·ln2
	fn.ins("VDUP V%d.D[0], V%d.D2", c.c54, q)
	fn.word(fmlae(q, h, lane{c.ln2C6, 1})) // q = C5 + r·C6
	for _, l := range []lane{{c.c54, 1}, {c.c32, 0}, {c.c32, 1}} {
		fn.ins("VDUP %s, V%d.D2", l, n)
		fn.word(fmlad(n, q, h)) // n = c + q·r
		q, n = n, q
	}
	fn.word(fmuld(n, h, h))
	fn.word(fmlad(h, n, q)) // p = r + r²·q
}

// ratio sets p to P(a)/Q(a) (see gelu32.Ratio), using q and t.
func (c geluConstants) ratio(fn *function, a, p, q, t vreg) {
	// horner leaves first·a^k + rest[0]·a^(k-1) + ... + rest[k-1] in acc.
	horner := func(acc vreg, first lane, rest []lane) {
		fn.ins("VDUP %s, V%d.D2", rest[0], acc)
		fn.word(fmlae(acc, a, first))
		r, tmp := acc, t
		for _, l := range rest[1:] {
			fn.ins("VDUP %s, V%d.D2", l, tmp)
			fn.word(fmlad(tmp, r, a))
			r, tmp = tmp, r
		}
		if r != acc {
			fn.ins("VMOV V%d.B16, V%d.B16", r, acc)
		}
	}
	horner(p, lane{c.p43, 0}, []lane{{c.p43, 1}, {c.p21, 0}, {c.p21, 1}, {c.p0q5, 0}})
	horner(q, lane{c.p0q5, 1}, []lane{{c.q43, 0}, {c.q43, 1}, {c.q21, 0}, {c.q21, 1}})
	fn.ins("VMOV V%d.B16, V%d.B16", c.one, t)
	fn.word(fmlad(t, q, a))
	fn.word(fdivd(p, p, t))
}

// scale multiplies t by 2^n, exactly, by adding n, the low bits of v (which
// it overwrites), to t's exponent field (see gelu32.Scale).
func scale(fn *function, t, v vreg) {
	fn.ins("VSHL $52, V%d.D2, V%d.D2", v, v)
	fn.ins("VADD V%d.D2, V%d.D2, V%d.D2", v, t, t)
}

func geluKernels(f *file) {
	geluKernel(f)
	geluBackwardKernel(f)
}

func geluKernel(f *file) {
	var c geluConstants
	var clamp, zero, sign, quiet vreg
	elementwise{
		name: "geluNEON",
		doc:  "sets dst[i] = x[i]*Phi(x[i]) (see kernels.GELU).",
		out:  "dst", in: []string{"x"}, temps: 11, unroll: 1,
		setup: func(fn *function, konst func() vreg) {
			c = loadGELUConstants(fn, konst)
			clamp, zero, sign, quiet = konst(), konst(), konst(), konst()
			loadBits(fn, clamp, bits(gelu32.Clamp))
			fn.ins("VEOR V%d.B16, V%d.B16, V%d.B16", zero, zero, zero)
			loadBits(fn, sign, signBit)
			loadBits(fn, quiet, 0x00400000)
		},
		op: func(fn *function, d vreg, in, tmp []vreg) {
			x := in[0]
			a, s, ad, sd, h, v, n, q, p, rq, t := tmp[0], tmp[1], tmp[2], tmp[3], tmp[4], tmp[5], tmp[6], tmp[7], tmp[8], tmp[9], tmp[10]
			fn.word(fabs(a, x))
			fn.word(fmin(a, a, clamp))
			fn.word(fmax(s, x, zero))
			for half, widen := range []func(d, n vreg) word{fcvtl, fcvtl2} {
				fn.comment("s - a·Phi(-a) in float64, a = min(|x|, Clamp), s = max(x, 0), for 2 lanes of x.")
				fn.word(widen(ad, a))
				fn.word(widen(sd, s))
				c.gauss(fn, ad, h, v, n, q)
				c.ratio(fn, ad, p, rq, t)
				fn.word(fmuld(p, p, ad))
				scale(fn, p, v)
				fn.word(fmlad(p, p, h)) // p = a·Phi(-a) = p + p·(exp(r) - 1)
				fn.word(fsubd(sd, sd, p))
				if half == 0 {
					fn.word(fcvtn(d, sd))
				} else {
					fn.word(fcvtn2(d, sd))
				}
			}
			fn.comment("Give the result x's sign (for x <= 0 it is ±0 or negative), and a NaN x quieted.")
			fn.ins("VAND V%d.B16, V%d.B16, V%d.B16", sign, x, t)
			fn.ins("VORR V%d.B16, V%d.B16, V%d.B16", t, d, d)
			fn.ins("VORR V%d.B16, V%d.B16, V%d.B16", quiet, x, t)
			fn.word(fcmeq(a, x, x))
			bsl(fn, a, d, t)
			fn.ins("VMOV V%d.B16, V%d.B16", a, d)
		},
	}.generate(f)
}

func geluBackwardKernel(f *file) {
	var c geluConstants
	var clamp, negClamp, invSqrt2Pi vreg
	elementwise{
		name: "geluBackwardNEON",
		doc:  "sets dx[i] = dy[i]*(Phi(x[i]) + x[i]*phi(x[i])) (see kernels.GELUBackward).",
		out:  "dx", in: []string{"dy", "x"}, temps: 11, unroll: 1,
		setup: func(fn *function, konst func() vreg) {
			c = loadGELUConstants(fn, konst)
			clamp, negClamp, invSqrt2Pi = konst(), konst(), konst()
			loadBits(fn, clamp, bits(gelu32.Clamp))
			loadBits(fn, negClamp, bits(-gelu32.Clamp))
			loadDouble(fn, invSqrt2Pi, gelu32.InvSqrt2Pi)
		},
		op: func(fn *function, d vreg, in, tmp []vreg) {
			dy, x := in[0], in[1]
			xc, xd, ad, dyd, h, v, n, q, p, rq, t := tmp[0], tmp[1], tmp[2], tmp[3], tmp[4], tmp[5], tmp[6], tmp[7], tmp[8], tmp[9], tmp[10]
			fn.word(fmin(xc, x, clamp)) // a NaN x stays NaN
			fn.word(fmax(xc, xc, negClamp))
			for half, widen := range []func(d, n vreg) word{fcvtl, fcvtl2} {
				fn.comment("dy·(Phi(x) + x·phi(x)) in float64, for 2 lanes.")
				fn.word(widen(xd, xc))
				fn.word(widen(dyd, dy))
				fn.word(fabsd(ad, xd))
				c.gauss(fn, ad, h, v, n, q)
				c.ratio(fn, ad, p, rq, t)
				fn.word(fmlse(p, ad, lane{invSqrt2Pi, 0})) // p = R(a) - a/√(2π)
				scale(fn, p, v)
				fn.word(fmlad(p, p, h)) // p = D = Phi(-a) - a·phi(a)
				fn.comment("Phi(x) + x·phi(x) is D where x < 0 (-0 too), 1 - D elsewhere.")
				fn.word(fsubd(t, c.one, p))
				fn.word(cmltzd(xd, xd))
				bsl(fn, xd, p, t)
				fn.word(fmuld(dyd, dyd, xd))
				if half == 0 {
					fn.word(fcvtn(d, dyd))
				} else {
					fn.word(fcvtn2(d, dyd))
				}
			}
		},
	}.generate(f)
}
