package main

import (
	"math"
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
	// elements returns how many of n elements a timed call uses; nil if
	// all of them (PReLU's layouts take whole rows).
	elements func(n int) int
	// detail marks a kernel that the default report leaves out (backward
	// passes, PReLU's less common layouts): -full, or a -kernel that names
	// it, measures it.
	detail bool
}

var catalog = []kernel{
	{"ReLU", always(verify.ReLU), nil, nil, false},
	{"ReLUBackward", always(verify.ReLUBackward), nil, nil, true},
	{"LeakyReLU", always(verify.LeakyReLU(0.01)), func(r *rand.Rand, _ int) verify.Elementwise {
		return verify.LeakyReLU(parameter(r, verify.Slopes))
	}, nil, false},
	{"LeakyReLUBackward", always(verify.LeakyReLUBackward(0.01)), func(r *rand.Rand, _ int) verify.Elementwise {
		return verify.LeakyReLUBackward(parameter(r, verify.Slopes))
	}, nil, true},
	{"ELU", always(verify.ELU(1)), func(r *rand.Rand, _ int) verify.Elementwise {
		return verify.ELU(parameter(r, verify.ELUAlphas))
	}, nil, false},
	{"ELUBackward", always(verify.ELUBackward(1)), func(r *rand.Rand, _ int) verify.Elementwise {
		return verify.ELUBackward(parameter(r, verify.ELUAlphas))
	}, nil, true},
	{"ELUBackwardFromOutput", always(verify.ELUBackwardFromOutput(1)), func(r *rand.Rand, _ int) verify.Elementwise {
		return verify.ELUBackwardFromOutput(nonNegative(parameter(r, verify.ELUOutputAlphas)))
	}, nil, true},
}

// preluLayouts are the layouts the tool times PReLU in, those of the root
// package's benchmarks: channels-first with small, large and odd maps,
// channels-last with small, odd and large C, and one shared slope.
// The default report shows one of each family, whose code paths differ:
// channels-first with 7×7 maps (short rows, each with a tail, and a row
// that fits every size from L1 up) and channels-last with 64 channels.
var preluLayouts = []struct {
	name string
	verify.Layout
	detail bool
}{
	{"nchw-0049", verify.Layout{C: 64, Inner: 49}, false}, {"nchw-3136", verify.Layout{C: 64, Inner: 3136}, true},
	{"nchw-0005", verify.Layout{C: 64, Inner: 5}, true}, {"nhwc-003", verify.Layout{C: 3, Inner: 1}, true},
	{"nhwc-007", verify.Layout{C: 7, Inner: 1}, true}, {"nhwc-016", verify.Layout{C: 16, Inner: 1}, true},
	{"nhwc-064", verify.Layout{C: 64, Inner: 1}, false}, {"nhwc-512", verify.Layout{C: 512, Inner: 1}, true},
	{"shared", verify.Layout{C: 1, Inner: 1}, true},
}

func init() {
	for _, backward := range []bool{false, true} {
		name, spec := "PReLU", verify.PReLU
		if backward {
			name, spec = "PReLUBackward", verify.PReLUBackward
		}
		for _, l := range preluLayouts {
			catalog = append(catalog, kernel{
				name: name + "/layout=" + l.name,
				timed: func(n int) verify.Elementwise {
					c, _ := preluShape(l.Layout, n)
					slope := make([]float32, c)
					for i := range slope {
						slope[i] = 0.25
					}
					return spec(slope, l.Inner)
				},
				draw: func(r *rand.Rand, n int) verify.Elementwise {
					c, inner := preluDraw(r, n)
					return spec(verify.PReLUSlopes(c), inner)
				},
				elements: func(n int) int { _, m := preluShape(l.Layout, n); return m },
				detail:   l.detail || backward,
			})
		}
	}
}

// preluShape returns the channels that layout l has in a call of about n
// elements, fewer than l.C where a row of them is longer than n, and the
// whole rows of them that fit in n, as the root package's benchmarks do.
func preluShape(l verify.Layout, n int) (channels, elements int) {
	channels = max(1, min(l.C, n/l.Inner))
	return channels, n / (channels * l.Inner) * channels * l.Inner
}

// preluDraw draws a layout whose rows divide n: a random divisor of n (any
// row if n is 0), split into channels and inner at random.
func preluDraw(r *rand.Rand, n int) (channels, inner int) {
	row := 1 + r.IntN(64)
	if n > 0 {
		var divisors []int
		for d := 1; d <= n; d++ {
			if n%d == 0 {
				divisors = append(divisors, d)
			}
		}
		row = divisors[r.IntN(len(divisors))]
	}
	var splits []int
	for c := 1; c <= row; c++ {
		if row%c == 0 {
			splits = append(splits, c)
		}
	}
	channels = splits[r.IntN(len(splits))]
	return channels, row / channels
}

// nonNegative turns a drawn alpha into one that ELUBackwardFromOutput
// accepts: |alpha|, and 1 for NaN.
func nonNegative(alpha float32) float32 {
	if alpha != alpha {
		return 1
	}
	return float32(math.Abs(float64(alpha)))
}

// elementsOf returns how many of n elements a timed call of k uses.
func (k kernel) elementsOf(n int) int {
	if k.elements == nil {
		return n
	}
	return k.elements(n)
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
