//go:build gc && !purego

package asm

// swish runs Swish's NEON kernel.
func (Impl) swish(dst, x []float32, beta float32) { swishNEON(dst, x, beta) }

// swishBackward runs SwishBackward's NEON kernel.
func (Impl) swishBackward(dx, dy, x []float32, beta float32) { swishBackwardNEON(dx, dy, x, beta) }
