// Package gelu32 defines the lower tail of the standard normal distribution,
// Phi(-a) for a >= 0, and its density phi(a), as every GELU kernel computes
// them, pure Go and assembly alike: its constants live here once, and
// package kernels and the generators in gen/ read them from here.
//
// The kernels work in float64 (the assembly converts float32 lanes to
// float64 lanes and back), so that a float32 result rounds once, at the end,
// and underflows gradually by itself: a float32 rational function would
// round some ten times on the way, up to 6·2^-24 in all, twice GELU's
// bound. For 0 <= a <= Clamp:
//
//	exp(-a²/2) = (1 + p)·2^n,  p = Expm1(r), r = -a²/2 - n·ln2, |r| <= ln2/2,
//	Phi(-a)    = R(a)·(1 + p)·2^n,
//	phi(a)     = InvSqrt2Pi·(1 + p)·2^n,
//
// where -a²/2 is exact (a is a float32) and R(a) = exp(a²/2)·Phi(-a), Mills'
// ratio over √(2π), falls from 1/2 at a = 0 like 1/(a·√(2π)). Phi(-a) is
// never 1 - Phi(a), which cancels. On [0, 14.5] the rational function
// R(a) = P(a)/Q(a), P of degree 4 and Q of degree 5, approximates R within
// a relative error of 2^-27.3 (a minimax fit by iteratively reweighted least
// squares, in 40-digit arithmetic); beyond 14.5, where every GELU result
// rounds to ±0 or to x, within 2^-22 up to Clamp. p is the polynomial of
// package exp32 (relative error 2^-26 in expm1), evaluated in float64.
//
// The functions below write each product and sum plainly: Go fuses some
// into multiply-adds on some CPUs (arm64) and not on others (amd64), and
// the assembly fuses them all; in float64 either way rounds far below
// 2^-27, so that every implementation agrees within GELU's bounds (and the
// AVX-512 and AVX2 kernels, which compute the same operations, bit for
// bit). math.FMA would cost a call-or-branch on amd64 CPUs without a
// guaranteed FMA (GOAMD64=v1) and slow the pure-Go kernels by half.
package gelu32

import (
	"math"

	"github.com/simdact/simdact/internal/exp32"
)

// Clamp bounds a from above: from there on, every result is what its limit
// gives. Clamp·Phi(-Clamp) and Clamp·phi(Clamp)·2^128 are below 2^-151, so
// that GELU(x) for x <= -Clamp rounds to -0, GELUBackward's dy·(Phi(x) +
// x·phi(x)) to ±0 for every finite dy, and Phi(Clamp), the gradient's
// factor for x >= Clamp, to 1; n = round(-Clamp²/2·log2(e)) = -289 keeps
// 2^n a normal float64.
const Clamp = float32(20)

// The coefficients of P(a) = P0 + P1·a + ... + P4·a⁴ and
// Q(a) = 1 + Q1·a + ... + Q5·a⁵.
const (
	P0 = 0.50000000293383077676
	P1 = 0.43829771693609654472
	P2 = 0.18323673300576991631
	P3 = 0.0406336302768439981
	P4 = 0.0041163287847532563224
	Q1 = 1.67448041352535702
	Q2 = 1.2025107559323417006
	Q3 = 0.46947471846006969005
	Q4 = 0.10185985100659739375
	Q5 = 0.010317986442749303785
)

// InvSqrt2Pi is 1/√(2π): phi(a) = InvSqrt2Pi·exp(-a²/2).
const InvSqrt2Pi = 0.398942280401432677939946059934

// The range reduction of exp(-a²/2).
const (
	// Log2E is log2(e).
	Log2E = math.Log2E
	// Ln2 is ln(2): with |n| <= 289, n·Ln2 rounded in float64 is within
	// 2^-44 of n·ln(2).
	Ln2 = math.Ln2
	// Magic is 1.5·2^52: h·log2(e) + Magic rounds h·log2(e) to an integer
	// n, held in the low bits of the sum (two's complement, |n| < 2^51), so
	// that the sum's bits shifted left by 52 are n in a float64's exponent
	// field.
	Magic = 0x1.8p52
	// Half is -1/2: -a²/2 = (a·Half)·a, exactly.
	Half = -0.5
)

// Gauss returns p and the magic-bias sum v of n with exp(-a²/2) =
// (1 + p)·2^n, for a float32 a with 0 <= a <= Clamp.
func Gauss(a float64) (p, v float64) {
	h := a * Half * a // exact
	v = h*Log2E + Magic
	n := v - Magic
	r := n*-Ln2 + h
	return Expm1(r), v
}

// Expm1 returns p(r), exp(r) - 1 for |r| <= ln2/2 (see package exp32).
func Expm1(r float64) float64 {
	q := float64(exp32.C6)*r + float64(exp32.C5)
	q = q*r + float64(exp32.C4)
	q = q*r + float64(exp32.C3)
	q = q*r + float64(exp32.C2)
	return r*r*q + r
}

// Ratio returns P(a)/Q(a), exp(a²/2)·Phi(-a) for 0 <= a <= Clamp.
func Ratio(a float64) float64 {
	p := P4*a + P3
	p = p*a + P2
	p = p*a + P1
	p = p*a + P0
	q := Q5*a + Q4
	q = q*a + Q3
	q = q*a + Q2
	q = q*a + Q1
	q = q*a + 1
	return p / q
}

// Scale returns t·2^n, exactly, given the magic-bias sum v of n, by adding
// n to t's exponent field: t must be 0, or normal with t·2^n normal.
func Scale(t, v float64) float64 {
	return math.Float64frombits(math.Float64bits(t) + math.Float64bits(v)<<52)
}

// Tail returns Phi(-a) for a float32 a with 0 <= a <= Clamp.
func Tail(a float64) float64 {
	p, v := Gauss(a)
	s := Scale(Ratio(a), v)
	return s*p + s
}

// GatedClamp bounds a from above in GeGLU's backward pass, whose gate
// gradient dy·up·(Phi(x) + x·phi(x)) takes a dy·up up to 2^256: from there
// on it rounds to ±0 for every finite dy·up (|D(24)|·2^256 < 2^-155), and
// between Clamp and GatedClamp the ratio comes from RatioTail.
const GatedClamp = float32(24)

// RatioTail returns exp(a²/2)·Phi(-a) for Clamp <= a <= GatedClamp from its
// asymptotic series, (1 - 1/a² + 3/a⁴)/(a·√(2π)), within 2^-22 of it there
// (the next term is 15/a⁶): GELU's gradient, (R(a) - a/√(2π))·exp(-a²/2),
// feels that error divided by a², so within 2^-30.
func RatioTail(a float64) float64 {
	u := 1 / (a * a)
	return (1 - u + 3*u*u) * InvSqrt2Pi / a
}

// Float64ZeroBelow is the largest float32 x at which the float64 GELU,
// 0.5·x·erfc(-x/√2) with Go's math.Erfc, is 0 (it underflows from there
// down): the gated unit GeGLU multiplies its second input by that float64
// value, so that an infinite one gives NaN exactly from there down.
const Float64ZeroBelow = float32(-38.503895)
