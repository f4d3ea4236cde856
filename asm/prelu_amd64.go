//go:build gc && !purego

package asm

import "github.com/simdact/simdact/internal/prelu"

// The PReLU driver's kernels on amd64: AVX2, whose vectors have 8 lanes,
// but for one shared slope, which is LeakyReLU in k's instruction set.

func channelsPerIteration(inner int) int { return prelu.ChannelsPerIteration(8, inner) }

func leakyReLU(k Impl, dst, x []float32, slope float32, stream bool) {
	if k.isa == avx512 {
		leakyReLUAVX512(dst, x, slope, stream)
		return
	}
	leakyReLUAVX2(dst, x, slope, stream)
}

func planar(dst, x, slope []float32, inner int, stream bool) {
	preluPlanarAVX2(dst, x, slope, inner, stream)
}

func interleaved(dst, x, slope, wrap []float32, inner int, stream bool) {
	preluInterleavedAVX2(dst, x, slope, wrap, inner, stream)
}

func planarBackward(dx, dy, x, slope []float32, acc []float64, inner int, stream bool) {
	preluBackwardPlanarAVX2(dx, dy, x, slope, acc, inner, stream)
}

func interleavedBackward(dx, dy, x, slope, wrap []float32, acc []float64, inner int, stream bool) {
	preluBackwardInterleavedAVX2(dx, dy, x, slope, wrap, acc, inner, stream)
}
