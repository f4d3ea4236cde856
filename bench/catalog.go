package main

import (
	"math/rand/v2"
	"regexp"

	"github.com/simdact/simdact/internal/impls"
	"github.com/simdact/simdact/internal/testutil"
	"github.com/simdact/simdact/internal/verify"
)

// A kernel is one of simdact's functions as the tool measures and checks it.
// Adding a function to simdact adds one entry to catalog. Both fields take
// the length of the call, so that a function whose parameters depend on it
// (PReLU's channels must divide it) can choose them.
type kernel struct {
	// name is the function's name, which is also the name of its benchmark
	// in the root package (BenchmarkReLU).
	name string
	// timed returns the function with the parameters that the root
	// package's benchmark uses, for a call of n elements.
	timed func(n int) verify.Elementwise
	// draw returns the function with parameters drawn from r, for verify's
	// call of n elements; nil if it has no parameters to vary.
	draw func(r *rand.Rand, n int) verify.Elementwise
}

var catalog = []kernel{
	{"ReLU", always(verify.ReLU), nil},
	{"ReLUBackward", always(verify.ReLUBackward), nil},
	{"LeakyReLU", always(verify.LeakyReLU(0.01)), func(r *rand.Rand, _ int) verify.Elementwise {
		return verify.LeakyReLU(parameter(r, verify.Slopes))
	}},
	{"LeakyReLUBackward", always(verify.LeakyReLUBackward(0.01)), func(r *rand.Rand, _ int) verify.Elementwise {
		return verify.LeakyReLUBackward(parameter(r, verify.Slopes))
	}},
}

// always is timed for a function whose parameters do not depend on the length.
func always(k verify.Elementwise) func(n int) verify.Elementwise {
	return func(int) verify.Elementwise { return k }
}

// checked returns the function that verify checks in a call of n elements.
func (k kernel) checked(r *rand.Rand, n int) verify.Elementwise {
	if k.draw == nil {
		return k.timed(n)
	}
	return k.draw(r, n)
}

// bytesPerElement is what one element of a call of k reads and writes:
// every input and the output.
func bytesPerElement(k verify.Elementwise) int { return 4 * (len(k.Inputs) + 1) }

// parameter returns one of the values the tests use, or, as often, a value
// drawn as the inputs are (any class: NaN payloads, ±0, ±Inf, subnormals).
func parameter(r *rand.Rand, tested []float32) float32 {
	if r.IntN(2) == 0 {
		return tested[r.IntN(len(tested))]
	}
	var v [1]float32
	testutil.Fill(r, v[:])
	return v[0]
}

// selectKernels returns the kernels of catalog whose names match filter.
func selectKernels(filter *regexp.Regexp) []kernel {
	var ks []kernel
	for _, k := range catalog {
		if filter.MatchString(k.name) {
			ks = append(ks, k)
		}
	}
	return ks
}

// implementations returns every implementation in this build that this
// CPU runs, generic first, then the public API ("api"); and the names of
// those that it cannot run.
func implementations() (runnable []impls.Set, cannot []string) {
	for _, s := range impls.All() {
		if s.Runs {
			runnable = append(runnable, s)
		} else {
			cannot = append(cannot, s.Name)
		}
	}
	return append(runnable, impls.API), cannot
}
