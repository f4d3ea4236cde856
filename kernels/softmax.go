package kernels

import (
	"math"

	"github.com/simdact/simdact/internal/check"
)

// PLACEHOLDER (float64): replaced by the float32 kernels.

func Softmax(dst, x []float32, cols int) {
	check.Rows("Softmax", dst, x, cols)
	for r := 0; r < len(x); r += cols {
		row, out := x[r:r+cols], dst[r:r+cols]
		m := math.Inf(-1)
		for _, v := range row {
			m = max(m, float64(v))
		}
		s := 0.0
		for _, v := range row {
			s += math.Exp(float64(v) - m)
		}
		for i, v := range row {
			out[i] = float32(math.Exp(float64(v)-m) / s)
		}
	}
}

func SoftmaxBackward(dx, dy, y []float32, cols int) {
	check.RowsBinary("SoftmaxBackward", "y", dx, dy, y, cols)
	for r := 0; r < len(y); r += cols {
		s := 0.0
		for i := r; i < r+cols; i++ {
			s += float64(dy[i]) * float64(y[i])
		}
		for i := r; i < r+cols; i++ {
			dx[i] = float32(float64(y[i]) * (float64(dy[i]) - s))
		}
	}
}

func LogSoftmax(dst, x []float32, cols int) {
	check.Rows("LogSoftmax", dst, x, cols)
	for r := 0; r < len(x); r += cols {
		row, out := x[r:r+cols], dst[r:r+cols]
		m := math.Inf(-1)
		for _, v := range row {
			m = max(m, float64(v))
		}
		s := 0.0
		for _, v := range row {
			s += math.Exp(float64(v) - m)
		}
		l := math.Log(s)
		for i, v := range row {
			out[i] = float32(float64(v) - m - l)
		}
	}
}

func LogSoftmaxBackward(dx, dy, y []float32, cols int) {
	check.RowsBinary("LogSoftmaxBackward", "y", dx, dy, y, cols)
	for r := 0; r < len(y); r += cols {
		s := 0.0
		for i := r; i < r+cols; i++ {
			s += float64(dy[i])
		}
		for i := r; i < r+cols; i++ {
			dx[i] = float32(float64(dy[i]) - math.Exp(float64(y[i]))*s)
		}
	}
}
