package kernels

import (
	"math"

	"github.com/simdact/simdact/internal/check"
	"github.com/simdact/simdact/internal/gelu32"
	"github.com/simdact/simdact/internal/tanh32"
)

// The gated linear units multiply an activation f of one input (gate; b
// for GLU) by the other (up; a for GLU). Each kernel computes f, and f' in
// the backward passes, in float64 as the activation's own kernel does,
// multiplies in float64 (dy·up is exact there) and rounds once to float32:
// nothing overflows or underflows before the result does. An infinite
// operand meets f as IEEE multiplication meets its float64 value, which is
// 0 where f underflows in float64 (sigmoid and SiLU below -745.13324, GELU
// below gelu32.Float64ZeroBelow, GELUTanh below tanh32.GELUFloat64ZeroBelow,
// and -Inf); a NaN operand gives a NaN.

// GLU sets dst[i] = a[i]*sigmoid(b[i]), within 1 ulp.
func GLU(dst, a, b []float32) {
	check.Gated("GLU", [3]string{"dst", "a", "b"}, dst, a, b)
	dst, a = dst[:len(b)], a[:len(b)]
	for i, v := range b {
		dst[i] = float32(float64(a[i]) * sigmoid64(v))
	}
}

// GLUBackward sets da[i] = dy[i]*s and db[i] = dy[i]*a[i]*s*(1-s),
// s = sigmoid(b[i]), the gradients of GLU given the gradient dy of its
// output, each within 1 ulp. s·(1-s) is 0 where exp(-|b|) is 0 in float64.
func GLUBackward(da, db, dy, a, b []float32) {
	check.GatedBackward("GLUBackward", [5]string{"da", "db", "dy", "a", "b"}, da, db, dy, a, b)
	da, db, dy, a = da[:len(b)], db[:len(b)], dy[:len(b)], a[:len(b)]
	for i, v := range b {
		g, u := float64(dy[i]), float64(a[i])
		da[i], db[i] = float32(g*sigmoid64(v)), float32(g*u*sigmoidSlope64(v))
	}
}

// SwiGLU sets dst[i] = silu(gate[i])*up[i], within 1 ulp.
func SwiGLU(dst, gate, up []float32) {
	check.Gated("SwiGLU", [3]string{"dst", "gate", "up"}, dst, gate, up)
	dst, up = dst[:len(gate)], up[:len(gate)]
	for i, v := range gate {
		dst[i] = float32(silu64(v) * float64(up[i]))
	}
}

// SwiGLUBackward sets dgate[i] = dy[i]*up[i]*silu'(gate[i]) and
// dup[i] = dy[i]*silu(gate[i]), the gradients of SwiGLU given the gradient
// dy of its output, each within 1 ulp away from the zero of silu' (-1.2785).
func SwiGLUBackward(dgate, dup, dy, gate, up []float32) {
	check.GatedBackward("SwiGLUBackward", [5]string{"dgate", "dup", "dy", "gate", "up"}, dgate, dup, dy, gate, up)
	dgate, dup, dy, up = dgate[:len(gate)], dup[:len(gate)], dy[:len(gate)], up[:len(gate)]
	for i, v := range gate {
		g, u := float64(dy[i]), float64(up[i])
		dgate[i], dup[i] = float32(g*u*siluSlope64(v)), float32(g*silu64(v))
	}
}

// GeGLU sets dst[i] = gelu(gate[i])*up[i], GELU's erf form, within 1 ulp.
func GeGLU(dst, gate, up []float32) {
	check.Gated("GeGLU", [3]string{"dst", "gate", "up"}, dst, gate, up)
	dst, up = dst[:len(gate)], up[:len(gate)]
	for i, v := range gate {
		dst[i] = float32(gelu64(v) * float64(up[i]))
	}
}

