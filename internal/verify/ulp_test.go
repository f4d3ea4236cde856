package verify_test

import (
	"math"
	"testing"

	"github.com/simdact/simdact/internal/verify"
)

// TestWithin checks the rule at the edge of float32's range: an infinite
// result is right exactly where the bound reaches past MaxFloat32 plus half
// an ulp on its side, and a finite one only within the bound.
func TestWithin(t *testing.T) {
	const halfULP = 0x1p103
	inf := float32(math.Inf(1))
	cases := []struct {
		got        float32
		ref, bound float64
		want       bool
	}{
		{inf, math.MaxFloat32, halfULP, true},
		{inf, math.MaxFloat32, halfULP / 2, false},
		{inf, math.MaxFloat32 + halfULP, 0, true},
		{-inf, -math.MaxFloat32, halfULP, true},
		{-inf, -math.MaxFloat32, halfULP * 0.99, false},
		{-inf, math.MaxFloat32, 1e38, false}, // the interval reaches +Overflow only
		{inf, -math.MaxFloat32, 1e39, true},  // an interval that reaches both infinities
		{math.MaxFloat32, math.MaxFloat32 + halfULP, halfULP, true},
		{math.MaxFloat32, 3e38, 1e37, false},
		{float32(math.NaN()), 1, math.Inf(1), false},
		{1, 1 + 0x1p-30, 0x1p-30, true},
		{1, 1 + 0x1p-30, 0x1p-31, false},
	}
	for _, c := range cases {
		if got := verify.Within(c.got, c.ref, c.bound); got != c.want {
			t.Errorf("Within(%v, %v, %v) = %v, want %v", c.got, c.ref, c.bound, got, c.want)
		}
	}
}
