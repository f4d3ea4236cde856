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
	if k.isa == neon {
		sigmoidNEON(dst, x)
		return
	}
	kernels.Sigmoid(dst, x)
}

// SigmoidBackward is simdact.SigmoidBackward.
func (k Impl) SigmoidBackward(dx, dy, y []float32) {
	if check.BadUnary(dx, y) || check.BadUnary(dx, dy) {
		check.PanicBinary("SigmoidBackward", "y", dx, dy, y)
	}
	if k.isa == neon {
		sigmoidBackwardNEON(dx, dy, y)
		return
	}
	kernels.SigmoidBackward(dx, dy, y)
}

// SiLU is simdact.SiLU.
func (k Impl) SiLU(dst, x []float32) {
	if check.BadUnary(dst, x) {
		check.PanicUnary("SiLU", dst, x)
	}
	if k.isa == neon {
		siluNEON(dst, x)
		return
	}
	kernels.SiLU(dst, x)
}

// SiLUBackward is simdact.SiLUBackward.
func (k Impl) SiLUBackward(dx, dy, x []float32) {
	if check.BadUnary(dx, x) || check.BadUnary(dx, dy) {
		check.PanicBinary("SiLUBackward", "x", dx, dy, x)
	}
	if k.isa == neon {
		siluBackwardNEON(dx, dy, x)
		return
	}
	kernels.SiLUBackward(dx, dy, x)
}

// Softplus is simdact.Softplus.
func (k Impl) Softplus(dst, x []float32, beta, threshold float32) {
	if check.BadUnary(dst, x) {
		check.PanicUnary("Softplus", dst, x)
	}
	check.Beta("Softplus", beta)
	if k.isa == neon {
		mant, e := splitBeta(beta)
		softplusNEON(dst, x, beta, threshold, mant, e)
		return
	}
	kernels.Softplus(dst, x, beta, threshold)
}

// SoftplusBackward is simdact.SoftplusBackward.
func (k Impl) SoftplusBackward(dx, dy, x []float32, beta, threshold float32) {
	if check.BadUnary(dx, x) || check.BadUnary(dx, dy) {
		check.PanicBinary("SoftplusBackward", "x", dx, dy, x)
	}
	check.Beta("SoftplusBackward", beta)
	if k.isa == neon {
		softplusBackwardNEON(dx, dy, x, beta, threshold)
		return
	}
	kernels.SoftplusBackward(dx, dy, x, beta, threshold)
}

// Mish is simdact.Mish.
func (k Impl) Mish(dst, x []float32) {
	if check.BadUnary(dst, x) {
		check.PanicUnary("Mish", dst, x)
	}
	if k.isa == neon {
		mishNEON(dst, x)
		return
	}
	kernels.Mish(dst, x)
}

// MishBackward is simdact.MishBackward.
func (k Impl) MishBackward(dx, dy, x []float32) {
	if check.BadUnary(dx, x) || check.BadUnary(dx, dy) {
		check.PanicBinary("MishBackward", "x", dx, dy, x)
	}
	if k.isa == neon {
		mishBackwardNEON(dx, dy, x)
		return
	}
	kernels.MishBackward(dx, dy, x)
}
