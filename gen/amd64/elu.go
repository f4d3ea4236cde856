package main

import (
	"math"

	. "github.com/mmcloughlin/avo/build"
	. "github.com/mmcloughlin/avo/operand"
	"github.com/mmcloughlin/avo/reg"

	"github.com/simdact/simdact/internal/exp32"
)

// The ELU kernels compute the exponential of package exp32, as the pure-Go
// kernels in package kernels do, with fused multiply-adds where those
// round twice.

const (
	signBit  = 0x80000000
	absMask  = 0x7fffffff
	infBits  = 0x7f800000
	oneBits  = 0x3f800000
	mantMask = 0x007fffff
)

func eluKernels() {
	eluKernel()
	eluBackwardKernel()
	eluBackwardFromOutputKernel()
}

func eluKernel() {
	var lo, alpha, zero reg.VecVirtual
	elementwise{
		name: "ELUAVX2",
		doc:  "sets dst[i] = x[i] > 0 ? x[i] : alpha*expm1(x[i]) (see kernels.ELU).",
		out:  "dst", in: []string{"x"}, params: "alpha float32",
		setup: func() {
			lo, alpha, zero = YMM(), broadcastParam("alpha"), zeros()
			VMOVUPS(floatVector("eluMin", exp32.ELUMin), lo)
		},
		op: func(in []reg.VecVirtual) reg.VecVirtual {
			// A NaN x flows through every step below as x's payload,
			// quieted (x86 returns a NaN operand, and the first of two),
			// so it needs no blend of its own.
			x := in[0]
			z := YMM()
			VMAXPS(x, lo, z) // z = max(x, ELUMin); vmaxps returns x if it is NaN
			v, s := reduceOneConstant(z)
			p := expm1Poly(z)
			VSUBPS(floatVector("one", 1), s, v)
			VFMADD213PS(v, s, p) // p = expm1(z) = s·p + (s - 1)
			// p is <= 0 but r + r²·q turned -0 into +0: give it x's sign.
			VANDPS(vector("signBit", signBit), x, v)
			VORPS(v, p, p)
			VMULPS(alpha, p, p) // p first: of two NaNs, x's wins
			return select8(positive(x, zero), x, p)
		},
	}.generate()
}

func eluBackwardKernel() {
	var expMin, scale, mant, expOffset reg.VecVirtual
	elementwise{
		name: "ELUBackwardAVX2",
		doc:  "sets dx[i] = x[i] > 0 ? dy[i] : dy[i]*alpha*exp(x[i]) (see kernels.ELUBackward).",
		out:  "dx", in: []string{"dy", "x"}, params: "alpha float32",
		setup: func() {
			expMin = YMM()
			VMOVUPS(floatVector("expMin", exp32.ExpMin), expMin)
			scale, mant, expOffset = splitAlpha(broadcastParam("alpha"))
		},
		op: func(in []reg.VecVirtual) reg.VecVirtual {
			dy, x := in[0], in[1]
			z := YMM()
			VMAXPS(x, expMin, z) // z = max(x, ExpMin); a NaN x stays NaN
			g := scaledExp(z, mant, expOffset)
			t := YMM()
			VMULPS(scale, dy, t)
			VMULPS(g, t, g) // g = dy·scale · mant·2^exp·exp(x)

			// ±Inf times an exp(x) that underflowed is ±Inf, as in
			// float64, down to where float64's exp is 0 too.
			inf := YMM()
			VANDPS(vector("absMask", absMask), t, inf)
			VCMPPS(U8(cmpEQ), vector("inf", infBits), inf, inf)
			VCMPPS(U8(cmpGT), floatVector("expZeroBelow", exp32.ExpZeroBelow), x, z)
			VANDPS(z, inf, inf)
			VBLENDVPS(inf, t, g, g)
			VCMPPS(U8(cmpGT), vector("zero", 0), x, z)
			return select8(z, dy, g)
		},
	}.generate()
}

func eluBackwardFromOutputKernel() {
	var alpha, zero reg.VecVirtual
	elementwise{
		name: "ELUBackwardFromOutputAVX2",
		doc:  "sets dx[i] = y[i] > 0 ? dy[i] : dy[i]*(y[i]+alpha).",
		out:  "dx", in: []string{"dy", "y"}, params: "alpha float32",
		setup: func() { alpha, zero = broadcastParam("alpha"), zeros() },
		op: func(in []reg.VecVirtual) reg.VecVirtual {
			dy, y := in[0], in[1]
			g := YMM()
			VADDPS(alpha, y, g) // y first: of two NaNs, y's wins
			VMULPS(g, dy, g)    // dy first
			return select8(positive(y, zero), dy, g)
		},
	}.generate()
}

