package main

import (
	. "github.com/mmcloughlin/avo/build"
	. "github.com/mmcloughlin/avo/operand"
	"github.com/mmcloughlin/avo/reg"

	"github.com/simdact/simdact/internal/selu32"
)

// The SELU and CELU kernels reuse ELU's: SELU is ELU's expm1 times a
// constant, SELUBackward is ELUBackward's product with SELU's constants,
// and CELU reduces x/alpha in x's units (see package selu32).

// SELU's constants.
var (
	cSELUScale      = floatConstant("seluScale", selu32.Scale32)
	cSELUScaleAlpha = floatConstant("seluScaleAlpha", selu32.ScaleAlpha32)
)

func seluKernels() {
	seluKernel()
	seluBackwardKernel()
	celuKernel()
	celuBackwardKernel()
}

func seluKernel() {
	var zero reg.VecVirtual
	var c pool
	elementwise{
		name: "selu",
		doc:  "sets dst[i] = x[i] > 0 ? x[i]*Scale32 : ScaleAlpha32*expm1(x[i]) (see kernels.SELU and package selu32).",
		out:  "dst", in: []string{"x"},
		setup: func(w width) {
			zero = w.zeros()
			c = w.pool(append([]constant{cELUMin, cMagic, cLog2E, cNegLn2, cOne, cSignBit, cSELUScale, cSELUScaleAlpha}, cPoly...)...)
			c.registers(w, cELUMin)
		},
		op: func(w width, in []reg.VecVirtual) reg.VecVirtual {
			// A NaN x flows through as x's payload, quieted, as in ELU.
			x := in[0]
			p := expm1Vector(w, c, x)
			y := w.vec()
			VMULPS(c.get(cSELUScale), x, y)
			if w.wide() {
				VMULPS(c.get(cSELUScaleAlpha), p, w.compare(cmpNGT, zero, x), y) // p first: x's NaN wins
				return y
			}
			VMULPS(c.get(cSELUScaleAlpha), p, p)
			return w.blend(positive(w, x, zero), y, p)
		},
	}.generate()
}

func seluBackwardKernel() {
	var b backwardVector
	elementwise{
		name: "seluBackward",
		doc: "sets dx[i] = x[i] > 0 ? dy[i]*Scale32 : dy[i]*ScaleAlpha32*exp(x[i]) (see kernels.SELUBackward), " +
			"given exp32.Backward(ScaleAlpha32), with one rounding (see package exp32).",
		out: "dx", in: []string{"dy", "x"}, params: "f, fHuge, magic, limit float32",
		setup: func(w width) {
			cs := append([]constant{cExpMin, cLog2E, cNegLn2Hi, cNegLn2Lo, cHugeScale, cExpZeroBelow, cZero, cSELUScale}, cPoly...)
			cs = append(cs, scaleConstant(w))
			b.c = w.pool(cs...)
			b.c.registers(w, cExpMin)
			b.reduction = reduction{
				min: b.c.get(cExpMin), log2e: b.c.get(cLog2E), negLn2Hi: b.c.get(cNegLn2Hi), negLn2Lo: b.c.get(cNegLn2Lo),
				zeroBelow: b.c.get(cExpZeroBelow),
			}
			b.scale = b.c.get(cSELUScale)
			b.f, b.fHuge = w.param("f"), w.param("fHuge")
			b.magic, b.limit = w.param("magic"), w.param("limit")
		},
		op: b.op,
	}.generate()
}

// scaleConstant is the constant of backwardVector.product for w.
func scaleConstant(w width) constant {
	if w.wide() {
		return cScaleBase
	}
	return cScaleFloor
}

func celuKernel() {
	var zero, alpha, low reg.VecVirtual
	var k, negHi, negLo, inv Op
	var c pool
	elementwise{
		name: "celu",
		doc: "sets dst[i] = x[i] > 0 ? x[i] : alpha*expm1(x[i]/alpha) (see kernels.CELU), " +
			"given selu32.CELUForward(alpha), for alpha in [selu32.VectorMin, selu32.VectorMax].",
		out: "dst", in: []string{"x"}, params: "alpha, low, k, negHi, negLo, inv float32",
		setup: func(w width) {
			zero = w.zeros()
			alpha, low = w.broadcastParam("alpha"), w.broadcastParam("low")
			k, negHi, negLo, inv = w.param("k"), w.param("negHi"), w.param("negLo"), w.param("inv")
			c = w.pool(append([]constant{cMagic, cSignBit}, cPoly...)...)
		},
		op: func(w width, in []reg.VecVirtual) reg.VecVirtual {
			// A NaN x flows through as x's payload, quieted: every NaN
			// below comes from it (s, made of its bits, is not NaN).
			x := in[0]
			z, t, s := w.vec(), w.vec(), w.vec()
			VMAXPS(x, low, z) // vmaxps returns x if it is NaN
			VMOVUPS(c.get(cMagic), t)
			VFMADD231PS(k, z, t) // t = z·log2(e)/alpha + Magic, rounded to an integer n
			VPSLLD(U8(23), t, s) // s = 2^n
			VSUBPS(c.get(cMagic), t, t)
			VFMADD231PS(negHi, t, z) // z = R = x - n·alpha·ln2, exact
			VFMADD231PS(negLo, t, z)
			r := w.vec()
			VMULPS(inv, z, r) // r = R/alpha
			q := expm1Horner(w, c, r)
			VMULPS(r, z, r)
			VFMADD213PS(z, r, q)         // q = R + R·r·q(r) = alpha·expm1(r)
			VMULPS(s, q, q)              // exact
			VFMSUB213PS(alpha, alpha, s) // s = alpha·(2^n - 1), rounded once
			VADDPS(q, s, q)              // s first: q's NaN wins
			// q is <= 0 but R + R·r·q turned -0 into +0: give it x's sign.
			if w.wide() {
				VPTERNLOGD(U8(ternaryAOrBAndC), c.get(cSignBit), x, q)
			} else {
				VANDPS(c.get(cSignBit), x, t)
				VORPS(t, q, q)
			}
			return w.blend(positive(w, x, zero), x, q)
		},
	}.generate()
}

func celuBackwardKernel() {
	var b backwardVector
	elementwise{
		name: "celuBackward",
		doc: "sets dx[i] = x[i] > 0 ? dy[i] : dy[i]*exp(x[i]/alpha) (see kernels.CELUBackward), " +
			"given exp32.Backward(1) and selu32.CELUBackward(alpha), for alpha in [selu32.VectorMin, selu32.VectorMax].",
		out: "dx", in: []string{"dy", "x"},
		params: "f, fHuge, magic, limit, low, k, negHi, negLo, inv, zeroBelow float32",
		setup: func(w width) {
			cs := append([]constant{cHugeScale, cZero}, cPoly...)
			b.c = w.pool(append(cs, scaleConstant(w))...)
			b.reduction = reduction{
				min: w.broadcastParam("low"), log2e: w.param("k"), negLn2Hi: w.param("negHi"), negLn2Lo: w.param("negLo"),
				zeroBelow: w.param("zeroBelow"), inv: w.param("inv"),
			}
			b.f, b.fHuge = w.param("f"), w.param("fHuge")
			b.magic, b.limit = w.param("magic"), w.param("limit")
		},
		op: b.op,
	}.generate()
}
