package main

import (
	. "github.com/mmcloughlin/avo/build"
	. "github.com/mmcloughlin/avo/operand"
	"github.com/mmcloughlin/avo/reg"
)

func reluKernels() {
	var zero reg.VecVirtual
	elementwise{
		name: "ReLUAVX2",
		doc:  "sets dst[i] = x[i] < 0 ? +0 : x[i]; NaN and -0 pass through unchanged.",
		out:  "dst", in: []string{"x"},
		setup: func() { zero = zeros() },
		op: func(in []reg.VecVirtual) reg.VecVirtual {
			// Intel's vmaxps returns its second source when either source is
			// NaN or both are zeros: max(+0, x) keeps a NaN or -0 x.
			y := YMM()
			VMAXPS(in[0], zero, y)
			return y
		},
	}.generate()

	elementwise{
		name: "ReLUBackwardAVX2",
		doc:  "sets dx[i] = x[i] <= 0 ? +0 : dy[i]; a NaN x passes dy.",
		out:  "dx", in: []string{"dy", "x"},
		setup: func() { zero = zeros() },
		op: func(in []reg.VecVirtual) reg.VecVirtual {
			dy, x := in[0], in[1]
			notPositive, dx := YMM(), YMM()
			VCMPPS(U8(cmpLE), zero, x, notPositive)
			VANDNPS(dy, notPositive, dx)
			return dx
		},
	}.generate()
}

func leakyReLUKernels() {
	var slope, zero reg.VecVirtual
	setup := func() { slope, zero = broadcastParam("slope"), zeros() }
	elementwise{
		name: "LeakyReLUAVX2",
		doc:  "sets dst[i] = x[i] > 0 ? x[i] : x[i]*slope.",
		out:  "dst", in: []string{"x"}, params: "slope float32",
		setup: setup,
		op: func(in []reg.VecVirtual) reg.VecVirtual {
			x := in[0]
			return select8(positive(x, zero), x, mul(x, slope))
		},
	}.generate()

	elementwise{
		name: "LeakyReLUBackwardAVX2",
		doc:  "sets dx[i] = x[i] > 0 ? dy[i] : dy[i]*slope.",
		out:  "dx", in: []string{"dy", "x"}, params: "slope float32",
		setup: setup,
		op: func(in []reg.VecVirtual) reg.VecVirtual {
			dy, x := in[0], in[1]
			return select8(positive(x, zero), dy, mul(dy, slope))
		},
	}.generate()
}

// positive returns the mask of lanes where x > 0 (false for NaN), given a
// register of zeros.
func positive(x, zero reg.VecVirtual) reg.VecVirtual {
	m := YMM()
	VCMPPS(U8(cmpGT), zero, x, m)
	return m
}

// mul returns a*b.
func mul(a, b reg.VecVirtual) reg.VecVirtual {
	p := YMM()
	VMULPS(b, a, p)
	return p
}

// select8 returns mask ? a : b, lane by lane.
func select8(mask, a, b reg.VecVirtual) reg.VecVirtual {
	r := YMM()
	VBLENDVPS(mask, a, b, r)
	return r
}
