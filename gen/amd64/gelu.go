package main

import (
	"math"

	. "github.com/mmcloughlin/avo/build"
	. "github.com/mmcloughlin/avo/operand"
	"github.com/mmcloughlin/avo/reg"

	"github.com/simdact/simdact/internal/exp32"
	"github.com/simdact/simdact/internal/gelu32"
)

// The GELU kernels compute the normal tail of package gelu32 in float64
// lanes, as the pure-Go kernels do, with fused multiply-adds: each
// vector of float32 lanes is widened into two vectors of float64 lanes,
// which are rounded back to float32 once, at the end. Both widths compute
// the same operations, so that they agree bit for bit.

// A double is a read-only vector of one float64 value in every lane.
type double struct {
	name  string
	value float64
}

// The float64 constants of the GELU kernels.
var (
	dHalf   = double{"geluHalf", gelu32.Half}
	dLog2E  = double{"geluLog2E", gelu32.Log2E}
	dMagic  = double{"geluMagic", gelu32.Magic}
	dNegLn2 = double{"geluNegLn2", -gelu32.Ln2}
	dOne    = double{"geluOne", 1}
	dNegK   = double{"geluNegInvSqrt2Pi", -gelu32.InvSqrt2Pi}
	// The constants of RatioTail, for GeGLU's backward pass.
	dInvSqrt2Pi = double{"geluInvSqrt2Pi", gelu32.InvSqrt2Pi}
	dThree      = double{"three64", 3}
	dNegOne     = double{"negOne64", -1}
	dClamp64    = double{"geluClamp64", float64(gelu32.Clamp)}
	dAbs        = double{"geluAbs64", math.Float64frombits(1<<63 - 1)}
	// dExpm1 are p's coefficients, C6 down to C2, in Horner's order.
	dExpm1 = []double{
		{"geluC6", float64(exp32.C6)}, {"geluC5", float64(exp32.C5)}, {"geluC4", float64(exp32.C4)},
		{"geluC3", float64(exp32.C3)}, {"geluC2", float64(exp32.C2)},
	}
	// dP and dQ are the coefficients of P and Q, the highest first; Q's
	// last, 1, is dOne.
	dP = []double{{"geluP4", gelu32.P4}, {"geluP3", gelu32.P3}, {"geluP2", gelu32.P2}, {"geluP1", gelu32.P1}, {"geluP0", gelu32.P0}}
	dQ = []double{{"geluQ5", gelu32.Q5}, {"geluQ4", gelu32.Q4}, {"geluQ3", gelu32.Q3}, {"geluQ2", gelu32.Q2}, {"geluQ1", gelu32.Q1}, dOne}
)

// The float32 constants of the GELU kernels.
var (
	cGELUClamp    = floatConstant("geluClamp", gelu32.Clamp)
	cGELUNegClamp = floatConstant("geluNegClamp", -gelu32.Clamp)
	cAbs          = constant{"abs", signBit - 1}
)

// doubleVectors holds the float64 constants emitted so far, by name.
var doubleVectors = map[string]Mem{}

// doubleVector returns a read-only 64-byte constant holding d in each of its
// 8 float64 lanes, emitted once.
func doubleVector(d double) Mem {
	if m, ok := doubleVectors[d.name]; ok {
		return m
	}
	m := GLOBL(d.name, RODATA|NOPTR)
	for i := range 8 {
		DATA(8*i, U64(math.Float64bits(d.value)))
	}
	doubleVectors[d.name] = m
	return m
}

// A doublePool holds the operands of a kernel's float64 constants: in
// registers those that AVX-512 keeps there, and memory operands for the
// others and for AVX2, by name (a NaN value is no map key).
type doublePool map[string]Op

// doubles loads the constants of inRegisters into registers where w is
// AVX-512, and gives the others as memory operands.
func (w width) doubles(inRegisters []double, inMemory ...double) doublePool {
	p := doublePool{}
	for _, d := range inRegisters {
		p[d.name] = doubleVector(d)
		if w.wide() {
			r := w.vec()
			VMOVUPD(doubleVector(d), r)
			p[d.name] = r
		}
	}
	for _, d := range inMemory {
		p[d.name] = doubleVector(d)
	}
	return p
}

func (p doublePool) get(d double) Op {
	op, ok := p[d.name]
	if !ok {
		panic("constant " + d.name + " is not in the kernel's pool")
	}
	return op
}

