package simdact_test

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/simdact/simdact/internal/impls"
	"github.com/simdact/simdact/internal/verify"
)

// TestFamilyDifferential runs every implementation this CPU runs against
// the pure-Go twin, impls.Generic, on the same random inputs, as
// TestDifferential does for the seed's kernels: the hard activations must
// agree bit for bit; a smooth forward within twice its bound (plus one ulp
// for each where the result is subnormal), and a smooth backward within
// twice the backward bound, of each other, with the same sign.
func TestFamilyDifferential(t *testing.T) {
	for _, s := range sets(t) {
		if s.Name == impls.Generic.Name {
			continue
		}
		r := rand.New(rand.NewPCG(31, 32))
		for _, n := range differentialLengths {
			for _, k := range verify.HardKernels() {
				in := randomInputs(r, k, n)
				if err := differ(k, s, n, runOn(k, s, in), runOn(k, impls.Generic, in), in, nil); err != "" {
					t.Error(err)
				}
			}
			for _, f := range verify.SmoothForwards() {
				k := f.Elementwise()
				in := randomInputs(r, k, n)
				agree := func(a, b float32, _ []float32) bool { return near(a, b, 2*f.Bound+2) }
				if err := differ(k, s, n, runOn(k, s, in), runOn(k, impls.Generic, in), in, agree); err != "" {
					t.Error(err)
				}
			}
			for _, b := range verify.SmoothBackwards() {
				k := b.Elementwise()
				in := randomInputs(r, k, n)
				agree := func(got, want float32, in []float32) bool {
					if near(got, want, 2*verify.BackwardMaxULP) {
						return true
					}
					_, m := b.Ref(in[0], in[1])
					return math.Abs(float64(got)-float64(want)) <= 2*verify.BackwardRelative*m
				}
				if err := differ(k, s, n, runOn(k, s, in), runOn(k, impls.Generic, in), in, agree); err != "" {
					t.Error(err)
				}
			}
		}
	}
}

// near reports whether a and b are numbers within bound ulp of each other,
// with the same sign.
func near(a, b float32, bound uint64) bool {
	return a == a && b == b && verify.ULPs(a, b) <= bound && math.Signbit(float64(a)) == math.Signbit(float64(b))
}
