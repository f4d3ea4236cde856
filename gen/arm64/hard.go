package main

import "github.com/simdact/simdact/internal/hard32"

// The hard activations evaluate their formulas literally, in the order of
// package hard32 (true divisions included), as the amd64 kernels do. ARM's
// FMAX and FMIN would turn a -0 x into +0 against a zero bound, so Hardtanh
// and Threshold compare and select, on x·1, which quiets a NaN x; HardSigmoid
// and HardSwish clamp x+3, never -0, whose NaN FMAX and FMIN keep. ARM's
// invalid-operation NaN gets x86's sign bit (see nan.go).

func hardKernels(f *file) {
	hardtanhKernels(f)
	hardSigmoidKernels(f)
	hardSwishKernels(f)
	thresholdKernels(f)
}

func hardtanhKernels(f *file) {
	var lo, hi, one vreg
	bounds := func(fn *function, konst func() vreg) {
		lo, hi = konst(), konst()
		broadcastParam(fn, "lo", lo)
		broadcastParam(fn, "hi", hi)
	}
	elementwise{
		name: "hardtanhNEON",
		doc:  "sets dst[i] = x[i] < lo ? lo : x[i] > hi ? hi : x[i], a NaN x quieted.",
		out:  "dst", in: []string{"x"}, params: []param{{"lo", "float32"}, {"hi", "float32"}}, temps: 2,
		setup: func(fn *function, konst func() vreg) {
			bounds(fn, konst)
			one = konst()
			loadBits(fn, one, bits(1))
		},
		op: func(fn *function, d vreg, in, tmp []vreg) {
			x, y, low := in[0], tmp[0], tmp[1]
			fn.word(fmul(y, x, one)) // x, a NaN quieted
			fn.word(fcmgt(low, lo, x))
			bsl(fn, low, lo, y) // x < lo ? lo : x
			fn.word(fcmgt(d, x, hi))
			bsl(fn, d, hi, low)
		},
	}.generate(f)

	elementwise{
		name: "hardtanhBackwardNEON",
		doc:  "sets dx[i] = (x[i] <= lo || x[i] >= hi) ? +0 : dy[i]; a NaN x passes dy.",
		out:  "dx", in: []string{"dy", "x"}, params: []param{{"lo", "float32"}, {"hi", "float32"}}, temps: 2,
		setup: bounds,
		op: func(fn *function, d vreg, in, tmp []vreg) {
			dy, x, below, above := in[0], in[1], tmp[0], tmp[1]
			fn.word(fcmge(below, lo, x))
			fn.word(fcmge(above, x, hi))
			fn.ins("VORR V%d.B16, V%d.B16, V%d.B16", above, below, below)
			fn.word(bic(d, dy, below))
		},
	}.generate(f)
}

// hardConstants are the registers of the constants of HardSigmoid and
// HardSwish.
type hardConstants struct{ shift, negShift, cap, zero, slope, half, sign vreg }

func loadHardConstants(fn *function, konst func() vreg) hardConstants {
	c := hardConstants{konst(), konst(), konst(), konst(), konst(), konst(), konst()}
	loadBits(fn, c.shift, bits(hard32.Shift))
	loadBits(fn, c.negShift, bits(-hard32.Shift))
	loadBits(fn, c.cap, bits(hard32.Cap))
	fn.ins("VEOR V%d.B16, V%d.B16, V%d.B16", c.zero, c.zero, c.zero)
	loadBits(fn, c.slope, bits(hard32.Slope))
	loadBits(fn, c.half, bits(hard32.Half))
	loadBits(fn, c.sign, signBit)
	return c
}

// ramp writes min(max(x+3, 0), 6) into d, x quieted if NaN.
func (c hardConstants) ramp(fn *function, d, x vreg) {
	fn.word(fadd(d, x, c.shift)) // a NaN x comes out quieted
	fn.word(fmax(d, d, c.zero))
	fn.word(fmin(d, d, c.cap))
}

