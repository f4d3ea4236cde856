package simdact_test

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/simdact/simdact/internal/impls"
	"github.com/simdact/simdact/internal/verify"
)

// Benchmarks are named BenchmarkOp/impl=NAME/n=SIZE and count the bytes read
// plus written (SetBytes), so that `benchstat -col /impl` compares the
// implementations, and BenchmarkCopy (Go's copy, 8 bytes an element) is the
// roof for a kernel with one input and one output. impl=api is the public
// function, argument checks and dispatch included; the others call one
// implementation directly.

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

func BenchmarkReLU(b *testing.B)         { benchKernel(b, verify.ReLU) }
func BenchmarkReLUBackward(b *testing.B) { benchKernel(b, verify.ReLUBackward) }
func BenchmarkLeakyReLU(b *testing.B)    { benchKernel(b, verify.LeakyReLU(0.01)) }
func BenchmarkLeakyReLUBackward(b *testing.B) {
	benchKernel(b, verify.LeakyReLUBackward(0.01))
}

// BenchmarkELU also runs impl=math.Expm1, ELU written the obvious way in Go
// with math.Expm1 in float64: the baseline of the pure-Go kernel.
func BenchmarkELU(b *testing.B) { benchKernel(b, verify.ELU(1), mathExpm1) }

func BenchmarkELUBackward(b *testing.B) { benchKernel(b, verify.ELUBackward(1)) }

func BenchmarkELUBackwardFromOutput(b *testing.B) {
	benchKernel(b, verify.ELUBackwardFromOutput(1))
}

var mathExpm1 = impls.Set{Name: "math.Expm1", Runs: true,
	ELU: func(dst, x []float32, alpha float32) {
		dst = dst[:len(x)]
		for i, v := range x {
			if v > 0 {
				dst[i] = v
			} else {
				dst[i] = alpha * float32(math.Expm1(float64(v)))
			}
		}
	},
}

// benchKernel runs k in every implementation, and in extra, at every size,
// the output separate from the inputs.
func benchKernel(b *testing.B, k verify.Elementwise, extra ...impls.Set) {
	for _, s := range append(sets(b), extra...) {
		for _, n := range benchSizes {
			b.Run("impl="+s.Name+"/"+sizeName(n), func(b *testing.B) {
				out := benchBuffer(0, n)
				in := make([][]float32, len(k.Inputs))
				for j := range in {
					in[j] = benchBuffer(1+j, n)
				}
				b.SetBytes(int64(4 * n * (1 + len(in))))
				run := k.Run
				for b.Loop() {
					run(s, out, in)
				}
			})
		}
	}
}

// A preluLayout is a shape that PReLU's benchmarks run: inner elements a
// channel and up to channels channels (fewer where a row would not fit in
// n, which is then rounded down to whole rows).
type preluLayout struct {
	name            string
	channels, inner int
}

// preluLayouts are the layouts of the issue: channels-first with small,
// large and odd maps, channels-last with small, odd and large C, and one
// shared slope.
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

func BenchmarkPReLU(b *testing.B)         { benchPReLU(b, false) }
func BenchmarkPReLUBackward(b *testing.B) { benchPReLU(b, true) }

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
