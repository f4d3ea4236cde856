package simdact_test

import (
	"fmt"
	"math"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/simdact/simdact/internal/impls"
	"github.com/simdact/simdact/internal/verify"
)

// Benchmarks (benchmarks_test.go, one a function) are named
// BenchmarkOp/impl=NAME/n=SIZE and count the bytes read plus written
// (SetBytes), so that `benchstat -col /impl` compares the implementations,
// and BenchmarkCopy (Go's copy, 8 bytes an element) is the roof for a
// kernel with one input and one output. impl=api is the public function,
// argument checks and dispatch included; the others call one
// implementation directly. Each function runs with the first parameters of
// the kernel list (the peers harness's: Softplus(1, 20), CELU(1),
// Hardtanh(-1, 1), Threshold(0.1, 20), rows of 256).

var benchSizes = []int{16, 64, 1024, 16384, 262144, 4194304, 33554432}

// benchBuffers holds three large buffers of values in (-1, 1), shared by
// every benchmark so that memory is allocated once.
var benchBuffers [3][]float32

func benchBuffer(i, n int) []float32 {
	if benchBuffers[i] == nil {
		r := rand.New(rand.NewPCG(5, uint64(i)))
		benchBuffers[i] = make([]float32, benchSizes[len(benchSizes)-1])
		for j := range benchBuffers[i] {
			benchBuffers[i][j] = 2*r.Float32() - 1
		}
	}
	return benchBuffers[i][:n]
}

func sizeName(n int) string { return fmt.Sprintf("n=%07d", n) }

func BenchmarkCopy(b *testing.B) {
	for _, n := range benchSizes {
		b.Run(sizeName(n), func(b *testing.B) {
			dst, src := benchBuffer(0, n), benchBuffer(1, n)
			b.SetBytes(int64(8 * n))
			for b.Loop() {
				copy(dst, src)
			}
		})
	}
}

// benchKernel runs the function name in every implementation, and in
// mathLoops where that has it, at every size that holds whole rows, the
// output separate from the inputs.
func benchKernel(b *testing.B, name string) {
	k := benchmarked(name)
	all := sets(b)
	if _, ok := mathFunctions[name]; ok {
		all = append(all, mathLoops)
	}
	for _, s := range all {
		for _, n := range benchSizes {
			if n%max(k.Unit, 1) != 0 {
				continue
			}
			b.Run("impl="+s.Name+"/"+sizeName(n), func(b *testing.B) {
				out := benchBuffer(0, n)
				in := make([][]float32, len(k.Inputs))
				for j := range in {
					in[j] = benchBuffer(1+j, n)
				}
				b.SetBytes(int64(4 * n * (1 + len(in))))
				for b.Loop() {
					k.Run(s, out, in)
				}
			})
		}
	}
}

// benchmarked returns the first kernel of the list named name.
func benchmarked(name string) verify.Elementwise {
	for _, k := range verify.All() {
		if baseName(k.Name) == name {
			return k
		}
	}
	panic("no kernel " + name)
}

// baseName is a kernel's name without its parameters: "Softplus" for
// "Softplus/beta=1,threshold=20".
func baseName(name string) string {
	base, _, _ := strings.Cut(name, "/")
	return base
}

// A preluLayout is a shape that PReLU's benchmarks run: inner elements a
// channel and up to channels channels (fewer where a row would not fit in
// n, which is then rounded down to whole rows).
type preluLayout struct {
	name            string
	channels, inner int
}

// preluLayouts are channels-first with small, large and odd maps,
// channels-last with small, odd and large C, and one shared slope.
var preluLayouts = []preluLayout{
	{"nchw-0049", 64, 49}, {"nchw-3136", 64, 3136}, {"nchw-0005", 64, 5},
	{"nhwc-003", 3, 1}, {"nhwc-007", 7, 1}, {"nhwc-016", 16, 1}, {"nhwc-064", 64, 1}, {"nhwc-512", 512, 1},
	{"shared", 1, 1},
}

