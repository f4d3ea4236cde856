package simdact_test

import (
	"flag"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/simdact/simdact/internal/testutil"
	"github.com/simdact/simdact/internal/verify"
)

var sigmoidStride = flag.Uint64("sigmoid-stride", 0,
	"with N > 0, TestSigmoidSweep checks every N-th float32 bit pattern (default: 65537, or 1021 without -short)")

// TestSigmoidSweep checks the sigmoid family's forward kernels on a strided
// sweep over every float32 bit pattern (all of them with -sigmoid-stride=1),
// and its backward kernels on the first 2^22 inputs of the sweep with
// gradients dy of every magnitude, and logs each implementation's largest
// error and where it occurs.
func TestSigmoidSweep(t *testing.T) {
	stride := *sigmoidStride
	if stride == 0 {
		stride = 1021
		if testing.Short() {
			stride = 65537
		}
	}
	var xs []float32
	for b := uint64(0); b < 1<<32 && len(xs) < 1<<22; b += stride {
		xs = append(xs, math.Float32frombits(uint32(b)))
	}
	for _, s := range sets(t) {
		for _, f := range verify.SigmoidForwards() {
			t.Run(s.Name+"/"+f.Name, func(t *testing.T) {
				const chunk = 1 << 16
				x, got := make([]float32, 0, chunk), make([]float32, chunk)
				var worst uint64
				var at float32
				fails := 0
				check := func() {
					f.Run(s, got[:len(x)], x)
					for i, x := range x {
						want, ulps, ok := f.Check(got[i], x, f.Ref(x))
						if !ok && fails < 10 {
							fails++
							t.Errorf("%s(%v) = %v, want %v (%d ulp)", f.Name, testutil.Format(x), testutil.Format(got[i]), testutil.Format(want), ulps)
						}
						if ulps > worst && ok {
							worst, at = ulps, x
						}
					}
					x = x[:0]
				}
				for b := uint64(0); b < 1<<32; b += stride {
					if x = append(x, math.Float32frombits(uint32(b))); len(x) == chunk {
						check()
					}
				}
				check()
				t.Logf("max %d ulp at x = %v", worst, at)
			})
		}
		for _, b := range verify.SigmoidBackwards() {
			t.Run(s.Name+"/"+b.Name, func(t *testing.T) {
				r := rand.New(rand.NewPCG(3, 4))
				dy := make([]float32, len(xs))
				for i := range dy {
					dy[i] = float32(math.Ldexp(r.Float64()+0.5, r.IntN(300)-150))
					if r.IntN(2) == 0 {
						dy[i] = -dy[i]
					}
					if r.IntN(4) == 0 {
						dy[i] = math.Float32frombits(r.Uint32())
					}
				}
				got := make([]float32, len(xs))
				b.Run(s, got, dy, xs)
				var worst float64
				var atX, atDy float32
				fails := 0
				for i, x := range xs {
					want, err, ok := b.Check(got[i], dy[i], x)
					if !ok && fails < 10 {
						fails++
						t.Errorf("%s(dy=%v, %v) = %v, want %v (%g ulp)", b.Name, testutil.Format(dy[i]), testutil.Format(x), testutil.Format(got[i]), testutil.Format(want), err)
					}
					if ok && err > worst {
						worst, atX, atDy = err, x, dy[i]
					}
				}
				t.Logf("max %g ulp at dy = %v, %v = %v", worst, atDy, b.Inputs[1], atX)
			})
		}
	}
}
