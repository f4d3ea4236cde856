package simdact_test

import (
	"math"
	"strconv"
	"strings"
	"testing"

	"github.com/simdact/simdact"
	"github.com/simdact/simdact/internal/impls"
	"github.com/simdact/simdact/internal/testutil"
)

// A kernel is one function of the API as the test harness drives it.
type kernel struct {
	name   string
	inputs []string // parameter names of the inputs, in order
	// run calls the kernel of s with output out and the inputs in.
	run func(s impls.Set, out []float32, in [][]float32)
	// want returns the reference result for one element from the values of
	// the inputs there, and whether any NaN is acceptable (where one
	// operation meets two NaNs).
	want func(in []float32) (y float32, anyNaN bool)
}

// slopes are the LeakyReLU slopes every test runs with: PyTorch's default,
// the golden file's, and the signs and classes that change results.
var slopes = []float32{0.01, 0.2, -0.5, 0, float32(math.Copysign(0, -1)), 1.5, 1, -1, float32(math.Inf(1)), float32(math.NaN())}

func isNaN(v float32) bool { return v != v }

// kernels lists every kernel of the API, with each of the test slopes.
func kernels() []kernel {
	ks := []kernel{reluKernel, reluBackwardKernel}
	for _, slope := range slopes {
		ks = append(ks, leakyReLUKernel(slope), leakyReLUBackwardKernel(slope))
	}
	return ks
}

var reluKernel = kernel{
	name: "ReLU", inputs: []string{"x"},
	run: func(s impls.Set, out []float32, in [][]float32) { s.ReLU(out, in[0]) },
	want: func(in []float32) (float32, bool) {
		if x := in[0]; x < 0 {
			return 0, false
		}
		return in[0], false
	},
}

var reluBackwardKernel = kernel{
	name: "ReLUBackward", inputs: []string{"dy", "x"},
	run: func(s impls.Set, out []float32, in [][]float32) { s.ReLUBackward(out, in[0], in[1]) },
	want: func(in []float32) (float32, bool) {
		if dy, x := in[0], in[1]; !(x <= 0) {
			return dy, false
		}
		return 0, false
	},
}

func leakyReLUKernel(slope float32) kernel {
	return kernel{
		name: "LeakyReLU/slope=" + formatSlope(slope), inputs: []string{"x"},
		run: func(s impls.Set, out []float32, in [][]float32) { s.LeakyReLU(out, in[0], slope) },
		want: func(in []float32) (float32, bool) {
			if x := in[0]; !(x > 0) {
				return mulX86(x, slope), isNaN(x) && isNaN(slope)
			}
			return in[0], false
		},
	}
}

func leakyReLUBackwardKernel(slope float32) kernel {
	return kernel{
		name: "LeakyReLUBackward/slope=" + formatSlope(slope), inputs: []string{"dy", "x"},
		run: func(s impls.Set, out []float32, in [][]float32) { s.LeakyReLUBackward(out, in[0], in[1], slope) },
		want: func(in []float32) (float32, bool) {
			if dy, x := in[0], in[1]; !(x > 0) {
				return mulX86(dy, slope), isNaN(dy) && isNaN(slope)
			}
			return in[0], false
		},
	}
}

// mulX86 is a*b as x86 computes it, on any CPU: a product of 0 and ∞ is the
// quiet NaN with the sign bit set; a NaN operand comes out quieted.
func mulX86(a, b float32) float32 {
	switch {
	case isNaN(a):
		return math.Float32frombits(math.Float32bits(a) | 1<<22)
	case isNaN(b):
		return math.Float32frombits(math.Float32bits(b) | 1<<22)
	case (a == 0 && math.IsInf(float64(b), 0)) || (b == 0 && math.IsInf(float64(a), 0)):
		return math.Float32frombits(0xffc00000)
	}
	return a * b
}

func formatSlope(v float32) string { return strconv.FormatFloat(float64(v), 'g', -1, 32) }

// api is the public API as a Set: argument checks and dispatch included.
var api = impls.Set{
	Name: "api", ISA: simdact.Implementation(), Runs: true,
	ReLU:              simdact.ReLU,
	ReLUBackward:      simdact.ReLUBackward,
	LeakyReLU:         simdact.LeakyReLU,
	LeakyReLUBackward: simdact.LeakyReLUBackward,
}

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
	return append(runnable, api)
}

// forEach runs f as a subtest for every Set this CPU runs and every kernel.
func forEach(t *testing.T, f func(t *testing.T, s impls.Set, k kernel)) {
	for _, s := range sets(t) {
		for _, k := range kernels() {
			t.Run(s.Name+"/"+k.name, func(t *testing.T) { f(t, s, k) })
		}
	}
}

// check compares out with the reference for the inputs in, element by
// element and bit by bit, and reports at most a few differences.
func check(t *testing.T, k kernel, what string, out []float32, in [][]float32) {
	t.Helper()
	values := make([]float32, len(in))
	bad := 0
	for i, got := range out {
		for j := range in {
			values[j] = in[j][i]
		}
		want, anyNaN := k.want(values)
		if !testutil.SameBits(got, want, anyNaN) {
			t.Errorf("%s: [%d] of %d: inputs %s: got %s, want %s", what, i, len(out), formatFloats(values), testutil.Format(got), testutil.Format(want))
			if bad++; bad == 5 {
				t.FailNow()
			}
		}
	}
}

func formatFloats(v []float32) string {
	s := make([]string, len(v))
	for i := range v {
		s[i] = testutil.Format(v[i])
	}
	return strings.Join(s, ", ")
}
