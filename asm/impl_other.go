//go:build !(amd64 || arm64) || !gc || purego

package asm

import "github.com/simdact/simdact/kernels"

// This build has no assembly: every Impl runs the pure-Go kernels.

var compiled []isa

func (Impl) ReLU(dst, x []float32)                     { kernels.ReLU(dst, x) }
func (Impl) ReLUBackward(dx, dy, x []float32)          { kernels.ReLUBackward(dx, dy, x) }
func (Impl) LeakyReLU(dst, x []float32, slope float32) { kernels.LeakyReLU(dst, x, slope) }
func (Impl) LeakyReLUBackward(dx, dy, x []float32, slope float32) {
	kernels.LeakyReLUBackward(dx, dy, x, slope)
}
func (Impl) PReLU(dst, x, slope []float32, inner int) { kernels.PReLU(dst, x, slope, inner) }
func (Impl) PReLUBackward(dx, dslope, dy, x, slope []float32, inner int) {
	kernels.PReLUBackward(dx, dslope, dy, x, slope, inner)
}
func (Impl) ELU(dst, x []float32, alpha float32)            { kernels.ELU(dst, x, alpha) }
func (Impl) ELUBackward(dx, dy, x []float32, alpha float32) { kernels.ELUBackward(dx, dy, x, alpha) }
func (Impl) ELUBackwardFromOutput(dx, dy, y []float32, alpha float32) {
	kernels.ELUBackwardFromOutput(dx, dy, y, alpha)
}
