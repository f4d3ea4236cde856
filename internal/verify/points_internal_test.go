package verify

import (
	"math"
	"testing"
)

// TestTail checks the points tail finds against their closed forms where
// the function's tail is exp(x): Sigmoid's results turn subnormal below
// -126·ln2 and round to 0 below -150·ln2.
func TestTail(t *testing.T) {
	got := tail(sigmoidRef)
	for i, want := range []float64{-126 * math.Ln2, -150 * math.Ln2} {
		if d := math.Abs(float64(got[i]) - want); d > 1e-5 {
			t.Errorf("tail(Sigmoid)[%d] = %v, want %v", i, got[i], want)
		}
	}
}

// TestPoints checks that Softplus's points include threshold/beta, where
// beta·x == threshold, and that scaled keeps 0 and drops what leaves
// float32's range.
func TestPoints(t *testing.T) {
	if got := scaled([]float32{0, -2, 1e-30}, 1e-20); len(got) != 2 || got[0] != 0 || got[1] != -2e-20 {
		t.Errorf("scaled([0 -2 1e-30], 1e-20) = %v, want [0 -2e-20]", got)
	}
	if got := scaled([]float32{3e38}, 10); len(got) != 0 {
		t.Errorf("scaled([3e38], 10) = %v, want []", got)
	}
	for _, p := range SoftplusParams {
		f := Softplus(p[0], p[1])
		found := false
		for _, x := range f.Points {
			found = found || p[0]*x == p[1]
		}
		if !found {
			t.Errorf("%s: no point x with beta·x == threshold among %v", f.Name, f.Points)
		}
	}
}