// shape returns the slope count and the element count that l runs at n.
func (l preluLayout) shape(n int) (channels, elements int) {
	channels = max(1, min(l.channels, n/l.inner))
	return channels, n / (channels * l.inner) * channels * l.inner
}

// benchPReLU runs PReLU or PReLUBackward for every layout, implementation
// and size, as BenchmarkPReLU/layout=nhwc-512/impl=avx2/n=0016384, counting
// the bytes of x (and dy) read and of the output written.
func benchPReLU(b *testing.B, backward bool) {
	for _, l := range preluLayouts {
		for _, s := range sets(b) {
			for _, size := range benchSizes {
				c, n := l.shape(size)
				if n == 0 {
					continue
				}
				b.Run("layout="+l.name+"/impl="+s.Name+"/"+sizeName(size), func(b *testing.B) {
					slope, dslope := benchBuffer(2, c), make([]float32, c)
					out, x, dy := benchBuffer(0, n), benchBuffer(1, n), benchBuffer(2, n)
					if !backward {
						b.SetBytes(int64(8 * n))
						for b.Loop() {
							s.PReLU(out, x, slope, l.inner)
						}
						return
					}
					b.SetBytes(int64(12 * n))
					for b.Loop() {
						s.PReLUBackward(out, dslope, dy, x, slope, l.inner)
					}
				})
			}
		}
	}
}

// mathFunctions are the smooth forwards written the obvious way in Go, in
// float64 with package math: the baselines of the pure-Go kernels.
var mathFunctions = map[string]func(v float64) float64{
	"Sigmoid": func(v float64) float64 { return 1 / (1 + math.Exp(-v)) },
	"Tanh":    math.Tanh,
	"SiLU":    func(v float64) float64 { return v / (1 + math.Exp(-v)) },
	"GELU":    func(v float64) float64 { return 0.5 * v * math.Erfc(-v/math.Sqrt2) },
	"GELUTanh": func(v float64) float64 {
		return 0.5 * v * (1 + math.Tanh(math.Sqrt(2/math.Pi)*(v+0.044715*v*v*v)))
	},
	"Softplus": func(v float64) float64 { // beta = 1, threshold = 20
		if v > 20 {
			return v
		}
		return math.Log1p(math.Exp(v))
	},
	"Mish": func(v float64) float64 { return v * math.Tanh(math.Log1p(math.Exp(v))) },
	"SELU": func(v float64) float64 {
		if v > 0 {
			return seluScale * v
		}
		return seluScale * seluAlpha * math.Expm1(v)
	},
	"ELU":  elu1,
	"CELU": elu1, // alpha = 1
}

func elu1(v float64) float64 {
	if v > 0 {
		return v
	}
	return math.Expm1(v)
}

const (
	seluAlpha = 1.6732632423543772848170429916717
	seluScale = 1.0507009873554804934193349852946
)

// mathLoops runs mathFunctions as impl=math (ignoring the parameters, which
// the benchmarks give their first values).
var mathLoops = impls.Set{Name: "math", Runs: true,
	Sigmoid:  func(dst, x []float32) { loop(dst, x, "Sigmoid") },
	Tanh:     func(dst, x []float32) { loop(dst, x, "Tanh") },
	SiLU:     func(dst, x []float32) { loop(dst, x, "SiLU") },
	GELU:     func(dst, x []float32) { loop(dst, x, "GELU") },
	GELUTanh: func(dst, x []float32) { loop(dst, x, "GELUTanh") },
	Softplus: func(dst, x []float32, _, _ float32) { loop(dst, x, "Softplus") },
	Mish:     func(dst, x []float32) { loop(dst, x, "Mish") },
	SELU:     func(dst, x []float32) { loop(dst, x, "SELU") },
	ELU:      func(dst, x []float32, _ float32) { loop(dst, x, "ELU") },
	CELU:     func(dst, x []float32, _ float32) { loop(dst, x, "CELU") },
}

func loop(dst, x []float32, name string) {
	f := mathFunctions[name]
	dst = dst[:len(x)]
	for i, v := range x {
		dst[i] = float32(f(float64(v)))
	}
}
