//go:build gc && !purego

package impls

import (
	"github.com/simdact/simdact/asm"
	"github.com/simdact/simdact/internal/cpu"
	"github.com/simdact/simdact/internal/exp32"
	"github.com/simdact/simdact/internal/prelu"
)

var native = []Set{{
	Name: "neon", ISA: "neon", Runs: cpu.ASIMD,
	ReLU:              asm.ReLUNEON,
	ReLUBackward:      asm.ReLUBackwardNEON,
	LeakyReLU:         asm.LeakyReLUNEON,
	LeakyReLUBackward: asm.LeakyReLUBackwardNEON,
	PReLU: func(dst, x, slope []float32, inner int) {
		prelu.Forward(dst, x, slope, inner, false)
	},
	PReLUBackward: func(dx, dslope, dy, x, slope []float32, inner int) {
		prelu.Backward(dx, dslope, dy, x, slope, inner, false)
	},

	ELU: asm.ELUNEON,
	ELUBackward: func(dx, dy, x []float32, alpha float32) {
		c := exp32.Backward(alpha)
		asm.ELUBackwardNEON(dx, dy, x, c.F, c.FHuge, c.Magic)
	},
	ELUBackwardFromOutput: asm.ELUBackwardFromOutputNEON,
}}
