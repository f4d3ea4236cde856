package kernels

import (
	"math"
	"testing"
)

// TestLog1p checks log1p(e) = e·log1pRatio(e), which Softplus computes, on every 7th float32 e in [0, 1] (257th with -short), against math.Log1p:
// within 1 ulp (correctly rounded but for the fit, 2.2e-9), exact at 0 and at 1 (log1p(1) = ln 2 rounded).
func TestLog1p(t *testing.T) {
	step := uint32(7)
	if testing.Short() {
		step = 257
	}
	worst, at := uint32(0), float32(0)
	for b := uint32(0); b <= math.Float32bits(1); b += step {
		e := math.Float32frombits(b)
		got := float32(float64(e) * log1pRatio(float64(e)))
		want := float32(math.Log1p(float64(e)))
		d := math.Float32bits(got) - math.Float32bits(want)
		if int32(d) < 0 {
			d = -d
		}
		if d > worst {
			worst, at = d, e
		}
	}
	t.Logf("log1p: max %d ulp at %v", worst, at)
	if worst > 1 {
		t.Errorf("log1p: %d ulp at %v, want at most 1", worst, at)
	}
	if got := float32(log1pRatio(1)); got != float32(math.Ln2) {
		t.Errorf("log1p(1) = %v, want %v", got, float32(math.Ln2))
	}
}
