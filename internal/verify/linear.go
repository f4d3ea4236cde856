package verify

import (
	"math"
	"strconv"
)

// Slopes are the LeakyReLU slopes every test runs with: PyTorch's default,
// the golden file's, and the signs and classes that change results.
var Slopes = []float32{0.01, 0.2, -0.5, 0, float32(math.Copysign(0, -1)), 1.5, 1, -1, float32(math.Inf(1)), float32(math.NaN())}

// Linear returns the piecewise-linear kernels, with each of Slopes.
func Linear() []Elementwise {
	ks := []Elementwise{ReLU, ReLUBackward}
	for _, slope := range Slopes {
		ks = append(ks, LeakyReLU(slope), LeakyReLUBackward(slope))
	}
	return ks
}

// ReLU is x < 0 ? +0 : x.
var ReLU = Elementwise{
	Name: "ReLU", Inputs: []string{"x"},
	Run: func(s Set, out []float32, in [][]float32) { s.ReLU(out, in[0]) },
	Check: func(_ int, got float32, in []float32) (float32, bool) {
		want := in[0]
		if want < 0 {
			want = 0
		}
		return exact(got, want, false)
	},
}

// ReLUBackward is x <= 0 ? +0 : dy.
var ReLUBackward = Elementwise{
	Name: "ReLUBackward", Inputs: []string{"dy", "x"},
	Run: func(s Set, out []float32, in [][]float32) { s.ReLUBackward(out, in[0], in[1]) },
	Check: func(_ int, got float32, in []float32) (float32, bool) {
		want := in[0]
		if in[1] <= 0 {
			want = 0
		}
		return exact(got, want, false)
	},
}

// LeakyReLU is x > 0 ? x : x*slope.
func LeakyReLU(slope float32) Elementwise {
	return Elementwise{
		Name: "LeakyReLU/slope=" + Format(slope), Inputs: []string{"x"},
		Run:   func(s Set, out []float32, in [][]float32) { s.LeakyReLU(out, in[0], slope) },
		Check: func(_ int, got float32, in []float32) (float32, bool) { return leaky(got, in[0], in[0], slope) },
	}
}

// LeakyReLUBackward is x > 0 ? dy : dy*slope.
func LeakyReLUBackward(slope float32) Elementwise {
	return Elementwise{
		Name: "LeakyReLUBackward/slope=" + Format(slope), Inputs: []string{"dy", "x"},
		Run:   func(s Set, out []float32, in [][]float32) { s.LeakyReLUBackward(out, in[0], in[1], slope) },
		Check: func(_ int, got float32, in []float32) (float32, bool) { return leaky(got, in[0], in[1], slope) },
	}
}

// leaky checks got against x > 0 ? v : v*slope, v being x (forward) or dy
// (backward).
func leaky(got, v, x, slope float32) (float32, bool) {
	if !(x > 0) {
		return exact(got, MulX86(v, slope), isNaN(v) && isNaN(slope))
	}
	return exact(got, v, false)
}

// exact accepts got if it has want's bits, or, where anyNaN is set (one
// operation met two NaNs), if both are NaN.
func exact(got, want float32, anyNaN bool) (float32, bool) {
	if anyNaN && isNaN(want) {
		return want, isNaN(got)
	}
	return want, math.Float32bits(got) == math.Float32bits(want)
}

func isNaN(v float32) bool { return v != v }

// MulX86 is a*b as x86 computes it, which simdact reproduces on every CPU:
// a NaN operand comes out quieted (a's if both are NaN), and 0 × ∞ is the
// quiet NaN with the sign bit set.
func MulX86(a, b float32) float32 {
	switch {
	case isNaN(a):
		return quiet(a)
	case isNaN(b):
		return quiet(b)
	case (a == 0 && math.IsInf(float64(b), 0)) || (b == 0 && math.IsInf(float64(a), 0)):
		return math.Float32frombits(defaultNaN)
	}
	return a * b
}

// defaultNaN is the quiet NaN x86 returns for an invalid operation.
const defaultNaN = 0xffc00000

// quiet returns the NaN v with its quiet bit set and its payload kept.
func quiet(v float32) float32 { return math.Float32frombits(math.Float32bits(v) | 1<<22) }

// Format spells a parameter for a kernel's name: "0.01", "-0", "NaN".
func Format(v float32) string { return strconv.FormatFloat(float64(v), 'g', -1, 32) }
