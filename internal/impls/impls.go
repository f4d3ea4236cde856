// Package impls lists every implementation of simdact's kernels that this
// build contains, so that the tests and the benchmark tool can run each one
// directly, whatever package simdact selected for this process. Each is an
// asm.Impl, the same value and methods that package simdact dispatches
// through: what the tests run is what ships.
package impls

import (
	"errors"

	"github.com/simdact/simdact/asm"
	"github.com/simdact/simdact/internal/verify"
)

// A Set is one implementation of every kernel; the type belongs to the
// specification, which runs kernels through it without importing them.
type Set = verify.Set

// of returns the Set of k's methods, named name.
func of(name string, k asm.Impl) Set {
	return Set{
		Name: name, ISA: k.Name(), Runs: true,
		ReLU:              k.ReLU,
		ReLUBackward:      k.ReLUBackward,
		LeakyReLU:         k.LeakyReLU,
		LeakyReLUBackward: k.LeakyReLUBackward,
		PReLU:             k.PReLU,
		PReLUBackward:     k.PReLUBackward,

		ELU:                   k.ELU,
		ELUBackward:           k.ELUBackward,
		ELUBackwardFromOutput: k.ELUBackwardFromOutput,

		Sigmoid:          k.Sigmoid,
		SigmoidBackward:  k.SigmoidBackward,
		SiLU:             k.SiLU,
		SiLUBackward:     k.SiLUBackward,
		Softplus:         k.Softplus,
		SoftplusBackward: k.SoftplusBackward,
		Mish:             k.Mish,
		MishBackward:     k.MishBackward,

		Tanh:             k.Tanh,
		TanhBackward:     k.TanhBackward,
		GELUTanh:         k.GELUTanh,
		GELUTanhBackward: k.GELUTanhBackward,

		GELU:         k.GELU,
		GELUBackward: k.GELUBackward,

		SELU:         k.SELU,
		SELUBackward: k.SELUBackward,
		CELU:         k.CELU,
		CELUBackward: k.CELUBackward,

		Hardtanh:            k.Hardtanh,
		HardtanhBackward:    k.HardtanhBackward,
		HardSigmoid:         k.HardSigmoid,
		HardSigmoidBackward: k.HardSigmoidBackward,
		HardSwish:           k.HardSwish,
		HardSwishBackward:   k.HardSwishBackward,
		Threshold:           k.Threshold,
		ThresholdBackward:   k.ThresholdBackward,

		Softmax:            k.Softmax,
		SoftmaxBackward:    k.SoftmaxBackward,
		LogSoftmax:         k.LogSoftmax,
		LogSoftmaxBackward: k.LogSoftmaxBackward,
	}
}

// ISAs are the instruction sets of simdact, best first.
var ISAs = []string{"avx512", "avx2", "neon", "generic"}

// streams reports whether an instruction set has non-temporal stores.
func streams(isa string) bool { return isa == "avx512" || isa == "avx2" }

// Generic is the pure-Go implementation, which runs everywhere.
var Generic = of("generic", asm.Impl{})

// All returns every implementation in this build, Generic first, then
// each assembly one and, where it streams, its "-stream" variant, whether
// or not this CPU can run it.
func All() []Set {
	sets := []Set{Generic}
	for _, isa := range ISAs[:len(ISAs)-1] {
		k, err := asm.Lookup(isa)
		switch {
		case errors.Is(err, asm.ErrUnsupported):
			sets = append(sets, Set{Name: isa, ISA: isa})
			if streams(isa) {
				sets = append(sets, Set{Name: isa + "-stream", ISA: isa})
			}
		case err == nil:
			sets = append(sets, of(isa, k))
			if streams(isa) {
				sets = append(sets, of(isa+"-stream", k.Streaming()))
			}
		}
	}
	return sets
}
