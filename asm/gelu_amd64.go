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
	switch k.isa {
	case avx512:
		geluAVX512(dst, x, k.stream(len(x), unaryBytes))
	case avx2:
		geluAVX2(dst, x, k.stream(len(x), unaryBytes))
	default:
		kernels.GELU(dst, x)
	}
}

// GELUBackward is simdact.GELUBackward.
func (k Impl) GELUBackward(dx, dy, x []float32) {
	if check.BadUnary(dx, x) || check.BadUnary(dx, dy) {
		check.PanicBinary("GELUBackward", "x", dx, dy, x)
	}
	switch k.isa {
	case avx512:
		geluBackwardAVX512(dx, dy, x, k.stream(len(x), binaryBytes))
	case avx2:
		geluBackwardAVX2(dx, dy, x, k.stream(len(x), binaryBytes))
	default:
		kernels.GELUBackward(dx, dy, x)
	}
}
