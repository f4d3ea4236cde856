package simdact_test

import (
	"fmt"
	"math"
	"testing"

	"github.com/simdact/simdact/internal/impls"
)

// The activations beyond the seed, as calls of a Set with typical
// parameters, for the tests that run every kernel the same way: a unary
// kernel writes dst from x, a binary one dx from dy and in (named x or y),
// a row kernel works on rows of cols.
type (
	unaryCall struct {
		name string
		call func(s impls.Set, dst, x []float32)
	}
	binaryCall struct {
		name, in string
		call     func(s impls.Set, dx, dy, in []float32)
	}
	rowCall struct {
		name, in string // in is "" for a forward kernel
		call     func(s impls.Set, out, a, b []float32, cols int)
	}
)

var unaryCalls = []unaryCall{
	{"Sigmoid", func(s impls.Set, d, x []float32) { s.Sigmoid(d, x) }},
	{"Tanh", func(s impls.Set, d, x []float32) { s.Tanh(d, x) }},
	{"SiLU", func(s impls.Set, d, x []float32) { s.SiLU(d, x) }},
	{"GELU", func(s impls.Set, d, x []float32) { s.GELU(d, x) }},
	{"GELUTanh", func(s impls.Set, d, x []float32) { s.GELUTanh(d, x) }},
	{"Softplus", func(s impls.Set, d, x []float32) { s.Softplus(d, x, 1, 20) }},
	{"Mish", func(s impls.Set, d, x []float32) { s.Mish(d, x) }},
	{"SELU", func(s impls.Set, d, x []float32) { s.SELU(d, x) }},
	{"CELU", func(s impls.Set, d, x []float32) { s.CELU(d, x, 1) }},
	{"Hardtanh", func(s impls.Set, d, x []float32) { s.Hardtanh(d, x, -1, 1) }},
	{"HardSigmoid", func(s impls.Set, d, x []float32) { s.HardSigmoid(d, x) }},
	{"HardSwish", func(s impls.Set, d, x []float32) { s.HardSwish(d, x) }},
	{"Threshold", func(s impls.Set, d, x []float32) { s.Threshold(d, x, 0.1, 20) }},
}

var binaryCalls = []binaryCall{
	{"SigmoidBackward", "y", func(s impls.Set, dx, dy, y []float32) { s.SigmoidBackward(dx, dy, y) }},
	{"TanhBackward", "y", func(s impls.Set, dx, dy, y []float32) { s.TanhBackward(dx, dy, y) }},
	{"SiLUBackward", "x", func(s impls.Set, dx, dy, x []float32) { s.SiLUBackward(dx, dy, x) }},
	{"GELUBackward", "x", func(s impls.Set, dx, dy, x []float32) { s.GELUBackward(dx, dy, x) }},
	{"GELUTanhBackward", "x", func(s impls.Set, dx, dy, x []float32) { s.GELUTanhBackward(dx, dy, x) }},
	{"SoftplusBackward", "x", func(s impls.Set, dx, dy, x []float32) { s.SoftplusBackward(dx, dy, x, 1, 20) }},
	{"MishBackward", "x", func(s impls.Set, dx, dy, x []float32) { s.MishBackward(dx, dy, x) }},
	{"SELUBackward", "x", func(s impls.Set, dx, dy, x []float32) { s.SELUBackward(dx, dy, x) }},
	{"CELUBackward", "x", func(s impls.Set, dx, dy, x []float32) { s.CELUBackward(dx, dy, x, 1) }},
	{"HardtanhBackward", "x", func(s impls.Set, dx, dy, x []float32) { s.HardtanhBackward(dx, dy, x, -1, 1) }},
	{"HardSigmoidBackward", "x", func(s impls.Set, dx, dy, x []float32) { s.HardSigmoidBackward(dx, dy, x) }},
	{"HardSwishBackward", "x", func(s impls.Set, dx, dy, x []float32) { s.HardSwishBackward(dx, dy, x) }},
	{"ThresholdBackward", "x", func(s impls.Set, dx, dy, x []float32) { s.ThresholdBackward(dx, dy, x, 0.1) }},
}

var rowCalls = []rowCall{
	{"Softmax", "", func(s impls.Set, d, x, _ []float32, cols int) { s.Softmax(d, x, cols) }},
	{"LogSoftmax", "", func(s impls.Set, d, x, _ []float32, cols int) { s.LogSoftmax(d, x, cols) }},
	{"SoftmaxBackward", "y", func(s impls.Set, dx, dy, y []float32, cols int) { s.SoftmaxBackward(dx, dy, y, cols) }},
	{"LogSoftmaxBackward", "y", func(s impls.Set, dx, dy, y []float32, cols int) { s.LogSoftmaxBackward(dx, dy, y, cols) }},
}

