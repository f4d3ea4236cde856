package kernels

import (
	"math"

	"github.com/simdact/simdact/internal/check"
)

// PLACEHOLDER (float64): replaced by the float32 kernels.

func Sigmoid(dst, x []float32) {
	check.Unary("Sigmoid", dst, x)
	for i, v := range x[:len(dst)] {
		dst[i] = float32(sigmoid64(float64(v)))
	}
}

func sigmoid64(v float64) float64 { return 1 / (1 + math.Exp(-v)) }

func SigmoidBackward(dx, dy, y []float32) {
	check.Binary("SigmoidBackward", "y", dx, dy, y)
	for i, v := range y[:len(dx)] {
		w := float64(v)
		dx[i] = float32(float64(dy[i]) * w * (1 - w))
	}
}

func SiLU(dst, x []float32) {
	check.Unary("SiLU", dst, x)
	for i, v := range x[:len(dst)] {
		dst[i] = float32(float64(v) * sigmoid64(float64(v)))
	}
}

func SiLUBackward(dx, dy, x []float32) {
	check.Binary("SiLUBackward", "x", dx, dy, x)
	for i, v := range x[:len(dx)] {
		w := float64(v)
		s := sigmoid64(w)
		dx[i] = float32(float64(dy[i]) * s * (1 + w*(1-s)))
	}
}

func Softplus(dst, x []float32, beta, threshold float32) {
	check.Unary("Softplus", dst, x)
	for i, v := range x[:len(dst)] {
		dst[i] = v
		if !(v*beta > threshold) {
			dst[i] = float32(math.Log1p(math.Exp(float64(beta)*float64(v))) / float64(beta))
		}
	}
}

func SoftplusBackward(dx, dy, x []float32, beta, threshold float32) {
	check.Binary("SoftplusBackward", "x", dx, dy, x)
	for i, v := range x[:len(dx)] {
		g := dy[i]
		if !(v*beta > threshold) {
			g = float32(float64(g) * sigmoid64(float64(beta)*float64(v)))
		}
		dx[i] = g
	}
}

func Mish(dst, x []float32) {
	check.Unary("Mish", dst, x)
	for i, v := range x[:len(dst)] {
		w := float64(v)
		dst[i] = float32(w * math.Tanh(math.Log1p(math.Exp(w))))
	}
}

func MishBackward(dx, dy, x []float32) {
	check.Binary("MishBackward", "x", dx, dy, x)
	for i, v := range x[:len(dx)] {
		w := float64(v)
		t := math.Tanh(math.Log1p(math.Exp(w)))
		dx[i] = float32(float64(dy[i]) * (t + w*sigmoid64(w)*(1-t*t)))
	}
}
