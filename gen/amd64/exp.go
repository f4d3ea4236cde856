package main

import (
	. "github.com/mmcloughlin/avo/build"
	. "github.com/mmcloughlin/avo/operand"
	"github.com/mmcloughlin/avo/reg"

	"github.com/simdact/simdact/internal/exp32"
	"github.com/simdact/simdact/internal/sigmoid32"
)

// The sigmoid family's exponential, e = exp(-|x|) = m·2^n in float32
// (packages exp32 and sigmoid32), and the steps that form results from its
// parts and scale them by 2^n last, so that they underflow gradually.

var (
	cMaxX         = floatConstant("maxX", -exp32.ExpMin)
	cLoLimit      = floatConstant("loLimit", sigmoid32.LoLimit)
	cNegLoLimit   = floatConstant("negLoLimit", -sigmoid32.LoLimit)
	cBigGradient  = floatConstant("bigGradient", sigmoid32.BigGradient)
	cBigScale     = floatConstant("bigScale", sigmoid32.BigScale)
	cBigShift     = constant{"bigShift", sigmoid32.BigShift}
	cAbsMask      = constant{"absMask", signBit - 1}
	cHugeOutput   = floatConstant("hugeOutput", 0x1p63)
	cNegZero      = constant{"negZero", signBit}
	cExpConstants = append([]constant{cSignBit, cExpMin, cLog2E, cScaleBase, cNegLn2Hi, cNegLn2Lo, cOne}, cPoly...)
)

// mem returns the memory operand of c, at either width: for the constants
// of a kernel's rarer steps, which would crowd the AVX-512 registers.
func mem(c constant) Mem { return vector(c.name, c.bits) }

// expVector holds the constants of exp(-|x|) and emits its steps.
type expVector struct{ c pool }

func (x *expVector) setup(w width, more ...constant) {
	x.c = w.pool(append(append([]constant{}, cExpConstants...), more...)...)
	x.c.registers(w, cExpMin, cOne)
}

// parts holds exp(z) = m·2^n, z = max(-|v|, ExpMin): tr = m - 1 before its
// rounding to m, n as a float32 (nf), and v, the magic-bias sum whose low
// bits hold n + ScaleBias.
type parts struct{ z, tr, m, nf, v reg.VecVirtual }

// exp returns the parts of exp(max(-|a|, ExpMin) + lo), lo being added to
// the reduced argument (nil for none).
func (x *expVector) exp(w width, a reg.VecVirtual, lo reg.VecVirtual) parts {
	c := x.c
	z := w.vec()
	VORPS(c.get(cSignBit), a, z) // -|a|
	VMAXPS(z, c.get(cExpMin), z) // z if NaN
	p := x.reduce(w, z, lo)
	p.m = w.vec()
	VADDPS(c.get(cOne), p.tr, p.m)
	return p
}

// reduce returns the parts of exp(z + lo) but m, for ExpMin <= z <= 88
// (or NaN).
func (x *expVector) reduce(w width, z reg.VecVirtual, lo reg.VecVirtual) parts {
	c := x.c
	v, nf, r := w.vec(), w.vec(), w.vec()
	VMOVUPS(c.get(cScaleBase), v)
	VFMADD231PS(c.get(cLog2E), z, v) // v = z·log2(e) + magic, rounded to an integer
	VSUBPS(c.get(cScaleBase), v, nf)
	VMOVAPS(z, r)
	VFMADD231PS(c.get(cNegLn2Hi), nf, r) // exact
	VFMADD231PS(c.get(cNegLn2Lo), nf, r)
	if lo != nil {
		VADDPS(lo, r, r)
	}
	q := w.vec()
	VMOVUPS(c.get(cPoly[0]), q)
	for _, k := range cPoly[1:] {
		VFMADD213PS(c.get(k), r, q) // q = q·r + k
	}
	VFMADD213PS(c.get(cOne), r, q) // 1 + r·q
	VMULPS(r, q, q)                // tr
	return parts{z: z, tr: q, nf: nf, v: v}
}

// scaleForward returns q·2^n, given the parts' nf and v, for a normal q
// (or n = 0), rounded once; it overwrites q.
func (x *expVector) scaleForward(w width, q reg.VecVirtual, p parts) reg.VecVirtual {
	if w.wide() {
		VSCALEFPS(p.nf, q, q)
		return q
	}
	return x.scaleTwice(w, q, p.v)
}

// value returns e = m·2^n, leaving the parts as they are.
func (x *expVector) value(w width, p parts) reg.VecVirtual {
	e := w.vec()
	VMOVAPS(p.m, e)
	return x.scaleForward(w, e, p)
}

