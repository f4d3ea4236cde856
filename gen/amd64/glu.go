package main

import (
	"math"

	. "github.com/mmcloughlin/avo/build"
	. "github.com/mmcloughlin/avo/operand"
	"github.com/mmcloughlin/avo/reg"

	"github.com/simdact/simdact/internal/gelu32"
	"github.com/simdact/simdact/internal/tanh32"
)

// The gated linear units multiply an activation f of one input (gate; b
// for GLU) by the other (up; a for GLU), in one pass. f's kernel steps
// give its value as q·2^n, q a normal float32, and the product is formed
// before the scale, so that it underflows gradually and overflows only
// where the result does: ((gate·up')·q)·2^(n+shift) for SwiGLU and
// (a'·q)·2^(n+shift) for GLU, up' = up·2^-shift, shift = BigShift where
// |up| >= BigGradient and 0 elsewhere (scaleProduct); gate·up' first, so
// that a subnormal gate costs no precision. GeGLU and GeGLUTanh finish in
// float64 lanes, where GELU's kernel works already, and GELUTanh's
// quotient goes: a product with up in float64 rounds once, to float32.
//
// An infinite up (or dy) meets f as IEEE multiplication meets the float64
// value of f: NaN where that is 0 (below sigmoid32's ExpZeroBelow for the
// sigmoid and SiLU, below gelu32.Float64ZeroBelow and
// tanh32.GELUFloat64ZeroBelow for the GELUs), ±Inf elsewhere.
//
// The backward passes write both gradients: the gradient of up (or a) is
// the forward product with dy in up's place; the gradient of gate (or b),
// dy·up·f'(gate), takes f' as f's own backward kernel computes it, and
// multiplies it by 2^n and by dy·up (exact) in float64 lanes, rounding
// once. They are AVX2's alone (see elementwise.avx2Only).

func gluKernels() {
	gluKernel()
	gluBackwardKernel()
	swiGLUKernel()
	swiGLUBackwardKernel()
	geGLUKernel()
	geGLUBackwardKernel()
	geGLUTanhKernel()
	geGLUTanhBackwardKernel()
}

// The constants of the gated units.
var (
	cGELUZeroBelow     = floatConstant("geluZeroBelow64", gelu32.Float64ZeroBelow)
	cGatedClamp        = floatConstant("geluGatedClamp", gelu32.GatedClamp)
	cGatedNegClamp     = floatConstant("geluGatedNegClamp", -gelu32.GatedClamp)
	cGatedTanhMin      = floatConstant("geluTanhGatedMin", tanh32.GatedBackwardMin)
	cGatedTanhMax      = floatConstant("geluTanhGatedMax", -tanh32.GatedBackwardMin)
	cGELUTanhZeroBelow = floatConstant("geluTanhZeroBelow64", tanh32.GELUFloat64ZeroBelow)
	// dMagicBias rounds a float64 n to an integer held, plus 1023, in the
	// low bits of the sum: 2^n's exponent field (see pow2Doubles).
	dMagicBias = double{"magicBias", gelu32.Magic + 1023}
	dSign64    = double{"sign64", math.Copysign(0, -1)}
)

// sigmoidProduct returns a·sigmoid(b): (a'·q)·2^(n+shift), q = m·r for b < 0
// and r for b >= 0 (2^n then 1), e = exp(-|b|) = m·2^n, r = 1/(1+e); and
// a·+0 where b <= ExpZeroBelow. It returns the exponential's parts and r
// too, for the backward pass.
func (x *expVector) sigmoidProduct(w width, a, b, zero reg.VecVirtual) (y reg.VecVirtual, p parts, r reg.VecVirtual) {
	p = x.exp(w, b, nil)
	e := x.value(w, p)
	r = x.reciprocal(w, e)
	neg := negative(w, b, zero)
	q := w.vec()
	VMULPS(r, p.m, q)
	q = w.blend(neg, q, w.copy(r))
	v := w.blend(neg, p.v, w.load(x.c.get(cScaleBase)))
	y = x.scaleGradient(w, a, q, v)
	return zeroBelow(w, cZero, a, b, y), p, r
}

