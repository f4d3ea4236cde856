//go:build gc && !purego && (amd64 || arm64)

package asm

import (
	"github.com/simdact/simdact/internal/check"
	"github.com/simdact/simdact/kernels"
)

// Swish is simdact.Swish. With beta = 1 it is SiLU; beta = 0 (x/2) runs
// the pure-Go kernel.
func (k Impl) Swish(dst, x []float32, beta float32) {
	if check.BadUnary(dst, x) {
		check.PanicUnary("Swish", dst, x)
	}
	check.Finite("Swish", "beta", beta)
	switch {
	case beta == 1:
		k.SiLU(dst, x)
	case k.isa == generic || beta == 0:
		kernels.Swish(dst, x, beta)
	default:
		k.swish(dst, x, beta)
	}
}

// SwishBackward is simdact.SwishBackward. With beta = 1 it is
// SiLUBackward; beta = 0 (dy/2) runs the pure-Go kernel.
func (k Impl) SwishBackward(dx, dy, x []float32, beta float32) {
	if check.BadUnary(dx, x) || check.BadUnary(dx, dy) {
		check.PanicBinary("SwishBackward", "x", dx, dy, x)
	}
	check.Finite("SwishBackward", "beta", beta)
	switch {
	case beta == 1:
		k.SiLUBackward(dx, dy, x)
	case k.isa == generic || beta == 0:
		kernels.SwishBackward(dx, dy, x, beta)
	default:
		k.swishBackward(dx, dy, x, beta)
	}
}
