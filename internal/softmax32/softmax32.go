// Package softmax32 defines the numbers that every softmax kernel shares,
// pure Go and assembly alike: the range of the float32 exponential of the
// row kernels (which otherwise is package exp32's), and the float64
// logarithm of a row's sum that LogSoftmax subtracts. Package kernels and
// the generators in gen/ read them from here.
//
// The logarithm of s >= 1 (a row's sum of exponentials, accumulated in
// float64) is computed once per row: with s = 2^k·f, 1 <= f < 2, and
// t = (f-1)/(f+1) (0 <= t < 1/3),
//
//	log(s) = k·ln2 + 2·atanh(t) = k·ln2 + t·(L0 + L1·t² + ... + L8·t¹⁶)
//
// where Lj = 2/(2j+1), the Taylor series of 2·atanh(t): the first term left
// out, 2·t¹⁹/19, is below 2^-33 relative to the sum. Every step is a float64
// operation (fused multiply-adds in the Horner loop), in this order, in
// every kernel, so that they all round log(s) to the same float32.
package softmax32

import "math"

// The range of the exponential exp(z) that the row kernels compute: z is
// clamped to [ExpLow, ExpHigh] before the range reduction of package
// exp32, which keeps n = round(z·log2(e)) within -159..145.
const (
	// ExpLow is far enough below ln(2^-150) = -103.97 that exp(ExpLow)
	// rounds to +0, as exp(z) does for every z below it (-Inf included).
	ExpLow = float32(-110)
	// ExpHigh is above ln(MaxFloat32) = 88.72: exp(ExpHigh) overflows to
	// +Inf, as exp(z) does for every z above it.
	ExpHigh = float32(100)
)

// LogCoeffs are L0..L8, the coefficients 2/(2j+1) of the series of log(s)
// in t², in Horner's order from L8 down to L0.
var LogCoeffs = [9]float64{2.0 / 17, 2.0 / 15, 2.0 / 13, 2.0 / 11, 2.0 / 9, 2.0 / 7, 2.0 / 5, 2.0 / 3, 2}

// Bits of a float64, for splitting s into 2^k·f.
const (
	MantissaMask = 1<<52 - 1   // the bits of f's mantissa
	OneBits      = 0x3ff << 52 // the exponent bits of 1 <= f < 2
	ExpBias      = 1023        // k = (bits >> 52) - ExpBias for s >= 1
)

// Log returns log(s) rounded to float32, for s >= 1 or NaN (a NaN s gives
// NaN). It is the reference of the assembly's per-row logarithm, which
// performs the same float64 operations in the same order.
func Log(s float64) float32 {
	b := math.Float64bits(s)
	k := float64(int64(b>>52) - ExpBias)
	f := math.Float64frombits(b&MantissaMask | OneBits)
	t := (f - 1) / (f + 1)
	t2 := t * t
	q := LogCoeffs[0]
	for _, c := range LogCoeffs[1:] {
		q = math.FMA(q, t2, c)
	}
	l := math.FMA(k, math.Ln2, t*q)
	return float32(l + (s - s)) // s - s: NaN for a NaN s, else 0
}

// The pure-Go kernels compute exp(z) in float64 from a table, for z
// clamped to [ExpLow, ExpHigh] (or NaN): with k = round(z·64/ln2),
// j = k mod 64 and r = z - k·ln2/64 (|r| <= ln2/128),
//
//	exp(z) = 2^(k>>6) · Exp2Table[j] · (1 + r + r²/2 + r³/6)
//
// within 2^-40 relative (the first term left out, r⁴/24, is below 2^-42),
// so that its one rounding to float32 is correct but in rare ties.
const (
	// TableBits is log2 of the table's length.
	TableBits = 6
	// InvLn2Scaled is 64/ln2, Ln2Scaled ln2/64.
	InvLn2Scaled = 64 / math.Ln2
	Ln2Scaled    = math.Ln2 / 64
	// Magic64 is 1.5·2^52: y + Magic64 rounds y to an integer k (|k| <
	// 2^51), held in its low mantissa bits.
	Magic64 = 0x1.8p52
)

// Exp2Table holds 2^(j/64) for j = 0..63.
var Exp2Table = func() (t [1 << TableBits]float64) {
	for j := range t {
		t[j] = math.Exp2(float64(j) / (1 << TableBits))
	}
	return t
}()
