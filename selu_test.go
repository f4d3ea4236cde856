package simdact_test

import (
	"math"
	"testing"
)

// TestSELUSpecialValues checks the values docs/CONTRACT.md names: SELU(-Inf) =
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
