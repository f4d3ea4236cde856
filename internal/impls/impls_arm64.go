//go:build gc && !purego

package impls

import (
	"github.com/simdact/simdact/asm"
	"github.com/simdact/simdact/internal/cpu"
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

	ELU:                   asm.ELUNEON,
	ELUBackward:           asm.ELUBackwardNEON,
	ELUBackwardFromOutput: asm.ELUBackwardFromOutputNEON,
}}
