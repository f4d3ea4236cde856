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
	if k.isa == neon {
		hardtanhNEON(dst, x, min, max)
		return
	}
	kernels.Hardtanh(dst, x, min, max)
}

// HardtanhBackward is simdact.HardtanhBackward.
func (k Impl) HardtanhBackward(dx, dy, x []float32, min, max float32) {
	if check.BadUnary(dx, x) || check.BadUnary(dx, dy) {
		check.PanicBinary("HardtanhBackward", "x", dx, dy, x)
	}
	check.Range("HardtanhBackward", min, max)
	if k.isa == neon {
		hardtanhBackwardNEON(dx, dy, x, min, max)
		return
	}
	kernels.HardtanhBackward(dx, dy, x, min, max)
}

// HardSigmoid is simdact.HardSigmoid.
func (k Impl) HardSigmoid(dst, x []float32) {
	if check.BadUnary(dst, x) {
		check.PanicUnary("HardSigmoid", dst, x)
	}
	if k.isa == neon {
		hardSigmoidNEON(dst, x)
		return
	}
	kernels.HardSigmoid(dst, x)
}

// HardSigmoidBackward is simdact.HardSigmoidBackward.
func (k Impl) HardSigmoidBackward(dx, dy, x []float32) {
	if check.BadUnary(dx, x) || check.BadUnary(dx, dy) {
		check.PanicBinary("HardSigmoidBackward", "x", dx, dy, x)
	}
	if k.isa == neon {
		hardSigmoidBackwardNEON(dx, dy, x)
		return
	}
	kernels.HardSigmoidBackward(dx, dy, x)
}

// HardSwish is simdact.HardSwish.
func (k Impl) HardSwish(dst, x []float32) {
	if check.BadUnary(dst, x) {
		check.PanicUnary("HardSwish", dst, x)
	}
	if k.isa == neon {
		hardSwishNEON(dst, x)
		return
	}
	kernels.HardSwish(dst, x)
}

// HardSwishBackward is simdact.HardSwishBackward.
func (k Impl) HardSwishBackward(dx, dy, x []float32) {
	if check.BadUnary(dx, x) || check.BadUnary(dx, dy) {
		check.PanicBinary("HardSwishBackward", "x", dx, dy, x)
	}
	if k.isa == neon {
		hardSwishBackwardNEON(dx, dy, x)
		return
	}
	kernels.HardSwishBackward(dx, dy, x)
}

// Threshold is simdact.Threshold.
func (k Impl) Threshold(dst, x []float32, threshold, value float32) {
	if check.BadUnary(dst, x) {
		check.PanicUnary("Threshold", dst, x)
	}
	if k.isa == neon {
		thresholdNEON(dst, x, threshold, value)
		return
	}
	kernels.Threshold(dst, x, threshold, value)
}

// ThresholdBackward is simdact.ThresholdBackward.
func (k Impl) ThresholdBackward(dx, dy, x []float32, threshold float32) {
	if check.BadUnary(dx, x) || check.BadUnary(dx, dy) {
		check.PanicBinary("ThresholdBackward", "x", dx, dy, x)
	}
	if k.isa == neon {
		thresholdBackwardNEON(dx, dy, x, threshold)
		return
	}
	kernels.ThresholdBackward(dx, dy, x, threshold)
}
