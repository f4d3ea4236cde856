//go:build gc && !purego

package simdact

import (
	"github.com/simdact/simdact/asm"
	"github.com/simdact/simdact/internal/cpu"
	"github.com/simdact/simdact/kernels"
)

// useAVX2 selects the AVX2+FMA kernels, once, at start-up.
var useAVX2 = cpu.AVX2FMA && !cpu.ForceGeneric

func implementation() string {
	if useAVX2 {
		return "avx2"
	}
	return "generic"
}

func relu(dst, x []float32) {
	if useAVX2 {
		asm.ReLUAVX2(dst, x, cpu.Stream(len(x), 8))
		return
	}
	kernels.ReLU(dst, x)
}

func reluBackward(dx, dy, x []float32) {
	if useAVX2 {
		asm.ReLUBackwardAVX2(dx, dy, x, cpu.Stream(len(x), 12))
		return
	}
	kernels.ReLUBackward(dx, dy, x)
}

func leakyReLU(dst, x []float32, slope float32) {
	if useAVX2 {
		asm.LeakyReLUAVX2(dst, x, slope, cpu.Stream(len(x), 8))
		return
	}
	kernels.LeakyReLU(dst, x, slope)
}

func leakyReLUBackward(dx, dy, x []float32, slope float32) {
	if useAVX2 {
		asm.LeakyReLUBackwardAVX2(dx, dy, x, slope, cpu.Stream(len(x), 12))
		return
	}
	kernels.LeakyReLUBackward(dx, dy, x, slope)
}
