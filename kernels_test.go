// The tests of this package run every kernel in every implementation this
// CPU executes (and through the public API) against the specification in
// internal/verify, which kernels/ implements in pure Go: this file holds
// the harness they share; lengths_test.go (every length and offset, in
// place), guard_test.go (guard pages), golden_test.go (PyTorch's outputs),
// fuzz_test.go, api_test.go (dispatch, panics, allocations),
// differential_test.go (every implementation against generic, and against
// avx2's recorded ELU outputs) and one file per kernel family use it.

package simdact_test

import (
	"slices"
	"testing"

	"github.com/simdact/simdact/internal/impls"
	"github.com/simdact/simdact/internal/verify"
)

// sets returns every implementation this CPU runs, and the public API.
func sets(t testing.TB) []impls.Set {
	var runnable []impls.Set
	for _, s := range impls.All() {
		if s.Runs {
			runnable = append(runnable, s)
		} else {
			t.Logf("%s: this CPU cannot run it", s.Name)
		}
	}
	return append(runnable, impls.API)
}

// elementwise lists every elementwise kernel the harness checks.
func elementwise() []verify.Elementwise {
	return slices.Concat(verify.Linear(), verify.ELUKernels(), verify.SmoothKernels(), verify.HardKernels())
}

// forEach runs f as a subtest for every Set this CPU runs and every
// elementwise kernel.
func forEach(t *testing.T, f func(t *testing.T, s impls.Set, k verify.Elementwise)) {
	for _, s := range sets(t) {
		for _, k := range elementwise() {
			t.Run(s.Name+"/"+k.Name, func(t *testing.T) { f(t, s, k) })
		}
	}
}
