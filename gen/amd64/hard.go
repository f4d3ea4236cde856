package main

import (
	"fmt"

	. "github.com/mmcloughlin/avo/build"
	. "github.com/mmcloughlin/avo/operand"
	"github.com/mmcloughlin/avo/reg"

	"github.com/simdact/simdact/internal/hard32"
)

// The hard activations evaluate their formulas literally, in the order of
// package hard32, dividing as it describes (correctly rounded, without
// VDIVPS), with x86's NaN rules set to give simdact's: vmaxps and vminps
// return their second source when either source is NaN (and when both are
// zeros), so the operand that may be NaN goes second, and a NaN that only
// compares and selects would pass unquieted, so x·1 quiets it first.

// The constants of the hard kernels.
var (
	cHardShift     = floatConstant("hardShift", hard32.Shift)
	cHardNegShift  = floatConstant("hardNegShift", -hard32.Shift)
	cHardCap       = floatConstant("hardCap", hard32.Cap)
	cHardSlope     = floatConstant("hardSlope", hard32.Slope)
	cHardHalf      = floatConstant("hardHalf", hard32.Half)
	cHardSixth     = floatConstant("hardSixth", hard32.Sixth)
	cHardThird     = floatConstant("hardThird", hard32.Third)
	cHardMinNormal = constant{"hardMinNormal", 0x00800000} // the least normal float32
	cHardAbs       = constant{"hardAbs", 0x7fffffff}
	cHardMax       = constant{"hardMax", 0x7f7fffff} // the largest float32
)

func hardKernels() {
	hardtanhKernels()
	hardSigmoidKernels()
	hardSwishKernels()
	thresholdKernels()
}

func hardtanhKernels() {
	var lo, hi reg.VecVirtual
	var c pool
	elementwise{
		name: "hardtanh",
		doc:  "sets dst[i] = x[i] < lo ? lo : x[i] > hi ? hi : x[i], a NaN x quieted.",
		out:  "dst", in: []string{"x"}, params: "lo, hi float32",
		setup: func(w width) {
			lo, hi = w.broadcastParam("lo"), w.broadcastParam("hi")
			c = w.pool(cOne)
		},
		op: func(w width, in []reg.VecVirtual) reg.VecVirtual {
			y := w.vec()
			VMULPS(c.get(cOne), in[0], y) // x·1: x, a NaN quieted
			VMAXPS(y, lo, y)              // y second: a NaN, or ±0 against a zero lo, is kept
			VMINPS(y, hi, y)
			return y
		},
	}.generate()

	elementwise{
		name: "hardtanhBackward",
		doc:  "sets dx[i] = (x[i] <= lo || x[i] >= hi) ? +0 : dy[i]; a NaN x passes dy.",
		out:  "dx", in: []string{"dy", "x"}, params: "lo, hi float32",
		setup: func(w width) { lo, hi = w.broadcastParam("lo"), w.broadcastParam("hi") },
		op: func(w width, in []reg.VecVirtual) reg.VecVirtual {
			dy, x := in[0], in[1]
			inside := w.compareWithin(w.compare(cmpNLE, lo, x), cmpNGE, hi, x)
			return w.keep(inside, dy)
		},
	}.generate()
}

func hardSigmoidKernels() {
	var zero reg.VecVirtual
	var c pool
	elementwise{
		name: "hardSigmoid",
		doc:  "sets dst[i] = min(max(x[i]+3, 0), 6) / 6, a NaN x quieted.",
		out:  "dst", in: []string{"x"},
		setup: func(w width) {
			zero, c = w.zeros(), w.pool(cHardShift, cHardCap, cHardSixth, cHardMax)
			c.registers(w, cHardCap, cHardMax)
		},
		op: func(w width, in []reg.VecVirtual) reg.VecVirtual {
			t := hardRamp(w, c, zero, in[0]) // 0 or at least 2^-22: the quotient is normal
			return hardDivide(w, c, t, cHardCap, cHardSixth)
		},
	}.generate()

	elementwise{
		name: "hardSigmoidBackward",
		doc:  "sets dx[i] = (-3 < x[i] && x[i] < 3) ? dy[i]*float32(1.0/6) : +0.",
		out:  "dx", in: []string{"dy", "x"},
		setup: func(w width) { c = w.pool(cHardShift, cHardNegShift, cHardSlope) },
		op: func(w width, in []reg.VecVirtual) reg.VecVirtual {
			dy, x := in[0], in[1]
			g := w.vec()
			VMULPS(c.get(cHardSlope), dy, g)
			inside := w.compareWithin(w.compare(cmpGT, c.get(cHardNegShift), x), cmpLT, c.get(cHardShift), x)
			return w.keep(inside, g)
		},
	}.generate()
}

// hardRamp returns min(max(x+3, 0), 6), x quieted if NaN, given a register of
// zeros and a pool with hardShift and hardCap, the latter in a register.
func hardRamp(w width, c pool, zero, x reg.VecVirtual) reg.VecVirtual {
	t := w.vec()
	VADDPS(c.get(cHardShift), x, t) // a NaN x comes out quieted
	VMAXPS(t, zero, t)              // t second: a NaN is kept
	VMINPS(t, c.get(cHardCap), t)
	return t
}