// geluDoubles are the float64 constants that every GELU kernel uses: in
// registers on AVX-512 but for the addends of p's Horner scheme, which stay
// in memory (AVX-512 has too few registers for all of them and four vectors
// in flight).
func (w width) geluDoubles(more ...double) doublePool {
	regs := append([]double{dHalf, dLog2E, dMagic, dNegLn2, dExpm1[0]}, more...)
	regs = append(regs, dP...)
	regs = append(regs, dQ...)
	return w.doubles(regs, dExpm1[1:]...)
}

func geluKernels() {
	geluKernel()
	geluBackwardKernel()
}

func geluKernel() {
	var c pool
	var d doublePool
	var zero reg.VecVirtual
	elementwise{
		name: "gelu",
		doc:  "sets dst[i] = x[i]*Phi(x[i]) (see kernels.GELU).",
		out:  "dst", in: []string{"x"},
		setup: func(w width) {
			c = w.pool(cAbs, cGELUClamp, cSignBit)
			d = w.geluDoubles()
			zero = w.zeros()
		},
		op: func(w width, in []reg.VecVirtual) reg.VecVirtual {
			x := in[0]
			a, s := w.vec(), w.vec()
			VANDPS(c.get(cAbs), x, a)
			VMINPS(c.get(cGELUClamp), a, a) // Clamp where a is NaN: s carries the NaN
			VMAXPS(x, zero, s)              // x where x is NaN
			lo := geluHalf(w, d, toDoubles(w, a, 0), toDoubles(w, s, 0))
			y := toFloats(w, lo, geluHalf(w, d, toDoubles(w, a, 1), toDoubles(w, s, 1)))
			Comment("Give y x's sign: for x <= 0, y = -a·Phi(-a) is ±0 or negative, and a NaN s kept x's sign.")
			if w.wide() {
				VPTERNLOGD(U8(ternaryAOrBAndC), c.get(cSignBit), x, y) // y |= x & signBit
				return y
			}
			VANDPS(c.get(cSignBit), x, s)
			VORPS(s, y, y)
			return y
		},
	}.generate()
}

// geluHalf returns s - a·Phi(-a) in float64 lanes, given a = min(|x|,
// Clamp) and s = max(x, 0), which it overwrites.
func geluHalf(w width, d doublePool, a, s reg.VecVirtual) reg.VecVirtual {
	p, v := gauss(w, d, a)
	r := ratio(w, d, a)
	VMULPD(a, r, r)
	scale(r, v)
	VFMADD213PD(r, r, p) // p = a·Phi(-a) = r·p + r
	VSUBPD(p, s, s)
	return s
}

func geluBackwardKernel() {
	var c pool
	var d doublePool
	elementwise{
		name: "geluBackward",
		doc:  "sets dx[i] = dy[i]*(Phi(x[i]) + x[i]*phi(x[i])) (see kernels.GELUBackward).",
		out:  "dx", in: []string{"dy", "x"},
		setup: func(w width) {
			c = w.pool(cGELUClamp, cGELUNegClamp)
			c.registers(w, cGELUClamp, cGELUNegClamp) // as VMINPS's and VMAXPS's first source
			d = w.geluDoubles(dNegK, dAbs)
		},
		op: func(w width, in []reg.VecVirtual) reg.VecVirtual {
			dy, x := in[0], in[1]
			xc := w.vec()
			VMINPS(x, c.get(cGELUClamp), xc) // x where x is NaN
			VMAXPS(xc, c.get(cGELUNegClamp), xc)
			lo := geluBackwardHalf(w, d, toDoubles(w, xc, 0), toDoubles(w, dy, 0), false)
			return toFloats(w, lo, geluBackwardHalf(w, d, toDoubles(w, xc, 1), toDoubles(w, dy, 1), false))
		},
	}.generate()
}

