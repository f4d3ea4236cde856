//go:build gc && !purego

package impls

import (
	"github.com/simdact/simdact/asm"
	"github.com/simdact/simdact/internal/cpu"
	"github.com/simdact/simdact/internal/exp32"
	"github.com/simdact/simdact/internal/prelu"
)

// "avx2" streams from the size package simdact streams from; "avx2-stream"
// streams at every size, so that the tests cover that path at every length.
var native = []Set{
	avx2("avx2", cpu.Stream),
	avx2("avx2-stream", func(n, bytesPerElement int) bool { return true }),
}

func avx2(name string, stream func(n, bytesPerElement int) bool) Set {
	return Set{
		Name: name, ISA: "avx2", Runs: cpu.AVX2FMA,
		ReLU: func(dst, x []float32) {
			asm.ReLUAVX2(dst, x, stream(len(x), 8))
		},
		ReLUBackward: func(dx, dy, x []float32) {
			asm.ReLUBackwardAVX2(dx, dy, x, stream(len(x), 12))
		},
		LeakyReLU: func(dst, x []float32, slope float32) {
			asm.LeakyReLUAVX2(dst, x, slope, stream(len(x), 8))
		},
		LeakyReLUBackward: func(dx, dy, x []float32, slope float32) {
			asm.LeakyReLUBackwardAVX2(dx, dy, x, slope, stream(len(x), 12))
		},
		PReLU: func(dst, x, slope []float32, inner int) {
			prelu.Forward(dst, x, slope, inner, stream(len(x), 8))
		},
		PReLUBackward: func(dx, dslope, dy, x, slope []float32, inner int) {
			prelu.Backward(dx, dslope, dy, x, slope, inner, stream(len(x), 12))
		},
		ELU: func(dst, x []float32, alpha float32) {
			asm.ELUAVX2(dst, x, alpha, stream(len(x), 8))
		},
		ELUBackward: func(dx, dy, x []float32, alpha float32) {
			c := exp32.Backward(alpha)
			asm.ELUBackwardAVX2(dx, dy, x, c.F, c.FHuge, c.Magic, c.Limit, stream(len(x), 12))
		},
		ELUBackwardFromOutput: func(dx, dy, y []float32, alpha float32) {
			asm.ELUBackwardFromOutputAVX2(dx, dy, y, alpha, stream(len(y), 12))
		},
	}
}
