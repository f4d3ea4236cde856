// Package exp32 defines the float32 exponential that every ELU kernel
// computes, pure Go and assembly alike: its constants live here once, and
// package kernels and the generators in gen/ read them from here.
//
// For x <= 0, with n = round(x·log2(e)) and r = x - n·ln2 (|r| <= ln2/2):
//
//	exp(x)   = 2^n · (1 + p(r))
//	expm1(x) = 2^n · p(r) + (2^n - 1)
//
// where p(r) = r + r²·(C2 + C3·r + C4·r² + C5·r³ + C6·r⁴) approximates
// expm1(r) on [-ln2/2, ln2/2] with a relative error below 2^-26 (a minimax
// fit, found by a Remez exchange in 40-digit arithmetic, then rounded to
// float32). n comes from the magic-bias trick: v = x·log2(e) + Magic rounds
// x·log2(e) to an integer in the low bits of v, so that n = v - Magic and
// the bits of v shifted left by 23 are the bits of 2^n.
package exp32

import "math"

// Range reduction.
const (
	// Log2E is log2(e) rounded to float32.
	Log2E = float32(math.Log2E)
	// Magic is 1.5·2^23 + 127. For |y| < 2^21, y + Magic rounds y to an
	// integer n (ties to even) and holds n + 127 in its low mantissa bits,
	// so the float32 with bits (bits(y+Magic) << 23) is 2^n for
	// -126 <= n <= 127.
	Magic = float32(0x1.8p23 + 127)
	// Ln2 is ln(2) rounded to float32: with a fused multiply-add,
	// r = x - n·Ln2 is accurate enough for ELU's expm1, where |n| <= 25
	// and 2^n·p(r) is added to 2^n - 1.
	Ln2 = float32(math.Ln2)
	// Ln2Hi and Ln2Lo split ln(2) for exp over its whole range (|n| up to
	// 281) and for kernels without a fused multiply-add: Ln2Hi has 15
	// significant bits, so n·Ln2Hi is exact and x - n·Ln2Hi is exact
	// (Sterbenz), and Ln2Lo = ln(2) - Ln2Hi carries the rest.
	Ln2Hi = float32(0x1.62e4p-1)
	Ln2Lo = float32(math.Ln2 - 0x1.62e4p-1)
)

// The coefficients of p(r) = r + r²·(C2 + C3·r + C4·r² + C5·r³ + C6·r⁴).
const (
	C2 = float32(0.49999998155127382269)
	C3 = float32(0.16666543668780251171)
	C4 = float32(0.041667199650363251214)
	C5 = float32(0.0083665141289689698223)
	C6 = float32(0.0013882522855765088606)
)

// ELU's forward pass computes expm1(max(x, ELUMin)): below ln(2^-25) =
// -17.33, expm1(x) rounds to -1 in float32, and at ELUMin, n = -25 and the
// result is exactly -1, so every x below it (-Inf too) gives exactly -1.
const ELUMin = float32(-17.5)

// ExpMin bounds x from below before the range reduction of ELUBackward:
// from there down, every kernel's dy·alpha·exp(x) rounds to ±0, and
// n = round(ExpMin·log2(e)) = -433 keeps n·Ln2Hi exact (|n| < 512) and the
// magic-bias trick within its range.
const ExpMin = float32(-300)

// ExpZeroBelow is the largest float32 x for which exp(x), correctly rounded
// to float64, is 0 (x < -1075·ln2): the float64 reference dy·alpha·exp(x) is
// ±Inf for an infinite dy·alpha down to the next float32 above it, and NaN
// from here down.
const ExpZeroBelow = float32(-745.13324)

// The assembly kernels of ELUBackward round dy·alpha·exp(x), for x <= 0,
// once where the result is normal: with alpha = M·2^e (1 <= |M| < 2) and
// exp(x) = 2^n·(1 + p), they compute
//
//	dy·alpha·exp(x) = T·(1 + p)·2^k,  T = dy·M·2^c,  k = n + e - c.
//
// T is exact as t - (t - T): t is dy·(M·2^c) rounded, and one fused
// multiply-add gives t - T exactly, because c keeps the lowest bit of T at
// 2^-123 or above (so that t - T, if not 0, is a normal float32) and |T|
// below 2^101: c = Shift, or HugeShift where |dy| >= HugeGradient. Then
//
//	B = t - ((t - T)·(1 + r) - t·p)
//
// is T·(1 + p) with two roundings, the first of them on a term below
// 0.42·|B|, and with r for p where it multiplies t - T: a relative error
// below 1.5·2^-24, besides that of p. B·2^k is B·2^(k>>1)·2^(k-(k>>1)),
// both factors normal, and only the last product rounds (see the
// generators). |B| < 2^101.5, so that every k below -252 may be clamped to
// -252: B·2^-252 rounds to ±0 as B·2^k does.
const (
	// HugeGradient is the |dy| from which dy·M is scaled by 2^HugeShift.
	HugeGradient = float32(0x1p51)
	// Shift scales dy·M where |dy| < HugeGradient: |T| < 2^101, and its
	// lowest bit is that of dy (2^-149 or above) times 2^(Shift-23).
	Shift = 49
	// HugeShift scales dy·M where |dy| >= HugeGradient: 2^23 <= |T| <
	// 2^101, its lowest bit 2^-23 or above.
	HugeShift = -28
)

// The scale 2^k is built from the magic-bias sum v = x·log2(e) + magic,
// whose low bits hold k + ScaleBias = h + l, h = (k + ScaleBias) >> 1: the
// float32s with bits h << 23 and l << 23 (the bits of MagicBase shift out)
// are 2^(k>>1) and 2^(k-(k>>1)).
const (
	// MagicBase is 1.5·2^23: MagicBase + y, for an integer |y| < 2^22, has
	// y in its low bits.
	MagicBase = float32(0x1.8p23)
	// ScaleBias is the sum of two float32 exponent biases.
	ScaleBias = 254
	// ScaleFloor is the magic-bias sum for k = -252, the least k whose
	// halves are both normal.
	ScaleFloor = MagicBase + 2
)

// BackwardScales are the values of ELUBackward's assembly for one alpha:
// the factors F = M·2^Shift and FHuge = M·2^HugeShift (of alpha's sign),
// the magic number MagicBase + ScaleBias + e - Shift (to which the kernels
// add Shift - HugeShift with FHuge), and Limit = HugeGradient², so that
// dy² - Limit is negative where F applies. An alpha of ±0, ±Inf or NaN
// (made quiet) is its own M, with e = 0: then t = dy·alpha, with the NaNs of
// x86. For an infinite alpha, Limit is -Inf: no lane is ordinary.
type BackwardScales struct{ F, FHuge, Magic, Limit float32 }

// Backward returns the BackwardScales of alpha.
func Backward(alpha float32) BackwardScales {
	s := BackwardScales{F: alpha, FHuge: alpha, Limit: HugeGradient * HugeGradient}
	e := 0
	switch {
	case alpha != alpha:
		s.F = math.Float32frombits(math.Float32bits(alpha) | 1<<22)
		s.FHuge = s.F
	case math.IsInf(float64(alpha), 0):
		s.Limit = float32(math.Inf(-1))
	case alpha != 0:
		frac, exp := math.Frexp(float64(alpha)) // |frac| in [0.5, 1), also for a subnormal alpha
		e = exp - 1
		s.F, s.FHuge = float32(math.Ldexp(frac, 1+Shift)), float32(math.Ldexp(frac, 1+HugeShift))
	}
	s.Magic = MagicBase + float32(ScaleBias+e-Shift)
	return s
}
