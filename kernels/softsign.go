package kernels

import (
	"math"

	"github.com/simdact/simdact/internal/check"
)

// Softsign sets dst[i] = x[i]/(1+|x[i]|), within 1 ulp (in float64, rounded
// once). ±Inf gives ±1, ±0 gives ±0, and a NaN x comes out quieted, with
// its payload.
func Softsign(dst, x []float32) {
	check.Unary("Softsign", dst, x)
	dst = dst[:len(x)]
	for i, v := range x {
		a := math.Abs(float64(v))
		y := float32(float64(v) / (1 + a))
		if math.IsInf(a, 1) {
			y = float32(math.Copysign(1, float64(v)))
		}
		dst[i] = quietNaN(y, v)
	}
}

// SoftsignBackward sets dx[i] = dy[i]/(1+|x[i]|)², the gradient of Softsign
// given the gradient dy of its output and its input x, within 1 ulp (in
// float64, rounded once). An infinite x gives dy·+0 (NaN for an infinite
// dy, as the formula does).
func SoftsignBackward(dx, dy, x []float32) {
	check.Binary("SoftsignBackward", "x", dx, dy, x)
	dx, dy = dx[:len(x)], dy[:len(x)]
	for i, v := range x {
		d := 1 + math.Abs(float64(v))
		dx[i] = float32(float64(dy[i]) / (d * d))
	}
}