// geluBackwardHalf returns dy·(Phi(x) + x·phi(x)) in float64 lanes, given x
// clamped to [-Clamp, Clamp], or with tail to [-GatedClamp, GatedClamp]
// (the ratio of RatioTail beyond Clamp); it overwrites dy.
func geluBackwardHalf(w width, d doublePool, x, dy reg.VecVirtual, tail bool) reg.VecVirtual {
	a := w.vec()
	VANDPD(d.get(dAbs), x, a)
	p, v := gauss(w, d, a)
	r := ratio(w, d, a)
	if tail {
		Comment("Beyond Clamp, (1 - u + 3u²)/(a·√(2π)), u = 1/a² (see gelu32.RatioTail).")
		u, t := w.vec(), w.vec()
		VMULPD(a, a, u)
		VMOVUPD(d.get(dOne), t)
		VDIVPD(u, t, u)
		VMOVUPD(d.get(dThree), t)
		VFMADD213PD(d.get(dNegOne), u, t) // 3u - 1
		VFMADD213PD(d.get(dOne), u, t)    // (3u - 1)·u + 1
		VMULPD(a, u, u)                   // 1/a
		VMULPD(u, t, t)
		VMULPD(d.get(dInvSqrt2Pi), t, t)
		big := w.vec()
		VCMPPD(U8(cmpGT), d.get(dClamp64), a, big) // a > Clamp
		VBLENDVPD(big, t, r, r)
	}
	VFMADD231PD(d.get(dNegK), a, r) // r = R(a) - a/√(2π)
	scale(r, v)
	VFMADD213PD(r, r, p) // p = D = Phi(-a) - a·phi(a) = r·p + r
	Comment("Phi(x) + x·phi(x) is D where x < 0 (-0 too), 1 - D elsewhere.")
	g := w.vec()
	VMOVUPD(d.get(dOne), g)
	VSUBPD(p, g, g)
	if w.wide() {
		k := K()
		VPMOVQ2M(x, k)
		VBLENDMPD(p, g, k, g)
	} else {
		VBLENDVPD(x, p, g, g)
	}
	VMULPD(g, dy, dy)
	return dy
}

// gauss returns p and the magic-bias sum v of n with exp(-a²/2) =
// (1 + p)·2^n (see gelu32.Gauss).
func gauss(w width, d doublePool, a reg.VecVirtual) (p, v reg.VecVirtual) {
	h, n := w.vec(), w.vec()
	v = w.vec()
	VMULPD(d.get(dHalf), a, h)
	VMULPD(a, h, h) // -a²/2, exact
	VMOVUPD(d.get(dMagic), v)
	VFMADD231PD(d.get(dLog2E), h, v) // v = h·log2(e) + Magic, rounded to an integer
	VSUBPD(d.get(dMagic), v, n)
	VFMADD231PD(d.get(dNegLn2), n, h) // h = r = h - n·ln2
	p = w.vec()
	VMOVUPD(d.get(dExpm1[0]), p)
	for _, k := range dExpm1[1:] {
		VFMADD213PD(d.get(k), h, p) // p = p·r + k
	}
	VMULPD(h, h, n)
	VFMADD213PD(h, n, p) // p = r + r²·p
	return p, v
}

// ratio returns P(a)/Q(a) (see gelu32.Ratio).
func ratio(w width, d doublePool, a reg.VecVirtual) reg.VecVirtual {
	p, q := w.vec(), w.vec()
	VMOVUPD(d.get(dP[0]), p)
	for _, k := range dP[1:] {
		VFMADD213PD(d.get(k), a, p)
	}
	VMOVUPD(d.get(dQ[0]), q)
	for _, k := range dQ[1:] {
		VFMADD213PD(d.get(k), a, q)
	}
	VDIVPD(q, p, p)
	return p
}

// scale multiplies t by 2^n, exactly, by adding n, the low bits of the
// magic-bias sum v (which it overwrites), to t's exponent field (see
// gelu32.Scale).
func scale(t, v reg.VecVirtual) {
	VPSLLQ(U8(52), v, v)
	VPADDQ(v, t, t)
}

// toDoubles widens the float32 lanes of the low (half 0) or the high
// (half 1) half of x into float64 lanes. (Each half is widened where it is
// used, so that AVX2 keeps no more than 16 registers live.)
func toDoubles(w width, x reg.VecVirtual, half int) reg.VecVirtual {
	d := w.vec()
	switch {
	case half == 0 && w.wide():
		VCVTPS2PD(x.AsY(), d)
	case half == 0:
		VCVTPS2PD(x.AsX(), d)
	case w.wide():
		h := YMM()
		VEXTRACTF32X8(U8(1), x, h)
		VCVTPS2PD(h, d)
	default:
		h := XMM()
		VEXTRACTF128(U8(1), x, h)
		VCVTPS2PD(h, d)
	}
	return d
}

// toFloats rounds the float64 lanes of lo and hi to float32, into the low
// and the high half of lo, which it returns.
func toFloats(w width, lo, hi reg.VecVirtual) reg.VecVirtual {
	if w.wide() {
		h := YMM()
		VCVTPD2PS(lo, lo.AsY())
		VCVTPD2PS(hi, h)
		VINSERTF32X8(U8(1), h, lo, lo)
		return lo
	}
	h := XMM()
	VCVTPD2PSY(lo, lo.AsX())
	VCVTPD2PSY(hi, h)
	VINSERTF128(U8(1), h, lo, lo)
	return lo
}
