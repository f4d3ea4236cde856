package kernels

import "github.com/simdact/simdact/internal/check"

// PLACEHOLDER: replaced by the final kernels.

func Hardtanh(dst, x []float32, min, max float32) {
	check.Unary("Hardtanh", dst, x)
	check.Range("Hardtanh", min, max)
	for i, v := range x[:len(dst)] {
		if v < min {
			v = min
		} else if v > max {
			v = max
		}
		dst[i] = v
	}
}

func HardtanhBackward(dx, dy, x []float32, min, max float32) {
	check.Binary("HardtanhBackward", "x", dx, dy, x)
	check.Range("HardtanhBackward", min, max)
	for i, v := range x[:len(dx)] {
		g := dy[i]
		if v <= min || v >= max {
			g = 0
		}
		dx[i] = g
	}
}

func HardSigmoid(dst, x []float32) {
	check.Unary("HardSigmoid", dst, x)
	for i, v := range x[:len(dst)] {
		dst[i] = min(max(v+3, 0), 6) / 6
	}
}

func HardSigmoidBackward(dx, dy, x []float32) {
	check.Binary("HardSigmoidBackward", "x", dx, dy, x)
	for i, v := range x[:len(dx)] {
		var g float32
		if -3 < v && v < 3 {
			g = dy[i] * float32(1.0/6)
		}
		dx[i] = g
	}
}

func HardSwish(dst, x []float32) {
	check.Unary("HardSwish", dst, x)
	for i, v := range x[:len(dst)] {
		dst[i] = v * min(max(v+3, 0), 6) / 6
	}
}

func HardSwishBackward(dx, dy, x []float32) {
	check.Binary("HardSwishBackward", "x", dx, dy, x)
	for i, v := range x[:len(dx)] {
		g := dy[i]
		if v < -3 {
			g = 0
		} else if v < 3 {
			g = g * (v/3 + 0.5)
		}
		dx[i] = g
	}
}

func Threshold(dst, x []float32, threshold, value float32) {
	check.Unary("Threshold", dst, x)
	for i, v := range x[:len(dst)] {
		if v <= threshold {
			v = value
		}
		dst[i] = v
	}
}

func ThresholdBackward(dx, dy, x []float32, threshold float32) {
	check.Binary("ThresholdBackward", "x", dx, dy, x)
	for i, v := range x[:len(dx)] {
		g := dy[i]
		if v <= threshold {
			g = 0
		}
		dx[i] = g
	}
}
