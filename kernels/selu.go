package kernels

import (
	"math"

	"github.com/simdact/simdact/internal/check"
	"github.com/simdact/simdact/internal/exp32"
	"github.com/simdact/simdact/internal/selu32"
)

// SELU sets dst[i] = scale*(x[i] > 0 ? x[i] : alpha*expm1(x[i])), with
// PyTorch's alpha = 1.6732632423543772848 and scale = 1.0507009873554804934,
// within 2 ulp. A NaN x comes out quieted, with its payload; ±0 gives ±0,
// -Inf gives -scale*alpha, +Inf gives +Inf.
//
// It computes what the assembly does: Scale32·x for x > 0, and for x <= 0
// ScaleAlpha32·e, e being ELU's expm1(x) (see package selu32).
func SELU(dst, x []float32) {
	check.Unary("SELU", dst, x)
	dst = dst[:len(x)]
	var todo [256]uint8
	var xs [256]float32
	for len(x) > 0 {
		xb := x[:min(len(x), len(todo))]
		db := dst[:len(xb)]
		n := passForward(db, xb, selu32.Scale32, &todo, &xs)
		for j, i := range todo[:n] {
			v := xs[j]
			z := v
			if z < exp32.ELUMin {
				z = exp32.ELUMin
			}
			r, k := reduce(z)
			s := pow2(k)
			e := float32(s*expm1Poly(r)) + (s - 1)
			e = math.Float32frombits(math.Float32bits(e) | math.Float32bits(v)&signBit)
			y := e * selu32.ScaleAlpha32
			if v != v {
				y = quiet(v)
			}
			db[i] = y
		}
		x, dst = x[len(xb):], dst[len(xb):]
	}
}

// SELUBackward sets dx[i] = x[i] > 0 ? dy[i]*scale : dy[i]*scale*alpha*exp(x[i]),
// the gradient of SELU given the gradient dy of its output and its input x,
// within 2 ulp: exp(x) = 2^n·(1 + p(r)) is exact in float64 (see
// ELUBackward), and the product rounds once to float32, underflowing
// gradually. A NaN dy comes out quieted; an
// infinite dy gives ±Inf wherever the float64 exp(x) is not 0, and NaN
// below, as in float64.
func SELUBackward(dx, dy, x []float32) {
	check.Binary("SELUBackward", "x", dx, dy, x)
	dx, dy = dx[:len(x)], dy[:len(x)]
	var todo [256]uint8
	var xs, dys [256]float32
	for len(x) > 0 {
		xb := x[:min(len(x), len(todo))]
		dyb, db := dy[:len(xb)], dx[:len(xb)]
		n := 0
		for i, v := range xb {
			g := dyb[i]
			todo[n], xs[n], dys[n] = uint8(i), v, g
			db[i] = float32(float64(g) * selu32.Scale)
			if !positive(v) || g != g {
				n++
			}
		}
		for j, i := range todo[:n] {
			v, g := xs[j], dys[j]
			d := selu32.Scale
			if !positive(v) {
				// exp(x) as in ELUBackward, exact in float64.
				r, k := reduce(max(v, exp32.ExpMin))
				d = selu32.ScaleAlpha * (1 + float64(expm1Poly(r))) * pow2Float64(k)
				if v <= exp32.ExpZeroBelow {
					d = 0 // as in float64: ±Inf·exp(x) is NaN
				}
			}
			db[i] = product(g, v, d)
		}
		x, dy, dx = x[len(xb):], dy[len(xb):], dx[len(xb):]
	}
}

// CELU sets dst[i] = x[i] > 0 ? x[i] : alpha*expm1(x[i]/alpha), within 1
// ulp for alpha = 1 (where it is ELU) and 2 ulp for any other alpha; alpha
// may be negative (then expm1's argument is positive, and the result may
// overflow to ±Inf). A NaN x comes out quieted, with its payload; ±0 gives
// ±0; -Inf gives -alpha (-Inf for a negative alpha); an infinite alpha
// gives NaN for every x <= 0, as ∞·0 does in float64. It panics if alpha
// is ±0 or NaN.
//
// For alpha in [selu32.VectorMin, selu32.VectorMax] it computes what the
// assembly does (see package selu32); for any other alpha, x/alpha and
// expm1 in float64 (see expm1Wide), more slowly.
func CELU(dst, x []float32, alpha float32) {
	check.Unary("CELU", dst, x)
	check.NonZero("CELU", alpha)
	switch {
	case alpha == 1:
		ELU(dst, x, 1)
	case selu32.Vector(alpha):
		celu(dst, x, alpha)
	default:
		celuWide(dst, x, alpha)
	}
}

