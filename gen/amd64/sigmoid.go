package main

import (
	"math"

	. "github.com/mmcloughlin/avo/build"
	. "github.com/mmcloughlin/avo/operand"
	"github.com/mmcloughlin/avo/reg"

	"github.com/simdact/simdact/internal/exp32"
	"github.com/simdact/simdact/internal/sigmoid32"
)

// The sigmoid family's kernels compute the formulas of the pure-Go kernels
// in kernels/sigmoid.go in float32, where those use float64: e = exp(-|x|)
// = m·2^n (packages exp32 and sigmoid32), results formed from m and scaled
// by 2^n last, so that they underflow gradually, and 1/(1+e) refined by a
// Newton step with exact residuals, so that the forward results stay within
// 1-2 ulp. Two differ. Sigmoid, the most called, trades that step for
// speed: one division m/(1+e), scaled by 2^n, and 1 minus it for x > 0, 2
// ulp at most on every float32. Mish, which rounded in too many places in
// float32 (4 ulp), takes e's parts to float64 lanes and finishes there (1
// ulp). Both widths round the same: AVX-512 scales a normal forward result
// with VSCALEFPS, AVX2 multiplies by 2^(n>>1) exactly and by 2^(n-(n>>1)),
// rounding once as VSCALEFPS does; the backward kernels, whose dy·q may be
// subnormal before the scale, multiply by the two powers at either width.
// The exponential's steps are in exp.go.

var (
	cTwo  = floatConstant("two", 2)
	cFour = floatConstant("four", 4)
)

// logCoefficient returns the memory operand of G_i (LogCoefficients[i]):
// the kernels read them from memory at either width, leaving the AVX-512
// registers to the others.
func logCoefficient(i int) Mem {
	c := sigmoid32.LogCoefficients[i]
	return vector("log"+string(rune('a'+i)), math.Float32bits(c))
}

func sigmoidKernels() {
	sigmoidKernel()
	sigmoidBackwardFromOutputKernel()
	sigmoidBackwardKernel()
	swishKernel()
	swishBackwardKernel()
	siluKernel()
	siluBackwardKernel()
	softplusKernel()
	softplusBackwardKernel()
	mishKernel()
	mishBackwardKernel()
}

func sigmoidKernel() {
	var x expVector
	var zero reg.VecVirtual
	elementwise{
		name: "sigmoid",
		doc:  "sets dst[i] = 1/(1+exp(-x[i])) (see kernels.Sigmoid).",
		out:  "dst", in: []string{"x"},
		setup: func(w width) {
			x.setup(w, cScaleFloor)
			zero = w.zeros()
		},
		op: func(w width, in []reg.VecVirtual) reg.VecVirtual {
			v := in[0]
			p := x.exp(w, v, nil)
			d := x.value(w, p)
			VADDPS(x.c.get(cOne), d, d) // 1 + e
			f := w.vec()
			VDIVPS(d, p.m, f) // m/(1+e)
			neg := x.scaleForward(w, f, p)
			pos := w.vec()
			VSUBPS(neg, x.c.get(cOne), pos)
			y := w.blend(w.compare(cmpGT, zero, v), pos, neg)
			return fixNaN(w, v, y)
		},
	}.generate()
}

func sigmoidBackwardFromOutputKernel() {
	var c pool
	elementwise{
		name: "sigmoidBackwardFromOutput",
		doc: "sets dx[i] = dy[i]*y[i]*(1-y[i]) (see kernels.SigmoidBackwardFromOutput): dy·(y - y²), or (dy·y)·(1-y) " +
			"where |y| >= 2^63.",
		out: "dx", in: []string{"dy", "y"},
		setup: func(w width) {
			c = w.pool(cAbsMask, cHugeOutput, cOne)
			c.registers(w, cOne)
		},
		op: func(w width, in []reg.VecVirtual) reg.VecVirtual {
			dy, y := in[0], in[1]
			g, h, a := w.vec(), w.vec(), w.vec()
			VMOVAPS(y, g)
			VFNMADD213PS(y, y, g) // y - y²
			VMULPS(g, dy, g)
			VMULPS(y, dy, h)
			VSUBPS(y, c.get(cOne), a)
			VMULPS(a, h, h)
			VANDPS(mem(cAbsMask), y, a)
			return w.blend(w.compare(cmpGE, c.get(cHugeOutput), a), h, g)
		},
	}.generate()
}

