package kernels

import (
	"math"

	"github.com/simdact/simdact/internal/check"
	"github.com/simdact/simdact/internal/exp32"
	"github.com/simdact/simdact/internal/tanh32"
)

// Tanh sets dst[i] = tanh(x[i]), within 1 ulp (see package tanh32). A NaN x
// comes out quieted, with its payload; ±0 and subnormal x give x, ±Inf and
// every |x| from 9.01 up give ±1.
func Tanh(dst, x []float32) {
	check.Unary("Tanh", dst, x)
	dst = dst[:len(x)]
	for i, v := range x {
		dst[i] = tanh(v)
	}
}

// tanh returns tanh(v) as package tanh32 computes it, v's NaN quieted.
func tanh(v float32) float32 {
	b := math.Float32bits(v)
	a := math.Float32frombits(b &^ signBit)
	var t float32
	if a < tanh32.Small {
		t = a + float32(float32(a*float32(a*a))*tanhPoly(float32(a*a)))
	} else {
		// reduce and pow2 serve 2a up to 2·Max = 19 as they serve ELU's
		// negative arguments: 2^n·p(r) + (2^n + 1) is exp(2a) + 1.
		r, k := reduce(2 * min(a, tanh32.Max))
		s := pow2(k)
		d := float32(s*expm1Poly(r)) + (s + 1)
		t = (d - 2) / d
	}
	if v != v {
		return math.Float32frombits(b | quietBit)
	}
	return math.Float32frombits(math.Float32bits(t) | b&signBit)
}

// tanhPoly returns P(y) of package tanh32.
func tanhPoly(y float32) float32 {
	q := float32(tanh32.P5*y) + tanh32.P4
	q = float32(q*y) + tanh32.P3
	q = float32(q*y) + tanh32.P2
	return float32(q*y) + tanh32.P1
}

// TanhBackward sets dx[i] = dy[i]*(1-tanh(x[i])²), the gradient of Tanh
// given the gradient dy of its output and its input x, within 1 ulp:
// 4e/(1+e)², e = exp(-2|x|), in float64, rounded once, so that it does not
// cancel where tanh(x) rounds to ±1 (|x| > 9: tiny, not 0). Where
// exp(-2|x|) is 0 in float64 (|x| >= 372.56662) the result is dy·+0, so that
// an infinite dy gives NaN there, as the float64 formula does.
func TanhBackward(dx, dy, x []float32) {
	check.Binary("TanhBackward", "x", dx, dy, x)
	dx, dy = dx[:len(x)], dy[:len(x)]
	for i, v := range x {
		dx[i] = float32(float64(dy[i]) * 4 * sigmoidSlope64(2*v))
	}
}

// TanhBackwardFromOutput sets dx[i] = dy[i]*(1-y[i]*y[i]), the gradient of
// Tanh given the gradient dy of its output and its output y, within 2 ulp:
// 1 - y·y is computed as (1-|y|)·(1+|y|), where 1 - |y| is exact where y·y
// would cancel. From |y| = 2^64 up (never a result of Tanh), where
// 1 - y·y overflows, dy·|y| is computed first and then multiplied by -|y|.
// NaNs and infinities propagate as in the formula.
func TanhBackwardFromOutput(dx, dy, y []float32) {
	check.Binary("TanhBackwardFromOutput", "y", dx, dy, y)
	dx, dy = dx[:len(y)], dy[:len(y)]
	for i, v := range y {
		a := math.Float32frombits(math.Float32bits(v) &^ signBit)
		g := dy[i] * float32(float32(1-a)*float32(1+a))
		if a >= tanh32.BackwardHuge {
			g = float32(dy[i]*a) * -a
		}
		dx[i] = g
	}
}

