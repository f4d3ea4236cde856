//go:build gc && !purego

package asm

import (
	"github.com/simdact/simdact/internal/check"
	"github.com/simdact/simdact/internal/selu32"
	"github.com/simdact/simdact/kernels"
)

// CELU is simdact.CELU. With alpha = 1 it is ELU; alphas outside
// [selu32.VectorMin, selu32.VectorMax] (negative, tiny, huge or infinite)
// run the pure-Go kernel.
func (k Impl) CELU(dst, x []float32, alpha float32) {
	if check.BadUnary(dst, x) {
		check.PanicUnary("CELU", dst, x)
	}
	check.NonZero("CELU", alpha)
	switch {
	case k.isa == generic || !selu32.Vector(alpha):
		kernels.CELU(dst, x, alpha)
	case alpha == 1:
		k.ELU(dst, x, 1)
	case k.isa == avx512:
		c := selu32.CELUForward(alpha)
		celuAVX512(dst, x, alpha, c.Low, c.K, c.NegHi, c.NegLo, c.Inv, k.stream(len(x), unaryBytes))
	default:
		c := selu32.CELUForward(alpha)
		celuAVX2(dst, x, alpha, c.Low, c.K, c.NegHi, c.NegLo, c.Inv, k.stream(len(x), unaryBytes))
	}
}

// CELUBackward is simdact.CELUBackward. With alpha = 1 it is ELUBackward;
// alphas outside [selu32.VectorMin, selu32.VectorMax] run the pure-Go
// kernel.
func (k Impl) CELUBackward(dx, dy, x []float32, alpha float32) {
	if check.BadUnary(dx, x) || check.BadUnary(dx, dy) {
		check.PanicBinary("CELUBackward", "x", dx, dy, x)
	}
	check.NonZero("CELUBackward", alpha)
	switch {
	case k.isa == generic || !selu32.Vector(alpha):
		kernels.CELUBackward(dx, dy, x, alpha)
	case alpha == 1:
		k.ELUBackward(dx, dy, x, 1)
	case k.isa == avx512:
		b, c := celuBackwardScales, selu32.CELUBackward(alpha)
		celuBackwardAVX512(dx, dy, x, b.F, b.FHuge, b.Magic, b.Limit, c.Low, c.K, c.NegHi, c.NegLo, c.Inv, c.ZeroBelow,
			k.stream(len(x), binaryBytes))
	default:
		b, c := celuBackwardScales, selu32.CELUBackward(alpha)
		celuBackwardAVX2(dx, dy, x, b.F, b.FHuge, b.Magic, b.Limit, c.Low, c.K, c.NegHi, c.NegLo, c.Inv, c.ZeroBelow,
			k.stream(len(x), binaryBytes))
	}
}