// hardDivide returns t/d, d being the constant divisor and r its
// reciprocal rounded, correctly rounded where it is normal or ±0 (see
// package hard32), +Inf for t = +Inf, and t for a NaN t. d and hardMax must
// be in registers.
func hardDivide(w width, c pool, t reg.VecVirtual, d, r constant) reg.VecVirtual {
	q, e := w.vec(), w.vec()
	VMULPS(c.get(r), t, q)
	// e = min(q, FLT_MAX)·d - t, exactly: where t = +Inf, -Inf instead of
	// NaN, so that q - e·r is +Inf; a NaN q is kept (second operand).
	VMINPS(q, c.get(cHardMax), e)
	VFMSUB213PS(t, c.get(d), e)
	VFNMADD231PS(c.get(r), e, q) // q = q - e·r; a NaN t gives t: every NaN here is t's
	return q
}

// hardLabels numbers the labels of HardSwish's rare branches: labels are
// the file's, so the count runs on across kernels.
var hardLabels int

// hardSubnormal returns the mask of the lanes of q that are subnormal,
// not ±0.
func hardSubnormal(w width, c pool, zero, q reg.VecVirtual) mask {
	if w.wide() {
		k := K()
		VFPCLASSPSZ(U8(0x20), q, k) // the class "denormal"
		return k
	}
	a := w.vec()
	VANDPS(c.get(cHardAbs), q, a)
	return w.compareWithin(w.compare(cmpLT, c.get(cHardMinNormal), a), cmpNEQ, zero, a)
}

// hardJumpIfNone jumps to label if no lane of m is set.
func (w width) hardJumpIfNone(m mask, label string) {
	if w.wide() {
		KORTESTW(m, m) // zero: none set
	} else {
		VTESTPS(m, m) // zero: no sign bit set
	}
	JEQ(LabelRef(label))
}

func hardSwishKernels() {
	var zero reg.VecVirtual
	var c pool
	elementwise{
		name: "hardSwish",
		doc:  "sets dst[i] = (x[i] * min(max(x[i]+3, 0), 6)) / 6, a NaN x quieted.",
		out:  "dst", in: []string{"x"},
		setup: func(w width) {
			cs := []constant{cHardShift, cHardCap, cHardSixth, cHardMax}
			if !w.wide() {
				cs = append(cs, cHardMinNormal, cHardAbs) // for hardSubnormal
			}
			zero, c = w.zeros(), w.pool(cs...)
			c.registers(w, cHardCap, cHardMax)
		},
		op: func(w width, in []reg.VecVirtual) reg.VecVirtual {
			x := in[0]
			t := hardRamp(w, c, zero, x)
			VMULPS(t, x, t) // x first: of two NaNs, x's wins; -Inf·0 is 0xffc00000
			q := hardDivide(w, c, t, cHardCap, cHardSixth)
			Comment("A subnormal quotient, maybe wrong at a tie: the whole vector again, with VDIVPS.")
			tiny := hardSubnormal(w, c, zero, q)
			done := fmt.Sprintf("hardswish_done%d", hardLabels)
			hardLabels++
			w.hardJumpIfNone(tiny, done)
			VDIVPS(c.get(cHardCap), t, q)
			Label(done)
			return q
		},
	}.generate()

	elementwise{
		name: "hardSwishBackward",
		doc:  "sets dx[i] = x[i] < -3 ? +0 : x[i] < 3 ? dy[i]*(x[i]/3+0.5) : dy[i]; a NaN x passes dy.",
		out:  "dx", in: []string{"dy", "x"},
		setup: func(w width) {
			c = w.pool(cHardShift, cHardNegShift, cHardHalf, cHardThird, cHardMax)
			c.registers(w, cHardShift, cHardMax)
		},
		op: func(w width, in []reg.VecVirtual) reg.VecVirtual {
			dy, x := in[0], in[1]
			// x/3 is correctly rounded where it is normal; where it is
			// subnormal, x/3 + 0.5 is 0.5 anyway, and where x is ±Inf or
			// NaN the lane takes 0 or dy.
			g := hardDivide(w, c, x, cHardShift, cHardThird)
			VADDPS(c.get(cHardHalf), g, g)
			VMULPS(g, dy, g) // dy first: of two NaNs, dy's wins
			g = w.blend(w.compare(cmpNLT, c.get(cHardShift), x), dy, g)
			return w.keep(w.compare(cmpNLT, c.get(cHardNegShift), x), g)
		},
	}.generate()
}

func thresholdKernels() {
	var threshold, value reg.VecVirtual
	var c pool
	elementwise{
		name: "threshold",
		doc:  "sets dst[i] = x[i] <= threshold ? value : x[i], a NaN x quieted, value unchanged.",
		out:  "dst", in: []string{"x"}, params: "threshold, value float32",
		setup: func(w width) {
			threshold, value = w.broadcastParam("threshold"), w.broadcastParam("value")
			c = w.pool(cOne)
		},
		op: func(w width, in []reg.VecVirtual) reg.VecVirtual {
			x, y := in[0], w.vec()
			VMULPS(c.get(cOne), x, y) // x·1: x, a NaN quieted
			return w.blend(w.compare(cmpLE, threshold, x), value, y)
		},
	}.generate()

	elementwise{
		name: "thresholdBackward",
		doc:  "sets dx[i] = x[i] <= threshold ? +0 : dy[i]; a NaN x passes dy.",
		out:  "dx", in: []string{"dy", "x"}, params: "threshold float32",
		setup: func(w width) { threshold = w.broadcastParam("threshold") },
		op: func(w width, in []reg.VecVirtual) reg.VecVirtual {
			dy, x := in[0], in[1]
			return w.keep(w.compare(cmpNLE, threshold, x), dy)
		},
	}.generate()
}