// splitAlpha returns, in every lane, scale, mant and expOffset for
// alpha = scale·mant·2^exp, as kernels.splitAlpha computes them, with
// expOffset = exp - bits(Magic).
func splitAlpha(alpha reg.VecVirtual) (scale, mant, expOffset reg.VecVirtual) {
	abs, folded, t := YMM(), YMM(), YMM()
	one := vector("oneBits", oneBits)
	VANDPS(vector("absMask", absMask), alpha, abs)
	Comment("folded: 1 < |alpha| < Inf, whose magnitude goes with exp(x).")
	VPCMPGTD(one, abs, folded)
	VMOVUPS(vector("inf", infBits), t)
	VPCMPGTD(abs, t, t)
	VPAND(t, folded, folded)

	scale = YMM()
	VANDPS(vector("signBit", signBit), alpha, t)
	VORPS(one, t, t)
	VBLENDVPS(folded, t, alpha, scale)

	mant = YMM()
	VANDPS(vector("mantMask", mantMask), abs, t)
	VORPS(one, t, t)
	VMOVUPS(one, mant)
	VBLENDVPS(folded, t, mant, mant)

	expOffset = abs
	VPSRLD(U8(23), abs, expOffset)
	VPSUBD(vector("bias", 127), expOffset, expOffset)
	VPAND(folded, expOffset, expOffset)
	VPSUBD(vector("magicBits", math.Float32bits(exp32.Magic)), expOffset, expOffset)
	return scale, mant, expOffset
}

// scaledExp returns mant·2^exp·exp(z) for ExpMin <= z <= 0, rounded into the
// subnormals once, as kernels.scaledExp computes it; expOffset is
// exp - bits(Magic). It overwrites z.
func scaledExp(z, mant, expOffset reg.VecVirtual) reg.VecVirtual {
	n, k := YMM(), YMM()
	magic := floatVector("magic", exp32.Magic)
	VMOVUPS(magic, n)
	VFMADD231PS(floatVector("log2e", exp32.Log2E), z, n) // n = z·log2(e) + Magic, rounded to an integer
	VPADDD(expOffset, n, k)                              // k = n + exp
	VSUBPS(magic, n, n)
	VFMADD231PS(floatVector("negLn2Hi", -exp32.Ln2Hi), n, z) // exact
	VFMADD231PS(floatVector("negLn2Lo", -exp32.Ln2Lo), n, z) // z = r = z - n·ln2
	p := expm1Poly(z)

	Comment("2^k as 2^(k>>1) · 2^(k-(k>>1)), both normal.")
	hi := z
	scaleMin := int32(exp32.ScaleMin)
	VPMAXSD(vector("scaleMin", uint32(scaleMin)), k, k)
	VPSRAD(U8(1), k, hi)
	VPSUBD(hi, k, k)
	one := vector("oneBits", oneBits)
	VPSLLD(U8(23), hi, hi)
	VPADDD(one, hi, hi)
	VPSLLD(U8(23), k, k)
	VPADDD(one, k, k)
	VMULPS(mant, hi, hi)
	VFMADD213PS(hi, hi, p) // p = hi·(1 + p)
	VMULPS(k, p, p)        // the one rounding into the subnormals
	return p
}

// reduceOneConstant replaces z by r = z - n·ln2 with n = round(z·log2(e)),
// for ELUMin <= z <= 0, and returns n and s = 2^n.
func reduceOneConstant(z reg.VecVirtual) (n, s reg.VecVirtual) {
	n, s = YMM(), YMM()
	magic := floatVector("magic", exp32.Magic)
	VMOVUPS(magic, n)
	VFMADD231PS(floatVector("log2e", exp32.Log2E), z, n) // n = z·log2(e) + Magic, rounded to an integer
	VPSLLD(U8(23), n, s)                                 // s = 2^n: n + 127 is in the low bits
	VSUBPS(magic, n, n)
	VFMADD231PS(floatVector("negLn2", -exp32.Ln2), n, z) // z = z - n·ln2
	return n, s
}

// expm1Poly returns p(r) for r in a register, which it keeps.
func expm1Poly(r reg.VecVirtual) reg.VecVirtual {
	q, r2 := YMM(), YMM()
	VMOVUPS(floatVector("c6", exp32.C6), q)
	for _, c := range []struct {
		name string
		v    float32
	}{{"c5", exp32.C5}, {"c4", exp32.C4}, {"c3", exp32.C3}, {"c2", exp32.C2}} {
		VFMADD213PS(floatVector(c.name, c.v), r, q) // q = q·r + c
	}
	VMULPS(r, r, r2)
	VFMADD213PS(r, r2, q) // q = r + r²·q
	return q
}
