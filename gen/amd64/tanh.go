package main

import (
	. "github.com/mmcloughlin/avo/build"
	. "github.com/mmcloughlin/avo/operand"
	"github.com/mmcloughlin/avo/reg"

	"github.com/simdact/simdact/internal/exp32"
	"github.com/simdact/simdact/internal/tanh32"
)

// The tanh family's kernels compute package tanh32's formulas, with the
// exponential of package exp32 (reduceOneConstant and expm1Poly, shared
// with ELU), and fused multiply-adds where the pure-Go kernels round twice
// or use float64.

// The constants of the tanh family.
var (
	cTanhAbs         = constant{"tanhAbsMask", 0x7fffffff}
	cTanhTwo         = floatConstant("tanhTwo", 2)
	cTanhSmall       = floatConstant("tanhSmall", tanh32.Small)
	cTanhMax         = floatConstant("tanhMax", tanh32.Max)
	cTanhHuge        = floatConstant("tanhBackwardHuge", tanh32.BackwardHuge)
	cGELUMin         = floatConstant("geluTanhMin", tanh32.GELUMin)
	cGELUBMin        = floatConstant("geluTanhBackwardMin", tanh32.GELUBackwardMin)
	cGELUBMax        = floatConstant("geluTanhBackwardMax", -tanh32.GELUBackwardMin)
	cTanhNegInf      = constant{"tanhNegInf", 0xff800000}
	cAHi             = floatConstant("geluAHi", tanh32.AHi)
	cALo             = floatConstant("geluALo", tanh32.ALo)
	cBHi             = floatConstant("geluBHi", tanh32.BHi)
	cBLo             = floatConstant("geluBLo", tanh32.BLo)
	cGELUA           = floatConstant("geluA", tanh32.A)
	cGELUB3          = floatConstant("geluB3", 3*tanh32.B)
	cGELUScaleMin    = floatConstant("geluScaleMin", exp32.Magic+tanh32.GELUScaleMin)
	cTanhScaleNormal = floatConstant("tanhScaleNormal", exp32.Magic+tanh32.ScaleFirst)
	cTanhScale120    = floatConstant("tanhScale120", exp32.Magic+tanh32.BackwardScaleFirst)
	cTanhMinus100    = floatConstant("tanhMinus100", tanh32.BackwardScaleSecond)
	// cTanhPoly are P's coefficients, P5 down to P1, in Horner's order.
	cTanhPoly = []constant{
		floatConstant("tanhP5", tanh32.P5), floatConstant("tanhP4", tanh32.P4), floatConstant("tanhP3", tanh32.P3),
		floatConstant("tanhP2", tanh32.P2), floatConstant("tanhP1", tanh32.P1),
	}
)

// inMemory adds the constants cs to p as memory operands, at either width:
// for the constants a kernel reads once per vector, where AVX-512 has no
// registers left to hold them.
func (p pool) inMemory(cs ...constant) {
	for _, c := range cs {
		p[c] = vector(c.name, c.bits)
	}
}

func tanhKernels() {
	tanhKernel()
	tanhBackwardFromOutputKernel()
	logisticSlopeKernel("tanhBackward", true,
		"sets dx[i] = dy[i]*(1-tanh(x[i])²) (see kernels.TanhBackward): dy·4·m·r²·2^n, e = exp(-2|x|) = m·2^n, r = 1/(1+e).")
	geluTanhKernel()
	geluTanhBackwardKernel()
}

// tanhConstants are the constants tanhVector reads.
func tanhConstants() []constant {
	return append([]constant{cTanhAbs, cSignBit, cTanhSmall, cTanhMax, cMagic, cLog2E, cNegLn2, cOne, cTanhTwo},
		append(cTanhPoly, cPoly...)...)
}

func tanhKernel() {
	var c pool
	elementwise{
		name: "tanh",
		doc:  "sets dst[i] = tanh(x[i]) (see kernels.Tanh).",
		out:  "dst", in: []string{"x"},
		setup: func(w width) {
			c = w.pool(tanhConstants()...)
			c.registers(w, cTanhMax)
		},
		op: func(w width, in []reg.VecVirtual) reg.VecVirtual { return tanhVector(w, c, in[0]) },
	}.generate()
}

