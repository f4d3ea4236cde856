package kernels

import (
	"math"

	"github.com/simdact/simdact/internal/check"
)

// PLACEHOLDER (float64): replaced by the float32 kernels.

const (
	seluAlpha = 1.6732632423543772848170429916717
	seluScale = 1.0507009873554804934193349852946
)

func SELU(dst, x []float32) {
	check.Unary("SELU", dst, x)
	for i, v := range x[:len(dst)] {
		w := float64(v)
		if !(w > 0) {
			w = seluAlpha * math.Expm1(w)
		}
		dst[i] = float32(seluScale * w)
	}
}

func SELUBackward(dx, dy, x []float32) {
	check.Binary("SELUBackward", "x", dx, dy, x)
	for i, v := range x[:len(dx)] {
		d := seluScale
		if !(v > 0) {
			d *= seluAlpha * math.Exp(float64(v))
		}
		dx[i] = float32(float64(dy[i]) * d)
	}
}

func CELU(dst, x []float32, alpha float32) {
	check.Unary("CELU", dst, x)
	check.NonZero("CELU", alpha)
	for i, v := range x[:len(dst)] {
		if !(v > 0) {
			a := float64(alpha)
			v = float32(a * math.Expm1(float64(v)/a))
		}
		dst[i] = v
	}
}

func CELUBackward(dx, dy, x []float32, alpha float32) {
	check.Binary("CELUBackward", "x", dx, dy, x)
	check.NonZero("CELUBackward", alpha)
	for i, v := range x[:len(dx)] {
		g := dy[i]
		if !(v > 0) {
			g = float32(float64(g) * math.Exp(float64(v)/float64(alpha)))
		}
		dx[i] = g
	}
}
