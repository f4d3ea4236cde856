package kernels

import (
	"math"

	"github.com/simdact/simdact/internal/check"
)

// PLACEHOLDER (float64): replaced by the float32 kernels.

func Tanh(dst, x []float32) {
	check.Unary("Tanh", dst, x)
	for i, v := range x[:len(dst)] {
		dst[i] = float32(math.Tanh(float64(v)))
	}
}

func TanhBackward(dx, dy, y []float32) {
	check.Binary("TanhBackward", "y", dx, dy, y)
	for i, v := range y[:len(dx)] {
		w := float64(v)
		dx[i] = float32(float64(dy[i]) * (1 - w*w))
	}
}

const geluK = 0.7978845608028654 // sqrt(2/pi)

func GELUTanh(dst, x []float32) {
	check.Unary("GELUTanh", dst, x)
	for i, v := range x[:len(dst)] {
		w := float64(v)
		dst[i] = float32(0.5 * w * (1 + math.Tanh(geluK*(w+0.044715*w*w*w))))
	}
}

func GELUTanhBackward(dx, dy, x []float32) {
	check.Binary("GELUTanhBackward", "x", dx, dy, x)
	for i, v := range x[:len(dx)] {
		w := float64(v)
		t := math.Tanh(geluK * (w + 0.044715*w*w*w))
		d := 0.5*(1+t) + 0.5*w*(1-t*t)*geluK*(1+3*0.044715*w*w)
		dx[i] = float32(float64(dy[i]) * d)
	}
}
