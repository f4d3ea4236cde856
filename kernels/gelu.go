package kernels

import (
	"math"

	"github.com/simdact/simdact/internal/check"
)

// PLACEHOLDER (float64): replaced by the float32 kernels.

func GELU(dst, x []float32) {
	check.Unary("GELU", dst, x)
	for i, v := range x[:len(dst)] {
		w := float64(v)
		dst[i] = float32(0.5 * w * math.Erfc(-w/math.Sqrt2))
	}
}

func GELUBackward(dx, dy, x []float32) {
	check.Binary("GELUBackward", "x", dx, dy, x)
	for i, v := range x[:len(dx)] {
		w := float64(v)
		d := 0.5*math.Erfc(-w/math.Sqrt2) + w*math.Exp(-w*w/2)/math.Sqrt(2*math.Pi)
		dx[i] = float32(float64(dy[i]) * d)
	}
}
