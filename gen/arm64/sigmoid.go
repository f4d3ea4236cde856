package main

import (
	"github.com/simdact/simdact/internal/exp32"
	"github.com/simdact/simdact/internal/sigmoid32"
)

// The sigmoid family on NEON: Sigmoid and SigmoidBackward, with the AVX
// kernels' formulas (gen/amd64/sigmoid.go). SiLU, Softplus and Mish run the
// pure-Go kernels on arm64.

func sigmoidKernels(f *file) {
	sigmoidKernel(f)
	sigmoidBackwardKernel(f)
}

func sigmoidKernel(f *file) {
	var sign, lo, magic, log2e, ln2Hi, ln2Lo, one, scaleMin, scaleFirst vreg
	var pc polyConstants
	elementwise{
		name: "sigmoidNEON",
		doc:  "sets dst[i] = 1/(1+exp(-x[i])) (see kernels.Sigmoid).",
		out:  "dst", in: []string{"x"}, temps: 8, unroll: 1,
		setup: func(fn *function, konst func() vreg) {
			sign, lo, magic, log2e, ln2Hi, ln2Lo = konst(), konst(), konst(), konst(), konst(), konst()
			one, scaleMin, scaleFirst = konst(), konst(), konst()
			loadBits(fn, sign, signBit)
			loadBits(fn, lo, bits(sigmoid32.NEONMin))
			loadBits(fn, magic, bits(exp32.Magic))
			loadBits(fn, log2e, bits(exp32.Log2E))
			loadBits(fn, ln2Hi, bits(exp32.Ln2Hi))
			loadBits(fn, ln2Lo, bits(exp32.Ln2Lo))
			loadBits(fn, one, oneBits)
			loadBits(fn, scaleMin, bits(exp32.Magic+sigmoid32.NEONScaleMin))
			loadBits(fn, scaleFirst, bits(exp32.Magic+sigmoid32.NEONScaleFirst))
			pc = loadPolyConstants(fn, konst)
		},
		op: func(fn *function, d vreg, in, tmp []vreg) {
			x := in[0]
			z, nm, n, q, a, r2, s, e := tmp[0], tmp[1], tmp[2], tmp[3], tmp[4], tmp[5], tmp[6], tmp[7]
			fn.comment("e = exp(z) = m·2^n, z = max(-|x|, NEONMin) (NaN stays), m = 1 + p(r).")
			fn.ins("VORR V%d.B16, V%d.B16, V%d.B16", sign, x, z)
			fn.word(fmax(z, z, lo))
			fn.ins("VMOV V%d.B16, V%d.B16", magic, nm)
			fn.ins("VFMLA V%d.S4, V%d.S4, V%d.S4", log2e, z, nm) // nm = z·log2(e) + Magic, rounded to an integer n
			fn.word(fsub(n, nm, magic))
			fn.ins("VFMLS V%d.S4, V%d.S4, V%d.S4", ln2Hi, n, z) // exact
			fn.ins("VFMLS V%d.S4, V%d.S4, V%d.S4", ln2Lo, n, z) // z = r
			pc.poly(fn, z, q, a, r2)
			fn.word(fadd(z, z, one)) // m
			fn.comment("x <= 0: m/(1 + e), 1 + e = 2^max(n, NEONScaleMin)·m + 1, scaled by 2^n.")
			fn.word(fmax(s, nm, scaleMin))
			fn.ins("VSHL $23, V%d.S4, V%d.S4", s, s)
			fn.ins("VMOV V%d.B16, V%d.B16", one, e)
			fn.ins("VFMLA V%d.S4, V%d.S4, V%d.S4", s, z, e) // e = 1 + 2^n·m, rounded once
			fn.word(fdiv(q, z, e))
			fn.comment("q·2^max(n, NEONScaleFirst)·2^(n - max(n, NEONScaleFirst)): the first product is exact, the second rounds.")
			k1, k := s, a
			fn.word(fmax(k1, nm, scaleFirst))
			fn.word(fsub(k, nm, k1))
			fn.word(fadd(k, k, magic))
			fn.ins("VSHL $23, V%d.S4, V%d.S4", k1, k1)
			fn.ins("VSHL $23, V%d.S4, V%d.S4", k, k)
			fn.word(fmul(q, q, k1))
			fn.word(fmul(q, q, k))
			fn.comment("x > 0: 1 - that; a NaN x comes out quieted (x + x).")
			fn.word(fsub(e, one, q))
			fn.word(fcmgtz(s, x))
			bsl(fn, s, e, q)
			fn.word(fadd(q, x, x))
			fn.word(fcmeq(d, x, x))
			bsl(fn, d, s, q)
		},
	}.generate(f)
}

func sigmoidBackwardKernel(f *file) {
	var sign, one, huge vreg
	elementwise{
		name: "sigmoidBackwardNEON",
		doc:  "sets dx[i] = dy[i]*y[i]*(1-y[i]) (see kernels.SigmoidBackward): dy·(y - y²), or (dy·y)·(1-y) where |y| >= 2^63.",
		out:  "dx", in: []string{"dy", "y"}, temps: 4,
		setup: func(fn *function, konst func() vreg) {
			sign, one, huge = konst(), konst(), konst()
			loadBits(fn, sign, signBit)
			loadBits(fn, one, oneBits)
			loadBits(fn, huge, bits(0x1p63))
		},
		op: func(fn *function, d vreg, in, tmp []vreg) {
			dy, y, g, h, a, m := in[0], in[1], tmp[0], tmp[1], tmp[2], tmp[3]
			fn.ins("VMOV V%d.B16, V%d.B16", y, g)
			fn.ins("VFMLS V%d.S4, V%d.S4, V%d.S4", y, y, g) // y - y², rounded once
			fn.word(fmul(g, g, dy))
			fn.word(fmul(h, y, dy))
			fn.word(fsub(a, one, y))
			fn.word(fmul(h, h, a))
			fn.word(bic(a, y, sign))
			fn.word(fcmge(m, a, huge))
			bsl(fn, m, h, g)
			fn.ins("VMOV V%d.B16, V%d.B16", m, d)
		},
	}.generate(f)
}
