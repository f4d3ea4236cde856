//go:build gc && !purego && (amd64 || arm64)

package asm

import "math"

// splitBeta returns mant and e with beta = mant·2^e, 1 <= |mant| < 2, for a
// finite non-zero beta (a subnormal one too): the Softplus kernels compute
// log1p(exp(t))/beta as (log1p(exp(t))·2^-n/mant)·2^(n-e), n = round(t·log2(e)),
// so that it rounds once, however small, for any such beta.
func splitBeta(beta float32) (mant float32, e int32) {
	frac, exp := math.Frexp(float64(beta)) // |frac| in [0.5, 1)
	return float32(2 * frac), int32(exp - 1)
}