// siluProduct returns silu(g)·up: ((z·up')·q)·2^(n+shift), z = g and q = r
// (no 2^n) for g >= 0, z = max(g, ExpMin) and q = m·r for g < 0; and up·-0
// where g <= ExpZeroBelow.
func (x *expVector) siluProduct(w width, g, up, zero reg.VecVirtual) reg.VecVirtual {
	p := x.exp(w, g, nil)
	e := x.value(w, p)
	r := x.reciprocal(w, e)
	neg := negative(w, g, zero)
	q := w.vec()
	VMULPS(r, p.m, q)
	q = w.blend(neg, q, r)
	z := w.blend(neg, p.z, w.copy(g))
	v := w.blend(neg, p.v, w.load(x.c.get(cScaleBase)))
	y := x.scaleProduct(w, up, z, q, v)
	return zeroBelow(w, cNegZero, up, g, y)
}

// copy returns a copy of v in a new register.
func (w width) copy(v reg.VecVirtual) reg.VecVirtual {
	c := w.vec()
	VMOVAPS(v, c)
	return c
}

func gluKernel() {
	var x expVector
	var zero reg.VecVirtual
	elementwise{
		name: "glu", avx2Only: true,
		doc: "sets dst[i] = a[i]*sigmoid(b[i]) (see kernels.GLU).",
		out: "dst", in: []string{"a", "b"}, unroll: 2,
		setup: func(w width) {
			x.setup(w, cScaleFloor)
			zero = w.zeros()
		},
		op: func(w width, in []reg.VecVirtual) reg.VecVirtual {
			y, _, _ := x.sigmoidProduct(w, in[0], in[1], zero)
			return y
		},
	}.generate()
}

func swiGLUKernel() {
	var x expVector
	var zero reg.VecVirtual
	elementwise{
		name: "swiGLU", avx2Only: true,
		doc: "sets dst[i] = silu(gate[i])*up[i] (see kernels.SwiGLU).",
		out: "dst", in: []string{"gate", "up"}, unroll: 2,
		setup: func(w width) {
			x.setup(w, cScaleFloor)
			zero = w.zeros()
		},
		op: func(w width, in []reg.VecVirtual) reg.VecVirtual {
			return x.siluProduct(w, in[0], in[1], zero)
		},
	}.generate()
}

// pow2Doubles returns 2^n in float64 lanes for the float32 n of the low
// (half 0) or high (half 1) half of nf, -1022 <= n <= 1023.
func pow2Doubles(w width, d doublePool, nf reg.VecVirtual, half int) reg.VecVirtual {
	v := toDoubles(w, nf, half)
	VADDPD(d.get(dMagicBias), v, v)
	VPSLLQ(U8(52), v, v)
	return v
}

// gradientTimes returns dy·a·q·2^n, rounded once to float32 from float64
// lanes, for the float32 q and n (nf) of a gate's derivative: dy·a is exact
// in float64, and q·2^n too.
func gradientTimes(w width, d doublePool, dy, a, q, nf reg.VecVirtual) reg.VecVirtual {
	half := func(h int) reg.VecVirtual {
		t := toDoubles(w, q, h)
		VMULPD(pow2Doubles(w, d, nf, h), t, t)
		u := toDoubles(w, dy, h)
		VMULPD(toDoubles(w, a, h), u, u)
		VMULPD(u, t, t)
		return t
	}
	lo := half(0)
	return toFloats(w, lo, half(1))
}