// TestFamilyPanics checks, as TestPanics does for the seed's kernels, that
// every misuse of the activations beyond the seed panics with its message
// before writing anything, in the API, every asm.Impl this CPU runs and
// package kernels: lengths that differ, partial overlaps, rows that do not
// divide the length, and parameters out of their domain.
func TestFamilyPanics(t *testing.T) {
	for _, s := range append(sets(t), impls.Kernels) {
		t.Run(s.Name, func(t *testing.T) {
			buf := make([]float32, 18)
			a, b3, b4 := buf[0:4], buf[8:11], buf[8:12]
			shifted := buf[1:5]
			type misuse struct {
				call func()
				want string
			}
			var cases []misuse
			for _, k := range unaryCalls {
				cases = append(cases,
					misuse{func() { k.call(s, b4, b3) }, fmt.Sprintf("simdact: %s: len(dst)=4, len(x)=3", k.name)},
					misuse{func() { k.call(s, shifted, a) }, fmt.Sprintf("simdact: %s: dst and x overlap partially", k.name)},
					misuse{func() { k.call(s, a, shifted) }, fmt.Sprintf("simdact: %s: dst and x overlap partially", k.name)})
			}
			for _, k := range binaryCalls {
				cases = append(cases,
					misuse{func() { k.call(s, a, b4, b3) }, fmt.Sprintf("simdact: %s: len(dx)=4, len(dy)=4, len(%s)=3", k.name, k.in)},
					misuse{func() { k.call(s, a, b3, b4) }, fmt.Sprintf("simdact: %s: len(dx)=4, len(dy)=3, len(%s)=4", k.name, k.in)},
					misuse{func() { k.call(s, shifted, a, b4) }, fmt.Sprintf("simdact: %s: dx and dy overlap partially", k.name)},
					misuse{func() { k.call(s, shifted, b4, a) }, fmt.Sprintf("simdact: %s: dx and %s overlap partially", k.name, k.in)})
			}
			for _, k := range rowCalls {
				in := k.in
				if in == "" {
					in = "x"
				}
				cases = append(cases,
					misuse{func() { k.call(s, a, b4, b4, 0) }, fmt.Sprintf("simdact: %s: cols=0, want at least 1", k.name)},
					misuse{func() { k.call(s, a, b4, b4, -2) }, fmt.Sprintf("simdact: %s: cols=-2, want at least 1", k.name)},
					misuse{func() { k.call(s, a, b4, b4, 3) }, fmt.Sprintf("simdact: %s: len(%s)=4 is not a multiple of cols=3", k.name, in)},
					misuse{func() { k.call(s, a, b4, b4, 8) }, fmt.Sprintf("simdact: %s: len(%s)=4 is not a multiple of cols=8", k.name, in)},
					misuse{func() { k.call(s, shifted, a, b4, 2) }, fmt.Sprintf("simdact: %s: dx and dy overlap partially", k.name)})
				if k.in == "" {
					cases[len(cases)-1] = misuse{func() { k.call(s, shifted, a, nil, 2) }, fmt.Sprintf("simdact: %s: dst and x overlap partially", k.name)}
					cases = append(cases, misuse{func() { k.call(s, a[:2], b4, nil, 2) }, fmt.Sprintf("simdact: %s: len(dst)=2, len(x)=4", k.name)})
				} else {
					cases = append(cases, misuse{func() { k.call(s, a, b4, b4[:2], 2) }, fmt.Sprintf("simdact: %s: len(%s)=2 is not a multiple of cols=2", k.name, in)})
					cases[len(cases)-1] = misuse{func() { k.call(s, a, b4[:2], b4, 2) }, fmt.Sprintf("simdact: %s: len(dx)=4, len(dy)=2, len(%s)=4", k.name, in)}
				}
			}
			nan, inf := float32(math.NaN()), float32(math.Inf(1))
			cases = append(cases,
				misuse{func() { s.Hardtanh(a, b4, 1, -1) }, "simdact: Hardtanh: min=1 is not <= max=-1"},
				misuse{func() { s.Hardtanh(a, b4, nan, 1) }, "simdact: Hardtanh: min=NaN is not <= max=1"},
				misuse{func() { s.Hardtanh(a, b4, -inf, nan) }, "simdact: Hardtanh: min=-Inf is not <= max=NaN"},
				misuse{func() { s.Hardtanh(nil, nil, 0x1p-149, 0) }, "simdact: Hardtanh: min=1e-45 is not <= max=0"},
				misuse{func() { s.HardtanhBackward(a, b4, b4, 6, 0) }, "simdact: HardtanhBackward: min=6 is not <= max=0"},
				misuse{func() { s.CELU(a, b4, 0) }, "simdact: CELU: alpha=0, want a non-zero number"},
				misuse{func() { s.CELU(nil, nil, float32(math.Copysign(0, -1))) }, "simdact: CELU: alpha=-0, want a non-zero number"},
				misuse{func() { s.CELU(a, b4, nan) }, "simdact: CELU: alpha=NaN, want a non-zero number"},
				misuse{func() { s.CELUBackward(a, b4, b4, 0) }, "simdact: CELUBackward: alpha=0, want a non-zero number"},
			)
			for _, c := range cases {
				for i := range buf {
					buf[i] = -float32(i + 1)
				}
				if got := panicMessage(c.call); got != c.want {
					t.Errorf("got panic %q, want %q", got, c.want)
				}
				for i, v := range buf {
					if v != -float32(i+1) {
						t.Errorf("%q: wrote %v at %d before panicking", c.want, v, i)
						break
					}
				}
			}
		})
	}
}

// TestFamilyNoAllocations checks that no call of the activations beyond the
// seed allocates, at a size that streams and one that does not.
func TestFamilyNoAllocations(t *testing.T) {
	for _, n := range []int{96, 3 << 19} {
		x, dy, out := make([]float32, n), make([]float32, n), make([]float32, n)
		for _, k := range unaryCalls {
			if allocs := testing.AllocsPerRun(10, func() { k.call(impls.API, out, x) }); allocs != 0 {
				t.Errorf("%s(n=%d): %v allocations a call", k.name, n, allocs)
			}
		}
		for _, k := range binaryCalls {
			if allocs := testing.AllocsPerRun(10, func() { k.call(impls.API, out, dy, x) }); allocs != 0 {
				t.Errorf("%s(n=%d): %v allocations a call", k.name, n, allocs)
			}
		}
		for _, k := range rowCalls {
			for _, cols := range []int{1, 3, 32, 96} {
				if allocs := testing.AllocsPerRun(10, func() { k.call(impls.API, out, dy, x, cols) }); allocs != 0 {
					t.Errorf("%s(n=%d, cols=%d): %v allocations a call", k.name, n, cols, allocs)
				}
			}
		}
	}
}