// scaleTwice returns q·2^(n>>1)·2^(n-(n>>1)), n = max(n, -252), given v
// (whose low bits hold n + ScaleBias): the first product is exact where
// q·2^(n>>1) is normal. It overwrites q.
func (x *expVector) scaleTwice(w width, q, v reg.VecVirtual) reg.VecVirtual {
	k, h := w.vec(), w.vec()
	VPMAXSD(x.c.get(cScaleFloor), v, k)
	VPSRLD(U8(1), k, h)
	VPSUBD(h, k, k)
	VPSLLD(U8(23), h, h)
	VPSLLD(U8(23), k, k)
	VMULPS(h, q, q)
	VMULPS(k, q, q)
	return q
}

// reciprocal returns 1/(1+e) for 0 <= e <= 1 to about 2^-40: one Newton
// step from w = 1/d, d = 1+e, with the exact residual 1 - d·w and the
// exact rounding error e - (d-1) of d.
func (x *expVector) reciprocal(w width, e reg.VecVirtual) reg.VecVirtual {
	c := x.c
	d, err, r := w.vec(), w.vec(), w.vec()
	VADDPS(c.get(cOne), e, d)
	VSUBPS(c.get(cOne), d, err)
	VSUBPS(err, e, err) // e - (d-1), exact
	VDIVPS(d, c.get(cOne), r)
	VFNMADD213PS(c.get(cOne), r, d) // rho = 1 - d·r, exact
	VFNMADD231PS(err, r, d)         // rho - err·r
	VFMADD213PS(r, d, r)            // r + r·rho
	return r
}

// fixNaN sets the lanes of y where x is NaN to x quieted (x + x keeps the
// payload) and returns y.
func fixNaN(w width, x, y reg.VecVirtual) reg.VecVirtual {
	q := w.vec()
	VADDPS(x, x, q)
	return w.blend(w.compare(cmpUNORD, x, x), q, y)
}

// negative returns the mask of the lanes where x < 0 (not NaN).
func negative(w width, x reg.VecVirtual, zero Op) mask { return w.compare(cmpGT, x, zero) }

// scaleGradient returns dy·q·2^n, given v (n + ScaleBias in its low bits),
// for |q| < 2^9: where |dy| >= BigGradient, as (dy·2^-BigShift)·q·
// 2^(n+BigShift). It overwrites q and v.
func (x *expVector) scaleGradient(w width, dy, q, v reg.VecVirtual) reg.VecVirtual {
	return x.scaleProduct(w, dy, nil, q, v)
}

// scaleProduct returns (dy·g)·q·2^n as scaleGradient returns dy·q·2^n, for
// |g·q| < 2^9 where |dy| >= BigGradient (or without g, if it is nil): the
// gated units multiply their two inputs first, so that a tiny g (a
// subnormal gate) costs no precision before the product with dy.
func (x *expVector) scaleProduct(w width, dy, g, q, v reg.VecVirtual) reg.VecVirtual {
	a, b := w.vec(), w.vec()
	VANDPS(mem(cAbsMask), dy, a)
	big := w.compare(cmpGE, mem(cBigGradient), a)
	VMULPS(mem(cBigScale), dy, a)
	VMOVAPS(dy, b)
	b = w.blend(big, a, b)
	VPADDD(mem(cBigShift), v, a)
	v = w.blend(big, a, v)
	if g != nil {
		VMULPS(g, b, b)
	}
	VMULPS(b, q, q)
	return x.scaleTwice(w, q, v)
}

// clampX returns x clamped to [ExpMin, -ExpMin] (NaN stays NaN).
func clampX(w width, c pool, x reg.VecVirtual) reg.VecVirtual {
	cx := w.vec()
	VMAXPS(x, c.get(cExpMin), cx)
	VMINPS(cx, c.get(cMaxX), cx)
	return cx
}

// underflowed sets g to dy·-0 where x <= ExpZeroBelow, where the float64
// derivative's exp(x) is 0 (so that an infinite dy gives NaN), and
// returns it.
func underflowed(w width, dy, x, g reg.VecVirtual) reg.VecVirtual {
	return zeroBelow(w, cNegZero, dy, x, g)
}

// zeroBelow sets g to dy·zero (zero: cNegZero or cZero) where x <= ExpZeroBelow
// and returns it.
func zeroBelow(w width, zero constant, dy, x, g reg.VecVirtual) reg.VecVirtual {
	z := w.vec()
	VMULPS(mem(zero), dy, z)
	return w.blend(w.compare(cmpLE, mem(cExpZeroBelow), x), z, g)
}
