package main

import (
	"math"

	. "github.com/mmcloughlin/avo/build"
	"github.com/mmcloughlin/avo/reg"
)

// The Softsign kernels. The forward pass divides once and corrects the
// quotient by its exact residual, so that it rounds within half an ulp
// and a little; the backward pass divides twice, within 3 ulp.

// cMaxFloat is the largest float32, to which Softsign clamps |x| (so that
// ±Inf gives ±1).
var cMaxFloat = floatConstant("maxFloat", math.MaxFloat32)

func softsignKernels() {
	softsignKernel()
	softsignBackwardKernel()
}

func softsignKernel() {
	var c pool
	elementwise{
		name: "softsign", avx2Only: true,
		doc: "sets dst[i] = x[i]/(1+|x[i]|) (see kernels.Softsign): q = a/d, a = min(|x|, MaxFloat32), " +
			"d = 1 + a rounded, corrected by (a - q·(1+a))/d.",
		out: "dst", in: []string{"x"},
		setup: func(w width) {
			c = w.pool(cAbsMask, cOne, cMaxFloat, cSignBit)
			c.registers(w, cOne, cMaxFloat)
		},
		op: func(w width, in []reg.VecVirtual) reg.VecVirtual {
			x := in[0]
			a := w.vec()
			VANDPS(c.get(cAbsMask), x, a)
			VMINPS(a, c.get(cMaxFloat), a) // a where it is NaN
			Comment("d + err = 1 + a exactly (Fast2Sum, the larger of 1 and a first).")
			d, big, small := w.vec(), w.vec(), w.vec()
			VADDPS(c.get(cOne), a, d)
			VMAXPS(a, c.get(cOne), big)
			VMINPS(a, c.get(cOne), small)
			VSUBPS(big, d, big)
			VSUBPS(big, small, small) // err
			Comment("q = a/d; q + (a - q·d - q·err)/d, the correction through d's reciprocal estimate.")
			q, t, rc := w.vec(), w.vec(), w.vec()
			VDIVPS(d, a, q) // a first: its NaN is the quotient's
			VMOVAPS(a, t)
			VFNMADD231PS(q, d, t)     // a - q·d, exact
			VFNMADD231PS(q, small, t) // - q·err
			VRCPPS(d, rc)
			VFMADD231PS(t, rc, q)
			Comment("x's sign.")
			VANDPS(c.get(cSignBit), x, t)
			VORPS(t, q, q)
			return q
		},
	}.generate()
}

func softsignBackwardKernel() {
	var c pool
	elementwise{
		name: "softsignBackward", avx2Only: true,
		doc: "sets dx[i] = dy[i]/(1+|x[i]|)^2 (see kernels.SoftsignBackward): (dy/d)/d, d = 1 + |x| rounded.",
		out: "dx", in: []string{"dy", "x"},
		setup: func(w width) {
			c = w.pool(cAbsMask, cOne)
		},
		op: func(w width, in []reg.VecVirtual) reg.VecVirtual {
			dy, x := in[0], in[1]
			d, g := w.vec(), w.vec()
			VANDPS(c.get(cAbsMask), x, d)
			VADDPS(c.get(cOne), d, d)
			VDIVPS(d, dy, g)
			VDIVPS(d, g, g)
			return g
		},
	}.generate()
}