// tanhVector returns tanh(x) as package tanh32 computes it, given a pool
// of tanhConstants; it keeps x. Both regimes are computed and blended. A
// NaN x comes out quieted with its payload: every step passes a NaN
// operand on, and the sign that |x| cleared comes back last.
func tanhVector(w width, c pool, x reg.VecVirtual) reg.VecVirtual {
	a := w.vec()
	VANDPS(c.get(cTanhAbs), x, a)

	Comment("a < Small: a + a³·P(a²).")
	y, q, a3 := w.vec(), w.vec(), w.vec()
	VMULPS(a, a, y)
	VMOVUPS(c.get(cTanhPoly[0]), q)
	for _, k := range cTanhPoly[1:] {
		VFMADD213PS(c.get(k), y, q) // q = q·y + k
	}
	VMULPS(a, y, a3)
	VFMADD213PS(a, a3, q) // q = q·a³ + a

	Comment("Small <= a: (D - 2)/D, D = exp(2·min(a, Max)) + 1 = 2^n·p(r) + (2^n + 1).")
	z := w.vec()
	VMINPS(a, c.get(cTanhMax), z) // vminps returns a if it is NaN
	VADDPS(z, z, z)
	_, s := reduceOneConstant(w, c, z)
	p := expm1Poly(w, c, z)
	d := w.vec()
	VADDPS(c.get(cOne), s, d)
	VFMADD231PS(s, p, d) // d = s·p + (s + 1)
	VSUBPS(c.get(cTanhTwo), d, p)
	VDIVPS(d, p, p) // p = (d - 2)/d

	q = w.blend(w.compare(cmpLT, c.get(cTanhSmall), a), q, p)
	Comment("x's sign.")
	if w.wide() {
		VPTERNLOGD(U8(ternaryAOrBAndC), c.get(cSignBit), x, q) // q |= x & signBit
		return q
	}
	VANDPS(c.get(cSignBit), x, a)
	VORPS(a, q, q)
	return q
}

func tanhBackwardFromOutputKernel() {
	var c pool
	elementwise{
		name: "tanhBackwardFromOutput",
		doc:  "sets dx[i] = dy[i]*(1-y[i]*y[i]) (see kernels.TanhBackwardFromOutput).",
		out:  "dx", in: []string{"dy", "y"},
		setup: func(w width) { c = w.pool(cTanhAbs, cSignBit, cOne, cTanhHuge) },
		op: func(w width, in []reg.VecVirtual) reg.VecVirtual {
			dy, y := in[0], in[1]
			a, t := w.vec(), w.vec()
			VANDPS(c.get(cTanhAbs), y, a)
			VMOVAPS(a, t)
			VFNMADD213PS(c.get(cOne), a, t) // t = 1 - a·a, rounded once
			Comment("From |y| = BackwardHuge up, where 1 - y·y overflows: (dy·|y|)·-|y|.")
			huge := w.compare(cmpGE, c.get(cTanhHuge), a)
			t = w.blend(huge, a, t)
			VMULPS(t, dy, t) // dy first: of two NaNs, dy's wins
			f := w.load(c.get(cOne))
			VXORPS(c.get(cSignBit), a, a)
			f = w.blend(huge, a, f)
			VMULPS(f, t, t)
			return t
		},
	}.generate()
}

// geluTanhConstants are the constants geluTanhExp reads.
func geluTanhConstants() []constant {
	return append([]constant{cSignBit, cAHi, cALo, cBHi, cBLo, cMagic, cLog2E, cNegLn2Hi, cNegLn2Lo, cOne}, cPoly...)
}

