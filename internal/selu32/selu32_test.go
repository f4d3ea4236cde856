package selu32

import (
	"math"
	"math/bits"
	"testing"
)

// TestCELUConstants checks, for alphas across the vector range, that NegHi
// has at most hiBits significant bits, that NegHi + NegLo is -alpha·ln2 to
// float32 precision beyond NegHi's, and that ZeroBelow is the boundary of
// float64's exp(x/alpha) = 0.
func TestCELUConstants(t *testing.T) {
	for _, alpha := range []float32{VectorMin, 1e-10, 0.3, 0.5, 1.5, 2, 10, 12345.678, 1e15, VectorMax} {
		c := CELUBackward(alpha)
		mant := math.Float32bits(c.NegHi)&(1<<23-1) | 1<<23
		if n := 24 - bits.TrailingZeros32(mant); n > hiBits {
			t.Errorf("alpha=%v: NegHi=%v has %d significant bits", alpha, c.NegHi, n)
		}
		a := float64(alpha)
		if err := math.Abs(float64(c.NegHi) + float64(c.NegLo) + a*math.Ln2); err > a*math.Ln2*0x1p-36 {
			t.Errorf("alpha=%v: NegHi + NegLo is off by %g", alpha, err)
		}
		next := math.Nextafter32(c.ZeroBelow, 0)
		if !(float64(c.ZeroBelow)/a < ExpZeroBelow64) || float64(next)/a < ExpZeroBelow64 {
			t.Errorf("alpha=%v: ZeroBelow=%v is not the largest x with x/alpha < -1075·ln2", alpha, c.ZeroBelow)
		}
		if !Vector(alpha) {
			t.Errorf("alpha=%v: not in the vector range", alpha)
		}
	}
	if f := CELUForward(2); f.Inv != 0.5 || f.K != float32(math.Log2E/2) {
		t.Errorf("CELUForward(2) = %+v", f)
	}
}
