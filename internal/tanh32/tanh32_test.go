package tanh32

import (
	"math"
	"testing"
)

// TestGELUFloat64ZeroBelow checks that GELUFloat64ZeroBelow is the largest
// float32 at which GELUTanh in float64, x·e/(1 + e), e = exp(v), is 0: 0
// there and below, not 0 at the next float32 up. exp(v) is taken as 0 from
// v = -1075·ln2 down, where it rounds to 0 (Go's math.Exp is not correctly
// rounded there on every GOARCH), and the product in v is rounded before
// the sum (the conversion keeps arm64's compiler from fusing them).
func TestGELUFloat64ZeroBelow(t *testing.T) {
	gelu := func(x float32) float64 {
		w := float64(x)
		v := 2 * math.Sqrt(2/math.Pi) * (w + float64(0.044715*w*w*w))
		if v <= -1075*math.Ln2 {
			return w * 0
		}
		e := max(math.Exp(v), 0x1p-1074)
		return w * e / (1 + e)
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
