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
func (Impl) Sigmoid(dst, x []float32)            { kernels.Sigmoid(dst, x) }
func (Impl) SigmoidBackward(dx, dy, y []float32) { kernels.SigmoidBackward(dx, dy, y) }
func (Impl) SiLU(dst, x []float32)               { kernels.SiLU(dst, x) }
func (Impl) SiLUBackward(dx, dy, x []float32)    { kernels.SiLUBackward(dx, dy, x) }
func (Impl) Softplus(dst, x []float32, beta, threshold float32) {
	kernels.Softplus(dst, x, beta, threshold)
}
func (Impl) SoftplusBackward(dx, dy, x []float32, beta, threshold float32) {
	kernels.SoftplusBackward(dx, dy, x, beta, threshold)
}
func (Impl) Mish(dst, x []float32)                           { kernels.Mish(dst, x) }
func (Impl) MishBackward(dx, dy, x []float32)                { kernels.MishBackward(dx, dy, x) }
func (Impl) Tanh(dst, x []float32)                           { kernels.Tanh(dst, x) }
func (Impl) TanhBackward(dx, dy, y []float32)                { kernels.TanhBackward(dx, dy, y) }
func (Impl) GELUTanh(dst, x []float32)                       { kernels.GELUTanh(dst, x) }
func (Impl) GELUTanhBackward(dx, dy, x []float32)            { kernels.GELUTanhBackward(dx, dy, x) }
func (Impl) GELU(dst, x []float32)                           { kernels.GELU(dst, x) }
func (Impl) GELUBackward(dx, dy, x []float32)                { kernels.GELUBackward(dx, dy, x) }
func (Impl) SELU(dst, x []float32)                           { kernels.SELU(dst, x) }
func (Impl) SELUBackward(dx, dy, x []float32)                { kernels.SELUBackward(dx, dy, x) }
func (Impl) CELU(dst, x []float32, alpha float32)            { kernels.CELU(dst, x, alpha) }
func (Impl) CELUBackward(dx, dy, x []float32, alpha float32) { kernels.CELUBackward(dx, dy, x, alpha) }
func (Impl) Hardtanh(dst, x []float32, min, max float32)     { kernels.Hardtanh(dst, x, min, max) }
func (Impl) HardtanhBackward(dx, dy, x []float32, min, max float32) {
	kernels.HardtanhBackward(dx, dy, x, min, max)
}
func (Impl) HardSigmoid(dst, x []float32)            { kernels.HardSigmoid(dst, x) }
func (Impl) HardSigmoidBackward(dx, dy, x []float32) { kernels.HardSigmoidBackward(dx, dy, x) }
func (Impl) HardSwish(dst, x []float32)              { kernels.HardSwish(dst, x) }
func (Impl) HardSwishBackward(dx, dy, x []float32)   { kernels.HardSwishBackward(dx, dy, x) }
func (Impl) Threshold(dst, x []float32, threshold, value float32) {
	kernels.Threshold(dst, x, threshold, value)
}
func (Impl) ThresholdBackward(dx, dy, x []float32, threshold float32) {
	kernels.ThresholdBackward(dx, dy, x, threshold)
}
func (Impl) Softmax(dst, x []float32, cols int)            { kernels.Softmax(dst, x, cols) }
func (Impl) SoftmaxBackward(dx, dy, y []float32, cols int) { kernels.SoftmaxBackward(dx, dy, y, cols) }
func (Impl) LogSoftmax(dst, x []float32, cols int)         { kernels.LogSoftmax(dst, x, cols) }
func (Impl) LogSoftmaxBackward(dx, dy, y []float32, cols int) {
	kernels.LogSoftmaxBackward(dx, dy, y, cols)
}
