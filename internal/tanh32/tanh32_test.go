package tanh32

import (
	"math"
	"testing"
)

// TestGELUFloat64ZeroBelow checks that GELUFloat64ZeroBelow is the largest
// float32 at which GELUTanh in float64, x/(1 + exp(-v)), is 0: 0 there and
// below, not 0 at the next float32 up.
func TestGELUFloat64ZeroBelow(t *testing.T) {
	gelu := func(x float32) float64 {
		w := float64(x)
		return w / (1 + math.Exp(-2*math.Sqrt(2/math.Pi)*(w+0.044715*w*w*w)))
	}
	for _, x := range []float32{GELUFloat64ZeroBelow, math.Nextafter32(GELUFloat64ZeroBelow, float32(math.Inf(-1))), -30, -1e3, -math.MaxFloat32} {
		if g := gelu(x); g != 0 {
			t.Errorf("GELUTanh(%v) = %v in float64, want 0", x, g)
		}
	}
	if up := math.Nextafter32(GELUFloat64ZeroBelow, 0); gelu(up) == 0 {
		t.Errorf("GELUTanh(%v) = 0 in float64: GELUFloat64ZeroBelow is too low", up)
	}
}