// celu is CELU for alpha in [selu32.VectorMin, selu32.VectorMax].
func celu(dst, x []float32, alpha float32) {
	c := selu32.CELUForward(alpha)
	hi, lo := -c.NegHi, -c.NegLo
	var todo [256]uint8
	var xs [256]float32
	for len(x) > 0 {
		xb := x[:min(len(x), len(todo))]
		db := dst[:len(xb)]
		n := passForward(db, xb, 1, &todo, &xs)
		for j, i := range todo[:n] {
			v := xs[j]
			z := v
			if z < c.Low {
				z = c.Low
			}
			t := float32(z*c.K) + exp32.Magic
			f := t - exp32.Magic
			big := float32(z-float32(f*hi)) - float32(f*lo) // R = x - n·alpha·ln2
			r := big * c.Inv
			p := float32(float32(big*r)*expm1Q(r)) + big // alpha·expm1(r)
			s := pow2(int32(math.Float32bits(t) - math.Float32bits(exp32.Magic)))
			y := float32(s*p) + (float32(alpha*s) - alpha)
			y = math.Float32frombits(math.Float32bits(y) | math.Float32bits(v)&signBit)
			if v != v {
				y = quiet(v)
			}
			db[i] = y
		}
		x, dst = x[len(xb):], dst[len(xb):]
	}
}

// celuWide is CELU for any other alpha, in float64.
func celuWide(dst, x []float32, alpha float32) {
	a := float64(alpha)
	for i, v := range x {
		y := v
		if !positive(v) {
			y = float32(a * expm1Wide(float64(v)/a))
		}
		if y != y {
			y = nanOf(v, alpha)
		}
		dst[i] = y
	}
}

// CELUBackward sets dx[i] = x[i] > 0 ? dy[i] : dy[i]*exp(x[i]/alpha), the
// gradient of CELU given the gradient dy of its output and its input x,
// within 1 ulp (x/alpha and exp in float64, one rounding to float32). A NaN
// dy comes out quieted (and passes unchanged where x > 0); an infinite dy
// gives ±Inf wherever the float64 exp(x/alpha) is not 0, and NaN below; a
// zero dy gives NaN where exp overflows in float64 (a negative alpha). It
// panics if alpha is ±0 or NaN.
func CELUBackward(dx, dy, x []float32, alpha float32) {
	check.Binary("CELUBackward", "x", dx, dy, x)
	check.NonZero("CELUBackward", alpha)
	switch {
	case alpha == 1:
		ELUBackward(dx, dy, x, 1)
	case selu32.Vector(alpha):
		celuBackward(dx, dy, x, alpha)
	default:
		celuBackwardWide(dx, dy, x, alpha)
	}
}

// celuBackward is CELUBackward for alpha in [selu32.VectorMin,
// selu32.VectorMax]: x/alpha reduced in x's units as the assembly does
// (see package selu32), and exp(x/alpha) = 2^n·(1 + p(r)) in float64.
func celuBackward(dx, dy, x []float32, alpha float32) {
	c := selu32.CELUBackward(alpha)
	hi, lo := -c.NegHi, -c.NegLo
	dx, dy = dx[:len(x)], dy[:len(x)]
	var todo [256]uint8
	var xs, dys [256]float32
	for len(x) > 0 {
		xb := x[:min(len(x), len(todo))]
		dyb, db := dy[:len(xb)], dx[:len(xb)]
		n := passNonPositive(db, dyb, xb, &todo, &xs, &dys)
		for j, i := range todo[:n] {
			v, g := xs[j], dys[j]
			z := v
			if z < c.Low {
				z = c.Low
			}
			t := float32(z*c.K) + exp32.Magic
			f := t - exp32.Magic
			r := float32((float32(z-float32(f*hi)) - float32(f*lo)) * c.Inv) // rounded here, so that no CPU fuses it into p
			e := (1 + float64(expm1Poly(r))) * pow2Float64(int32(math.Float32bits(t)-math.Float32bits(exp32.Magic)))
			if v <= c.ZeroBelow {
				e = 0 // as in float64: ±Inf·exp(x/alpha) is NaN
			}
			db[i] = product(g, v, e)
		}
		x, dy, dx = x[len(xb):], dy[len(xb):], dx[len(xb):]
	}
}

