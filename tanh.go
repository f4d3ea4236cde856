package simdact

// Tanh sets dst[i] = tanh(x[i]).
//
// The result is within 2 ulp of the exact tanh(x) rounded to float32 on
// every float32 input: an odd polynomial below |x| = 0.55, and (D-2)/D with
// D = exp(2|x|)+1 above, not a cut-off approximation. It is exact where tanh rounds to x or to ±1: ±0 and
// subnormal x (never flushed) give x, and ±Inf and every |x| from 9.01 up
// give ±1. A NaN x comes out quieted, with its payload.
func Tanh(dst, x []float32) {
	native.Tanh(dst, x)
}

// TanhBackward sets dx[i] = dy[i]*(1-tanh(x[i])²), the gradient of Tanh
// given the gradient dy of its output and its input x
// (TanhBackwardFromOutput takes the output instead).
//
// The result is within 4 ulp of the float64 value, or within
// 2^-21·|dy|·(1 - tanh(x)²), whichever is larger. It is computed from x, as
// 4e/(1+e)² with e = exp(-2|x|), never from a rounded tanh: where tanh(x)
// rounds to ±1 (|x| > 9), 1-y*y would be 0, and the gradient is a tiny
// number instead, underflowing gradually. Where exp(-2|x|) is 0 in float64
// (|x| >= 372.56662) the result is dy·+0, so that an infinite dy gives NaN
// there, as the float64 formula does. A NaN dy or x gives a NaN.
func TanhBackward(dx, dy, x []float32) {
	native.TanhBackward(dx, dy, x)
}

// TanhBackwardFromOutput sets dx[i] = dy[i]*(1-y[i]*y[i]), the gradient of
// Tanh given the gradient dy of its output and its output y (as PyTorch's
// tanh backward takes it): cheaper than TanhBackward, and as accurate as
// the rounded y allows (0 where y rounds to ±1).
//
// The result is within 4 ulp of the float64 formula at the given y, or
// within 2^-21·|dy|·(1 + y²), whichever is larger: 1-y*y is computed
// without the cancellation near |y| = 1 (as 1-|y| times 1+|y|, or with a
// fused multiply-add). For any y, not only Tanh's outputs, no intermediate
// overflows where the result does not. NaNs and infinities propagate as in
// the formula (a NaN in, a NaN out).
func TanhBackwardFromOutput(dx, dy, y []float32) {
	native.TanhBackwardFromOutput(dx, dy, y)
}

// GELUTanh sets dst[i] = 0.5*x*(1+tanh(sqrt(2/π)*(x+0.044715*x³))), the
// tanh approximation of GELU (PyTorch's approximate="tanh"), for x = x[i].
//
// It is computed as x*sigmoid(v), v = 2*sqrt(2/π)*(x+0.044715*x³), which is
// the same function without the cancellation of 1+tanh for negative x, and
// with v carried in extra precision, so that the result is within 3 ulp of
// the exact value rounded to float32 on every float32 input, down to the
// tail: GELUTanh(-10.5) is -7.4e-43 (subnormal, underflowing gradually, never
// flushed), and every x from about -10.77 down gives -0. ±0 gives ±0, +Inf
// gives +Inf, -Inf gives -0, and a NaN x comes out quieted, with its payload.
func GELUTanh(dst, x []float32) {
	native.GELUTanh(dst, x)
}

// GELUTanhBackward sets dx[i] = dy[i]*d(x[i]), the gradient of GELUTanh
// given the gradient dy of its output and its input x, where
// d(x) = s + x*s*(1-s)*v'(x), s = sigmoid(v), is the derivative of GELUTanh.
//
// The result is within 4 ulp of the exact value rounded to float32, or
// within 2^-21*|dy|*M, M = s + |x*s*(1-s)*v'(x)| the sum of the magnitudes
// of d's two terms, whichever is larger. The second bound matters near
// x = -0.7525, where d has its zero and its terms cancel, and around
// x = -3, where the assembly kernels may be 5 ulp off. Tiny results
// underflow gradually, and no intermediate overflows where the result does
// not, for any dy. NaNs propagate (a NaN in, a NaN out); an infinite dy
// gives ±Inf at every finite x, by the sign of d (next to its zero, where
// the computed d may be 0 or of either sign, ±Inf or NaN), and NaN at
// x = -Inf, where the derivative's limit is -0.
func GELUTanhBackward(dx, dy, x []float32) {
	native.GELUTanhBackward(dx, dy, x)
}