func gluBackwardKernel() {
	var x expVector
	var d doublePool
	var zero reg.VecVirtual
	elementwise{
		name: "gluBackward", avx2Only: true,
		doc: "sets da[i] = dy[i]*sigmoid(b[i]) and db[i] = dy[i]*a[i]*s*(1-s), s = sigmoid(b[i]) (see kernels.GLUBackward).",
		out: "da", out2: "db", in: []string{"dy", "a", "b"}, unroll: 1,
		setup: func(w width) {
			x.setup(w, cScaleFloor)
			d = w.doubles(nil, dMagicBias)
			zero = w.zeros()
		},
		op2: func(w width, in []reg.VecVirtual) (reg.VecVirtual, reg.VecVirtual) {
			dy, a, b := in[0], in[1], in[2]
			da, p, r := x.sigmoidProduct(w, dy, b, zero)
			Comment("db: dy·a·(m·r²)·2^n, +0 where exp(-|b|) is 0 in float64 (|b| >= 745.14).")
			VMULPS(r, p.m, p.m)
			VMULPS(r, p.m, p.m)
			na := w.vec()
			VORPS(x.c.get(cSignBit), b, na)
			q := w.blend(w.compare(cmpLE, mem(cExpZeroBelow), na), zero, p.m)
			return da, gradientTimes(w, d, dy, a, q, p.nf)
		},
	}.generate()
}

func swiGLUBackwardKernel() {
	var x expVector
	var d doublePool
	var zero reg.VecVirtual
	elementwise{
		name: "swiGLUBackward", avx2Only: true,
		doc: "sets dgate[i] = dy[i]*up[i]*silu'(gate[i]) and dup[i] = dy[i]*silu(gate[i]) " +
			"(see kernels.SwiGLUBackward).",
		out: "dgate", out2: "dup", in: []string{"dy", "gate", "up"}, unroll: 1,
		setup: func(w width) {
			x.setup(w, cScaleFloor, cMaxX)
			x.c.registers(w, cMaxX)
			d = w.doubles(nil, dMagicBias)
			zero = w.zeros()
		},
		op2: func(w width, in []reg.VecVirtual) (reg.VecVirtual, reg.VecVirtual) {
			dy, g, up := in[0], in[1], in[2]
			dup := x.siluProduct(w, g, dy, zero)
			Comment("dgate: SiLUBackward's derivative q·2^n, then dy·up·q·2^n in float64.")
			p, q, _ := siluSlope(w, &x, g, nil)
			nf := w.blend(w.signs(g), p.nf, w.copy(zero))
			Comment("gate <= ExpZeroBelow: -0, as SiLUBackward's derivative.")
			q = w.blend(w.compare(cmpLE, mem(cExpZeroBelow), g), mem(cNegZero), q)
			return gradientTimes(w, d, dy, up, q, nf), dup
		},
	}.generate()
}

// geluProduct returns GELU(g)·up, GELU in float64 lanes as the GELU kernel
// computes it (with g's sign, -0 for g = -0), times up in float64 and
// rounded once; up·-0 where g <= Float64ZeroBelow.
func geluProduct(w width, c pool, d doublePool, g, up, zero reg.VecVirtual) reg.VecVirtual {
	a, s := w.vec(), w.vec()
	VANDPS(c.get(cAbs), g, a)
	VMINPS(c.get(cGELUClamp), a, a) // Clamp where a is NaN: s carries the NaN
	VMAXPS(g, zero, s)              // g where g is NaN
	half := func(h int) reg.VecVirtual {
		y := geluHalf(w, d, toDoubles(w, a, h), toDoubles(w, s, h))
		t := toDoubles(w, g, h)
		VANDPD(d.get(dSign64), t, t)
		VORPD(t, y, y) // g's sign: y is -a·Phi(-a) <= 0 where g < 0, and the sign makes g = -0's -0
		VMULPD(toDoubles(w, up, h), y, y)
		return y
	}
	lo := half(0)
	y := toFloats(w, lo, half(1))
	return zeroBelowAt(w, cGELUZeroBelow, up, g, y)
}

// zeroBelowAt sets y to up·-0 where g <= the constant below, and returns it.
func zeroBelowAt(w width, below constant, up, g, y reg.VecVirtual) reg.VecVirtual {
	z := w.vec()
	VMULPS(mem(cNegZero), up, z)
	return w.blend(w.compare(cmpLE, mem(below), g), z, y)
}

