//go:build gc && !purego

package asm

import "github.com/simdact/simdact/internal/prelu"

// The PReLU driver's kernels on amd64: AVX2, whose vectors have 8 lanes,
// but for one shared slope, which is LeakyReLU in k's instruction set, and
// AVX-512's forward kernel for short rows (patterned).

func channelsPerIteration(inner int) int { return prelu.ChannelsPerIteration(8, inner) }

func leakyReLU(k Impl, dst, x []float32, slope float32, stream bool) {
	if k.isa == avx512 {
		leakyReLUAVX512(dst, x, slope, stream)
		return
	}
	leakyReLUAVX2(dst, x, slope, stream)
}

// patterned runs PReLU with the AVX-512 kernel that reads each element's
// slope from a pattern of whole rows, if k is AVX-512's and the pattern,
// the least number of rows a multiple of 16 long, has at most patternMax
// slopes; it reports whether it ran. x is not empty, and inner <
// planarMinInner.
func patterned(k Impl, dst, x, slope []float32, inner int, stream bool) bool {
	if k.isa != avx512 || len(slope) > patternMax {
		return false
	}
	period := lcm(len(slope)*inner, 16)
	switch {
	case period <= 64:
		var buf [64]float32
		preluPatternAVX512(dst, x, fillPattern(buf[:period], slope, inner), stream)
	case period <= 256:
		var buf [256]float32
		preluPatternAVX512(dst, x, fillPattern(buf[:period], slope, inner), stream)
	case period <= patternMax:
		var buf [patternMax]float32
		preluPatternAVX512(dst, x, fillPattern(buf[:period], slope, inner), stream)
	default:
		return false
	}
	return true
}

// patternMax is the longest pattern of slopes patterned builds (on the
// stack, which Go clears: 4 KiB).
const patternMax = 1024

// fillPattern fills p, whole rows long, with the slope of each element of a
// row, row after row, and returns it.
func fillPattern(p, slope []float32, inner int) []float32 {
	row := p[:len(slope)*inner]
	for c, s := range slope {
		for i := range inner {
			row[c*inner+i] = s
		}
	}
	for n := len(row); n < len(p); {
		n += copy(p[n:], p[:n])
	}
	return p
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
