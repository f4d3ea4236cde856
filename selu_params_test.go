package simdact_test

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/simdact/simdact/internal/testutil"
	"github.com/simdact/simdact/internal/verify"
)

// TestCELUMoreAlphas runs CELU with each alpha of verify.CELUMoreAlphas
// (which the exhaustive tests leave out: negative, huge, tiny, subnormal
// and infinite alphas) in every implementation, at lengths 0..100 and
// every output offset, in place and not, as TestLengths does.
func TestCELUMoreAlphas(t *testing.T) {
	for _, s := range sets(t) {
		for _, k := range verify.CELUMoreKernels() {
			t.Run(s.Name+"/"+k.Name, func(t *testing.T) {
				r := rand.New(rand.NewPCG(3, uint64(len(k.Name))))
				for n := 0; n <= 100; n++ {
					for off := range 8 {
						in := [][]float32{testutil.Floats(r, n)}
						for inPlace := -1; inPlace < 1; inPlace++ {
							if err := k.Call(s, in, off, inPlace); err != nil {
								t.Fatal(err)
							}
						}
					}
				}
			})
		}
	}
}

// TestSELUSpecialValues checks the values DESIGN.md names: SELU(-Inf) =
// -scale*alpha, SELU(±0) = ±0, CELU(-Inf) = -alpha, and a NaN's payload.
func TestSELUSpecialValues(t *testing.T) {
	inf, negZero := float32(math.Inf(1)), float32(math.Copysign(0, -1))
	nan := math.Float32frombits(0x7fa12345) // signalling, with a payload
	quiet := math.Float32frombits(0x7fe12345)
	for _, s := range sets(t) {
		got := make([]float32, 5)
		s.SELU(got, []float32{-inf, 0, negZero, nan, inf})
		want := []float32{-1.7580993, 0, negZero, quiet, inf}
		for i := range got {
			if math.Float32bits(got[i]) != math.Float32bits(want[i]) {
				t.Errorf("%s: SELU element %d = %v, want %v", s.Name, i, got[i], want[i])
			}
		}
		for _, alpha := range []float32{1, 0.5, 1.5, 3e38} {
			s.CELU(got, []float32{-inf, 0, negZero, nan, inf}, alpha)
			want := []float32{-alpha, 0, negZero, quiet, inf}
			for i := range got {
				if math.Float32bits(got[i]) != math.Float32bits(want[i]) {
					t.Errorf("%s: CELU(alpha=%v) element %d = %v, want %v", s.Name, alpha, i, got[i], want[i])
				}
			}
		}
	}
}
