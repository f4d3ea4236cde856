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
	if k.isa == neon {
		tanhNEON(dst, x)
		return
	}
	kernels.Tanh(dst, x)
}

// TanhBackward is simdact.TanhBackward.
func (k Impl) TanhBackward(dx, dy, y []float32) {
	if check.BadUnary(dx, y) || check.BadUnary(dx, dy) {
		check.PanicBinary("TanhBackward", "y", dx, dy, y)
	}
	if k.isa == neon {
		tanhBackwardNEON(dx, dy, y)
		return
	}
	kernels.TanhBackward(dx, dy, y)
}

// GELUTanh is simdact.GELUTanh.
func (k Impl) GELUTanh(dst, x []float32) {
	if check.BadUnary(dst, x) {
		check.PanicUnary("GELUTanh", dst, x)
	}
	if k.isa == neon {
		geluTanhNEON(dst, x)
		return
	}
	kernels.GELUTanh(dst, x)
}

// GELUTanhBackward is simdact.GELUTanhBackward.
func (k Impl) GELUTanhBackward(dx, dy, x []float32) {
	if check.BadUnary(dx, x) || check.BadUnary(dx, dy) {
		check.PanicBinary("GELUTanhBackward", "x", dx, dy, x)
	}
	if k.isa == neon {
		geluTanhBackwardNEON(dx, dy, x)
		return
	}
	kernels.GELUTanhBackward(dx, dy, x)
}
