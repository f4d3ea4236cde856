//go:build gc && !purego

package asm

import (
	"github.com/simdact/simdact/internal/check"
	"github.com/simdact/simdact/kernels"
)

// Hardtanh is simdact.Hardtanh.
func (k Impl) Hardtanh(dst, x []float32, min, max float32) {
	if check.BadUnary(dst, x) {
		check.PanicUnary("Hardtanh", dst, x)
	}
	check.Range("Hardtanh", min, max)
	switch k.isa {
	case avx512:
		hardtanhAVX512(dst, x, min, max, k.stream(len(x), unaryBytes))
	case avx2:
		hardtanhAVX2(dst, x, min, max, k.stream(len(x), unaryBytes))
	default:
		kernels.Hardtanh(dst, x, min, max)
	}
}

// HardtanhBackward is simdact.HardtanhBackward.
func (k Impl) HardtanhBackward(dx, dy, x []float32, min, max float32) {
	if check.BadUnary(dx, x) || check.BadUnary(dx, dy) {
		check.PanicBinary("HardtanhBackward", "x", dx, dy, x)
	}
	check.Range("HardtanhBackward", min, max)
	switch k.isa {
	case avx512:
		hardtanhBackwardAVX512(dx, dy, x, min, max, k.stream(len(x), binaryBytes))
	case avx2:
		hardtanhBackwardAVX2(dx, dy, x, min, max, k.stream(len(x), binaryBytes))
	default:
		kernels.HardtanhBackward(dx, dy, x, min, max)
	}
}

// HardSigmoid is simdact.HardSigmoid.
func (k Impl) HardSigmoid(dst, x []float32) {
	if check.BadUnary(dst, x) {
		check.PanicUnary("HardSigmoid", dst, x)
	}
	switch k.isa {
	case avx512:
		hardSigmoidAVX512(dst, x, k.stream(len(x), unaryBytes))
	case avx2:
		hardSigmoidAVX2(dst, x, k.stream(len(x), unaryBytes))
	default:
		kernels.HardSigmoid(dst, x)
	}
}

// HardSigmoidBackward is simdact.HardSigmoidBackward.
func (k Impl) HardSigmoidBackward(dx, dy, x []float32) {
	if check.BadUnary(dx, x) || check.BadUnary(dx, dy) {
		check.PanicBinary("HardSigmoidBackward", "x", dx, dy, x)
	}
	switch k.isa {
	case avx512:
		hardSigmoidBackwardAVX512(dx, dy, x, k.stream(len(x), binaryBytes))
	case avx2:
		hardSigmoidBackwardAVX2(dx, dy, x, k.stream(len(x), binaryBytes))
	default:
		kernels.HardSigmoidBackward(dx, dy, x)
	}
}

// HardSwish is simdact.HardSwish.
func (k Impl) HardSwish(dst, x []float32) {
	if check.BadUnary(dst, x) {
		check.PanicUnary("HardSwish", dst, x)
	}
	switch k.isa {
	case avx512:
		hardSwishAVX512(dst, x, k.stream(len(x), unaryBytes))
	case avx2:
		hardSwishAVX2(dst, x, k.stream(len(x), unaryBytes))
	default:
		kernels.HardSwish(dst, x)
	}
}

// HardSwishBackward is simdact.HardSwishBackward.
func (k Impl) HardSwishBackward(dx, dy, x []float32) {
	if check.BadUnary(dx, x) || check.BadUnary(dx, dy) {
		check.PanicBinary("HardSwishBackward", "x", dx, dy, x)
	}
	switch k.isa {
	case avx512:
		hardSwishBackwardAVX512(dx, dy, x, k.stream(len(x), binaryBytes))
	case avx2:
		hardSwishBackwardAVX2(dx, dy, x, k.stream(len(x), binaryBytes))
	default:
		kernels.HardSwishBackward(dx, dy, x)
	}
}

// Threshold is simdact.Threshold.
func (k Impl) Threshold(dst, x []float32, threshold, value float32) {
	if check.BadUnary(dst, x) {
		check.PanicUnary("Threshold", dst, x)
	}
	switch k.isa {
	case avx512:
		thresholdAVX512(dst, x, threshold, value, k.stream(len(x), unaryBytes))
	case avx2:
		thresholdAVX2(dst, x, threshold, value, k.stream(len(x), unaryBytes))
	default:
		kernels.Threshold(dst, x, threshold, value)
	}
}

// ThresholdBackward is simdact.ThresholdBackward.
func (k Impl) ThresholdBackward(dx, dy, x []float32, threshold float32) {
	if check.BadUnary(dx, x) || check.BadUnary(dx, dy) {
		check.PanicBinary("ThresholdBackward", "x", dx, dy, x)
	}
	switch k.isa {
	case avx512:
		thresholdBackwardAVX512(dx, dy, x, threshold, k.stream(len(x), binaryBytes))
	case avx2:
		thresholdBackwardAVX2(dx, dy, x, threshold, k.stream(len(x), binaryBytes))
	default:
		kernels.ThresholdBackward(dx, dy, x, threshold)
	}
}
