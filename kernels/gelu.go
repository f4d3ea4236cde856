package kernels

import (
	"math"

	"github.com/simdact/simdact/internal/check"
	"github.com/simdact/simdact/internal/gelu32"
)

// GELU sets dst[i] = x[i]*Phi(x[i]), Phi the standard normal distribution
// function, within 1 ulp (see package gelu32): in float64,
//
//	x < 0:  x·Phi(x) = -(a·Phi(-a)),  a = |x|,
//	x >= 0: x·Phi(x) = x - a·Phi(-a),
//
// rounded once to float32, so that results underflow gradually (below
// x = -13.2 they are subnormal, and from -14.1 down -0). a is clamped to
// gelu32.Clamp, which changes no result: -Inf gives -0 and +Inf gives
// +Inf. ±0 gives ±0, and a NaN x comes out quieted, with its payload.
func GELU(dst, x []float32) {
	check.Unary("GELU", dst, x)
	dst = dst[:len(x)]
	for i, v := range x {
		a := float64(min(abs32(v), gelu32.Clamp))
		p, n := gelu32.Gauss(a)
		s := gelu32.Scale(a*gelu32.Ratio(a), n)
		t := s*p + s // a·Phi(-a)
		y := math.Float32bits(float32(float64(max(v, 0))-t)) | math.Float32bits(v)&signBit
		if v != v {
			y = math.Float32bits(v) | quietBit
		}
		dst[i] = math.Float32frombits(y)
	}
}

// GELUBackward sets dx[i] = dy[i]*(Phi(x[i]) + x[i]*phi(x[i])), the gradient
// of GELU given the gradient dy of its output and its input x, phi the
// standard normal density, within 1 ulp away from the zero of the
// derivative near x = -0.7518 (see package gelu32): in float64,
//
//	x < 0:  Phi(x) + x·phi(x) = D,      D = Phi(-a) - a·phi(a) = (R(a) - a/√(2π))·exp(-a²/2),
//	x >= 0: Phi(x) + x·phi(x) = 1 - D,
//
// times dy, rounded once to float32. a = |x| is clamped to gelu32.Clamp:
// for x <= -Clamp, D is a negative float64 below 2^-278, so that dy·D
// rounds to ∓0, or ∓Inf for an infinite dy (the limit as x goes to -Inf);
// for x >= Clamp, 1 - D rounds to 1. A NaN dy or x gives a NaN.
func GELUBackward(dx, dy, x []float32) {
	check.Binary("GELUBackward", "x", dx, dy, x)
	dx, dy = dx[:len(x)], dy[:len(x)]
	for i, v := range x {
		a := float64(min(abs32(v), gelu32.Clamp))
		p, n := gelu32.Gauss(a)
		s := gelu32.Scale(-a*gelu32.InvSqrt2Pi+gelu32.Ratio(a), n)
		d := s*p + s
		// 1 - d where x > 0 (or is a NaN with the sign bit clear), d where
		// x < 0, without a branch, which random signs would mispredict.
		c := float64(1 - math.Float32bits(v)>>31)
		dx[i] = float32(float64(dy[i]) * (c + (1-2*c)*d))
	}
}

// abs32 returns |v|, a NaN with its payload.
func abs32(v float32) float32 { return math.Float32frombits(math.Float32bits(v) &^ signBit) }
