//go:build gc && !purego

package prelu

import "github.com/simdact/simdact/asm"

// channelsPerIteration is the number of channels an interleaved AVX2 kernel
// handles an iteration: groups of 8 (inner vectors each), at least 4 vectors.
func channelsPerIteration(inner int) int { return 8 * ((4 + inner - 1) / inner) }

func leakyReLU(dst, x []float32, slope float32, stream bool) {
	asm.LeakyReLUAVX2(dst, x, slope, stream)
}

func planar(dst, x, slope []float32, inner int, stream bool) {
	asm.PReLUPlanarAVX2(dst, x, slope, inner, stream)
}

func interleaved(dst, x, slope, wrap []float32, inner int, stream bool) {
	asm.PReLUInterleavedAVX2(dst, x, slope, wrap, inner, stream)
}

func planarBackward(dx, dy, x, slope []float32, acc []float64, inner int, stream bool) {
	asm.PReLUBackwardPlanarAVX2(dx, dy, x, slope, acc, inner, stream)
}

func interleavedBackward(dx, dy, x, slope, wrap []float32, acc []float64, inner int, stream bool) {
	asm.PReLUBackwardInterleavedAVX2(dx, dy, x, slope, wrap, acc, inner, stream)
}