// GELUTanh sets dst[i] = 0.5*x[i]*(1+tanh(sqrt(2/π)*(x[i]+0.044715*x[i]³))),
// computed as x·sigmoid(v) (see package tanh32), within 1 ulp, underflowing
// gradually from x = -10.10 down. A NaN x comes out quieted, with its
// payload; ±0 gives ±0, +Inf gives +Inf, and every x from -10.77 down (-Inf
// too) gives -0.
func GELUTanh(dst, x []float32) {
	check.Unary("GELUTanh", dst, x)
	dst = dst[:len(x)]
	for i, v := range x {
		if v != v {
			dst[i] = math.Float32frombits(math.Float32bits(v) | quietBit)
			continue
		}
		xc := max(v, tanh32.GELUMin)
		e := geluExp(xc)
		w := float64(xc)
		if v < 0 {
			w *= e
		}
		dst[i] = float32(w / (1 + e))
	}
}

// GELUTanhBackward sets dx[i] to dy[i] times the derivative of GELUTanh at
// x[i], sigmoid(v) + x·sigmoid(v)·(1-sigmoid(v))·v'(x), v = A·x + B·x³
// (see package tanh32), computed in float64 from exp32's polynomial: within
// 1 ulp, and within 2^-25 of the sum of the magnitudes of the two terms
// near x = -0.7525, where they cancel; tiny results underflow gradually.
// NaN and infinite dy propagate (an infinite dy gives ±Inf at every finite
// x, as the derivative is nowhere 0 in float32; -Inf·0 at x = -Inf).
func GELUTanhBackward(dx, dy, x []float32) {
	check.Binary("GELUTanhBackward", "x", dx, dy, x)
	dx, dy = dx[:len(x)], dy[:len(x)]
	for i, v := range x {
		dx[i] = float32(float64(dy[i]) * geluTanhSlope(v))
	}
}

// geluTanhSlope returns the derivative of GELUTanh at v, in float64: for
// v < 0 it is E·(1 + E + v·v')/(1 + E)², else (1 + E + v·v'·E)/(1 + E)²,
// E = exp(-|v|·(A + B·v²)). From GELUBackwardMin down, dy times it rounds to
// 0 for every float32 dy, as the derivative does; it is -0 at -Inf.
func geluTanhSlope(v float32) float64 { return geluTanhSlopeFrom(v, tanh32.GELUBackwardMin) }

// geluTanhSlopeFrom is geluTanhSlope with v clamped to [lo, -lo] instead.
func geluTanhSlopeFrom(v, lo float32) float64 {
	if v < -math.MaxFloat32 {
		return math.Copysign(0, -1)
	}
	xc := min(max(v, lo), -lo)
	e := geluExp(xc)
	w := float64(xc)
	xv := w * (tanh32.A + 3*tanh32.B*w*w)
	t := 1 + e
	if v < 0 {
		return e * (t + xv) / (t * t)
	}
	return (t + xv*e) / (t * t)
}

// geluExp returns E = exp(-|v|), v = A·x + B·x³, for GatedBackwardMin <= x
// (a larger |x| is taken as GatedBackwardMin's: callers clamp x, but for
// +Inf, where E's size no longer matters), in float64: v and its reduction v - n·ln2 are computed in float64, which
// leaves r within 2^-45 of its value; exp(r) - 1 is exp32's polynomial, also
// evaluated in float64.
func geluExp(x float32) float64 {
	a := -math.Abs(float64(x))
	if a < float64(tanh32.GatedBackwardMin) {
		a = float64(tanh32.GatedBackwardMin)
	}
	v := a * (tanh32.A + tanh32.B*a*a)
	const magic = 0x1.8p52 // v·log2(e) + magic holds round(v·log2(e)) in its low bits
	f := v*math.Log2E + magic
	n := int32(math.Float64bits(f) - math.Float64bits(magic))
	r := v - (f-magic)*math.Ln2
	q := float64(exp32.C6)*r + float64(exp32.C5)
	q = q*r + float64(exp32.C4)
	q = q*r + float64(exp32.C3)
	q = q*r + float64(exp32.C2)
	return (1 + (r + r*r*q)) * pow2Float64(n)
}
