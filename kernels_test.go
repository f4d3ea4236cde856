// The tests of this package run every kernel in every implementation this
// CPU executes (and through the public API) against the specification in
// internal/verify, which kernels/ implements in pure Go. Most are driven by
// verify.All(), every kernel with every parameter setting the tests run: a
// kernel added to that list is run by each of them. One file a concern:
//
//	kernels_test.go       the harness they share (this file)
//	api_test.go           dispatch, every misuse's panic, calls the contract allows
//	alloc_test.go         no call allocates, streaming or not
//	lengths_test.go       every length and output offset, in place and not
//	guard_test.go         every operand against an inaccessible page
//	concurrency_test.go   calls from several goroutines at once
//	differential_test.go  every implementation against generic
//	golden_test.go        PyTorch's outputs
//	fuzz_test.go          the fuzz targets
//	exhaustive_test.go    the float32 line: every input, every N-th, and near each kernel's points
//	bits_test.go          fingerprints of the bits each instruction set gives
//	overflow_test.go      the edge of float32's range, infinite gradients
//
// and a file a family for what only it has: elu_test.go, prelu_test.go,
// hard_test.go, selu_test.go, softmax_test.go, glu_test.go. bench_test.go holds what
// the generated benchmarks (benchmarks_test.go) call.

package simdact_test

import (
	"math"
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

// forEach runs f as a parallel subtest for every Set this CPU runs and
// every kernel of verify.All(), each subtest with a kernel of its own (see
// verify.Elementwise.Own).
func forEach(t *testing.T, f func(t *testing.T, s impls.Set, k verify.Elementwise)) {
	kernels := verify.All()
	for _, s := range sets(t) {
		for _, k := range kernels {
			t.Run(s.Name+"/"+k.Name, func(t *testing.T) {
				t.Parallel()
				f(t, s, k.Own())
			})
		}
	}
}

// unit is the length of k's rows: 1 for a kernel of elements.
func unit(k verify.Elementwise) int { return max(k.Unit, 1) }

// rows returns the lengths of each count of k's rows.
func rows(k verify.Elementwise, counts ...int) []int {
	ns := make([]int, len(counts))
	for i, c := range counts {
		ns[i] = c * unit(k)
	}
	return ns
}

// placed returns a copy of v that starts skip floats into its allocation,
// so that operands meet at every relative alignment.
func placed(v []float32, skip int) []float32 {
	return append(make([]float32, skip, skip+len(v)), v...)[skip:]
}

// callEach calls k in s on the inputs in with the output offset floats
// into its buffer of sentinels (see verify.Elementwise.Call), out of place
// and in place on each input, and returns the first error.
func callEach(s impls.Set, k verify.Elementwise, in [][]float32, offset int) error {
	for inPlace := -1; inPlace < len(in); inPlace++ {
		if err := k.Call(s, in, offset, inPlace); err != nil {
			return err
		}
	}
	return nil
}

// runOn runs k in s out of place and returns its output.
func runOn(k verify.Elementwise, s impls.Set, in [][]float32) []float32 {
	out := make([]float32, len(in[0]))
	k.Run(s, out, in)
	return out
}

// sameBits reports whether a and b hold the same bits.
func sameBits(a, b []float32) bool {
	return slices.EqualFunc(a, b, func(x, y float32) bool { return math.Float32bits(x) == math.Float32bits(y) })
}

// panicMessage returns the message call panics with, "no panic", or
// "non-string panic".
func panicMessage(call func()) (msg string) {
	defer func() {
		if r := recover(); r != nil {
			msg, _ = r.(string)
			if msg == "" {
				msg = "non-string panic"
			}
		}
	}()
	call()
	return "no panic"
}

// exhaustiveSets returns the implementations that the tests of the float32
// line run: each that this CPU runs, less the "-stream" variants, whose
// arithmetic is their ISA's.
func exhaustiveSets() []impls.Set {
	var sets []impls.Set
	for _, s := range impls.All() {
		if s.Runs && s.Name == s.ISA {
			sets = append(sets, s)
		}
	}
	return sets
}

// twinSets returns, for each of sets, the index of the set that computes
// the same algorithm at another width (avx2 for avx512), or -1.
func twinSets(sets []impls.Set) []int {
	twins := make([]int, len(sets))
	for i, s := range sets {
		twins[i] = slices.IndexFunc(sets, func(o impls.Set) bool { return s.Name == "avx512" && o.Name == "avx2" })
	}
	return twins
}
