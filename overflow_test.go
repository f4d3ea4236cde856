package simdact_test

import (
	"math"
	"testing"

	"github.com/simdact/simdact/internal/impls"
	"github.com/simdact/simdact/internal/verify"
)

// The edge of float32's range: results whose float64 value lies within a
// few ulps of ±MaxFloat32, where a kernel may round to ±Inf exactly when
// the interval its bound allows reaches past MaxFloat32 plus half an ulp
// (verify.Within). These inputs are fixed, so that every implementation,
// natively and under qemu, meets the same cases on every run.

// edgeGradients are gradients at and just below MaxFloat32, of both signs.
var edgeGradients = func() []float32 {
	var g []float32
	for _, v := range []float32{math.MaxFloat32, math.Nextafter32(math.MaxFloat32, 0), 0x1.fffffap127, 0x1.8p127, 0x1p127} {
		g = append(g, v, -v)
	}
	return g
}()

// edgeOutputs are forward outputs (Softmax's y, LogSoftmax's log-probabilities)
// near 0 and 1, where exp(y) and y·(dy - g) stay near 1 and a gradient near
// MaxFloat32 keeps its size.
var edgeOutputs = []float32{0, 0x1p-24, -0x1p-24, 0x1p-23, -0x1p-23, 0x1p-20, -0.37925267, 0.5, 1, 1 + 0x1p-23, 1 - 0x1p-24, 2}

// TestOverflowEdge checks every smooth backward pass with gradients near
// ±MaxFloat32 at inputs where the derivative is near its extremes, and the
// softmax backward passes on every row of two and of one element drawn from
// edgeGradients (and 0 and ±1) and edgeOutputs, in every implementation.
func TestOverflowEdge(t *testing.T) {
	for _, s := range sets(t) {
		for _, b := range verify.SmoothBackwards() {
			t.Run(s.Name+"/"+b.Name, func(t *testing.T) { edgeBackward(t, s, b) })
		}
		for _, k := range verify.SoftmaxKernels() {
			if len(k.Inputs) == 2 {
				t.Run(s.Name+"/"+k.Name, func(t *testing.T) { edgeRows(t, s, k) })
			}
		}
	}
}

// edgeBackward runs b on every gradient of edgeGradients at every input of
// a grid from -160 to 160 (quarters, powers of two, b's points).
func edgeBackward(t *testing.T, s impls.Set, b verify.Backward) {
	xs := append([]float32{}, b.Points...)
	for k := -640; k <= 640; k++ {
		xs = append(xs, float32(k)/4)
	}
	for e := -30; e <= 7; e++ {
		p := float32(math.Ldexp(1, e))
		xs = append(xs, p, -p, math.Nextafter32(p, 0), -math.Nextafter32(p, 0))
	}
	var dy, x []float32
	for _, g := range edgeGradients {
		for _, v := range xs {
			dy, x = append(dy, g), append(x, v)
		}
	}
	dx := make([]float32, len(x))
	b.Run(s, dx, dy, x)
	for i, got := range dx {
		if want, _, ok := b.Check(got, dy[i], x[i]); !ok {
			t.Fatalf("dy=%s, %s=%s: got %s, want %s", verify.Format(dy[i]), b.Inputs[1], verify.Format(x[i]),
				verify.Format(got), verify.Format(want))
		}
	}
}

// edgeRows runs k, a softmax backward pass, on every row of one and of two
// elements from the grids, and checks each row.
func edgeRows(t *testing.T, s impls.Set, k verify.Rows) {
	dys := append([]float32{0, 1, -1}, edgeGradients...)
	check := func(dy, y []float32) {
		out := make([]float32, len(y))
		k.Run(s, out, [][]float32{dy, y}, len(y))
		if err := k.Check(out, [][]float32{dy, y}); err != nil {
			t.Fatalf("dy=%v, y=%v: %v", dy, y, err)
		}
	}
	for _, d0 := range dys {
		for _, y0 := range edgeOutputs {
			check([]float32{d0}, []float32{y0})
			for _, d1 := range dys {
				for _, y1 := range edgeOutputs {
					check([]float32{d0, d1}, []float32{y0, y1})
				}
			}
		}
	}
}

// TestInfiniteGradient checks every smooth backward pass with dy = ±Inf on
// the float32s next to its points, in every implementation: where a kernel
// decides that the derivative is 0 (exp underflowed) the result is
// ∞·0 = NaN, and where it is tiny but not 0 the result is ±Inf, so the
// decision must fall exactly where the contract puts it. Beta = 0.1 adds
// an x (-7451.332) where the float32 product beta*x rounds down to the
// cut-off of exp while the exact product lies above it: there the contract
// follows the float32 product.
func TestInfiniteGradient(t *testing.T) {
	inf := float32(math.Inf(1))
	bs := append(verify.SmoothBackwards(), verify.SwishBackward(0.1), verify.SoftplusBackward(0.1, 20))
	for _, b := range bs {
		xs := near(b.Points)
		var dy, x []float32
		for _, g := range []float32{inf, -inf} {
			for _, v := range xs {
				dy, x = append(dy, g), append(x, v)
			}
		}
		dx := make([]float32, len(x))
		for _, s := range sets(t) {
			b.Run(s, dx, dy, x)
			for i, got := range dx {
				if want, _, ok := b.Check(got, dy[i], x[i]); !ok {
					t.Errorf("%s, %s: dy=%s, %s=%s: got %s, want %s", s.Name, b.Name, verify.Format(dy[i]),
						b.Inputs[1], verify.Format(x[i]), verify.Format(got), verify.Format(want))
					break
				}
			}
		}
	}
}
