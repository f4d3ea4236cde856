//go:build gc && !purego

package simdact

import (
	"github.com/simdact/simdact/asm"
	"github.com/simdact/simdact/internal/cpu"
	"github.com/simdact/simdact/kernels"
)

// useNEON selects the NEON kernels, once, at start-up.
var useNEON = cpu.ASIMD && !cpu.ForceGeneric

func implementation() string {
	if useNEON {
		return "neon"
	}
	return "generic"
}

func relu(dst, x []float32) {
	if useNEON {
		asm.ReLUNEON(dst, x)
		return
	}
	kernels.ReLU(dst, x)
}

func reluBackward(dx, dy, x []float32) {
	if useNEON {
		asm.ReLUBackwardNEON(dx, dy, x)
		return
	}
	kernels.ReLUBackward(dx, dy, x)
}

func leakyReLU(dst, x []float32, slope float32) {
	if useNEON {
		asm.LeakyReLUNEON(dst, x, slope)
		return
	}
	kernels.LeakyReLU(dst, x, slope)
}

func leakyReLUBackward(dx, dy, x []float32, slope float32) {
	if useNEON {
		asm.LeakyReLUBackwardNEON(dx, dy, x, slope)
		return
	}
	kernels.LeakyReLUBackward(dx, dy, x, slope)
}
