//go:build gc && !purego

package asm

import "github.com/simdact/simdact/internal/selu32"

// celu runs CELU's NEON kernel, given its constants.
func (Impl) celu(dst, x []float32, alpha float32, c selu32.CELUConstants) {
	celuNEON(dst, x, alpha, c.Low, c.K, c.NegHi, c.NegLo, c.Inv)
}

// celuBackward runs CELUBackward's NEON kernel, given its constants (the
// NEON kernel takes the reduction's constants with the other sign).
func (Impl) celuBackward(dx, dy, x []float32, c selu32.CELUConstants) {
	b := celuBackwardScales
	celuBackwardNEON(dx, dy, x, b.F, b.FHuge, b.Magic, c.Low, c.K, -c.NegHi, -c.NegLo, c.Inv, c.ZeroBelow)
}
