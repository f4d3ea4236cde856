package kernels

import (
	"math"
	"testing"
)

// plainSoftmax is Softmax as a plain loop over math.Exp, the yardstick of
// the pure-Go kernels' speed.
func plainSoftmax(dst, x []float32, cols int) {
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

// plainLSB is LogSoftmaxBackward as a plain loop over math.Exp.
func plainLSB(dx, dy, y []float32, cols int) {
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

// BenchmarkSoftmaxSpeed compares the pure-Go softmax kernels with plain
// loops over math.Exp, at cols = 256: they should be at least 4 times as
// fast.
func BenchmarkSoftmaxSpeed(b *testing.B) {
	x := make([]float32, 4096)
	for i := range x {
		x[i] = float32(math.Sin(float64(i))) * 5
	}
	d := make([]float32, 4096)
	b.Run("plain-forward", func(b *testing.B) {
		for b.Loop() {
			plainSoftmax(d, x, 256)
		}
	})
	b.Run("Softmax", func(b *testing.B) {
		for b.Loop() {
			Softmax(d, x, 256)
		}
	})
	b.Run("LogSoftmax", func(b *testing.B) {
		for b.Loop() {
			LogSoftmax(d, x, 256)
		}
	})
	b.Run("plain-backward", func(b *testing.B) {
		for b.Loop() {
			plainLSB(d, x, x, 256)
		}
	})
	b.Run("LogSoftmaxBackward", func(b *testing.B) {
		for b.Loop() {
			LogSoftmaxBackward(d, x, x, 256)
		}
	})
}
