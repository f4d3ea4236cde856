//go:build gc && !purego

package asm

import "github.com/simdact/simdact/internal/cpu"

// On amd64 the dispatch methods (dispatch_amd64.go, generated) run the
// AVX-512 or AVX2 kernel of k's instruction set. The AVX-512 and AVX2
// kernels are one description each in gen/amd64, emitted for both widths,
// but for PReLU's: AVX-512 has its own forward kernel for layouts of short
// rows, and runs AVX2's planar and interleaved kernels for the others and
// for PReLUBackward (see prelu_amd64.go).

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