// GeGLUBackward sets dgate[i] = dy[i]*up[i]*gelu'(gate[i]) and
// dup[i] = dy[i]*gelu(gate[i]), the gradients of GeGLU given the gradient
// dy of its output, each within 1 ulp away from the zero of gelu'
// (-0.7518).
func GeGLUBackward(dgate, dup, dy, gate, up []float32) {
	check.GatedBackward("GeGLUBackward", [5]string{"dgate", "dup", "dy", "gate", "up"}, dgate, dup, dy, gate, up)
	dgate, dup, dy, up = dgate[:len(gate)], dup[:len(gate)], dy[:len(gate)], up[:len(gate)]
	for i, v := range gate {
		g, u := float64(dy[i]), float64(up[i])
		dgate[i], dup[i] = float32(g*u*geluSlope64(v)), float32(g*gelu64(v))
	}
}

// GeGLUTanh sets dst[i] = gelu_tanh(gate[i])*up[i], within 1 ulp.
func GeGLUTanh(dst, gate, up []float32) {
	check.Gated("GeGLUTanh", [3]string{"dst", "gate", "up"}, dst, gate, up)
	dst, up = dst[:len(gate)], up[:len(gate)]
	for i, v := range gate {
		dst[i] = float32(geluTanh64(v) * float64(up[i]))
	}
}

// GeGLUTanhBackward sets dgate[i] = dy[i]*up[i]*gelu_tanh'(gate[i]) and
// dup[i] = dy[i]*gelu_tanh(gate[i]), the gradients of GeGLUTanh given the
// gradient dy of its output, each within 1 ulp away from the zero of
// gelu_tanh' (-0.7525).
func GeGLUTanhBackward(dgate, dup, dy, gate, up []float32) {
	check.GatedBackward("GeGLUTanhBackward", [5]string{"dgate", "dup", "dy", "gate", "up"}, dgate, dup, dy, gate, up)
	dgate, dup, dy, up = dgate[:len(gate)], dup[:len(gate)], dy[:len(gate)], up[:len(gate)]
	for i, v := range gate {
		g, u := float64(dy[i]), float64(up[i])
		dgate[i], dup[i] = float32(g*u*geluTanhSlopeFrom(v, tanh32.GatedBackwardMin)), float32(g*geluTanh64(v))
	}
}

// gelu64 returns GELU(v) in float64 as GELU computes it before its
// rounding, with v's sign (-0 for v = -0); -0 where the float64 GELU
// underflows to 0 (v <= gelu32.Float64ZeroBelow, -Inf included).
func gelu64(v float32) float64 {
	if v <= gelu32.Float64ZeroBelow {
		return negZero64
	}
	a := float64(min(abs32(v), gelu32.Clamp))
	p, n := gelu32.Gauss(a)
	s := gelu32.Scale(a*gelu32.Ratio(a), n)
	y := float64(max(v, 0)) - (s*p + s) // x - a·Phi(-a), or -a·Phi(-a)
	return math.Float64frombits(math.Float64bits(y) | uint64(math.Float32bits(v)&signBit)<<32)
}

// geluSlope64 returns GELUBackward's derivative at v in float64 (see
// there), with a clamped at gelu32.GatedClamp (beyond Clamp, the ratio of
// gelu32.RatioTail), so that dy·up times it, up to 2^256, rounds as the
// exact product does.
func geluSlope64(v float32) float64 {
	a := float64(min(abs32(v), gelu32.GatedClamp))
	r := gelu32.RatioTail(a)
	if a <= float64(gelu32.Clamp) {
		r = gelu32.Ratio(a)
	}
	p, n := gelu32.Gauss(a)
	s := gelu32.Scale(-a*gelu32.InvSqrt2Pi+r, n)
	d := s*p + s
	if v < 0 || math.Signbit(float64(v)) {
		return d
	}
	return 1 - d
}

// geluTanh64 returns GELUTanh(v) in float64, x·E/(1 + E) for v < 0 and
// x/(1 + E) elsewhere, E = exp(-|A·x + B·x³|), x clamped at
// GELUBackwardMin (below which it times any float32 rounds to 0); -0 where
// the float64 formula underflows (v <= tanh32.GELUFloat64ZeroBelow, -Inf
// included).
func geluTanh64(v float32) float64 {
	if v <= tanh32.GELUFloat64ZeroBelow {
		return negZero64
	}
	xc := max(v, tanh32.GELUBackwardMin)
	e := geluExp(xc)
	w := float64(xc)
	if v < 0 {
		w *= e
	}
	return w / (1 + e)
}
