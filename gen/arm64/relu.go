package main

func reluKernels(f *file) {
	elementwise{
		name: "reluNEON",
		doc:  "sets dst[i] = x[i] < 0 ? +0 : x[i]; NaN and -0 pass through unchanged.",
		out:  "dst", in: []string{"x"}, temps: 1,
		op: func(fn *function, d vreg, in, tmp []vreg) {
			// FMAX would quiet a signalling NaN and turn -0 into +0:
			// clear the bits of the negative lanes instead.
			x, negative := in[0], tmp[0]
			fn.word(fcmltz(negative, x))
			fn.word(bic(d, x, negative))
		},
	}.generate(f)

	elementwise{
		name: "reluBackwardNEON",
		doc:  "sets dx[i] = x[i] <= 0 ? +0 : dy[i]; a NaN x passes dy.",
		out:  "dx", in: []string{"dy", "x"}, temps: 1,
		op: func(fn *function, d vreg, in, tmp []vreg) {
			dy, x, notPositive := in[0], in[1], tmp[0]
			fn.word(fcmlez(notPositive, x))
			fn.word(bic(d, dy, notPositive))
		},
	}.generate(f)
}

func leakyReLUKernels(f *file) {
	var slope, fixSign vreg
	setup := func(fn *function, konst func() vreg) {
		slope, fixSign = konst(), konst()
		broadcastParam(fn, "slope", slope)
		signFixer(fn, fixSign, slope)
	}
	elementwise{
		name: "leakyReLUNEON",
		doc:  "sets dst[i] = x[i] > 0 ? x[i] : x[i]*slope.",
		out:  "dst", in: []string{"x"}, params: []param{{"slope", "float32"}}, temps: 3,
		setup: setup,
		op: func(fn *function, d vreg, in, tmp []vreg) {
			x, scaled := in[0], tmp[0]
			mulLikeX86(fn, scaled, x, slope, fixSign, tmp[1:])
			fn.word(fcmgtz(d, x))
			bsl(fn, d, x, scaled)
		},
	}.generate(f)

	elementwise{
		name: "leakyReLUBackwardNEON",
		doc:  "sets dx[i] = x[i] > 0 ? dy[i] : dy[i]*slope.",
		out:  "dx", in: []string{"dy", "x"}, params: []param{{"slope", "float32"}}, temps: 3,
		setup: setup,
		op: func(fn *function, d vreg, in, tmp []vreg) {
			dy, x, scaled := in[0], in[1], tmp[0]
			mulLikeX86(fn, scaled, dy, slope, fixSign, tmp[1:])
			fn.word(fcmgtz(d, x))
			bsl(fn, d, dy, scaled)
		},
	}.generate(f)
}
