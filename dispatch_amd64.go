//go:build gc && !purego

package simdact

import (
	"github.com/simdact/simdact/asm"
	"github.com/simdact/simdact/internal/cpu"
	"github.com/simdact/simdact/internal/exp32"
	"github.com/simdact/simdact/internal/prelu"
)

// useAsm selects the AVX2+FMA kernels below, once, at start-up. Each public
// function calls its *Asm kernel when it is set and its pure-Go kernel
// otherwise. A kernel streams its output past the caches (see cpu.Stream)
// from a size that depends on the bytes it moves an element.
var useAsm = cpu.AVX2FMA && !cpu.ForceGeneric

func implementation() string {
	if useAsm {
		return "avx2"
	}
	return "generic"
}

func reluAsm(dst, x []float32) { asm.ReLUAVX2(dst, x, cpu.Stream(len(x), 8)) }

func reluBackwardAsm(dx, dy, x []float32) {
	asm.ReLUBackwardAVX2(dx, dy, x, cpu.Stream(len(x), 12))
}

func leakyReLUAsm(dst, x []float32, slope float32) {
	asm.LeakyReLUAVX2(dst, x, slope, cpu.Stream(len(x), 8))
}

func leakyReLUBackwardAsm(dx, dy, x []float32, slope float32) {
	asm.LeakyReLUBackwardAVX2(dx, dy, x, slope, cpu.Stream(len(x), 12))
}

func preluAsm(dst, x, slope []float32, inner int) {
	prelu.Forward(dst, x, slope, inner, cpu.Stream(len(x), 8))
}

func preluBackwardAsm(dx, dslope, dy, x, slope []float32, inner int) {
	prelu.Backward(dx, dslope, dy, x, slope, inner, cpu.Stream(len(x), 12))
}

func eluAsm(dst, x []float32, alpha float32) { asm.ELUAVX2(dst, x, alpha, cpu.Stream(len(x), 8)) }

func eluBackwardAsm(dx, dy, x []float32, alpha float32) {
	c := exp32.Backward(alpha)
	asm.ELUBackwardAVX2(dx, dy, x, c.F, c.FHuge, c.Magic, c.Limit, cpu.Stream(len(x), 12))
}

func eluBackwardFromOutputAsm(dx, dy, y []float32, alpha float32) {
	asm.ELUBackwardFromOutputAVX2(dx, dy, y, alpha, cpu.Stream(len(y), 12))
}
