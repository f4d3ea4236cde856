package kernels

import "github.com/simdact/simdact/internal/check"

// ReLU sets dst[i] = x[i] < 0 ? +0 : x[i]. NaN and -0 pass through unchanged.
func ReLU(dst, x []float32) {
	check.Unary("ReLU", dst, x)
	dst = dst[:len(x)]
	for i, v := range x {
		if v < 0 {
			v = 0
		}
		dst[i] = v
	}
}

// ReLUBackward sets dx[i] = x[i] <= 0 ? +0 : dy[i], so a NaN x passes dy.
func ReLUBackward(dx, dy, x []float32) {
	check.Binary("ReLUBackward", "x", dx, dy, x)
	dx, dy = dx[:len(x)], dy[:len(x)]
	for i, v := range x {
		g := dy[i]
		if v <= 0 {
			g = 0
		}
		dx[i] = g
	}
}

// LeakyReLU sets dst[i] = x[i] > 0 ? x[i] : x[i]*slope, with the NaNs of mul.
func LeakyReLU(dst, x []float32, slope float32) {
	check.Unary("LeakyReLU", dst, x)
	dst = dst[:len(x)]
	for i, v := range x {
		if !(v > 0) {
			v = mul(v, slope)
		}
		dst[i] = v
	}
}

// LeakyReLUBackward sets dx[i] = x[i] > 0 ? dy[i] : dy[i]*slope, with the NaNs
// of mul.
func LeakyReLUBackward(dx, dy, x []float32, slope float32) {
	check.Binary("LeakyReLUBackward", "x", dx, dy, x)
	dx, dy = dx[:len(x)], dy[:len(x)]
	for i, v := range x {
		g := dy[i]
		if !(v > 0) {
			g = mul(g, slope)
		}
		dx[i] = g
	}
}
