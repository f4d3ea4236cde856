package verify

import "math"

// The hard activations are piecewise linear and compared bit for bit with
// their formulas evaluated in float32, in PyTorch 1.13's order of
// operations (x/6 is a true division, which x*float32(1.0/6) is not), with
// simdact's NaN rule: a NaN x gives x quieted in a forward pass; a
// backward pass evaluates its comparisons literally (false for NaN) and
// passes dy unchanged or multiplies it (quieting a NaN), with x86's NaN for
// ±Inf·0.

// HardtanhRanges are the (min, max) pairs of the Hardtanh tests: PyTorch's
// default, ReLU6, min == max, the whole line, the two zeros, and a
// subnormal bound.
var HardtanhRanges = [][2]float32{
	{-1, 1}, {0, 6}, {-0.5, -0.5}, {float32(math.Inf(-1)), float32(math.Inf(1))},
	{negZero, 0}, {-2, 1e-40},
}

// ThresholdParams are the (threshold, value) pairs of the Threshold tests
// (ThresholdBackward uses the thresholds): the golden file's, a NaN value
// (quiet and signalling: value passes unchanged), a NaN threshold (no x is
// <= it), and infinite thresholds.
var ThresholdParams = [][2]float32{
	{0.1, 20}, {-1, -2}, {0, float32(math.NaN())}, {1, math.Float32frombits(0x7fa00001)},
	{float32(math.NaN()), 5}, {float32(math.Inf(-1)), 0}, {float32(math.Inf(1)), negZero}, {negZero, 1e-40},
}

var negZero = float32(math.Copysign(0, -1))

// HardKernels returns Hardtanh, HardSigmoid, HardSwish and Threshold, forward
// and backward, with the parameters of HardtanhRanges and ThresholdParams.
func HardKernels() []Elementwise {
	var ks []Elementwise
	for _, r := range HardtanhRanges {
		ks = append(ks, Hardtanh(r[0], r[1]), HardtanhBackward(r[0], r[1]))
	}
	ks = append(ks, HardSigmoid, HardSigmoidBackward, HardSwish, HardSwishBackward)
	for _, p := range ThresholdParams {
		ks = append(ks, Threshold(p[0], p[1]), ThresholdBackward(p[0]))
	}
	return ks
}

// unary is an Elementwise kernel of x checked bit for bit against ref.
func unary(name string, run func(s Set, out, x []float32), ref func(x float32) float32) Elementwise {
	return Elementwise{
		Name: name, Inputs: []string{"x"},
		Run:   func(s Set, out []float32, in [][]float32) { run(s, out, in[0]) },
		Check: func(_ int, got float32, in []float32) (float32, bool) { return exact(got, ref(in[0]), false) },
	}
}

// backward is an Elementwise kernel of dy and x checked bit for bit
// against ref.
func backward(name string, run func(s Set, dx, dy, x []float32), ref func(dy, x float32) float32) Elementwise {
	return Elementwise{
		Name: name, Inputs: []string{"dy", "x"},
		Run:   func(s Set, out []float32, in [][]float32) { run(s, out, in[0], in[1]) },
		Check: func(_ int, got float32, in []float32) (float32, bool) { return exact(got, ref(in[0], in[1]), false) },
	}
}

// Hardtanh is x < min ? min : x > max ? max : x (HardtanhRef).
func Hardtanh(min, max float32) Elementwise {
	return unary("Hardtanh/min="+Format(min)+",max="+Format(max),
		func(s Set, out, x []float32) { s.Hardtanh(out, x, min, max) },
		func(x float32) float32 { return HardtanhRef(x, min, max) })
}

// HardtanhRef is x < min ? min : x > max ? max : x, x quieted if NaN.
func HardtanhRef(x, min, max float32) float32 {
	switch {
	case isNaN(x):
		return quiet(x)
	case x < min:
		return min
	case x > max:
		return max
	}
	return x
}

// HardtanhBackward is (x <= min || x >= max) ? +0 : dy (HardtanhBackwardRef).
func HardtanhBackward(min, max float32) Elementwise {
	return backward("HardtanhBackward/min="+Format(min)+",max="+Format(max),
		func(s Set, dx, dy, x []float32) { s.HardtanhBackward(dx, dy, x, min, max) },
		func(dy, x float32) float32 { return HardtanhBackwardRef(dy, x, min, max) })
}