func geGLUKernel() {
	var c pool
	var d doublePool
	var zero reg.VecVirtual
	elementwise{
		name: "geGLU", avx2Only: true,
		doc: "sets dst[i] = gelu(gate[i])*up[i], GELU's erf form (see kernels.GeGLU).",
		out: "dst", in: []string{"gate", "up"}, unroll: 1,
		setup: func(w width) {
			c = w.pool(cAbs, cGELUClamp)
			d = w.geluDoubles(dSign64)
			zero = w.zeros()
		},
		op: func(w width, in []reg.VecVirtual) reg.VecVirtual {
			return geluProduct(w, c, d, in[0], in[1], zero)
		},
	}.generate()
}

func geGLUBackwardKernel() {
	var c pool
	var d doublePool
	var zero reg.VecVirtual
	elementwise{
		name: "geGLUBackward", avx2Only: true,
		doc: "sets dgate[i] = dy[i]*up[i]*gelu'(gate[i]) and dup[i] = dy[i]*gelu(gate[i]) " +
			"(see kernels.GeGLUBackward).",
		out: "dgate", out2: "dup", in: []string{"dy", "gate", "up"}, unroll: 1,
		setup: func(w width) {
			c = w.pool(cAbs, cGELUClamp, cGatedClamp, cGatedNegClamp)
			c.registers(w, cGatedClamp, cGatedNegClamp)
			d = w.geluDoubles(dSign64, dNegK, dAbs, dInvSqrt2Pi, dThree, dNegOne, dClamp64)
			zero = w.zeros()
		},
		op2: func(w width, in []reg.VecVirtual) (reg.VecVirtual, reg.VecVirtual) {
			dy, g, up := in[0], in[1], in[2]
			dup := geluProduct(w, c, d, g, dy, zero)
			Comment("dgate: GELUBackward's steps with dy·up, exact in float64, for dy, to |gate| = GatedClamp.")
			gc := w.vec()
			VMINPS(g, c.get(cGatedClamp), gc) // g where g is NaN
			VMAXPS(gc, c.get(cGatedNegClamp), gc)
			half := func(h int) reg.VecVirtual {
				p := toDoubles(w, dy, h)
				VMULPD(toDoubles(w, up, h), p, p)
				return geluBackwardHalf(w, d, toDoubles(w, gc, h), p, true)
			}
			lo := half(0)
			return toFloats(w, lo, half(1)), dup
		},
	}.generate()
}

// geluTanhParts returns GELUTanh's steps for g: xc = max(g, GELUBackwardMin)
// (g where it is NaN), n and p with E = exp(v) = 2^n·(1 + p), v = A·a + B·a³,
// a = -|xc|, the mask of g < 0, and d = 1 + E rounded (as GELUTanh's
// kernel forms it); from GELUBackwardMin down, GELUTanh·up underflows for
// every float32 up.
func geluTanhParts(w width, c pool, g, zero reg.VecVirtual) (xc, n, p reg.VecVirtual, neg mask, d reg.VecVirtual) {
	xc = w.vec()
	a := w.vec()
	VMAXPS(g, c.get(cGELUBMin), xc) // vmaxps returns g if it is NaN
	VORPS(c.get(cSignBit), xc, a)
	VMAXPS(a, c.get(cGELUBMin), a)
	nm, n, p, _ := geluTanhExp(w, c, a)
	Comment("1 + E = 2^max(n, ScaleMin)·(1 + p) + 1.")
	s := w.vec()
	d = w.vec()
	VMAXPS(c.get(cGELUScaleMin), nm, s)
	VPSLLD(U8(23), s, s)
	VADDPS(c.get(cOne), p, d)
	VMULPS(d, s, s)
	VADDPS(c.get(cOne), s, d)
	neg = w.compare(cmpLT, zero, g)
	return xc, n, p, neg, d
}

