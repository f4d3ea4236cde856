//go:build gc && !purego

package asm

import "github.com/simdact/simdact/internal/selu32"

// celu runs CELU's kernel of k's instruction set, given its constants.
func (k Impl) celu(dst, x []float32, alpha float32, c selu32.CELUConstants) {
	stream := k.stream(len(x), unaryBytes)
	if k.isa == avx512 {
		celuAVX512(dst, x, alpha, c.Low, c.K, c.NegHi, c.NegLo, c.Inv, stream)
		return
	}
	celuAVX2(dst, x, alpha, c.Low, c.K, c.NegHi, c.NegLo, c.Inv, stream)
}

// celuBackward runs CELUBackward's kernel of k's instruction set, given its
// constants.
func (k Impl) celuBackward(dx, dy, x []float32, c selu32.CELUConstants) {
	b, stream := celuBackwardScales, k.stream(len(x), binaryBytes)
	if k.isa == avx512 {
		celuBackwardAVX512(dx, dy, x, b.F, b.FHuge, b.Magic, b.Limit, c.Low, c.K, c.NegHi, c.NegLo, c.Inv, c.ZeroBelow, stream)
		return
	}
	celuBackwardAVX2(dx, dy, x, b.F, b.FHuge, b.Magic, b.Limit, c.Low, c.K, c.NegHi, c.NegLo, c.Inv, c.ZeroBelow, stream)
}
