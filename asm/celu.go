//go:build gc && !purego && (amd64 || arm64)

package asm

import (
	"github.com/simdact/simdact/internal/check"
	"github.com/simdact/simdact/internal/selu32"
	"github.com/simdact/simdact/kernels"
)

// CELU is simdact.CELU. With alpha = 1 it is ELU; alphas outside
// [selu32.VectorMin, selu32.VectorMax] (negative, tiny, huge or infinite)
// run the pure-Go kernel.
func (k Impl) CELU(dst, x []float32, alpha float32) {
	if check.BadUnary(dst, x) {
		check.PanicUnary("CELU", dst, x)
	}
	check.NonZero("CELU", alpha)
	switch {
	case k.isa == generic || !selu32.Vector(alpha):
		kernels.CELU(dst, x, alpha)
	case alpha == 1:
		k.ELU(dst, x, 1)
	default:
		k.celu(dst, x, alpha, selu32.CELUForward(alpha))
	}
}

// CELUBackward is simdact.CELUBackward. With alpha = 1 it is ELUBackward;
// alphas outside [selu32.VectorMin, selu32.VectorMax] run the pure-Go
// kernel.
func (k Impl) CELUBackward(dx, dy, x []float32, alpha float32) {
	if check.BadUnary(dx, x) || check.BadUnary(dx, dy) {
		check.PanicBinary("CELUBackward", "x", dx, dy, x)
	}
	check.NonZero("CELUBackward", alpha)
	switch {
	case k.isa == generic || !selu32.Vector(alpha):
		kernels.CELUBackward(dx, dy, x, alpha)
	case alpha == 1:
		k.ELUBackward(dx, dy, x, 1)
	default:
		k.celuBackward(dx, dy, x, selu32.CELUBackward(alpha))
	}
}