func siluKernel() {
	var x expVector
	var zero reg.VecVirtual
	elementwise{
		name: "silu",
		doc:  "sets dst[i] = x[i]*sigmoid(x[i]) (see kernels.SiLU).",
		out:  "dst", in: []string{"x"},
		setup: func(w width) {
			x.setup(w, cScaleFloor)
			zero = w.zeros()
		},
		op: func(w width, in []reg.VecVirtual) reg.VecVirtual {
			v := in[0]
			p := x.exp(w, v, nil)
			e := x.value(w, p)
			r := x.reciprocal(w, e)
			Comment("x < 0: z·(1 + tr)·r·2^n; else x·r.")
			VFMADD213PS(p.z, p.z, p.tr) // z + z·tr, z = x where x < 0
			VMULPS(r, p.tr, p.tr)
			y := x.scaleForward(w, p.tr, p)
			VMULPS(v, r, r)
			y = w.blend(negative(w, v, zero), y, r)
			return fixNaN(w, v, y)
		},
	}.generate()
}

// The constants of the Mish kernel (see sigmoid32.MishHigh).
var (
	cMishHigh = floatConstant("mishHigh", sigmoid32.MishHigh)
	dTwo      = double{"two64", 2}
)

func mishKernel() {
	var x expVector
	var d doublePool
	elementwise{
		name: "mish",
		doc:  "sets dst[i] = x[i]*tanh(softplus(x[i])) (see kernels.Mish).",
		out:  "dst", in: []string{"x"},
		setup: func(w width) {
			x.setup(w, cMishHigh)
			d = w.doubles([]double{dOne, dTwo, dMagic})
		},
		op: func(w width, in []reg.VecVirtual) reg.VecVirtual {
			v := in[0]
			c := x.c
			Comment("u = e^z = (1 + tr)·2^n, z = min(max(x, ExpMin), MishHigh), in float32 but for 1 + tr.")
			xc, z := w.vec(), w.vec()
			VMAXPS(v, c.get(cExpMin), xc) // x if NaN
			VMINPS(c.get(cMishHigh), xc, z)
			p := x.reduce(w, z, nil)
			half := func(h int) reg.VecVirtual {
				Comment("In float64: x·t, t = N/(N + 2), N = u·(u + 2), with u = (1 + tr)·2^n exact.")
				u, n := toDoubles(w, p.tr, h), toDoubles(w, p.nf, h)
				VADDPD(d.get(dOne), u, u)
				VADDPD(d.get(dMagic), n, n)
				scale(u, n)
				t := w.vec()
				VADDPD(d.get(dTwo), u, t)
				VMULPD(u, t, t)
				VADDPD(d.get(dTwo), t, u)
				VDIVPD(u, t, t)
				VMULPD(toDoubles(w, xc, h), t, t)
				return t
			}
			lo := half(0)
			return fixNaN(w, v, toFloats(w, lo, half(1)))
		},
	}.generate()
}

func softplusKernel() {
	var x expVector
	var beta, threshold, mant, shift Op // shift: E, as an int32 for AVX2, a float32 for AVX-512
	var zero reg.VecVirtual
	elementwise{
		name: "softplus",
		doc: "sets dst[i] = beta*x[i] > threshold ? x[i] : log1p(exp(beta*x[i]))/beta (see kernels.Softplus), " +
			"given beta = mant·2^shift, 1 <= |mant| < 2.",
		out: "dst", in: []string{"x"}, params: "beta, threshold, mant float32, shift int32",
		setup: func(w width) {
			x.setup(w, cScaleFloor, cLoLimit, cNegLoLimit)
			beta, threshold = w.param("beta"), w.param("threshold")
			mant, shift = w.param("mant"), w.param("shift")
			if w.wide() {
				f := w.vec()
				VCVTDQ2PS(shift, f)
				shift = f
			}
			zero = w.zeros()
		},
		op: func(w width, in []reg.VecVirtual) reg.VecVirtual {
			v := in[0]
			t := w.vec()
			VMULPS(beta, v, t)
			lo := softplusLo(w, x.c, beta, v, t)
			p := x.exp(w, t, lo)
			e := x.value(w, p)
			Comment("log1p(e)/beta = ((tr + m·q·e) + 1)/mant·2^(n-E), q = G1 + G2·e + ... + G10·e⁹: m·(1 + q·e),",
				"with m = 1 + tr rounded only in a small term.")
			q := w.vec()
			VMOVUPS(logCoefficient(0), q)
			for i := 1; i < len(sigmoid32.LogCoefficients); i++ {
				VFMADD213PS(logCoefficient(i), e, q)
			}
			VMULPS(p.m, q, q)
			VFMADD213PS(p.tr, e, q)
			VADDPS(x.c.get(cOne), q, q)
			VDIVPS(mant, q, q)
			if w.wide() {
				VSUBPS(shift, p.nf, p.nf)
			} else {
				VPSUBD(shift, p.v, p.v)
			}
			s := x.scaleForward(w, q, p)
			y := w.vec()
			VADDPS(v, s, y)
			y = w.blend(w.compare(cmpGT, zero, t), y, s)
			y = w.blend(w.compare(cmpGT, threshold, t), v, y)
			return fixNaN(w, v, y)
		},
	}.generate()
}

