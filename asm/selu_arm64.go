//go:build gc && !purego

package asm

import (
	"github.com/simdact/simdact/internal/check"
	"github.com/simdact/simdact/kernels"
)

// SELU is simdact.SELU.
func (k Impl) SELU(dst, x []float32) {
	if check.BadUnary(dst, x) {
		check.PanicUnary("SELU", dst, x)
	}
	kernels.SELU(dst, x)
}

// SELUBackward is simdact.SELUBackward.
func (k Impl) SELUBackward(dx, dy, x []float32) {
	if check.BadUnary(dx, x) || check.BadUnary(dx, dy) {
		check.PanicBinary("SELUBackward", "x", dx, dy, x)
	}
	kernels.SELUBackward(dx, dy, x)
}

// CELU is simdact.CELU.
func (k Impl) CELU(dst, x []float32, alpha float32) {
	if check.BadUnary(dst, x) {
		check.PanicUnary("CELU", dst, x)
	}
	check.NonZero("CELU", alpha)
	kernels.CELU(dst, x, alpha)
}

// CELUBackward is simdact.CELUBackward.
func (k Impl) CELUBackward(dx, dy, x []float32, alpha float32) {
	if check.BadUnary(dx, x) || check.BadUnary(dx, dy) {
		check.PanicBinary("CELUBackward", "x", dx, dy, x)
	}
	check.NonZero("CELUBackward", alpha)
	kernels.CELUBackward(dx, dy, x, alpha)
}
