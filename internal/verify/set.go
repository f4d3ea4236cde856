package verify

// A Set is one implementation of every kernel, with the signatures of the
// public API. The specification runs the kernels through it and knows
// nothing else of the code under test: internal/impls builds the Sets of
// this build (and package simdact's).
type Set struct {
	// Name is the instruction set ("avx512", "avx2", "neon", "generic"),
	// with the suffix "-stream" for the variant that writes with
	// non-temporal stores at every size, or "api" for package simdact.
	Name string
	// ISA is the name Implementation reports when this Set is selected.
	ISA string
	// Runs reports whether this CPU can execute the Set; the kernels of one
	// that it cannot are nil.
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
