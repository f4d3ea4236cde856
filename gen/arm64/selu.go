package main

import (
	"github.com/simdact/simdact/internal/exp32"
	"github.com/simdact/simdact/internal/selu32"
)

// The SELU and CELU kernels compute what the AVX2 kernels do
// (gen/amd64/selu.go), with ELU's building blocks: SELU is ELU's expm1
// times a constant, SELUBackward is ELUBackward's product with SELU's
// constants, and CELU reduces x/alpha in x's units (see package selu32).

func seluKernels(f *file) {
	seluKernel(f)
	seluBackwardKernel(f)
	celuKernel(f)
	celuBackwardKernel(f)
}

func seluKernel(f *file) {
	var ex expm1Consts
	var scale, scaleAlpha vreg
	elementwise{
		name: "seluNEON",
		doc:  "sets dst[i] = x[i] > 0 ? x[i]*Scale32 : ScaleAlpha32*expm1(x[i]) (see kernels.SELU and package selu32).",
		out:  "dst", in: []string{"x"}, temps: 5, unroll: 2,
		setup: func(fn *function, konst func() vreg) {
			ex.lo, ex.magic, ex.log2e, ex.ln2, ex.one, ex.sign = konst(), konst(), konst(), konst(), konst(), konst()
			scale, scaleAlpha = konst(), konst()
			loadBits(fn, ex.lo, bits(exp32.ELUMin))
			loadBits(fn, ex.magic, bits(exp32.Magic))
			loadBits(fn, ex.log2e, bits(exp32.Log2E))
			loadBits(fn, ex.ln2, bits(exp32.Ln2))
			loadBits(fn, ex.one, oneBits)
			loadBits(fn, ex.sign, signBit)
			loadBits(fn, scale, bits(selu32.Scale32))
			loadBits(fn, scaleAlpha, bits(selu32.ScaleAlpha32))
			ex.pc = loadPolyConstants(fn, konst)
		},
		op: func(fn *function, d vreg, in, tmp []vreg) {
			// A NaN x flows through every step as x's payload, quieted.
			x, v, q, a := in[0], tmp[1], tmp[3], tmp[4]
			ex.expm1(fn, x, tmp)
			fn.word(fmul(q, v, scaleAlpha))
			fn.word(fmul(a, x, scale))
			fn.word(fcmgtz(d, x))
			bsl(fn, d, a, q)
		},
	}.generate(f)
}

func seluBackwardKernel(f *file) {
	var b backwardOp
	elementwise{
		name: "seluBackwardNEON",
		doc: "sets dx[i] = x[i] > 0 ? dy[i]*Scale32 : dy[i]*ScaleAlpha32*exp(x[i]) (see kernels.SELUBackward), " +
			"given exp32.Backward(ScaleAlpha32), with one rounding (see package exp32).",
		out: "dx", in: []string{"dy", "x"},
		params: []param{{"f", "float32"}, {"fHuge", "float32"}, {"magic", "float32"}},
		temps:  9, unroll: 1,
		setup: func(fn *function, konst func() vreg) {
			b.expMin, b.magic, b.log2e, b.ln2Hi, b.ln2Lo = konst(), konst(), konst(), konst(), konst()
			scale := konst()
			b.scale = &scale
			b.load(fn, konst)
			loadBits(fn, b.expMin, bits(exp32.ExpMin))
			broadcastParam(fn, "magic", b.magic)
			loadBits(fn, b.log2e, bits(exp32.Log2E))
			loadBits(fn, b.ln2Hi, bits(exp32.Ln2Hi))
			loadBits(fn, b.ln2Lo, bits(exp32.Ln2Lo))
			loadBits(fn, scale, bits(selu32.Scale32))
			b.loadRest(fn, konst, func() { loadBits(fn, b.cutoff, bits(exp32.ExpZeroBelow)) })
		},
		op: b.op,
	}.generate(f)
}

