//go:build gc && !purego

package asm

import (
	"github.com/simdact/simdact/internal/check"
	"github.com/simdact/simdact/internal/exp32"
	"github.com/simdact/simdact/kernels"
)

// The dispatch of every kernel on arm64: each method checks its arguments,
// then runs the NEON kernel, or the pure-Go one for the generic Impl. NEON
// has no non-temporal stores.

var compiled = []isa{neon}

// ReLU is simdact.ReLU.
func (k Impl) ReLU(dst, x []float32) {
	if check.BadUnary(dst, x) {
		check.PanicUnary("ReLU", dst, x)
	}
	if k.isa == neon {
		reluNEON(dst, x)
		return
	}
	kernels.ReLU(dst, x)
}

// ReLUBackward is simdact.ReLUBackward.
func (k Impl) ReLUBackward(dx, dy, x []float32) {
	if check.BadUnary(dx, x) || check.BadUnary(dx, dy) {
		check.PanicBinary("ReLUBackward", "x", dx, dy, x)
	}
	if k.isa == neon {
		reluBackwardNEON(dx, dy, x)
		return
	}
	kernels.ReLUBackward(dx, dy, x)
}

// LeakyReLU is simdact.LeakyReLU.
func (k Impl) LeakyReLU(dst, x []float32, slope float32) {
	if check.BadUnary(dst, x) {
		check.PanicUnary("LeakyReLU", dst, x)
	}
	if k.isa == neon {
		leakyReLUNEON(dst, x, slope)
		return
	}
	kernels.LeakyReLU(dst, x, slope)
}

// LeakyReLUBackward is simdact.LeakyReLUBackward.
func (k Impl) LeakyReLUBackward(dx, dy, x []float32, slope float32) {
	if check.BadUnary(dx, x) || check.BadUnary(dx, dy) {
		check.PanicBinary("LeakyReLUBackward", "x", dx, dy, x)
	}
	if k.isa == neon {
		leakyReLUBackwardNEON(dx, dy, x, slope)
		return
	}
	kernels.LeakyReLUBackward(dx, dy, x, slope)
}

// PReLU is simdact.PReLU.
func (k Impl) PReLU(dst, x, slope []float32, inner int) {
	check.PReLU(dst, x, slope, inner)
	if k.isa == neon {
		preluForward(k, dst, x, slope, inner, false)
		return
	}
	kernels.PReLU(dst, x, slope, inner)
}

// PReLUBackward is simdact.PReLUBackward. Below preluBackwardMin elements
// it runs the pure-Go kernel, whose setup costs less.
func (k Impl) PReLUBackward(dx, dslope, dy, x, slope []float32, inner int) {
	check.PReLUBackward(dx, dslope, dy, x, slope, inner)
	if k.isa == neon && len(x) >= preluBackwardMin {
		preluBackward(dx, dslope, dy, x, slope, inner, false)
		return
	}
	kernels.PReLUBackward(dx, dslope, dy, x, slope, inner)
}

// ELU is simdact.ELU.
func (k Impl) ELU(dst, x []float32, alpha float32) {
	if check.BadUnary(dst, x) {
		check.PanicUnary("ELU", dst, x)
	}
	if k.isa == neon {
		eluNEON(dst, x, alpha)
		return
	}
	kernels.ELU(dst, x, alpha)
}

// ELUBackward is simdact.ELUBackward.
func (k Impl) ELUBackward(dx, dy, x []float32, alpha float32) {
	if check.BadUnary(dx, x) || check.BadUnary(dx, dy) {
		check.PanicBinary("ELUBackward", "x", dx, dy, x)
	}
	if k.isa == neon {
		c := exp32.Backward(alpha)
		eluBackwardNEON(dx, dy, x, c.F, c.FHuge, c.Magic)
		return
	}
	kernels.ELUBackward(dx, dy, x, alpha)
}

// ELUBackwardFromOutput is simdact.ELUBackwardFromOutput.
func (k Impl) ELUBackwardFromOutput(dx, dy, y []float32, alpha float32) {
	if check.BadUnary(dx, y) || check.BadUnary(dx, dy) {
		check.PanicBinary("ELUBackwardFromOutput", "y", dx, dy, y)
	}
	check.NonNegative("ELUBackwardFromOutput", alpha)
	if k.isa == neon {
		eluBackwardFromOutputNEON(dx, dy, y, alpha)
		return
	}
	kernels.ELUBackwardFromOutput(dx, dy, y, alpha)
}