// softplusLo returns the correction of exp(-|t|) for the rounding of
// t = beta·v: -sign(t)·(beta·v - t), clamped to ±LoLimit (NaN to
// -LoLimit, where t is infinite).
func softplusLo(w width, c pool, beta Op, v, t reg.VecVirtual) reg.VecVirtual {
	lo, s := w.vec(), w.vec()
	VMOVAPS(t, lo)
	VFMSUB231PS(beta, v, lo) // beta·v - t, exact
	VANDNPS(c.get(cSignBit), t, s)
	VXORPS(s, lo, lo)
	VMAXPS(c.get(cNegLoLimit), lo, lo) // -LoLimit if lo is NaN
	VMINPS(c.get(cLoLimit), lo, lo)
	return lo
}

func softplusBackwardKernel() {
	var x expVector
	var beta, threshold Op
	var zero reg.VecVirtual
	elementwise{
		name: "softplusBackward",
		doc: "sets dx[i] = beta*x[i] > threshold ? dy[i] : dy[i]*sigmoid(beta*x[i]) " +
			"(see kernels.SoftplusBackward).",
		out: "dx", in: []string{"dy", "x"}, params: "beta, threshold float32",
		setup: func(w width) {
			x.setup(w, cScaleFloor, cLoLimit, cNegLoLimit)
			beta, threshold = w.param("beta"), w.param("threshold")
			zero = w.zeros()
		},
		op: func(w width, in []reg.VecVirtual) reg.VecVirtual {
			dy, v := in[0], in[1]
			t := w.vec()
			VMULPS(beta, v, t)
			lo := softplusLo(w, x.c, beta, v, t)
			p := x.exp(w, t, lo)
			e := x.value(w, p)
			r := x.reciprocal(w, e)
			VMULPS(r, p.m, p.m)
			g := x.scaleGradient(w, dy, p.m, p.v)
			VMULPS(dy, r, r)
			g = w.blend(w.compare(cmpGT, zero, t), r, g)
			VMULPS(zero, dy, r)
			g = w.blend(w.compare(cmpLE, mem(cExpZeroBelow), t), r, g)
			return w.blend(w.compare(cmpGT, threshold, t), dy, g)
		},
	}.generate()
}

func siluBackwardKernel() {
	var x expVector
	elementwise{
		name: "siluBackward",
		doc:  "sets dx[i] = dy[i]*s*(1+x[i]*(1-s)), s = sigmoid(x[i]) (see kernels.SiLUBackward).",
		out:  "dx", in: []string{"dy", "x"},
		setup: func(w width) {
			x.setup(w, cScaleFloor, cMaxX)
			x.c.registers(w, cMaxX)
		},
		op: func(w width, in []reg.VecVirtual) reg.VecVirtual {
			return siluGradient(w, &x, in[0], in[1], nil)
		},
	}.generate()
}

// siluGradient returns dy times SiLU's derivative at t, whose exponential
// exp(-|t|) x.exp computes from t and lo (see expVector.exp).
func siluGradient(w width, x *expVector, dy, t, lo reg.VecVirtual) reg.VecVirtual {
	p, q, a := siluSlope(w, x, t, lo)
	VMOVUPS(x.c.get(cScaleBase), a)
	v2 := w.blend(w.signs(t), p.v, a)
	g := x.scaleGradient(w, dy, q, v2)
	return underflowed(w, dy, t, g)
}

