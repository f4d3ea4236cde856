package simdact

// Softsign sets dst[i] = x[i]/(1+|x[i]|).
//
// The result is within 1 ulp of the exact value rounded to float32 (one
// division, its rounding corrected by the exact residual). Softsign(±Inf)
// = ±1, ±0 gives ±0, and a NaN x comes out quieted, with its payload.
func Softsign(dst, x []float32) {
	native.Softsign(dst, x)
}

// SoftsignBackward sets dx[i] = dy[i]/(1+|x[i]|)², the gradient of Softsign
// given the gradient dy of its output and its input x.
//
// The result is within 4 ulp of the float64 value, or within
// 2^-21·|dy|/(1+|x|)², whichever is larger; (1+|x|)² is never formed, so
// that nothing overflows before the result does. An infinite x gives ±0
// (NaN for an infinite dy, as the formula does), and a NaN dy or x gives a
// NaN.
func SoftsignBackward(dx, dy, x []float32) {
	native.SoftsignBackward(dx, dy, x)
}
