//go:build !(amd64 || arm64) || !gc || purego

package simdact

import "github.com/simdact/simdact/kernels"

// This build has no assembly: useAsm is a false constant, so the compiler
// drops every call of the *Asm functions, which only forward to the pure-Go
// kernels to keep the public functions the same on every build.
const useAsm = false

func implementation() string { return "generic" }

func reluAsm(dst, x []float32) { kernels.ReLU(dst, x) }

func reluBackwardAsm(dx, dy, x []float32) { kernels.ReLUBackward(dx, dy, x) }

func leakyReLUAsm(dst, x []float32, slope float32) { kernels.LeakyReLU(dst, x, slope) }

func leakyReLUBackwardAsm(dx, dy, x []float32, slope float32) {
	kernels.LeakyReLUBackward(dx, dy, x, slope)
}

func preluAsm(dst, x, slope []float32, inner int) { kernels.PReLU(dst, x, slope, inner) }

func preluBackwardAsm(dx, dslope, dy, x, slope []float32, inner int) {
	kernels.PReLUBackward(dx, dslope, dy, x, slope, inner)
}

func eluAsm(dst, x []float32, alpha float32) { kernels.ELU(dst, x, alpha) }

func eluBackwardAsm(dx, dy, x []float32, alpha float32) { kernels.ELUBackward(dx, dy, x, alpha) }

func eluBackwardFromOutputAsm(dx, dy, y []float32, alpha float32) {
	kernels.ELUBackwardFromOutput(dx, dy, y, alpha)
}
