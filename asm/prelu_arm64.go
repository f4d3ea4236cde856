//go:build gc && !purego

package asm

import (
	"github.com/simdact/simdact/internal/check"
	"github.com/simdact/simdact/internal/prelu"
	"github.com/simdact/simdact/kernels"
)

// The PReLU driver's kernels on arm64: NEON, whose vectors have 4 lanes and
// which has no non-temporal stores (stream is ignored).

// PReLU is simdact.PReLU.
func (k Impl) PReLU(dst, x, slope []float32, inner int) {
	check.PReLU(dst, x, slope, inner)
	if k.isa == neon {
		preluForward(k, dst, x, slope, inner, false)
		return
	}
	kernels.PReLU(dst, x, slope, inner)
}

// PReLUBackward is simdact.PReLUBackward. Below preluBackwardMin elements
// it runs the pure-Go kernel, whose setup costs less.
func (k Impl) PReLUBackward(dx, dslope, dy, x, slope []float32, inner int) {
	check.PReLUBackward(dx, dslope, dy, x, slope, inner)
	if k.isa == neon && len(x) >= preluBackwardMin {
		preluBackward(dx, dslope, dy, x, slope, inner, false)
		return
	}
	kernels.PReLUBackward(dx, dslope, dy, x, slope, inner)
}

func channelsPerIteration(inner int) int { return prelu.ChannelsPerIteration(4, inner) }

func leakyReLU(_ Impl, dst, x []float32, slope float32, _ bool) { leakyReLUNEON(dst, x, slope) }

// patterned is AVX-512's: NEON has only the interleaved kernels.
func patterned(Impl, []float32, []float32, []float32, int, bool) bool { return false }

func planar(dst, x, slope []float32, inner int, _ bool) { preluPlanarNEON(dst, x, slope, inner) }

func interleaved(dst, x, slope, wrap []float32, inner int, _ bool) {
	preluInterleavedNEON(dst, x, slope, wrap, inner)
}

func planarBackward(dx, dy, x, slope []float32, acc []float64, inner int, _ bool) {
	preluBackwardPlanarNEON(dx, dy, x, slope, acc, inner)
}

func interleavedBackward(dx, dy, x, slope, wrap []float32, acc []float64, inner int, _ bool) {
	preluBackwardInterleavedNEON(dx, dy, x, slope, wrap, acc, inner)
}
