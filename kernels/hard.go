package kernels

import (
	"github.com/simdact/simdact/internal/check"
	"github.com/simdact/simdact/internal/hard32"
)

// The hard activations are piecewise linear: each kernel evaluates its
// formula literally in float32, in PyTorch's order of operations (see
// package hard32), so that every implementation gives the same bits. A NaN
// x comes out as x quieted (its payload kept, set here in Go, since not
// every CPU's arithmetic keeps payloads); the backward kernels evaluate
// their comparisons literally, false for a NaN x.

// Hardtanh sets dst[i] = x[i] < min ? min : x[i] > max ? max : x[i]: ±0
// pass through (Hardtanh(-0) with min = 0 is -0, as in PyTorch) and a NaN x
// comes out quieted. It panics unless min <= max.
func Hardtanh(dst, x []float32, min, max float32) {
	check.Unary("Hardtanh", dst, x)
	check.Range("Hardtanh", min, max)
	dst = dst[:len(x)]
	for i, v := range x {
		if v < min {
			v = min
		}
		if v > max {
			v = max
		}
		if v != v {
			v = quiet(v)
		}
		dst[i] = v
	}
}

// HardtanhBackward sets dx[i] = (x[i] <= min || x[i] >= max) ? +0 : dy[i],
// so that a NaN x passes dy unchanged. It panics unless min <= max.
func HardtanhBackward(dx, dy, x []float32, min, max float32) {
	check.Binary("HardtanhBackward", "x", dx, dy, x)
	check.Range("HardtanhBackward", min, max)
	dx, dy = dx[:len(x)], dy[:len(x)]
	for i, v := range x {
		g := dy[i]
		if v <= min || v >= max {
			g = 0
		}
		dx[i] = g
	}
}

// HardSigmoid sets dst[i] = min(max(x[i]+3, 0), 6) / 6, with a true
// division: every result is correctly rounded, -Inf gives +0, +Inf gives 1,
// and a NaN x comes out quieted.
func HardSigmoid(dst, x []float32) {
	check.Unary("HardSigmoid", dst, x)
	dst = dst[:len(x)]
	for i, v := range x {
		y := ramp(v) / hard32.Cap
		if v != v {
			y = quiet(v)
		}
		dst[i] = y
	}
}

// ramp returns min(max(v+3, 0), 6), for v not NaN.
func ramp(v float32) float32 {
	return min(max(v+hard32.Shift, 0), hard32.Cap)
}

// HardSigmoidBackward sets dx[i] = (-3 < x[i] && x[i] < 3) ? dy[i]*s : +0,
// s = float32(1.0/6) as PyTorch has it; a NaN dy where it is multiplied
// comes out quieted, and a NaN x gives +0.
func HardSigmoidBackward(dx, dy, x []float32) {
	check.Binary("HardSigmoidBackward", "x", dx, dy, x)
	dx, dy = dx[:len(x)], dy[:len(x)]
	for i, v := range x {
		var g float32
		if -hard32.Shift < v && v < hard32.Shift {
			g = mul(dy[i], hard32.Slope)
		}
		dx[i] = g
	}
}

// HardSwish sets dst[i] = (x[i] * min(max(x[i]+3, 0), 6)) / 6, with a true
// division, in that order: x*6 overflows to +Inf above 5.67e37, so that
// HardSwish is +Inf from there up, -Inf gives -Inf·0, x86's NaN 0xffc00000,
// -3 and below give -0 (x·+0), and a NaN x comes out quieted.
func HardSwish(dst, x []float32) {
	check.Unary("HardSwish", dst, x)
	dst = dst[:len(x)]
	for i, v := range x {
		var t float32
		if v == v {
			t = mul(v, ramp(v)) // x86's NaN for -Inf·0
		} else {
			t = quiet(v)
		}
		y := t / hard32.Cap
		if y != y {
			y = t // a NaN keeps its bits
		}
		dst[i] = y
	}
}

// HardSwishBackward sets dx[i] = x[i] < -3 ? +0 : x[i] < 3 ?
// dy[i]*(x[i]/3+0.5) : dy[i], with a true division: a NaN x passes dy
// unchanged, a NaN dy where it is multiplied comes out quieted, and ±Inf·0
// (at x = -1.5) gives x86's NaN 0xffc00000.
func HardSwishBackward(dx, dy, x []float32) {
	check.Binary("HardSwishBackward", "x", dx, dy, x)
	dx, dy = dx[:len(x)], dy[:len(x)]
	for i, v := range x {
		g := dy[i]
		if v < hard32.Shift {
			g = mul(g, v/hard32.Shift+hard32.Half)
		}
		if v < -hard32.Shift {
			g = 0
		}
		dx[i] = g
	}
}

// Threshold sets dst[i] = x[i] <= threshold ? value : x[i]. value passes
// unchanged (even a signalling NaN); a NaN x comes out quieted. Any
// threshold and value are allowed: with a NaN threshold, no x is <= it.
func Threshold(dst, x []float32, threshold, value float32) {
	check.Unary("Threshold", dst, x)
	dst = dst[:len(x)]
	for i, v := range x {
		y := v
		if v != v {
			y = quiet(v)
		}
		if v <= threshold {
			y = value
		}
		dst[i] = y
	}
}

// ThresholdBackward sets dx[i] = x[i] <= threshold ? +0 : dy[i], so that a
// NaN x (or a NaN threshold) passes dy unchanged.
func ThresholdBackward(dx, dy, x []float32, threshold float32) {
	check.Binary("ThresholdBackward", "x", dx, dy, x)
	dx, dy = dx[:len(x)], dy[:len(x)]
	for i, v := range x {
		g := dy[i]
		if v <= threshold {
			g = 0
		}
		dx[i] = g
	}
}
