//go:build gc && !purego

package prelu

import "github.com/simdact/simdact/asm"

// The NEON kernels have no non-temporal stores: stream is ignored.

// channelsPerIteration is the number of channels an interleaved NEON kernel
// handles an iteration: groups of 4 (inner vectors each), at least 4 vectors.
func channelsPerIteration(inner int) int { return 4 * ((4 + inner - 1) / inner) }

func leakyReLU(dst, x []float32, slope float32, _ bool) { asm.LeakyReLUNEON(dst, x, slope) }

func planar(dst, x, slope []float32, inner int, _ bool) { asm.PReLUPlanarNEON(dst, x, slope, inner) }

func interleaved(dst, x, slope, wrap []float32, inner int, _ bool) {
	asm.PReLUInterleavedNEON(dst, x, slope, wrap, inner)
}

func planarBackward(dx, dy, x, slope []float32, acc []float64, inner int, _ bool) {
	asm.PReLUBackwardPlanarNEON(dx, dy, x, slope, acc, inner)
}

func interleavedBackward(dx, dy, x, slope, wrap []float32, acc []float64, inner int, _ bool) {
	asm.PReLUBackwardInterleavedNEON(dx, dy, x, slope, wrap, acc, inner)
}
