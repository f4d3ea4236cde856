//go:build gc && !purego

package asm

import (
	"github.com/simdact/simdact/internal/check"
	"github.com/simdact/simdact/kernels"
)

// GELU is simdact.GELU.
func (k Impl) GELU(dst, x []float32) {
	if check.BadUnary(dst, x) {
		check.PanicUnary("GELU", dst, x)
	}
	if k.isa == neon {
		geluNEON(dst, x)
		return
	}
	kernels.GELU(dst, x)
}

// GELUBackward is simdact.GELUBackward.
func (k Impl) GELUBackward(dx, dy, x []float32) {
	if check.BadUnary(dx, x) || check.BadUnary(dx, dy) {
		check.PanicBinary("GELUBackward", "x", dx, dy, x)
	}
	if k.isa == neon {
		geluBackwardNEON(dx, dy, x)
		return
	}
	kernels.GELUBackward(dx, dy, x)
}
