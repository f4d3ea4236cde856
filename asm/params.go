//go:build gc && !purego && (amd64 || arm64)

package asm

import (
	"math"

	"github.com/simdact/simdact/internal/exp32"
	"github.com/simdact/simdact/internal/selu32"
)

// The arguments that the assembly kernels take beyond the API's, computed
// from its parameters (or, where those are fixed, once).

// splitBeta returns mant and e with beta = mant·2^e, 1 <= |mant| < 2, for a
// finite non-zero beta (a subnormal one too): the Softplus kernels compute
// log1p(exp(t))/beta as (log1p(exp(t))·2^-n/mant)·2^(n-e), n = round(t·log2(e)),
// so that it rounds once, however small, for any such beta.
func splitBeta(beta float32) (mant float32, e int32) {
	frac, exp := math.Frexp(float64(beta)) // |frac| in [0.5, 1)
	return float32(2 * frac), int32(exp - 1)
}

// posInf is +Inf, LogSigmoid's threshold for the Softplus kernels: no x
// passes it.
var posInf = float32(math.Inf(1))

// seluBackwardScales are SELUBackward's exp32.Backward, for ScaleAlpha32,
// and celuBackwardScales CELUBackward's, for 1 (x/alpha is reduced in x's
// units, see package selu32).
var (
	seluBackwardScales = exp32.Backward(selu32.ScaleAlpha32)
	celuBackwardScales = exp32.Backward(1)
)