// geluTanhExp returns, for a = -|x| (clamped, so that it is finite), the
// exponential E = exp(v) of v = A·a + B·a³ <= 0 as n (magic-bias sum nm
// holding n + 127, and n) and p = p(r) + rc·(1 + p(r)), 2^n·(1 + p) = E,
// and a². v - n·ln2 = r + rc is computed as a double-float (see package
// tanh32): a², a³, A·a and B·a³ are split exactly into hi + lo pairs, the
// two large terms summed exactly (Fast2Sum, larger magnitude first), then
// n·Ln2Hi subtracted exactly; the low parts, each below 2^-16, are summed
// in float32, and the rounding of r = (v - n·Ln2Hi) + lo folded into p.
func geluTanhExp(w width, c pool, a reg.VecVirtual) (nm, n, p, a2 reg.VecVirtual) {
	a2, a2lo := w.vec(), w.vec()
	VMULPS(a, a, a2)
	VMOVAPS(a2, a2lo)
	VFMSUB231PS(a, a, a2lo) // a·a - a2, exact
	a3, lo := w.vec(), w.vec()
	VMULPS(a2, a, a3)
	VMOVAPS(a3, lo)
	VFMSUB231PS(a2, a, lo)   // a·a2 - a3, exact
	VFMADD231PS(a, a2lo, lo) // a³ - a3 = a·a2lo + (a·a2 - a3)
	bh, bl := w.vec(), w.vec()
	VMULPS(c.get(cBHi), a3, bh)
	VMOVAPS(bh, bl)
	VFMSUB231PS(c.get(cBHi), a3, bl) // BHi·a3 - bh, exact
	VFMADD231PS(c.get(cBHi), lo, bl) // + BHi·(a³ - a3)
	VFMADD231PS(c.get(cBLo), a3, bl) // + BLo·a3
	ah := w.vec()
	VMULPS(c.get(cAHi), a, ah)
	VMOVAPS(ah, lo)
	VFMSUB231PS(c.get(cAHi), a, lo) // AHi·a - ah, exact
	VADDPS(lo, bl, bl)
	VFMADD231PS(c.get(cALo), a, bl) // + ALo·a: bl is now every low part
	Comment("h + hl = bh + ah exactly (Fast2Sum; both are <= 0, the smaller first is the larger magnitude).")
	big, small, h := w.vec(), w.vec(), w.vec()
	VMINPS(ah, bh, big)
	VMAXPS(ah, bh, small)
	VADDPS(small, big, h)
	VSUBPS(big, h, big)     // h - big
	VSUBPS(big, small, big) // hl = small - (h - big)
	VADDPS(big, bl, bl)

	Comment("n = round(h·log2(e)), r + rc = (h - n·Ln2Hi) + (lo - n·Ln2Lo).")
	nm, n = w.vec(), w.vec()
	VMOVUPS(c.get(cMagic), nm)
	VFMADD231PS(c.get(cLog2E), h, nm)
	VSUBPS(c.get(cMagic), nm, n)
	VFMADD231PS(c.get(cNegLn2Hi), n, h) // exact
	VFMADD231PS(c.get(cNegLn2Lo), n, bl)
	r := w.vec()
	VADDPS(bl, h, r)
	VSUBPS(h, r, h)  // r - (h - n·Ln2Hi)
	VSUBPS(h, bl, h) // rc, the rounding error of r
	p = expm1Poly(w, c, r)
	VADDPS(c.get(cOne), p, r)
	VFMADD231PS(h, r, p) // p += rc·(1 + p)
	return nm, n, p, a2
}

func geluTanhKernel() {
	var c pool
	var zero reg.VecVirtual
	elementwise{
		name: "geluTanh",
		doc:  "sets dst[i] = 0.5*x[i]*(1+tanh(sqrt(2/pi)*(x[i]+0.044715*x[i]^3))) (see kernels.GELUTanh).",
		out:  "dst", in: []string{"x"},
		setup: func(w width) {
			cs := append(geluTanhConstants(), cGELUMin, cGELUScaleMin)
			if !w.wide() {
				cs = append(cs, cTanhScaleNormal)
			}
			c = w.pool(cs...)
			c.registers(w, cGELUMin)
			zero = w.zeros()
		},
		op: func(w width, in []reg.VecVirtual) reg.VecVirtual {
			x := in[0]
			xc, a := w.vec(), w.vec()
			VMAXPS(x, c.get(cGELUMin), xc) // vmaxps returns x if it is NaN
			VORPS(c.get(cSignBit), xc, a)
			VMAXPS(a, c.get(cGELUMin), a)
			nm, n, p, _ := geluTanhExp(w, c, a)

			Comment("1 + E = 2^max(n, ScaleMin)·(1 + p) + 1.")
			s, d := w.vec(), w.vec()
			VMAXPS(c.get(cGELUScaleMin), nm, s)
			VPSLLD(U8(23), s, s)
			VADDPS(c.get(cOne), p, d)
			VMULPS(d, s, s)
			VADDPS(c.get(cOne), s, d)
			Comment("x < 0: x·(1 + p)/(1 + E), scaled by 2^n; else x/(1 + E).")
			neg := w.compare(cmpLT, zero, x)
			num := w.vec()
			VMOVAPS(xc, num)
			VFMADD231PS(xc, p, num)
			num = w.blend(neg, num, xc)
			VDIVPS(d, num, num) // num first: of two NaNs, x's wins
			if w.wide() {
				Comment("VSCALEFPS rounds once, as the AVX2 kernel's two products do.")
				VSCALEFPS(n, num, neg, num)
				return num
			}
			Comment("q·2^max(n, -126)·2^(n - max(n, -126)): the first product is exact, the second rounds.")
			k := w.blend(neg, nm, w.load(c.get(cMagic)))
			k1 := w.vec()
			VMAXPS(c.get(cTanhScaleNormal), k, k1)
			VSUBPS(k1, k, k)
			VADDPS(c.get(cMagic), k, k)
			VPSLLD(U8(23), k1, k1)
			VPSLLD(U8(23), k, k)
			VMULPS(k1, num, num)
			VMULPS(k, num, num)
			return num
		},
	}.generate()
}

