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

	Sigmoid          func(dst, x []float32)
	SigmoidBackward  func(dx, dy, y []float32)
	SiLU             func(dst, x []float32)
	SiLUBackward     func(dx, dy, x []float32)
	Softplus         func(dst, x []float32, beta, threshold float32)
	SoftplusBackward func(dx, dy, x []float32, beta, threshold float32)
	Mish             func(dst, x []float32)
	MishBackward     func(dx, dy, x []float32)

	Tanh             func(dst, x []float32)
	TanhBackward     func(dx, dy, y []float32)
	GELUTanh         func(dst, x []float32)
	GELUTanhBackward func(dx, dy, x []float32)

	GELU         func(dst, x []float32)
	GELUBackward func(dx, dy, x []float32)

	SELU         func(dst, x []float32)
	SELUBackward func(dx, dy, x []float32)
	CELU         func(dst, x []float32, alpha float32)
	CELUBackward func(dx, dy, x []float32, alpha float32)

	Hardtanh            func(dst, x []float32, min, max float32)
	HardtanhBackward    func(dx, dy, x []float32, min, max float32)
	HardSigmoid         func(dst, x []float32)
	HardSigmoidBackward func(dx, dy, x []float32)
	HardSwish           func(dst, x []float32)
	HardSwishBackward   func(dx, dy, x []float32)
	Threshold           func(dst, x []float32, threshold, value float32)
	ThresholdBackward   func(dx, dy, x []float32, threshold float32)

	Softmax            func(dst, x []float32, cols int)
	SoftmaxBackward    func(dx, dy, y []float32, cols int)
	LogSoftmax         func(dst, x []float32, cols int)
	LogSoftmaxBackward func(dx, dy, y []float32, cols int)
}
