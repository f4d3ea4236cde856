//go:build gc && !purego

package simdact

import (
	"github.com/simdact/simdact/asm"
	"github.com/simdact/simdact/internal/cpu"
	"github.com/simdact/simdact/internal/exp32"
	"github.com/simdact/simdact/internal/prelu"
)

// useAsm selects the NEON kernels below, once, at start-up. Each public
// function calls its *Asm kernel when it is set and its pure-Go kernel
// otherwise.
var useAsm = cpu.ASIMD && !cpu.ForceGeneric

func implementation() string {
	if useAsm {
		return "neon"
	}
	return "generic"
}

func reluAsm(dst, x []float32) { asm.ReLUNEON(dst, x) }

func reluBackwardAsm(dx, dy, x []float32) { asm.ReLUBackwardNEON(dx, dy, x) }

func leakyReLUAsm(dst, x []float32, slope float32) { asm.LeakyReLUNEON(dst, x, slope) }

func leakyReLUBackwardAsm(dx, dy, x []float32, slope float32) {
	asm.LeakyReLUBackwardNEON(dx, dy, x, slope)
}

func preluAsm(dst, x, slope []float32, inner int) { prelu.Forward(dst, x, slope, inner, false) }

func preluBackwardAsm(dx, dslope, dy, x, slope []float32, inner int) {
	prelu.Backward(dx, dslope, dy, x, slope, inner, false)
}

func eluAsm(dst, x []float32, alpha float32) { asm.ELUNEON(dst, x, alpha) }

func eluBackwardAsm(dx, dy, x []float32, alpha float32) {
	c := exp32.Backward(alpha)
	asm.ELUBackwardNEON(dx, dy, x, c.F, c.FHuge, c.Magic)
}

func eluBackwardFromOutputAsm(dx, dy, y []float32, alpha float32) {
	asm.ELUBackwardFromOutputNEON(dx, dy, y, alpha)
}
