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
