//go:build gc && !purego

package asm

import (
	"github.com/simdact/simdact/internal/check"
	"github.com/simdact/simdact/kernels"
)

// Sigmoid is simdact.Sigmoid.
func (k Impl) Sigmoid(dst, x []float32) {
	if check.BadUnary(dst, x) {
		check.PanicUnary("Sigmoid", dst, x)
	}
	switch k.isa {
	case avx512:
		sigmoidAVX512(dst, x, k.stream(len(x), unaryBytes))
	case avx2:
		sigmoidAVX2(dst, x, k.stream(len(x), unaryBytes))
	default:
		kernels.Sigmoid(dst, x)
	}
}

// SigmoidBackward is simdact.SigmoidBackward.
func (k Impl) SigmoidBackward(dx, dy, y []float32) {
	if check.BadUnary(dx, y) || check.BadUnary(dx, dy) {
		check.PanicBinary("SigmoidBackward", "y", dx, dy, y)
	}
	switch k.isa {
	case avx512:
		sigmoidBackwardAVX512(dx, dy, y, k.stream(len(y), binaryBytes))
	case avx2:
		sigmoidBackwardAVX2(dx, dy, y, k.stream(len(y), binaryBytes))
	default:
		kernels.SigmoidBackward(dx, dy, y)
	}
}

// SiLU is simdact.SiLU.
func (k Impl) SiLU(dst, x []float32) {
	if check.BadUnary(dst, x) {
		check.PanicUnary("SiLU", dst, x)
	}
	switch k.isa {
	case avx512:
		siluAVX512(dst, x, k.stream(len(x), unaryBytes))
	case avx2:
		siluAVX2(dst, x, k.stream(len(x), unaryBytes))
	default:
		kernels.SiLU(dst, x)
	}
}

// SiLUBackward is simdact.SiLUBackward.
func (k Impl) SiLUBackward(dx, dy, x []float32) {
	if check.BadUnary(dx, x) || check.BadUnary(dx, dy) {
		check.PanicBinary("SiLUBackward", "x", dx, dy, x)
	}
	switch k.isa {
	case avx512:
		siluBackwardAVX512(dx, dy, x, k.stream(len(x), binaryBytes))
	case avx2:
		siluBackwardAVX2(dx, dy, x, k.stream(len(x), binaryBytes))
	default:
		kernels.SiLUBackward(dx, dy, x)
	}
}

// Softplus is simdact.Softplus.
func (k Impl) Softplus(dst, x []float32, beta, threshold float32) {
	if check.BadUnary(dst, x) {
		check.PanicUnary("Softplus", dst, x)
	}
	check.Beta("Softplus", beta)
	switch mant, e := splitBeta(beta); k.isa {
	case avx512:
		softplusAVX512(dst, x, beta, threshold, mant, e, k.stream(len(x), unaryBytes))
	case avx2:
		softplusAVX2(dst, x, beta, threshold, mant, e, k.stream(len(x), unaryBytes))
	default:
		kernels.Softplus(dst, x, beta, threshold)
	}
}

// SoftplusBackward is simdact.SoftplusBackward.
func (k Impl) SoftplusBackward(dx, dy, x []float32, beta, threshold float32) {
	if check.BadUnary(dx, x) || check.BadUnary(dx, dy) {
		check.PanicBinary("SoftplusBackward", "x", dx, dy, x)
	}
	check.Beta("SoftplusBackward", beta)
	switch k.isa {
	case avx512:
		softplusBackwardAVX512(dx, dy, x, beta, threshold, k.stream(len(x), binaryBytes))
	case avx2:
		softplusBackwardAVX2(dx, dy, x, beta, threshold, k.stream(len(x), binaryBytes))
	default:
		kernels.SoftplusBackward(dx, dy, x, beta, threshold)
	}
}

// Mish is simdact.Mish.
func (k Impl) Mish(dst, x []float32) {
	if check.BadUnary(dst, x) {
		check.PanicUnary("Mish", dst, x)
	}
	switch k.isa {
	case avx512:
		mishAVX512(dst, x, k.stream(len(x), unaryBytes))
	case avx2:
		mishAVX2(dst, x, k.stream(len(x), unaryBytes))
	default:
		kernels.Mish(dst, x)
	}
}

// MishBackward is simdact.MishBackward.
func (k Impl) MishBackward(dx, dy, x []float32) {
	if check.BadUnary(dx, x) || check.BadUnary(dx, dy) {
		check.PanicBinary("MishBackward", "x", dx, dy, x)
	}
	switch k.isa {
	case avx512:
		mishBackwardAVX512(dx, dy, x, k.stream(len(x), binaryBytes))
	case avx2:
		mishBackwardAVX2(dx, dy, x, k.stream(len(x), binaryBytes))
	default:
		kernels.MishBackward(dx, dy, x)
	}
}
