package kernels

import (
	"math"
	"testing"

	"github.com/simdact/simdact/internal/softmax32"
)

// TestExp64 compares exp64, rounded to float32, with math.Exp rounded to
// float32 at every 64th float32 from ExpLow to ExpHigh: within 1 ulp (the
// same bits but where the exact value lies within 2^-40 of a tie), through
// subnormal results and overflow.
func TestExp64(t *testing.T) {
	var worst uint32
	for b := uint32(0); b < 1<<32-64; b += 64 {
		z := math.Float32frombits(b)
		if !(z >= softmax32.ExpLow && z <= softmax32.ExpHigh) {
			continue
		}
		got, want := float32(exp64(z)), float32(math.Exp(float64(z)))
		d := math.Float32bits(got) - math.Float32bits(want)
		if math.Float32bits(got) < math.Float32bits(want) {
			d = -d
		}
		worst = max(worst, d)
		if d > 1 {
			t.Fatalf("exp64(%v) = %v, want %v", z, got, want)
		}
	}
	t.Logf("largest distance from math.Exp rounded to float32: %d ulp", worst)
	if e := exp64(float32(math.NaN())); e == e {
		t.Errorf("exp64(NaN) = %v", e)
	}
}