// celuBackwardWide is CELUBackward for any other alpha, in float64.
func celuBackwardWide(dx, dy, x []float32, alpha float32) {
	dx, dy = dx[:len(x)], dy[:len(x)]
	a := float64(alpha)
	var todo [256]uint8
	var xs, dys [256]float32
	for len(x) > 0 {
		xb := x[:min(len(x), len(todo))]
		dyb, db := dy[:len(xb)], dx[:len(xb)]
		n := passNonPositive(db, dyb, xb, &todo, &xs, &dys)
		for j, i := range todo[:n] {
			v, g := xs[j], dys[j]
			db[i] = product(g, v, expWide(float64(v)/a))
		}
		x, dy, dx = x[len(xb):], dy[len(xb):], dx[len(xb):]
	}
}

// product returns dy·d rounded to float32, with x86's NaN (dy's, x's, or
// the invalid 0xffc00000 of ±Inf·0).
func product(dy, x float32, d float64) float32 {
	g := float32(float64(dy) * d)
	if g != g {
		g = nanOf(dy, x)
	}
	return g
}

// The range of expm1Wide's and expWide's reduction: below wideLow, expm1(z)
// is -1 to within 2^-43, which any float32 product of it rounds away; from
// ±wideLimit out, exp(z) is below 2^-432 or above 2^432, which any float32
// product of it by a non-zero float32 (at least 2^-149 and at most 2^128)
// rounds to ±0 or ±Inf.
const (
	wideLow   = -30
	wideLimit = 300
	// wideMagic rounds a float64 below 2^51 to an integer when added.
	wideMagic = 0x1.8p52
)

// expm1Wide returns expm1(z) for a float64 z, within about 2^-26 of it
// (exp32's polynomial, evaluated in float64), with z's sign, and -1 or a
// huge number where z is beyond wideLow or wideLimit. NaN gives NaN.
func expm1Wide(z float64) float64 {
	r, s := reduceWide(min(max(z, wideLow), wideLimit))
	e := float64(s*expm1PolyWide(r)) + (s - 1)
	return math.Float64frombits(math.Float64bits(e) | math.Float64bits(z)&(1<<63))
}

// expWide returns exp(z) for a float64 z, within about 2^-26 of it: exactly
// 0 where float64's exp is 0 (z < -1075·ln2) and +Inf where it overflows,
// and a tiny or huge stand-in beyond ±wideLimit (see there). NaN gives NaN.
func expWide(z float64) float64 {
	switch {
	case z < selu32.ExpZeroBelow64:
		return 0
	case z > selu32.ExpInfAbove64:
		return math.Inf(1)
	}
	r, s := reduceWide(min(max(z, -wideLimit), wideLimit))
	return s + float64(s*expm1PolyWide(r))
}

// reduceWide returns r = z - n·ln2 and s = 2^n, n = round(z·log2(e)), for
// |z| <= wideLimit (and NaN, which r keeps).
func reduceWide(z float64) (r, s float64) {
	v := float64(z*math.Log2E) + wideMagic
	f := v - wideMagic
	return z - float64(f*math.Ln2), pow2Float64(int32(int64(math.Float64bits(v)) - int64(math.Float64bits(wideMagic))))
}

// expm1PolyWide returns exp32's p(r) ≈ expm1(r), for |r| <= ln2/2,
// evaluated in float64.
func expm1PolyWide(r float64) float64 {
	q := float64(float64(exp32.C6)*r) + float64(exp32.C5)
	q = float64(q*r) + float64(exp32.C4)
	q = float64(q*r) + float64(exp32.C3)
	q = float64(q*r) + float64(exp32.C2)
	return r + float64(float64(r*r)*q)
}