func celuKernel(f *file) {
	var alpha, low, k, negHi, negLo, inv, magic, sign vreg
	var pc polyConstants
	elementwise{
		name: "celuNEON",
		doc: "sets dst[i] = x[i] > 0 ? x[i] : alpha*expm1(x[i]/alpha) (see kernels.CELU), " +
			"given selu32.CELUForward(alpha), for alpha in [selu32.VectorMin, selu32.VectorMax].",
		out: "dst", in: []string{"x"},
		params: []param{{"alpha", "float32"}, {"low", "float32"}, {"k", "float32"}, {"negHi", "float32"},
			{"negLo", "float32"}, {"inv", "float32"}},
		temps: 6, unroll: 2,
		setup: func(fn *function, konst func() vreg) {
			alpha, low, k, negHi, negLo, inv, magic, sign = konst(), konst(), konst(), konst(), konst(), konst(), konst(), konst()
			for i, name := range []string{"alpha", "low", "k", "negHi", "negLo", "inv"} {
				broadcastParam(fn, name, []vreg{alpha, low, k, negHi, negLo, inv}[i])
			}
			loadBits(fn, magic, bits(exp32.Magic))
			loadBits(fn, sign, signBit)
			pc = loadPolyConstants(fn, konst)
		},
		op: func(fn *function, d vreg, in, tmp []vreg) {
			// A NaN x flows through every step as x's payload, quieted:
			// every NaN below comes from it (s, made of its bits, is not
			// NaN).
			x, z, t, s, r, q, a := in[0], tmp[0], tmp[1], tmp[2], tmp[3], tmp[4], tmp[5]
			fn.word(fmax(z, x, low))
			fn.ins("VMOV V%d.B16, V%d.B16", magic, t)
			fn.ins("VFMLA V%d.S4, V%d.S4, V%d.S4", k, z, t) // t = z·log2(e)/alpha + Magic, rounded to an integer n
			fn.ins("VSHL $23, V%d.S4, V%d.S4", t, s)        // s = 2^n
			fn.word(fsub(t, t, magic))
			fn.ins("VFMLA V%d.S4, V%d.S4, V%d.S4", negHi, t, z) // z = R = x - n·alpha·ln2, exact
			fn.ins("VFMLA V%d.S4, V%d.S4, V%d.S4", negLo, t, z)
			fn.word(fmul(r, z, inv)) // r = R/alpha
			q = pc.horner(fn, r, q, a)
			fn.word(fmul(r, z, r))
			fn.ins("VFMLA V%d.S4, V%d.S4, V%d.S4", q, r, z) // z = R + R·r·q(r) = alpha·expm1(r)
			fn.word(fmul(z, z, s))                          // exact
			fn.ins("VMOV V%d.B16, V%d.B16", alpha, t)
			fn.ins("VFMLS V%d.S4, V%d.S4, V%d.S4", alpha, s, t) // t = -alpha·(2^n - 1), rounded once
			fn.word(fsub(z, z, t))
			// z is <= 0 but R + R·r·q turned -0 into +0: give it x's sign.
			fn.ins("VAND V%d.B16, V%d.B16, V%d.B16", sign, x, t)
			fn.ins("VORR V%d.B16, V%d.B16, V%d.B16", t, z, z)
			fn.word(fcmgtz(d, x))
			bsl(fn, d, x, z)
		},
	}.generate(f)
}

func celuBackwardKernel(f *file) {
	var b backwardOp
	elementwise{
		name: "celuBackwardNEON",
		doc: "sets dx[i] = x[i] > 0 ? dy[i] : dy[i]*exp(x[i]/alpha) (see kernels.CELUBackward), " +
			"given exp32.Backward(1) and selu32.CELUBackward(alpha) (hi = -NegHi, lo = -NegLo), " +
			"for alpha in [selu32.VectorMin, selu32.VectorMax].",
		out: "dx", in: []string{"dy", "x"},
		params: []param{{"f", "float32"}, {"fHuge", "float32"}, {"magic", "float32"}, {"low", "float32"},
			{"k", "float32"}, {"hi", "float32"}, {"lo", "float32"}, {"inv", "float32"}, {"zeroBelow", "float32"}},
		temps: 9, unroll: 1,
		setup: func(fn *function, konst func() vreg) {
			b.expMin, b.magic, b.log2e, b.ln2Hi, b.ln2Lo = konst(), konst(), konst(), konst(), konst()
			inv := konst()
			b.inv = &inv
			b.load(fn, konst)
			broadcastParam(fn, "low", b.expMin)
			broadcastParam(fn, "magic", b.magic)
			broadcastParam(fn, "k", b.log2e)
			broadcastParam(fn, "hi", b.ln2Hi)
			broadcastParam(fn, "lo", b.ln2Lo)
			broadcastParam(fn, "inv", inv)
			b.loadRest(fn, konst, func() { broadcastParam(fn, "zeroBelow", b.cutoff) })
		},
		op: b.op,
	}.generate(f)
}
