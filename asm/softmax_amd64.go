//go:build gc && !purego

package asm

import (
	"github.com/simdact/simdact/internal/check"
	"github.com/simdact/simdact/kernels"
)

// Softmax is simdact.Softmax.
func (k Impl) Softmax(dst, x []float32, cols int) {
	check.Rows("Softmax", dst, x, cols)
	kernels.Softmax(dst, x, cols)
}

// SoftmaxBackward is simdact.SoftmaxBackward.
func (k Impl) SoftmaxBackward(dx, dy, y []float32, cols int) {
	check.RowsBinary("SoftmaxBackward", "y", dx, dy, y, cols)
	kernels.SoftmaxBackward(dx, dy, y, cols)
}

// LogSoftmax is simdact.LogSoftmax.
func (k Impl) LogSoftmax(dst, x []float32, cols int) {
	check.Rows("LogSoftmax", dst, x, cols)
	kernels.LogSoftmax(dst, x, cols)
}

// LogSoftmaxBackward is simdact.LogSoftmaxBackward.
func (k Impl) LogSoftmaxBackward(dx, dy, y []float32, cols int) {
	check.RowsBinary("LogSoftmaxBackward", "y", dx, dy, y, cols)
	kernels.LogSoftmaxBackward(dx, dy, y, cols)
}