// geluTanhProduct returns GELUTanh(g)·up in float64 lanes: xc·(1 + p)/d·2^n
// for g < 0, xc/d elsewhere, times up, rounded once; up·-0 where g <=
// GELUFloat64ZeroBelow.
func geluTanhProduct(w width, c pool, d doublePool, g, up, zero reg.VecVirtual) reg.VecVirtual {
	xc, n, p, neg, den := geluTanhParts(w, c, g, zero)
	p = w.keep(neg, p)
	n = w.keep(neg, n)
	half := func(h int) reg.VecVirtual {
		q := toDoubles(w, p, h)
		VADDPD(d.get(dOne), q, q)
		VMULPD(toDoubles(w, xc, h), q, q) // x·(1 + p), exact (x·1 = x where g >= 0, even infinite)
		VDIVPD(toDoubles(w, den, h), q, q)
		VMULPD(pow2Doubles(w, d, n, h), q, q)
		VMULPD(toDoubles(w, up, h), q, q)
		return q
	}
	lo := half(0)
	y := toFloats(w, lo, half(1))
	return zeroBelowAt(w, cGELUTanhZeroBelow, up, g, y)
}

func geGLUTanhKernel() {
	var c pool
	var d doublePool
	var zero reg.VecVirtual
	elementwise{
		name: "geGLUTanh", avx2Only: true,
		doc: "sets dst[i] = gelu_tanh(gate[i])*up[i] (see kernels.GeGLUTanh).",
		out: "dst", in: []string{"gate", "up"}, unroll: 1,
		setup: func(w width) {
			c = w.pool(append(geluTanhConstants(), cGELUBMin, cGELUScaleMin)...)
			c.registers(w, cGELUBMin)
			d = w.doubles(nil, dMagicBias, dOne)
			zero = w.zeros()
		},
		op: func(w width, in []reg.VecVirtual) reg.VecVirtual {
			return geluTanhProduct(w, c, d, in[0], in[1], zero)
		},
	}.generate()
}

func geGLUTanhBackwardKernel() {
	var c pool
	var d doublePool
	var zero reg.VecVirtual
	elementwise{
		name: "geGLUTanhBackward", avx2Only: true,
		doc: "sets dgate[i] = dy[i]*up[i]*gelu_tanh'(gate[i]) and dup[i] = dy[i]*gelu_tanh(gate[i]) " +
			"(see kernels.GeGLUTanhBackward).",
		out: "dgate", out2: "dup", in: []string{"dy", "gate", "up"}, unroll: 1,
		setup: func(w width) {
			c = w.pool(append(geluTanhConstants(), cGELUBMin, cGatedTanhMin, cGatedTanhMax, cGELUScaleMin)...)
			c.registers(w, cGELUBMin, cGatedTanhMin, cGatedTanhMax)
			c.inMemory(cGELUA, cGELUB3, cTanhNegInf)
			d = w.doubles(nil, dMagicBias, dOne)
			zero = w.zeros()
		},
		op2: func(w width, in []reg.VecVirtual) (reg.VecVirtual, reg.VecVirtual) {
			dy, g, up := in[0], in[1], in[2]
			dup := geluTanhProduct(w, c, d, g, dy, zero)
			Comment("dgate: GELUTanhBackward's g·2^k (x < 0: k = n), gate clamped to ±16 (GatedBackwardMin),",
				"then dy·up·g·2^k in float64.")
			_, n, p, xv, e, t := geluTanhSlopeTerms(w, c, g, cGatedTanhMin, cGatedTanhMax)
			neg := w.compare(cmpLT, zero, g)
			pn := w.keep(neg, p)
			n = w.keep(neg, n)
			e = w.blend(neg, c.get(cOne), e)
			t2 := w.vec()
			VMULPS(t, t, t2)
			VFMADD231PS(xv, e, t) // S = xv·(x < 0 ? 1 : E) + T
			VFMADD231PS(pn, t, t) // S + S·p where x < 0, rounded once
			VDIVPS(t2, t, t)
			Comment("gate = -Inf: -0, the limit.")
			t = w.blend(w.compare(cmpEQ, c.get(cTanhNegInf), g), mem(cNegZero), t)
			return gradientTimes(w, d, dy, up, t, n), dup
		},
	}.generate()
}
