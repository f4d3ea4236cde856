// Package sigmoid32 defines the numerics that the Sigmoid, SiLU, Softplus
// and Mish kernels share, pure Go and assembly alike: their constants live
// here once, and package kernels and the generators in gen/ read them.
//
// Every kernel of the family computes e = exp(z) for z = -|x| (or -|beta·x|)
// clamped to [exp32.ExpMin, 0], as m·2^n with m = exp(r) in [0.7, 1.42] and
// n = round(z·log2(e)), r = z - n·ln2 (package exp32's reduction and
// polynomial). The pure-Go kernels finish each formula in float64, where
// m·2^n is exact; the assembly forms a result that is a normal float32
// from m and multiplies it by 2^n last, so that it underflows gradually,
// rounding once: Sigmoid(-100) is the subnormal nearest 3.72e-44, SiLU(-104)
// is -7.1e-44 although exp(-104) alone is below the smallest subnormal.
// There, 2^k, for k down to -252, is the product of two normal powers of
// two, 2^(k>>1)·2^(k-(k>>1)): for a normal q, q·2^(k>>1) is exact and only
// the second product rounds, as one VSCALEFPS does (see exp32.ScaleFloor).
package sigmoid32

// The coefficients of log1p(e)/e = 1 + G1·e + G2·e² + ... + G10·e^10 for
// 0 <= e <= 1 (Softplus's log1p(exp(-|t|))), with a relative error below
// 2.2e-9: a Chebyshev fit of degree 10 (mpmath's chebyfit, in 40-digit
// arithmetic), rounded to float32, the error measured with the rounded
// coefficients.
const (
	G1  = float32(-0.4999997913837433)
	G2  = float32(0.33332496881484985)
	G3  = float32(-0.24986496567726135)
	G4  = float32(0.19885820150375366)
	G5  = float32(-0.16087622940540314)
	G6  = float32(0.12377995997667313)
	G7  = float32(-0.08188040554523468)
	G8  = float32(0.04100657254457474)
	G9  = float32(-0.013187826611101627)
	G10 = float32(0.001986696617677808)
)

// LogCoefficients are G10 down to G1, in the order of Horner's scheme.
var LogCoefficients = []float32{G10, G9, G8, G7, G6, G5, G4, G3, G2, G1}

// The backward assembly kernels multiply dy by a factor q of up to about
// 2^9 in magnitude before the scale 2^n: where |dy| >= BigGradient, they multiply
// dy by 2^-BigShift first (exactly) and n by 2^BigShift instead, so that
// dy·q cannot overflow where the result does not.
const (
	BigGradient = float32(0x1p64)
	BigShift    = 36
	// BigScale is 2^-BigShift.
	BigScale = float32(0x1p-36)
)

// LoLimit bounds the correction lo = fma(beta, x, -beta·x) of the rounding
// of beta·x that Softplus carries into exp. No |lo| reaches it where
// |beta·x| <= -ExpMin (|lo| <= 2^-24·300 < 2^-15); beyond, exp(-|beta·x|) is
// 0 in float32 whatever lo is, and lo may be large or, where beta·x is
// infinite, NaN: kernels clamp it to ±LoLimit (a NaN to -LoLimit).
const LoLimit = float32(0x1p-10)

// The NEON Sigmoid kernel scales by 2^n in two normal powers of two, as
// GELUTanh's does: z = -|x| is clamped at NEONMin (Sigmoid(-110) < 2^-158
// rounds to 0, and n >= -159), 1 + e is formed with 2^max(n, NEONScaleMin)
// (below, e < 2^-59 and 1 + e = 1), and m/(1+e) >= 0.35 is multiplied by
// 2^max(n, NEONScaleFirst) exactly, then by the rest of 2^n, rounding once.
const (
	NEONMin        = float32(-110)
	NEONScaleMin   = -60
	NEONScaleFirst = -100
)

// MishHigh bounds the argument of the Mish kernels' exponential u = e^x,
// which compute tanh(softplus(x)) in float64 as N/(N + 2), N = u·(u + 2):
// from x = 20 up, N > e^40 > 2^57 and N + 2 rounds to N, so that the
// quotient is 1.
const MishHigh = float32(20)
