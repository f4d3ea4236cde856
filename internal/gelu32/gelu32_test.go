package gelu32

import (
	"flag"
	"math"
	"testing"
)

var stride = flag.Int("gelu32.stride", 97, "TestTail checks every stride-th float32 a (1: all of them, which takes minutes)")

// TestTail compares Tail with the float64 erfc(a/√2)/2 on float32 inputs
// from 0 to Clamp, in relative error: within 2^-26 (a quarter of a float32
// ulp at worst) where Phi(-a) is a normal float32.
func TestTail(t *testing.T) {
	step := uint32(max(*stride, 1))
	var worst float64
	var at float32
	for b := uint32(0); b <= math.Float32bits(Clamp); b += step {
		a := math.Float32frombits(b)
		want := math.Erfc(float64(a)/math.Sqrt2) / 2
		if want < 0x1p-126 {
			break
		}
		if e := math.Abs(Tail(float64(a))/want - 1); e > worst {
			worst, at = e, a
		}
	}
	t.Logf("max relative error %.3g·2^-24 at a = %v", worst*0x1p24, at)
	if worst > 0x1p-26 {
		t.Errorf("Tail: relative error %.3g at a = %v, want <= 2^-26", worst, at)
	}
}

// TestGauss checks (1 + p)·2^n against exp(-a²/2) up to Clamp, where it
// underflows no float64.
func TestGauss(t *testing.T) {
	var worst float64
	for b := uint32(0); b <= math.Float32bits(Clamp); b += 101 {
		a := float64(math.Float32frombits(b))
		p, v := Gauss(a)
		if e := math.Abs(Scale(1+p, v)/math.Exp(-a*a/2) - 1); e > worst {
			worst = e
		}
	}
	if worst > 0x1p-26 {
		t.Errorf("Gauss: relative error %.3g, want <= 2^-26", worst)
	}
}

// TestFloat64ZeroBelow checks that Float64ZeroBelow is the largest float32
// at which the float64 GELU is 0: 0 there and below (spot checks down to
// -Inf's neighbour), and not 0 at the next float32 up.
func TestFloat64ZeroBelow(t *testing.T) {
	gelu := func(x float32) float64 { v := float64(x); return 0.5 * v * math.Erfc(-v/math.Sqrt2) }
	for _, x := range []float32{Float64ZeroBelow, math.Nextafter32(Float64ZeroBelow, float32(math.Inf(-1))), -40, -1e3, -math.MaxFloat32} {
		if g := gelu(x); g != 0 {
			t.Errorf("GELU(%v) = %v in float64, want 0", x, g)
		}
	}
	if up := math.Nextafter32(Float64ZeroBelow, 0); gelu(up) == 0 {
		t.Errorf("GELU(%v) = 0 in float64: Float64ZeroBelow is too low", up)
	}
}

// TestRatioTail compares RatioTail with exp(a²/2)·erfc(a/√2)/2 from Clamp
// to GatedClamp: within 2^-22.
func TestRatioTail(t *testing.T) {
	var worst float64
	for b := math.Float32bits(Clamp); b <= math.Float32bits(GatedClamp); b += 97 {
		a := float64(math.Float32frombits(b))
		want := math.Exp(a*a/2) * math.Erfc(a/math.Sqrt2) / 2
		worst = max(worst, math.Abs(RatioTail(a)/want-1))
	}
	t.Logf("max relative error %.3g·2^-22", worst*0x1p22)
	if worst > 0x1p-22 {
		t.Errorf("RatioTail: relative error %.3g, want <= 2^-22", worst)
	}
}
