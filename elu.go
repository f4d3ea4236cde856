package simdact

// ELU sets dst[i] = x[i] > 0 ? x[i] : alpha*expm1(x[i]), for any alpha.
//
// expm1 is a true expm1, not exp(x)-1: the result is within 1 ulp of the
// exact alpha*expm1(x) rounded to float32 for alpha = 1, and within 2 ulp
// for any other alpha, on every float32 input. It is exact where expm1 is: a
// NaN x comes out quieted, with its payload; -0 gives alpha*-0; a subnormal x
// gives alpha*x rounded once (never flushed); -Inf, and every x below -17.33,
// where expm1 rounds to -1, give -alpha; +Inf gives +Inf. 0 × ∞ (alpha = ±Inf
// and x = ±0) gives the quiet NaN 0xffc00000, as on x86, on every CPU.
func ELU(dst, x []float32, alpha float32) {
	native.ELU(dst, x, alpha)
}

// ELUBackward sets dx[i] = x[i] > 0 ? dy[i] : dy[i]*alpha*exp(x[i]), the
// gradient of ELU given the gradient dy of its output and its input x.
//
// The result is within 3 ulp of the exact value rounded to float32. Below
// x = -87.34, where exp(x) is subnormal, it is within (|dy*alpha| + 1)·2^-149:
// exp underflows gradually, never to zero too early, and an infinite
// dy*alpha gives ±Inf for every x whose float64 exp is not 0 (x > -745.13324).
// No intermediate overflows where the result does not, whatever alpha. A
// NaN dy comes out quieted (dy passes through unchanged where x > 0, even a
// signalling NaN); a NaN x gives a NaN.
func ELUBackward(dx, dy, x []float32, alpha float32) {
	native.ELUBackward(dx, dy, x, alpha)
}

// ELUBackwardFromOutput sets dx[i] = y[i] > 0 ? dy[i] : dy[i]*(y[i]+alpha),
// the gradient of ELU given the gradient dy of its output and its output y
// (for alpha >= 0, ELU's output determines the gradient). The result is
// exact: every implementation returns the bits of the formula in IEEE
// float32 arithmetic, with x86's NaNs as LeakyReLU has them. It panics if
// alpha is negative or NaN.
func ELUBackwardFromOutput(dx, dy, y []float32, alpha float32) {
	native.ELUBackwardFromOutput(dx, dy, y, alpha)
}