// siluSlope returns SiLU's derivative at t as q·2^n (no 2^n for t >= 0):
// the parts p of exp(-|t|), which x.exp computes from t and lo, q, and a
// register it no longer needs.
func siluSlope(w width, x *expVector, t, lo reg.VecVirtual) (p parts, q, free reg.VecVirtual) {
	c := x.c
	p = x.exp(w, t, lo)
	e := x.value(w, p)
	r := x.reciprocal(w, e)
	VMULPS(r, r, r)
	ct := clampX(w, c, t)
	Comment("t < 0 (-0 too, alike): m·((1+t)+e)·r²·2^n; else (1+e+t·e)·r².")
	a := w.vec()
	VADDPS(c.get(cOne), ct, a)
	VADDPS(e, a, a)
	VMULPS(p.m, a, a)
	VADDPS(c.get(cOne), e, p.m)
	VFMADD231PS(e, ct, p.m)
	q = w.blend(w.signs(t), a, p.m)
	VMULPS(r, q, q)
	return p, q, a
}

func mishBackwardKernel() {
	var x expVector
	elementwise{
		name: "mishBackward", unroll: 2,
		doc: "sets dx[i] = dy[i]*(t + x[i]*sigmoid(x[i])*(1-t*t)), t = tanh(softplus(x[i])) " +
			"(see kernels.MishBackward).",
		out: "dx", in: []string{"dy", "x"},
		setup: func(w width) {
			x.setup(w, cScaleFloor, cMaxX, cTwo, cFour)
			x.c.registers(w, cMaxX)
		},
		op: func(w width, in []reg.VecVirtual) reg.VecVirtual {
			dy, v := in[0], in[1]
			c := x.c
			p := x.exp(w, v, nil)
			e := x.value(w, p)
			cx := clampX(w, c, v)
			VMULPS(c.get(cFour), cx, cx) // 4x
			onePlusE := w.vec()
			VADDPS(c.get(cOne), e, onePlusE)
			Comment("x < 0 (-0 too, alike): m·b / d², b = a·d + 4x(1+e), d = e·a + 2, a = e + 2, scaled by 2^n.")
			a, d := w.vec(), w.vec()
			VADDPS(c.get(cTwo), e, a)
			VMOVUPS(c.get(cTwo), d)
			VFMADD231PS(a, e, d)
			VMULPS(d, a, a)
			VFMADD231PS(onePlusE, cx, a)
			VMULPS(p.m, a, a)
			VMULPS(d, d, d)
			Comment("x >= 0: (P·Q + 4x·e²·(1+e)) / Q², P = 1 + 2e, Q = P + 2e·e.")
			pp, qq := w.vec(), w.vec()
			VMOVUPS(c.get(cOne), pp)
			VFMADD231PS(c.get(cTwo), e, pp)
			VADDPS(e, e, qq)
			VFMADD213PS(pp, e, qq)
			VMULPS(e, e, e)
			VMULPS(cx, e, e)
			VMULPS(qq, pp, pp)
			VFMADD213PS(pp, onePlusE, e)
			VMULPS(qq, qq, qq)
			num := w.blend(w.signs(v), a, e)
			den := w.blend(w.signs(v), d, qq)
			VDIVPS(den, num, num)
			VMOVUPS(c.get(cScaleBase), a)
			v2 := w.blend(w.signs(v), p.v, a)
			g := x.scaleGradient(w, dy, num, v2)
			return underflowed(w, dy, v, g)
		},
	}.generate()
}

// The constants of the logistic slopes: 2 added to a magic-bias sum's n
// (a factor of 4), the magic-bias sum of n = -60 (below which e = m·2^n
// leaves 1 + e at 1), and the difference of the biases of a magic-bias sum
// and a float32 exponent.
var (
	cIntTwo    = constant{"intTwo", 2}
	cSlopeMinN = constant{"slopeMinN", math.Float32bits(exp32.MagicBase + exp32.ScaleBias - 60)}
	cBiasDiff  = constant{"biasDiff", exp32.ScaleBias - 127}
)

func sigmoidBackwardKernel() {
	logisticSlopeKernel("sigmoidBackward", false,
		"sets dx[i] = dy[i]*s*(1-s), s = sigmoid(x[i]) (see kernels.SigmoidBackward): dy·(m/d²)·2^n, "+
			"e = exp(-|x|) = m·2^n, d = 1 + e.")
}

