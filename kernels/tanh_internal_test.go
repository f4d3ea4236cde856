package kernels

import (
	"math"
	"testing"
)

// TestTanhBuildingBlock checks tanh, the building block of Tanh (and of the
// kernels that compute a tanh), against math.Tanh: within 1 ulp on every
// float32 from 2^-13 to 10 (every 61st in -short mode), and exact where
// the result is x or ±1.
func TestTanhBuildingBlock(t *testing.T) {
	stride := uint32(1)
	if testing.Short() {
		stride = 61
	}
	var worst uint32
	var at float32
	for b := math.Float32bits(0x1p-13); b <= math.Float32bits(10); b += stride {
		for _, x := range []float32{math.Float32frombits(b), -math.Float32frombits(b)} {
			want := float32(math.Tanh(float64(x)))
			got := tanh(x)
			d := math.Float32bits(got) - math.Float32bits(want)
			if int32(d) < 0 {
				d = -d
			}
			if d > worst {
				worst, at = d, x
			}
		}
	}
	t.Logf("largest error %d ulp at x=%g", worst, at)
	if worst > 1 {
		t.Errorf("tanh is %d ulp off at x=%g", worst, at)
	}
	for _, x := range []float32{0x1p-13, 0x1p-126, 0x1p-149, 9.01, 9.5, 20, 3e38, float32(math.Inf(1))} {
		want := float32(math.Tanh(float64(x)))
		for _, v := range []float32{x, -x} {
			if got := tanh(v); got != want*float32(math.Copysign(1, float64(v))) {
				t.Errorf("tanh(%g) = %g, want %g", v, got, want)
			}
		}
	}
}