// HardtanhBackwardRef is (x <= min || x >= max) ? +0 : dy.
func HardtanhBackwardRef(dy, x, min, max float32) float32 {
	if x <= min || x >= max {
		return 0
	}
	return dy
}

// HardSigmoid is min(max(x+3, 0), 6) / 6 (HardSigmoidRef).
var HardSigmoid = unary("HardSigmoid", func(s Set, out, x []float32) { s.HardSigmoid(out, x) }, HardSigmoidRef)

// HardSigmoidRef is min(max(x+3, 0), 6) / 6 in float32, x quieted if NaN.
func HardSigmoidRef(x float32) float32 {
	if isNaN(x) {
		return quiet(x)
	}
	return hardRamp(x) / 6
}

// hardRamp is min(max(x+3, 0), 6) for x not NaN.
func hardRamp(x float32) float32 {
	h := x + 3
	if h < 0 {
		h = 0
	}
	if h > 6 {
		h = 6
	}
	return h
}

// HardSigmoidBackward is (-3 < x && x < 3) ? dy*float32(1.0/6) : +0
// (HardSigmoidBackwardRef).
var HardSigmoidBackward = backward("HardSigmoidBackward",
	func(s Set, dx, dy, x []float32) { s.HardSigmoidBackward(dx, dy, x) }, HardSigmoidBackwardRef)

// HardSigmoidBackwardRef is (-3 < x && x < 3) ? dy*float32(1.0/6) : +0.
func HardSigmoidBackwardRef(dy, x float32) float32 {
	if -3 < x && x < 3 {
		return MulX86(dy, float32(1.0/6))
	}
	return 0
}

// HardSwish is (x * min(max(x+3, 0), 6)) / 6 (HardSwishRef).
var HardSwish = unary("HardSwish", func(s Set, out, x []float32) { s.HardSwish(out, x) }, HardSwishRef)

// HardSwishRef is (x * min(max(x+3, 0), 6)) / 6 in float32, x quieted if
// NaN; -Inf gives -Inf·0, x86's NaN.
func HardSwishRef(x float32) float32 {
	if isNaN(x) {
		return quiet(x)
	}
	t := MulX86(x, hardRamp(x))
	if isNaN(t) {
		return t
	}
	return t / 6
}

// HardSwishBackward is x < -3 ? +0 : x < 3 ? dy*(x/3+0.5) : dy
// (HardSwishBackwardRef).
var HardSwishBackward = backward("HardSwishBackward",
	func(s Set, dx, dy, x []float32) { s.HardSwishBackward(dx, dy, x) }, HardSwishBackwardRef)

// HardSwishBackwardRef is x < -3 ? +0 : x < 3 ? dy*(x/3+0.5) : dy.
func HardSwishBackwardRef(dy, x float32) float32 {
	switch {
	case x < -3:
		return 0
	case x < 3:
		return MulX86(dy, x/3+0.5)
	}
	return dy
}

// Threshold is x <= threshold ? value : x (ThresholdRef).
func Threshold(threshold, value float32) Elementwise {
	return unary("Threshold/threshold="+Format(threshold)+",value="+Format(value)+valueBits(value),
		func(s Set, out, x []float32) { s.Threshold(out, x, threshold, value) },
		func(x float32) float32 { return ThresholdRef(x, threshold, value) })
}

// valueBits tells a signalling NaN apart in a kernel's name.
func valueBits(v float32) string {
	if isNaN(v) && math.Float32bits(quiet(v)) != math.Float32bits(v) {
		return "(signalling)"
	}
	return ""
}

// ThresholdRef is x <= threshold ? value : x, value unchanged, x quieted if
// NaN.
func ThresholdRef(x, threshold, value float32) float32 {
	switch {
	case x <= threshold:
		return value
	case isNaN(x):
		return quiet(x)
	}
	return x
}

// ThresholdBackward is x <= threshold ? +0 : dy (ThresholdBackwardRef).
func ThresholdBackward(threshold float32) Elementwise {
	return backward("ThresholdBackward/threshold="+Format(threshold),
		func(s Set, dx, dy, x []float32) { s.ThresholdBackward(dx, dy, x, threshold) },
		func(dy, x float32) float32 { return ThresholdBackwardRef(dy, x, threshold) })
}

// ThresholdBackwardRef is x <= threshold ? +0 : dy.
func ThresholdBackwardRef(dy, x, threshold float32) float32 {
	if x <= threshold {
		return 0
	}
	return dy
}