// logisticSlopeKernel emits a kernel that sets dx = dy·c·s(u)·(1-s(u)), s
// the logistic sigmoid: Sigmoid's derivative (u = x, c = 1), or, with
// twice, Tanh's, 1 - tanh(x)² = 4·s(2x)·(1-s(2x)) (u = 2x, exact, and c = 4
// joined to 2^n). With e = exp(-|u|) = m·2^n and d = 1 + e, s(u)·(1-s(u))
// is (m/d²)·2^n, which the result takes as a gradient does (scaleGradient):
// d, d² and the quotient round once each, within 6·2^-24 of the value with
// dy's product, inside the bound's 2^-21 of it. Where exp(-|u|) is 0 in
// float64 (|u| >= 745.14) the result is dy·+0, as the float64 formula gives.
func logisticSlopeKernel(name string, twice bool, doc string) {
	var x expVector
	elementwise{
		name: name, doc: doc, avx2Only: true,
		out: "dx", in: []string{"dy", "x"},
		setup: func(w width) { x.setup(w, cScaleFloor) },
		op: func(w width, in []reg.VecVirtual) reg.VecVirtual {
			dy, u := in[0], in[1]
			if twice {
				t := w.vec()
				VADDPS(u, u, t)
				u = t
			}
			p := x.exp(w, u, nil)
			Comment("d = 1 + 2^max(n, -60)·m, and m/d².")
			d := w.vec()
			VPMAXSD(mem(cSlopeMinN), p.v, d)
			VPSUBD(mem(cBiasDiff), d, d)
			VPSLLD(U8(23), d, d)
			VFMADD213PS(x.c.get(cOne), p.m, d) // d·m + 1
			VMULPS(d, d, d)
			VDIVPS(d, p.m, p.m)
			if twice {
				VPADDD(mem(cIntTwo), p.v, p.v)
			}
			g := x.scaleGradient(w, dy, p.m, p.v)
			na := w.vec()
			VORPS(x.c.get(cSignBit), u, na) // -|u|
			return zeroBelow(w, cZero, dy, na, g)
		},
	}.generate()
}

func swishKernel() {
	var x expVector
	var beta Op
	var zero reg.VecVirtual
	elementwise{
		name: "swish", avx2Only: true,
		doc: "sets dst[i] = x[i]*sigmoid(beta*x[i]) (see kernels.Swish), the rounding of t = beta·x " +
			"carried into exp(-|t|), for a finite non-zero beta.",
		out: "dst", in: []string{"x"}, params: "beta float32",
		setup: func(w width) {
			x.setup(w, cScaleFloor, cLoLimit, cNegLoLimit)
			beta = w.param("beta")
			zero = w.zeros()
		},
		op: func(w width, in []reg.VecVirtual) reg.VecVirtual {
			v := in[0]
			t := w.vec()
			VMULPS(beta, v, t)
			lo := softplusLo(w, x.c, beta, v, t)
			p := x.exp(w, t, lo)
			e := x.value(w, p)
			r := x.reciprocal(w, e)
			Comment("t < 0: x·(m·r)·2^n, x scaled first where it is huge; else x·r.")
			q := w.vec()
			VMULPS(r, p.m, q)
			y := x.scaleGradient(w, v, q, p.v)
			VMULPS(v, r, r)
			y = w.blend(negative(w, t, zero), y, r)
			Comment("t <= ExpZeroBelow: ±0 with x's sign (the limit at x = ±Inf).")
			s := w.vec()
			VANDPS(x.c.get(cSignBit), v, s)
			y = w.blend(w.compare(cmpLE, mem(cExpZeroBelow), t), s, y)
			return fixNaN(w, v, y)
		},
	}.generate()
}

func swishBackwardKernel() {
	var x expVector
	var beta Op
	elementwise{
		name: "swishBackward", avx2Only: true,
		doc: "sets dx[i] = dy[i]*(s + beta*x[i]*s*(1-s)), s = sigmoid(beta*x[i]) (see kernels.SwishBackward): " +
			"SiLU's derivative at t = beta·x, the rounding of t carried into exp(-|t|).",
		out: "dx", in: []string{"dy", "x"}, params: "beta float32",
		setup: func(w width) {
			x.setup(w, cScaleFloor, cMaxX, cLoLimit, cNegLoLimit)
			x.c.registers(w, cMaxX)
			beta = w.param("beta")
		},
		op: func(w width, in []reg.VecVirtual) reg.VecVirtual {
			dy, v := in[0], in[1]
			t := w.vec()
			VMULPS(beta, v, t)
			return siluGradient(w, &x, dy, t, softplusLo(w, x.c, beta, v, t))
		},
	}.generate()
}