func hardSigmoidKernels(f *file) {
	var c hardConstants
	setup := func(fn *function, konst func() vreg) { c = loadHardConstants(fn, konst) }
	elementwise{
		name: "hardSigmoidNEON",
		doc:  "sets dst[i] = min(max(x[i]+3, 0), 6) / 6, a NaN x quieted.",
		out:  "dst", in: []string{"x"},
		setup: setup,
		op: func(fn *function, d vreg, in, _ []vreg) {
			c.ramp(fn, d, in[0])
			fn.word(fdiv(d, d, c.cap))
		},
	}.generate(f)

	elementwise{
		name: "hardSigmoidBackwardNEON",
		doc:  "sets dx[i] = (-3 < x[i] && x[i] < 3) ? dy[i]*float32(1.0/6) : +0.",
		out:  "dx", in: []string{"dy", "x"}, temps: 2,
		setup: setup,
		op: func(fn *function, d vreg, in, tmp []vreg) {
			dy, x, inside, below := in[0], in[1], tmp[0], tmp[1]
			fn.word(fcmgt(inside, x, c.negShift))
			fn.word(fcmgt(below, c.shift, x))
			fn.ins("VAND V%d.B16, V%d.B16, V%d.B16", below, inside, inside)
			fn.word(fmul(d, dy, c.slope))
			fn.ins("VAND V%d.B16, V%d.B16, V%d.B16", inside, d, d)
		},
	}.generate(f)
}

func hardSwishKernels(f *file) {
	var c hardConstants
	setup := func(fn *function, konst func() vreg) { c = loadHardConstants(fn, konst) }
	elementwise{
		name: "hardSwishNEON",
		doc:  "sets dst[i] = (x[i] * min(max(x[i]+3, 0), 6)) / 6, a NaN x quieted.",
		out:  "dst", in: []string{"x"}, temps: 3,
		setup: setup,
		op: func(fn *function, d vreg, in, tmp []vreg) {
			x, h := in[0], tmp[0]
			c.ramp(fn, h, x)
			fn.word(fmul(d, x, h))                    // x first: of two NaNs, x's wins
			invalidLikeX86(fn, d, x, c.sign, tmp[1:]) // -Inf·0
			fn.word(fdiv(d, d, c.cap))
		},
	}.generate(f)

	elementwise{
		name: "hardSwishBackwardNEON",
		doc:  "sets dx[i] = x[i] < -3 ? +0 : x[i] < 3 ? dy[i]*(x[i]/3+0.5) : dy[i]; a NaN x passes dy.",
		out:  "dx", in: []string{"dy", "x"}, temps: 3,
		setup: setup,
		op: func(fn *function, d vreg, in, tmp []vreg) {
			dy, x, g, below := in[0], in[1], tmp[0], tmp[1]
			fn.word(fdiv(g, x, c.shift))
			fn.word(fadd(g, g, c.half))
			fn.word(fmul(g, dy, g))                    // dy first: of two NaNs, dy's wins
			invalidLikeX86(fn, g, dy, c.sign, tmp[1:]) // ±Inf·0
			fn.word(fcmgt(d, c.shift, x))
			bsl(fn, d, g, dy)
			fn.word(fcmgt(below, c.negShift, x))
			fn.word(bic(d, d, below))
		},
	}.generate(f)
}

func thresholdKernels(f *file) {
	var threshold, value, one vreg
	elementwise{
		name: "thresholdNEON",
		doc:  "sets dst[i] = x[i] <= threshold ? value : x[i], a NaN x quieted, value unchanged.",
		out:  "dst", in: []string{"x"}, params: []param{{"threshold", "float32"}, {"value", "float32"}}, temps: 1,
		setup: func(fn *function, konst func() vreg) {
			threshold, value, one = konst(), konst(), konst()
			broadcastParam(fn, "threshold", threshold)
			broadcastParam(fn, "value", value)
			loadBits(fn, one, bits(1))
		},
		op: func(fn *function, d vreg, in, tmp []vreg) {
			x, y := in[0], tmp[0]
			fn.word(fmul(y, x, one)) // x, a NaN quieted
			fn.word(fcmge(d, threshold, x))
			bsl(fn, d, value, y)
		},
	}.generate(f)

	elementwise{
		name: "thresholdBackwardNEON",
		doc:  "sets dx[i] = x[i] <= threshold ? +0 : dy[i]; a NaN x passes dy.",
		out:  "dx", in: []string{"dy", "x"}, params: []param{{"threshold", "float32"}}, temps: 1,
		setup: func(fn *function, konst func() vreg) {
			threshold = konst()
			broadcastParam(fn, "threshold", threshold)
		},
		op: func(fn *function, d vreg, in, tmp []vreg) {
			dy, x, atMost := in[0], in[1], tmp[0]
			fn.word(fcmge(atMost, threshold, x))
			fn.word(bic(d, dy, atMost))
		},
	}.generate(f)
}
