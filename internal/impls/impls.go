// Package impls lists every implementation of simdact's kernels that this
// build contains, so that the tests and the benchmark tool can run each one
// directly, whatever package simdact selected for this process.
package impls

import "github.com/simdact/simdact/kernels"

// A Set is one implementation of every kernel, with the signatures of the
// public API (the assembly's streaming choice is fixed per Set).
type Set struct {
	// Name is "generic", or an assembly ISA ("avx2", "neon") with the
	// suffix "-stream" for the variant that writes with non-temporal stores.
	Name string
	// ISA is the name Implementation reports when this Set is selected.
	ISA string
	// Runs reports whether this CPU can execute the Set.
	Runs bool

	ReLU              func(dst, x []float32)
	ReLUBackward      func(dx, dy, x []float32)
	LeakyReLU         func(dst, x []float32, slope float32)
	LeakyReLUBackward func(dx, dy, x []float32, slope float32)
	PReLU             func(dst, x, slope []float32, inner int)
	PReLUBackward     func(dx, dslope, dy, x, slope []float32, inner int)

	ELU                   func(dst, x []float32, alpha float32)
	ELUBackward           func(dx, dy, x []float32, alpha float32)
	ELUBackwardFromOutput func(dx, dy, y []float32, alpha float32)
}

// Generic is the pure-Go implementation, which runs everywhere.
var Generic = Set{
	Name: "generic", ISA: "generic", Runs: true,
	ReLU:              kernels.ReLU,
	ReLUBackward:      kernels.ReLUBackward,
	LeakyReLU:         kernels.LeakyReLU,
	LeakyReLUBackward: kernels.LeakyReLUBackward,
	PReLU:             kernels.PReLU,
	PReLUBackward:     kernels.PReLUBackward,

	ELU:                   kernels.ELU,
	ELUBackward:           kernels.ELUBackward,
	ELUBackwardFromOutput: kernels.ELUBackwardFromOutput,
}

// All returns every implementation in this build, Generic first, whether or
// not this CPU can run it.
func All() []Set { return append([]Set{Generic}, native...) }
