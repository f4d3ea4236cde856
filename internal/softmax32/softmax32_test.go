package softmax32

import (
	"math"
	"testing"
)

// TestLog compares Log with math.Log over s from 1 to about 2^20 (every
// row sum a float32 kernel makes): Log rounds a float64 logarithm to
// float32, so it is within half an ulp of the exact one but where that lies
// within the float64 error of a tie, and within an ulp everywhere.
func TestLog(t *testing.T) {
	for s := 1.0; s < 1<<20; s = float64(s*1.0001) + 1e-9 { // not fused, on any CPU
		got, want := Log(s), math.Log(s)
		if d := math.Abs(float64(got) - want); d > ulp(float32(want)) {
			t.Fatalf("Log(%v) = %v, want %v", s, got, want)
		}
	}
	if got := Log(math.NaN()); got == got {
		t.Errorf("Log(NaN) = %v", got)
	}
}

// TestExp2Table checks that every entry is 2^(j/64) rounded to float64.
func TestExp2Table(t *testing.T) {
	for j, v := range Exp2Table {
		if want := math.Pow(2, float64(j)/64); math.Abs(v-want) > 0x1p-52*want {
			t.Errorf("Exp2Table[%d] = %v, want %v", j, v, want)
		}
	}
}

func ulp(v float32) float64 {
	a := float32(math.Abs(float64(v)))
	return float64(math.Nextafter32(a, float32(math.Inf(1))) - a)
}
