//go:build gc && !purego

package asm

import (
	"github.com/simdact/simdact/internal/check"
	"github.com/simdact/simdact/kernels"
)

// Tanh is simdact.Tanh.
func (k Impl) Tanh(dst, x []float32) {
	if check.BadUnary(dst, x) {
		check.PanicUnary("Tanh", dst, x)
	}
	switch k.isa {
	case avx512:
		tanhAVX512(dst, x, k.stream(len(x), unaryBytes))
	case avx2:
		tanhAVX2(dst, x, k.stream(len(x), unaryBytes))
	default:
		kernels.Tanh(dst, x)
	}
}

// TanhBackward is simdact.TanhBackward.
func (k Impl) TanhBackward(dx, dy, y []float32) {
	if check.BadUnary(dx, y) || check.BadUnary(dx, dy) {
		check.PanicBinary("TanhBackward", "y", dx, dy, y)
	}
	switch k.isa {
	case avx512:
		tanhBackwardAVX512(dx, dy, y, k.stream(len(y), binaryBytes))
	case avx2:
		tanhBackwardAVX2(dx, dy, y, k.stream(len(y), binaryBytes))
	default:
		kernels.TanhBackward(dx, dy, y)
	}
}

// GELUTanh is simdact.GELUTanh.
func (k Impl) GELUTanh(dst, x []float32) {
	if check.BadUnary(dst, x) {
		check.PanicUnary("GELUTanh", dst, x)
	}
	switch k.isa {
	case avx512:
		geluTanhAVX512(dst, x, k.stream(len(x), unaryBytes))
	case avx2:
		geluTanhAVX2(dst, x, k.stream(len(x), unaryBytes))
	default:
		kernels.GELUTanh(dst, x)
	}
}

// GELUTanhBackward is simdact.GELUTanhBackward.
func (k Impl) GELUTanhBackward(dx, dy, x []float32) {
	if check.BadUnary(dx, x) || check.BadUnary(dx, dy) {
		check.PanicBinary("GELUTanhBackward", "x", dx, dy, x)
	}
	switch k.isa {
	case avx512:
		geluTanhBackwardAVX512(dx, dy, x, k.stream(len(x), binaryBytes))
	case avx2:
		geluTanhBackwardAVX2(dx, dy, x, k.stream(len(x), binaryBytes))
	default:
		kernels.GELUTanhBackward(dx, dy, x)
	}
}
