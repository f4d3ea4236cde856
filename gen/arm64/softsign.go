package main

import "math"

// The Softsign kernels, with the AVX2 kernels' steps (gen/amd64/softsign.go);
// FRECPE's estimate of 1/d, to 8 bits, is enough for the correction.

func softsignKernels(f *file) {
	softsignKernel(f)
	softsignBackwardKernel(f)
}

func softsignKernel(f *file) {
	var sign, one, maxFloat vreg
	elementwise{
		name: "softsignNEON",
		doc: "sets dst[i] = x[i]/(1+|x[i]|) (see kernels.Softsign): q = a/d, a = min(|x|, MaxFloat32), " +
			"d = 1 + a rounded, corrected by (a - q·(1+a))/d.",
		out: "dst", in: []string{"x"}, temps: 6, unroll: 2,
		setup: func(fn *function, konst func() vreg) {
			sign, one, maxFloat = konst(), konst(), konst()
			loadBits(fn, sign, signBit)
			loadBits(fn, one, oneBits)
			loadBits(fn, maxFloat, bits(math.MaxFloat32))
		},
		op: func(fn *function, d vreg, in, tmp []vreg) {
			x := in[0]
			a, dd, big, small, q, t := tmp[0], tmp[1], tmp[2], tmp[3], tmp[4], tmp[5]
			fn.word(fabs(a, x))
			fn.word(fmin(a, a, maxFloat)) // a NaN stays
			fn.comment("d + err = 1 + a exactly (Fast2Sum, the larger of 1 and a first).")
			fn.word(fadd(dd, a, one))
			fn.word(fmax(big, a, one))
			fn.word(fmin(small, a, one))
			fn.word(fsub(big, dd, big))
			fn.word(fsub(small, small, big)) // err
			fn.comment("q = a/d; q + (a - q·d - q·err)/d, the correction through d's reciprocal estimate.")
			fn.word(fdiv(q, a, dd))
			fn.ins("VMOV V%d.B16, V%d.B16", a, t)
			fn.ins("VFMLS V%d.S4, V%d.S4, V%d.S4", q, dd, t)    // a - q·d, exact
			fn.ins("VFMLS V%d.S4, V%d.S4, V%d.S4", q, small, t) // - q·err
			fn.word(frecpe(big, dd))
			fn.ins("VFMLA V%d.S4, V%d.S4, V%d.S4", t, big, q)
			fn.comment("x's sign.")
			fn.ins("VAND V%d.B16, V%d.B16, V%d.B16", sign, x, t)
			fn.ins("VORR V%d.B16, V%d.B16, V%d.B16", t, q, d)
		},
	}.generate(f)
}

func softsignBackwardKernel(f *file) {
	var one vreg
	elementwise{
		name: "softsignBackwardNEON",
		doc:  "sets dx[i] = dy[i]/(1+|x[i]|)^2 (see kernels.SoftsignBackward): (dy/d)/d, d = 1 + |x| rounded.",
		out:  "dx", in: []string{"dy", "x"}, temps: 2,
		setup: func(fn *function, konst func() vreg) {
			one = konst()
			loadBits(fn, one, oneBits)
		},
		op: func(fn *function, d vreg, in, tmp []vreg) {
			dy, x := in[0], in[1]
			dd, g := tmp[0], tmp[1]
			fn.word(fabs(dd, x))
			fn.word(fadd(dd, dd, one))
			fn.word(fdiv(g, dy, dd))
			fn.word(fdiv(d, g, dd))
		},
	}.generate(f)
}
