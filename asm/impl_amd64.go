//go:build gc && !purego

package asm

import (
	"github.com/simdact/simdact/internal/check"
	"github.com/simdact/simdact/internal/cpu"
	"github.com/simdact/simdact/internal/exp32"
	"github.com/simdact/simdact/kernels"
)

// The dispatch of every kernel on amd64: each method checks its arguments,
// then runs the kernel of k's instruction set. The AVX-512 and AVX2 kernels
// are one description each in gen/amd64, emitted for both widths, but for
// PReLU's: AVX-512 has its own forward kernel for layouts of short rows,
// and runs AVX2's planar and interleaved kernels for the others and for
// PReLUBackward (see prelu_amd64.go).

var compiled = []isa{avx512, avx2}

// stream reports whether a call over n elements, touching bytesPerElement
// bytes of inputs and output for each, writes its output with non-temporal
// stores.
func (k Impl) stream(n, bytesPerElement int) bool {
	return k.alwaysStream || cpu.Stream(n, bytesPerElement)
}

// The bytes a kernel reads and writes for each element: one input and one
// output (unary), or two inputs and one output (binary).
const (
	unaryBytes  = 8
	binaryBytes = 12
)

// ReLU is simdact.ReLU.
func (k Impl) ReLU(dst, x []float32) {
	if check.BadUnary(dst, x) {
		check.PanicUnary("ReLU", dst, x)
	}
	switch k.isa {
	case avx512:
		reluAVX512(dst, x, k.stream(len(x), unaryBytes))
	case avx2:
		reluAVX2(dst, x, k.stream(len(x), unaryBytes))
	default:
		kernels.ReLU(dst, x)
	}
}

// ReLUBackward is simdact.ReLUBackward.
func (k Impl) ReLUBackward(dx, dy, x []float32) {
	if check.BadUnary(dx, x) || check.BadUnary(dx, dy) {
		check.PanicBinary("ReLUBackward", "x", dx, dy, x)
	}
	switch k.isa {
	case avx512:
		reluBackwardAVX512(dx, dy, x, k.stream(len(x), binaryBytes))
	case avx2:
		reluBackwardAVX2(dx, dy, x, k.stream(len(x), binaryBytes))
	default:
		kernels.ReLUBackward(dx, dy, x)
	}
}

// LeakyReLU is simdact.LeakyReLU.
func (k Impl) LeakyReLU(dst, x []float32, slope float32) {
	if check.BadUnary(dst, x) {
		check.PanicUnary("LeakyReLU", dst, x)
	}
	switch k.isa {
	case avx512:
		leakyReLUAVX512(dst, x, slope, k.stream(len(x), unaryBytes))
	case avx2:
		leakyReLUAVX2(dst, x, slope, k.stream(len(x), unaryBytes))
	default:
		kernels.LeakyReLU(dst, x, slope)
	}
}

// LeakyReLUBackward is simdact.LeakyReLUBackward.
func (k Impl) LeakyReLUBackward(dx, dy, x []float32, slope float32) {
	if check.BadUnary(dx, x) || check.BadUnary(dx, dy) {
		check.PanicBinary("LeakyReLUBackward", "x", dx, dy, x)
	}
	switch k.isa {
	case avx512:
		leakyReLUBackwardAVX512(dx, dy, x, slope, k.stream(len(x), binaryBytes))
	case avx2:
		leakyReLUBackwardAVX2(dx, dy, x, slope, k.stream(len(x), binaryBytes))
	default:
		kernels.LeakyReLUBackward(dx, dy, x, slope)
	}
}

// PReLU is simdact.PReLU.
func (k Impl) PReLU(dst, x, slope []float32, inner int) {
	check.PReLU(dst, x, slope, inner)
	switch k.isa {
	case avx512, avx2:
		preluForward(k, dst, x, slope, inner, k.stream(len(x), unaryBytes))
	default:
		kernels.PReLU(dst, x, slope, inner)
	}
}

// PReLUBackward is simdact.PReLUBackward. Below preluBackwardMin elements
// it runs the pure-Go kernel, whose setup costs less.
func (k Impl) PReLUBackward(dx, dslope, dy, x, slope []float32, inner int) {
	check.PReLUBackward(dx, dslope, dy, x, slope, inner)
	switch {
	case k.isa != generic && len(x) >= preluBackwardMin:
		preluBackward(dx, dslope, dy, x, slope, inner, k.stream(len(x), binaryBytes))
	default:
		kernels.PReLUBackward(dx, dslope, dy, x, slope, inner)
	}
}

// ELU is simdact.ELU.
func (k Impl) ELU(dst, x []float32, alpha float32) {
	if check.BadUnary(dst, x) {
		check.PanicUnary("ELU", dst, x)
	}
	switch k.isa {
	case avx512:
		eluAVX512(dst, x, alpha, k.stream(len(x), unaryBytes))
	case avx2:
		eluAVX2(dst, x, alpha, k.stream(len(x), unaryBytes))
	default:
		kernels.ELU(dst, x, alpha)
	}
}

// ELUBackward is simdact.ELUBackward.
func (k Impl) ELUBackward(dx, dy, x []float32, alpha float32) {
	if check.BadUnary(dx, x) || check.BadUnary(dx, dy) {
		check.PanicBinary("ELUBackward", "x", dx, dy, x)
	}
	switch c := exp32.Backward(alpha); k.isa {
	case avx512:
		eluBackwardAVX512(dx, dy, x, c.F, c.FHuge, c.Magic, c.Limit, k.stream(len(x), binaryBytes))
	case avx2:
		eluBackwardAVX2(dx, dy, x, c.F, c.FHuge, c.Magic, c.Limit, k.stream(len(x), binaryBytes))
	default:
		kernels.ELUBackward(dx, dy, x, alpha)
	}
}

// ELUBackwardFromOutput is simdact.ELUBackwardFromOutput.
func (k Impl) ELUBackwardFromOutput(dx, dy, y []float32, alpha float32) {
	if check.BadUnary(dx, y) || check.BadUnary(dx, dy) {
		check.PanicBinary("ELUBackwardFromOutput", "y", dx, dy, y)
	}
	check.NonNegative("ELUBackwardFromOutput", alpha)
	switch k.isa {
	case avx512:
		eluBackwardFromOutputAVX512(dx, dy, y, alpha, k.stream(len(y), binaryBytes))
	case avx2:
		eluBackwardFromOutputAVX2(dx, dy, y, alpha, k.stream(len(y), binaryBytes))
	default:
		kernels.ELUBackwardFromOutput(dx, dy, y, alpha)
	}
}
