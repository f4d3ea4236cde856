// Package tanh32 defines the float32 hyperbolic tangent that every Tanh
// kernel computes, and the constants of GELUTanh, pure Go and assembly
// alike: they live here once, and package kernels and the generators in gen/
// read them from here. The exponential comes from package exp32.
//
// Tanh is odd; for a = |x|:
//
//	tanh(a) = a + a³·P(a²)         for a < Small
//	tanh(a) = (D - 2)/D            for Small <= a, with a clamped to Max
//
// with D = exp(2a) + 1.
// where P(y) = P1 + P2·y + P3·y² + P4·y³ + P5·y⁴ approximates
// (tanh(√y)/√y - 1)/y on [0, Small²] with a relative error of a³·P below
// 2^-29.8 (a minimax fit by Lawson's iteration in 40-digit arithmetic,
// rounded to float32). From Small up, exp(2a) = 2^n·(1 + p(r)) as in
// package exp32, D = 2^n·p(r) + (2^n + 1) rounds once (2^n + 1 is exact
// for n <= 23, and from there on 2/D is below 2^-22), D - 2 is exact
// (D >= 4), and the quotient, 1 - 2/D >= 1/2, feels at most half of D's
// error. Both formulas were measured within 1 ulp on every float32 up to
// 10, with fused multiply-adds and with every product rounded.
package tanh32

// The regimes of tanh.
const (
	// Small is where the polynomial gives way to the exponential: tanh(Small)
	// is about 1/2.
	Small = float32(0.55)
	// Max bounds a from above: tanh(a) rounds to 1 from a = 9.01 up, and
	// (D - 2)/D at a = Max is exactly 1, so every a above Max (+Inf too)
	// gives 1.
	Max = float32(9.5)
)

// BackwardHuge is the |y| from which TanhBackward's 1 - y·y would
// overflow: there it computes dy·|y|·-|y| instead (y is then not an output
// of Tanh, but the gradient is still the formula's).
const BackwardHuge = float32(0x1p64)

// The coefficients of P.
const (
	P1 = float32(-0.33333317559141973491)
	P2 = float32(0.13332586123586918506)
	P3 = float32(-0.053852308540695863585)
	P4 = float32(0.021071673967536971129)
	P5 = float32(-0.0062742329112472146406)
)

// GELUTanh(x) = 0.5·x·(1 + tanh(u)), u = sqrt(2/π)·(x + 0.044715·x³), is
// computed as x·sigmoid(v), v = 2u = A·x + B·x³, which does not cancel for
// negative x:
//
//	x >= 0:  x / (1 + E)
//	x < 0:   x·E / (1 + E),  E = exp(-|v|) = 2^n·(1 + p(r))
//
// with x·(1 + p(r)) / (1 + E) scaled by 2^n last, so that a subnormal
// result underflows gradually. E amplifies the absolute error of v, which
// reaches 142 (at x = GELUMin), into its relative error: the assembly
// computes v - n·ln2 in double-float arithmetic (hi + lo pairs, products
// split exactly by fused multiply-adds) from the pairs AHi + ALo and
// BHi + BLo; the pure-Go kernels, which have no fused multiply-add, in
// float64.
const (
	// A is 2·sqrt(2/π).
	A = 1.595769121605730711759784239737
	// B is 2·sqrt(2/π)·0.044715.
	B = A * 0.044715
	// AHi and ALo split A: AHi is A rounded to float32, ALo the rest.
	AHi = float32(A)
	ALo = float32(A - float64(AHi))
	// BHi and BLo split B.
	BHi = float32(B)
	BLo = float32(B - float64(BHi))
	// GELUMin bounds x from below: there v = -142.4 and |x|·exp(v) is
	// below 2^-200, so that every x below it (-Inf too) gives -0, as
	// GELUMin itself does.
	GELUMin = float32(-12)
	// GELUBackwardMin bounds x from below in GELUTanhBackward: there the
	// derivative is below 2^-305, so that dy times it rounds to 0 for every
	// finite float32 dy, as it does from there down.
	GELUBackwardMin = float32(-14)
	// GELUScaleMin bounds the n of the 2^n in 1 + E from below, where
	// 2^n is built from its exponent bits: from there down, 1 + E rounds to
	// 1 with or without it (GELUTanhBackward needs E itself down to 2^-40).
	GELUScaleMin = -60
	// ScaleFirst is the least k of the first power of two by which the
	// assembly of GELUTanh scales q = x·(1 + p)/(1 + E) by 2^n: q·2^k1,
	// k1 = max(n, ScaleFirst), is exact (|q| > 8 where n < ScaleFirst), and
	// q·2^k1·2^(n-k1) rounds once, as VSCALEFPS does, with 2^(n-k1) normal.
	ScaleFirst = -126
	// BackwardScaleFirst and BackwardScaleSecond split GELUTanhBackward's
	// 2^n (n down to -315) into ((dy·(g·2^k1))·2^k2)·2^k3 in the assembly:
	// k1 = max(n, BackwardScaleFirst) keeps g·2^k1 exact and dy·g·2^k1 from
	// overflowing, k2 = max(n - k1, BackwardScaleSecond), and every factor
	// is a normal power of two.
	BackwardScaleFirst  = -120
	BackwardScaleSecond = -100
)

// GatedBackwardMin bounds x from below in GeGLUTanh's backward pass, as
// GELUBackwardMin does in GELUTanhBackward's, for a dy·up up to 2^256:
// there the derivative is below 2^-448 (n = -459 still keeps the
// reduction's n·Ln2Hi exact).
const GatedBackwardMin = float32(-16)

// GELUFloat64ZeroBelow is the largest float32 x at which GELUTanh in
// float64, x·e/(1 + e), e = exp(v), v = 2·sqrt(2/π)·(x + 0.044715·x³), is
// 0: exp(v) rounds to 0 in float64 from v = -1075·ln2 down. The gated unit
// GeGLUTanh multiplies its second input by that float64 value, so that an
// infinite one gives NaN exactly from there down.
const GELUFloat64ZeroBelow = float32(-21.51663)
