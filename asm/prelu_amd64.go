//go:build gc && !purego

package asm

import (
	"github.com/simdact/simdact/internal/check"
	"github.com/simdact/simdact/internal/prelu"
	"github.com/simdact/simdact/kernels"
)

// The PReLU driver's kernels on amd64: AVX2, whose vectors have 8 lanes,
// but for one shared slope, which is LeakyReLU in k's instruction set, and
// AVX-512's forward kernel for short rows (patterned).

// PReLU is simdact.PReLU.
func (k Impl) PReLU(dst, x, slope []float32, inner int) {
	check.PReLU(dst, x, slope, inner)
	switch k.isa {
	case avx512, avx2:
		preluForward(k, dst, x, slope, inner, k.stream(len(x), unaryBytes))
	default:
		kernels.PReLU(dst, x, slope, inner)
	}
}

// PReLUBackward is simdact.PReLUBackward. Below preluBackwardMin elements
// it runs the pure-Go kernel, whose setup costs less.
func (k Impl) PReLUBackward(dx, dslope, dy, x, slope []float32, inner int) {
	check.PReLUBackward(dx, dslope, dy, x, slope, inner)
	switch {
	case k.isa != generic && len(x) >= preluBackwardMin:
		preluBackward(dx, dslope, dy, x, slope, inner, k.stream(len(x), binaryBytes))
	default:
		kernels.PReLUBackward(dx, dslope, dy, x, slope, inner)
	}
}

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
	period := patternPeriod(k, slope, inner)
	switch {
	case period == 0:
		return false
	case period <= 64:
		var buf [64]float32
		preluPatternAVX512(dst, x, fillPattern(buf[:period], slope, inner), stream)
	default:
		var buf [patternMax]float32
		preluPatternAVX512(dst, x, fillPattern(buf[:period], slope, inner), stream)
	}
	return true
}

// PReLUBackward has no pattern kernel: one that added each term, in
// float64, into the accumulator of its position in the pattern measured
// 1.1 to 1.6 times slower than AVX2's interleaved kernels at n = 16384 (a
// read-modify-write of 16 accumulators a vector, where those sum 4 rows of
// terms in float32 first), and no faster from n = 262144.

// patternPeriod returns the length of k's pattern for the layout, or 0 if
// k has no pattern kernel or the pattern would be longer than patternMax.
func patternPeriod(k Impl, slope []float32, inner int) int {
	if k.isa != avx512 || len(slope) > patternMax {
		return 0
	}
	if period := lcm(len(slope)*inner, 16); period <= patternMax {
		return period
	}
	return 0
}

// patternMax is the longest pattern of slopes patterned builds, on the
// stack, which Go clears for each call: with 512 slopes (NHWC with 512
// channels), building the pattern cost more than the kernel gained at
// n = 16384 (1.5 against AVX2's 1.0 µs).
const patternMax = 256

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
