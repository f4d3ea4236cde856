// Package selu32 defines the constants of the SELU and CELU kernels, pure Go
// and assembly alike: SELU's two constants, and the values the assembly
// kernels of CELU take for one alpha. The exponential itself is that of
// package exp32.
//
// CELU computes alpha·expm1(x/alpha) without dividing x by alpha in the
// range reduction: with n = round(x·log2(e)/alpha),
//
//	R = x - n·alpha·ln2   (in x's units, with alpha·ln2 split as Hi + Lo)
//	r = R/alpha            (|r| <= ln2/2, multiplied by 1/alpha)
//	alpha·expm1(x/alpha) = 2^n·(R + R·r·q(r)) + alpha·(2^n - 1)
//
// where p(r) = r + r²·q(r) is exp32's polynomial: R is accurate to a few
// units of its last place, and r, rounded twice, only enters the second-
// order term R·r·q. So no quotient x/alpha ever underflows (x = -1e-40 with
// alpha = 1e30 gives x, as it should) and the result keeps the accuracy of
// ELU's. The backward pass scales 2^n·(1 + p(r)) the same way.
package selu32

import (
	"math"

	"github.com/simdact/simdact/internal/exp32"
)

// SELU's constants, as PyTorch defines them.
const (
	Alpha = 1.6732632423543772848170429916717
	Scale = 1.0507009873554804934193349852946
	// ScaleAlpha is Scale·Alpha, SELU's limit at -Inf (negated).
	ScaleAlpha = Scale * Alpha
)

// The float32 constants of the SELU kernels: Scale32·x for x > 0, within
// 0.3 ulp of Scale times x before rounding; ScaleAlpha32·expm1(x) for
// x <= 0, ScaleAlpha32 being 0.2 ulp below ScaleAlpha, so that SELU(-Inf)
// = -ScaleAlpha32 = float32(-ScaleAlpha) exactly.
const (
	Scale32      = float32(Scale)
	ScaleAlpha32 = float32(ScaleAlpha)
)

// VectorMin and VectorMax bound the alphas the assembly kernels of CELU
// take: within them, every constant of CELUConstants is a normal float32,
// and alpha·ELUMin and alpha·ExpMin are finite. The pure-Go kernels, which
// reduce in float64, serve every other alpha (negative, tiny, huge or
// infinite).
const (
	VectorMin = float32(0x1p-64)
	VectorMax = float32(0x1p64)
)

// Vector reports whether the assembly kernels of CELU take alpha.
func Vector(alpha float32) bool { return alpha >= VectorMin && alpha <= VectorMax }

// CELUConstants are the values of the assembly kernels of CELU for one
// alpha (see the package comment): Low bounds x from below (alpha·ELUMin
// for the forward pass, alpha·ExpMin for the backward one), K is
// log2(e)/alpha, NegHi and NegLo are -alpha·ln2 split in two float32s
// (NegHi with hiBits significant bits), Inv
// is 1/alpha, and ZeroBelow (backward only) is the largest x for which the
// float64 exp(x/alpha) is 0, below which an infinite dy gives NaN as in
// float64.
type CELUConstants struct{ Low, K, NegHi, NegLo, Inv, ZeroBelow float32 }

// CELUForward returns the constants of CELU's forward pass for alpha.
func CELUForward(alpha float32) CELUConstants { return celuConstants(alpha, exp32.ELUMin) }

// CELUBackward returns the constants of CELU's backward pass for alpha.
func CELUBackward(alpha float32) CELUConstants {
	c := celuConstants(alpha, exp32.ExpMin)
	// The largest x with x/alpha < -1075·ln2, where float64's exp rounds to 0.
	a := float64(alpha)
	c.ZeroBelow = float32(a * ExpZeroBelow64)
	for float64(c.ZeroBelow)/a >= ExpZeroBelow64 {
		c.ZeroBelow = math.Nextafter32(c.ZeroBelow, float32(math.Inf(-1)))
	}
	for next := math.Nextafter32(c.ZeroBelow, 0); float64(next)/a < ExpZeroBelow64; next = math.Nextafter32(next, 0) {
		c.ZeroBelow = next
	}
	return c
}

func celuConstants(alpha, low float32) CELUConstants {
	a := float64(alpha)
	frac, exp := math.Frexp(a * math.Ln2)
	hi := float32(math.Ldexp(math.Round(math.Ldexp(frac, hiBits)), exp-hiBits))
	return CELUConstants{
		Low:   float32(a * float64(low)),
		K:     float32(math.Log2E / a),
		NegHi: -hi,
		NegLo: -float32(a*math.Ln2 - float64(hi)),
		Inv:   float32(1 / a),
	}
}

// hiBits are the significant bits of NegHi: n·NegHi is exact for |n| <
// 2^9, so that x + n·NegHi is exact (Sterbenz) with or without a fused
// multiply-add, and n·NegLo carries alpha·ln2's next 24 bits.
const hiBits = 15

// ExpZeroBelow64 is -1075·ln2: below it, exp rounds to 0 in float64.
const ExpZeroBelow64 = -1075 * math.Ln2

// ExpInfAbove64 is the float64 above which exp overflows to +Inf in float64
// (ln of the largest float64, rounded down).
const ExpInfAbove64 = 709.782712893384
