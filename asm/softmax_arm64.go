//go:build gc && !purego

package asm

import (
	"github.com/simdact/simdact/internal/check"
	"github.com/simdact/simdact/kernels"
)

// The softmax kernels run every row of a call in one assembly call, and
// write with ordinary stores at every size: a row is read again (and, for
// Softmax, its output too) after its first pass, so it must stay in cache.

// Softmax is simdact.Softmax.
func (k Impl) Softmax(dst, x []float32, cols int) {
	check.Rows("Softmax", dst, x, cols)
	if k.isa == neon {
		softmaxNEON(dst, x, cols)
	} else {
		kernels.Softmax(dst, x, cols)
	}
}

// SoftmaxBackward is simdact.SoftmaxBackward.
func (k Impl) SoftmaxBackward(dx, dy, y []float32, cols int) {
	check.RowsBinary("SoftmaxBackward", "y", dx, dy, y, cols)
	if k.isa == neon {
		softmaxBackwardNEON(dx, dy, y, cols)
	} else {
		kernels.SoftmaxBackward(dx, dy, y, cols)
	}
}

// LogSoftmax is simdact.LogSoftmax.
func (k Impl) LogSoftmax(dst, x []float32, cols int) {
	check.Rows("LogSoftmax", dst, x, cols)
	if k.isa == neon {
		logSoftmaxNEON(dst, x, cols)
	} else {
		kernels.LogSoftmax(dst, x, cols)
	}
}

// LogSoftmaxBackward is simdact.LogSoftmaxBackward.
func (k Impl) LogSoftmaxBackward(dx, dy, y []float32, cols int) {
	check.RowsBinary("LogSoftmaxBackward", "y", dx, dy, y, cols)
	if k.isa == neon {
		logSoftmaxBackwardNEON(dx, dy, y, cols)
	} else {
		kernels.LogSoftmaxBackward(dx, dy, y, cols)
	}
}
