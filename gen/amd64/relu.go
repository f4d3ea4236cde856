package main

import (
	. "github.com/mmcloughlin/avo/build"
	"github.com/mmcloughlin/avo/reg"
)

func reluKernels() {
	var zero reg.VecVirtual
	elementwise{
		name: "relu",
		doc:  "sets dst[i] = x[i] < 0 ? +0 : x[i]; NaN and -0 pass through unchanged.",
		out:  "dst", in: []string{"x"},
		setup: func(w width) { zero = w.zeros() },
		op: func(w width, in []reg.VecVirtual) reg.VecVirtual {
			// Intel's vmaxps returns its second source when either source is
			// NaN or both are zeros: max(+0, x) keeps a NaN or -0 x.
			y := w.vec()
			VMAXPS(in[0], zero, y)
			return y
		},
	}.generate()

	elementwise{
		name: "reluBackward",
		doc:  "sets dx[i] = x[i] <= 0 ? +0 : dy[i]; a NaN x passes dy.",
		out:  "dx", in: []string{"dy", "x"},
		setup: func(w width) { zero = w.zeros() },
		op: func(w width, in []reg.VecVirtual) reg.VecVirtual {
			dy, x := in[0], in[1]
			return w.keep(w.compare(cmpNLE, zero, x), dy)
		},
	}.generate()
}

func leakyReLUKernels() {
	var slope, zero reg.VecVirtual
	setup := func(w width) { slope, zero = w.broadcastParam("slope"), w.zeros() }
	elementwise{
		name: "leakyReLU",
		doc:  "sets dst[i] = x[i] > 0 ? x[i] : x[i]*slope.",
		out:  "dst", in: []string{"x"}, params: "slope float32",
		setup: setup,
		op: func(w width, in []reg.VecVirtual) reg.VecVirtual {
			x := in[0]
			return w.blend(positive(w, x, zero), x, mul(w, x, slope))
		},
	}.generate()

	elementwise{
		name: "leakyReLUBackward",
		doc:  "sets dx[i] = x[i] > 0 ? dy[i] : dy[i]*slope.",
		out:  "dx", in: []string{"dy", "x"}, params: "slope float32",
		setup: setup,
		op: func(w width, in []reg.VecVirtual) reg.VecVirtual {
			dy, x := in[0], in[1]
			return w.blend(positive(w, x, zero), dy, mul(w, dy, slope))
		},
	}.generate()
}

// positive returns the mask of lanes where x > 0 (false for NaN), given a
// register of zeros.
func positive(w width, x, zero reg.VecVirtual) mask { return w.compare(cmpGT, zero, x) }

// mul returns a*b.
func mul(w width, a, b reg.VecVirtual) reg.VecVirtual {
	p := w.vec()
	VMULPS(b, a, p)
	return p
}
