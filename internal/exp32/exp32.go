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

// ELU's backward pass computes alpha·exp(x) as m·2^k·(1 + p(r)), with alpha's
// exponent folded into k when |alpha| > 1 (see kernels.ELUBackward), and
// applies 2^k as 2^(k>>1) · 2^(k-(k>>1)), both normal, so that the result
// rounds once into the subnormals (gradual underflow).
const (
	// ExpMin bounds x from below before the range reduction, so that the
	// magic-bias trick holds and n >= -281.
	ExpMin = float32(-195)
	// ScaleMin bounds k from below: at k = ScaleMin, m·2^k·(1 + p(r)) <
	// 2·1.5·2^-152 rounds to 0, as alpha·exp(x) does, and both halves of
	// 2^k are normal.
	ScaleMin = -152
	// ExpZeroBelow is the largest float32 x for which exp(x), correctly
	// rounded to float64, is 0 (x < -1075·ln2): the float64 reference
	// dy·alpha·exp(x) is ±Inf for an infinite dy·alpha down to the next
	// float32 above it, and NaN from here down.
	ExpZeroBelow = float32(-745.13324)
)
