//go:build gc && !purego

package impls

import (
	"github.com/simdact/simdact/asm"
	"github.com/simdact/simdact/internal/cpu"
)

var native = []Set{{
	Name: "neon", ISA: "neon", Runs: cpu.ASIMD,
	ReLU:              asm.ReLUNEON,
	ReLUBackward:      asm.ReLUBackwardNEON,
	LeakyReLU:         asm.LeakyReLUNEON,
	LeakyReLUBackward: asm.LeakyReLUBackwardNEON,

	ELU:                   asm.ELUNEON,
	ELUBackward:           asm.ELUBackwardNEON,
	ELUBackwardFromOutput: asm.ELUBackwardFromOutputNEON,
}}
