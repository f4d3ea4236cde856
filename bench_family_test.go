package simdact_test

import (
	"math"
	"strings"
	"testing"

	"github.com/simdact/simdact/internal/impls"
	"github.com/simdact/simdact/internal/verify"
)

// The benchmarks of the activations beyond the seed run each function with
// the parameters the peers harness uses (Softplus(1, 20), CELU(1),
// Hardtanh(-1, 1), Threshold(0.1, 20)). Each smooth forward also runs as
// impl=math: a plain Go loop over the float64 math functions, the baseline
// of the pure-Go kernels (which are at least 4 times as fast).

func BenchmarkSigmoid(b *testing.B)          { benchKernel(b, smooth("Sigmoid"), mathLoops) }
func BenchmarkSigmoidBackward(b *testing.B)  { benchKernel(b, smooth("SigmoidBackward")) }
func BenchmarkTanh(b *testing.B)             { benchKernel(b, smooth("Tanh"), mathLoops) }
func BenchmarkTanhBackward(b *testing.B)     { benchKernel(b, smooth("TanhBackward")) }
func BenchmarkSiLU(b *testing.B)             { benchKernel(b, smooth("SiLU"), mathLoops) }
func BenchmarkSiLUBackward(b *testing.B)     { benchKernel(b, smooth("SiLUBackward")) }
func BenchmarkGELU(b *testing.B)             { benchKernel(b, smooth("GELU"), mathLoops) }
func BenchmarkGELUBackward(b *testing.B)     { benchKernel(b, smooth("GELUBackward")) }
func BenchmarkGELUTanh(b *testing.B)         { benchKernel(b, smooth("GELUTanh"), mathLoops) }
func BenchmarkGELUTanhBackward(b *testing.B) { benchKernel(b, smooth("GELUTanhBackward")) }
func BenchmarkSoftplus(b *testing.B)         { benchKernel(b, smooth("Softplus"), mathLoops) }
func BenchmarkSoftplusBackward(b *testing.B) { benchKernel(b, smooth("SoftplusBackward")) }
func BenchmarkMish(b *testing.B)             { benchKernel(b, smooth("Mish"), mathLoops) }
func BenchmarkMishBackward(b *testing.B)     { benchKernel(b, smooth("MishBackward")) }
func BenchmarkSELU(b *testing.B)             { benchKernel(b, smooth("SELU"), mathLoops) }
func BenchmarkSELUBackward(b *testing.B)     { benchKernel(b, smooth("SELUBackward")) }
func BenchmarkCELU(b *testing.B)             { benchKernel(b, smooth("CELU"), mathLoops) }
func BenchmarkCELUBackward(b *testing.B)     { benchKernel(b, smooth("CELUBackward")) }

func BenchmarkHardtanh(b *testing.B)            { benchKernel(b, hard("Hardtanh")) }
func BenchmarkHardtanhBackward(b *testing.B)    { benchKernel(b, hard("HardtanhBackward")) }
func BenchmarkHardSigmoid(b *testing.B)         { benchKernel(b, hard("HardSigmoid")) }
func BenchmarkHardSigmoidBackward(b *testing.B) { benchKernel(b, hard("HardSigmoidBackward")) }
func BenchmarkHardSwish(b *testing.B)           { benchKernel(b, hard("HardSwish")) }
func BenchmarkHardSwishBackward(b *testing.B)   { benchKernel(b, hard("HardSwishBackward")) }
func BenchmarkThreshold(b *testing.B)           { benchKernel(b, hard("Threshold")) }
func BenchmarkThresholdBackward(b *testing.B)   { benchKernel(b, hard("ThresholdBackward")) }

// smooth returns the first setting of the smooth kernel named name (the
// peers' parameters come first in verify's lists).
func smooth(name string) verify.Elementwise {
	for _, f := range verify.SmoothForwards() {
		if baseName(f.Name) == name {
			return f.Elementwise()
		}
	}
	for _, b := range verify.SmoothBackwards() {
		if baseName(b.Name) == name {
			return b.Elementwise()
		}
	}
	panic("no smooth kernel " + name)
}

// hard returns the first setting of the hard kernel named name.
func hard(name string) verify.Elementwise {
	for _, k := range verify.HardKernels() {
		if baseName(k.Name) == name {
			return k
		}
	}
	panic("no hard kernel " + name)
}

// baseName is a kernel's name without its parameters: "Softplus" for
// "Softplus/beta=1,threshold=20".
func baseName(name string) string {
	base, _, _ := strings.Cut(name, "/")
	return base
}

const (
	seluAlpha = 1.6732632423543772848170429916717
	seluScale = 1.0507009873554804934193349852946
)

// mathLoops are the smooth forwards written the obvious way in Go, in
// float64 with package math.
var mathLoops = impls.Set{Name: "math", Runs: true,
	Sigmoid: func(dst, x []float32) { loop(dst, x, func(v float64) float64 { return 1 / (1 + math.Exp(-v)) }) },
	Tanh:    func(dst, x []float32) { loop(dst, x, math.Tanh) },
	SiLU:    func(dst, x []float32) { loop(dst, x, func(v float64) float64 { return v / (1 + math.Exp(-v)) }) },
	GELU: func(dst, x []float32) {
		loop(dst, x, func(v float64) float64 { return 0.5 * v * math.Erfc(-v/math.Sqrt2) })
	},
	GELUTanh: func(dst, x []float32) {
		loop(dst, x, func(v float64) float64 {
			return 0.5 * v * (1 + math.Tanh(math.Sqrt(2/math.Pi)*(v+0.044715*v*v*v)))
		})
	},
	Softplus: func(dst, x []float32, beta, threshold float32) {
		loop(dst, x, func(v float64) float64 {
			if v*float64(beta) > float64(threshold) {
				return v
			}
			return math.Log1p(math.Exp(v*float64(beta))) / float64(beta)
		})
	},
	Mish: func(dst, x []float32) {
		loop(dst, x, func(v float64) float64 { return v * math.Tanh(math.Log1p(math.Exp(v))) })
	},
	SELU: func(dst, x []float32) {
		loop(dst, x, func(v float64) float64 {
			if v > 0 {
				return seluScale * v
			}
			return seluScale * seluAlpha * math.Expm1(v)
		})
	},
	CELU: func(dst, x []float32, alpha float32) {
		loop(dst, x, func(v float64) float64 {
			if v > 0 {
				return v
			}
			return float64(alpha) * math.Expm1(v/float64(alpha))
		})
	},
}

func loop(dst, x []float32, f func(float64) float64) {
	dst = dst[:len(x)]
	for i, v := range x {
		dst[i] = float32(f(float64(v)))
	}
}