func geluTanhBackwardKernel() {
	var c pool
	elementwise{
		name: "geluTanhBackward",
		doc:  "sets dx[i] = dy[i] times the derivative of GELUTanh at x[i] (see kernels.GELUTanhBackward).",
		out:  "dx", in: []string{"dy", "x"},
		setup: func(w width) {
			c = w.pool(append(geluTanhConstants(), cGELUBMin, cGELUBMax)...)
			c.registers(w, cGELUBMin, cGELUBMax)
			c.inMemory(cGELUScaleMin, cGELUA, cGELUB3, cTanhScale120, cTanhMinus100, cTanhNegInf, cZero)
		},
		op: func(w width, in []reg.VecVirtual) reg.VecVirtual {
			dy, x := in[0], in[1]
			nm, _, p, xv, e, t := geluTanhSlopeTerms(w, c, x, cGELUBMin, cGELUBMax)
			Comment("x < 0: g = (1 + p)·(T + xv)/T², to be scaled by 2^n; else g = (T + xv·E)/T².")
			neg := w.compare(cmpLT, c.get(cZero), x)
			k := w.blend(neg, nm, w.load(c.get(cMagic)))
			pn := w.keep(neg, p)
			e = w.blend(neg, c.get(cOne), e)
			t2 := w.vec()
			VMULPS(t, t, t2)
			VFMADD231PS(xv, e, t) // S = xv·(x < 0 ? 1 : E) + T
			VFMADD231PS(pn, t, t) // S + S·p where x < 0, rounded once
			VDIVPS(t2, t, t)

			Comment("dy·g·2^k, k = n (x < 0) or 0, down to 2^-315: ((dy·(g·2^k1))·2^k2)·2^k3,",
				"k1 = max(k, -120) (g·2^k1 is exact), k2 = max(k - k1, -100), k3 = k - k1 - k2.",
				"A tiny first product only costs a subnormal ulp.")
			k1 := w.vec()
			VMAXPS(c.get(cTanhScale120), k, k1)
			VSUBPS(k1, k, k) // k - k1
			VPSLLD(U8(23), k1, k1)
			VMULPS(k1, t, t)
			Comment("x = -Inf: dy·-0 (NaN for an infinite dy), the limit.")
			t = w.blend(w.compare(cmpEQ, c.get(cTanhNegInf), x), c.get(cSignBit), t)
			VMULPS(t, dy, t) // dy first
			k2 := w.vec()
			VMAXPS(c.get(cTanhMinus100), k, k2)
			VSUBPS(k2, k, k)
			VADDPS(c.get(cMagic), k2, k2)
			VADDPS(c.get(cMagic), k, k)
			VPSLLD(U8(23), k2, k2)
			VPSLLD(U8(23), k, k)
			VMULPS(k2, t, t)
			VMULPS(k, t, t)
			return t
		},
	}.generate()
}

// geluTanhSlopeTerms clamps x to [lo, hi] and returns the terms of
// GELUTanh's derivative there: the exponential's parts nm, n and p (see
// geluTanhExp), xv = x·v'(x), E = 2^max(n, ScaleMin)·(1 + p) and T = 1 + E.
func geluTanhSlopeTerms(w width, c pool, x reg.VecVirtual, lo, hi constant) (nm, n, p, xv, e, t reg.VecVirtual) {
	xc, a := w.vec(), w.vec()
	VMAXPS(x, c.get(lo), xc) // NaN stays NaN
	VMINPS(xc, c.get(hi), xc)
	VORPS(c.get(cSignBit), xc, a)
	nm, n, p, a2 := geluTanhExp(w, c, a)

	Comment("xv = x·v'(x), E = 2^max(n, ScaleMin)·(1 + p), T = 1 + E.")
	xv = w.vec()
	VMOVUPS(c.get(cGELUA), xv)
	VFMADD231PS(c.get(cGELUB3), a2, xv)
	VMULPS(xc, xv, xv)
	e, t = w.vec(), w.vec()
	VMAXPS(c.get(cGELUScaleMin), nm, e)
	VPSLLD(U8(23), e, e)
	VFMADD231PS(e, p, e) // e = e·p + e
	VADDPS(c.get(cOne), e, t)
	return nm, n, p, xv, e, t
}
