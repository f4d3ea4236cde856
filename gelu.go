package simdact

// GELU sets dst[i] = x[i]*Phi(x[i]), the Gaussian error linear unit, where
// Phi is the standard normal distribution function: 0.5*x*erfc(-x/√2)
// (PyTorch's GELU with approximate="none"; see GELUTanh for the tanh
// approximation).
//
// The result is within 3 ulp of the exact value rounded to float32 on every
// float32 input (1 ulp as measured on all of them): every implementation
// computes Phi(-|x|) = R(|x|)·exp(-x²/2) in float64, R a rational function,
// and rounds once. The negative tail is computed, never cut off: GELU(-10)
// is -7.62e-23 (PyTorch 1.13 returns 0), results below x = -13.2 are
// subnormal and underflow gradually, and from x = -14.1 down they are -0.
// From x = 5.3 up, Phi(x) rounds to 1 and GELU(x) = x. ±0 gives ±0, -Inf
// gives -0, +Inf gives +Inf, and a NaN x comes out quieted, with its
// payload.
//
// It panics, before writing anything, if len(dst) != len(x) or if dst and x
// overlap without being the same slice.
func GELU(dst, x []float32) {
	native.GELU(dst, x)
}

// GELUBackward sets dx[i] = dy[i]*(Phi(x[i]) + x[i]*phi(x[i])), the gradient
// of GELU given the gradient dy of its output and its input x, phi being
// the standard normal density.
//
// The result is within 4 ulp of the exact value rounded to float32, or
// within 2^-21·|dy|·(Phi(x) + |x*phi(x)|), whichever is larger (the bound
// of every smooth backward pass; see the package documentation). The
// derivative is computed in float64 and dy times it rounded once, which
// keeps the error within a quarter of the second bound, and within 1 ulp
// wherever the derivative is not near its zero at x = -0.7518. It underflows
// gradually, and no intermediate overflows: dy = ±3e38 gives a finite
// result wherever the exact one is. x = +Inf gives dy; x = -Inf gives the
// limit as x goes to -Inf: ∓0 for a finite dy (the derivative is negative
// there), ∓Inf for an infinite one. A NaN dy or x gives a NaN.
//
// It panics, before writing anything, if the lengths differ or if dx
// overlaps dy or x without being the same slice.
func GELUBackward(dx, dy, x []float32) {
	native.GELUBackward(dx, dy, x)
}
