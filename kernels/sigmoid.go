package kernels

import (
	"math"

	"github.com/simdact/simdact/internal/check"
	"github.com/simdact/simdact/internal/exp32"
	"github.com/simdact/simdact/internal/sigmoid32"
)

// The kernels of the sigmoid family compute e = exp(z), z = -|x| clamped
// to [exp32.ExpMin, 0], as m·2^n (see package sigmoid32), form a normal
// float32 q from m and e, and scale q by 2^n last, so that a result that
// is subnormal rounds once. Tails are computed, not cut off: below about
// -87 they underflow gradually, and a result is 0 only where it rounds to 0.

// Sigmoid sets dst[i] = 1/(1+exp(-x[i])) within 2 ulp (3 where the result
// is subnormal). Sigmoid(+Inf) = 1, Sigmoid(-Inf) = +0, Sigmoid(±0) = 0.5,
// and a NaN x comes out quieted, with its payload.
func Sigmoid(dst, x []float32) {
	check.Unary("Sigmoid", dst, x)
	dst = dst[:len(x)]
	for i, v := range x {
		tr, m, n := expNegAbs(v)
		w := reciprocal(scale(m, n))
		y := w // 1/(1+e)
		if !(v > 0) {
			y = scale(fma(tr, w, w), n) // e/(1+e)
		}
		dst[i] = quietNaN(y, v)
	}
}

// SigmoidBackward sets dx[i] = dy[i]*y[i]*(1-y[i]), the gradient of Sigmoid
// given the gradient dy of its output and its output y, within 2 ulp:
// y·(1-y) is y - y² rounded once, or (dy·y)·(1-y) where |y| >= 2^63 (no y
// that Sigmoid gives), so that nothing overflows before the result does.
func SigmoidBackward(dx, dy, y []float32) {
	check.Binary("SigmoidBackward", "y", dx, dy, y)
	dx, dy = dx[:len(y)], dy[:len(y)]
	for i, v := range y {
		g := dy[i]
		if abs(v) < hugeOutput {
			g *= float32(math.FMA(float64(-v), float64(v), float64(v)))
		} else {
			g = float32(g*v) * (1 - v)
		}
		dx[i] = g
	}
}

// hugeOutput is the |y| from which y - y² overflows float32 (2^64 would).
const hugeOutput = float32(0x1p63)

// SiLU sets dst[i] = x[i]*sigmoid(x[i]) within 2 ulp (3 where the result
// is subnormal). SiLU(+Inf) = +Inf, SiLU(-Inf) = -0, SiLU(±0) = ±0, and a
// NaN x comes out quieted, with its payload.
func SiLU(dst, x []float32) {
	check.Unary("SiLU", dst, x)
	dst = dst[:len(x)]
	for i, v := range x {
		tr, m, n := expNegAbs(v)
		w := reciprocal(scale(m, n))
		z := max(v, exp32.ExpMin) // v where v < 0
		y := scale(fma(z, tr, z)*w, n)
		if !(v < 0) {
			y = v * w
		}
		dst[i] = quietNaN(y, v)
	}
}

// SiLUBackward sets dx[i] = dy[i]*s*(1+x[i]*(1-s)), s = sigmoid(x[i]), the
// gradient of SiLU given the gradient dy of its output and its input x,
// within 4 ulp or 2^-21·|dy|·(s + |x·s·(1-s)|) (near -1.2785, where the
// derivative is 0). With e = exp(-|x|), the derivative is
// e·((1+x)+e)/(1+e)² for x < 0, and (1+e+x·e)/(1+e)² for x >= 0. Where
// exp(x) is 0 in float64 (x <= -745.13), the result is dy·-0, so that an
// infinite dy gives NaN there, as the float64 formula does.
func SiLUBackward(dx, dy, x []float32) {
	check.Binary("SiLUBackward", "x", dx, dy, x)
	dx, dy = dx[:len(x)], dy[:len(x)]
	for i, v := range x {
		g := dy[i]
		_, m, n := expNegAbs(v)
		e := scale(m, n)
		w := reciprocal(e)
		c := clampX(v)
		var q float32
		if v < 0 {
			q = float32(m*((1+c)+e)) * float32(w*w)
		} else {
			q = fma(c, e, 1+e) * float32(w*w)
			n = 0
		}
		g = scaleGradient(g, q, n)
		if v <= exp32.ExpZeroBelow {
			g = dy[i] * negZero
		}
		dx[i] = g
	}
}

// Softplus sets dst[i] = beta*x[i] > threshold ? x[i] : log1p(exp(beta*x[i]))/beta,
// within 2 ulp for beta = 1 and 3 for any other beta (one more where the
// result is subnormal), computing log1p(exp(t)) as t + log1p(exp(-t)) for
// t > 0, so that x + log1p(exp(-t))/beta needs no division of t. The
// rounding of beta·x is carried into exp. It panics unless beta is finite
// and non-zero; a NaN threshold compares false, so that every x takes the
// formula. Softplus(-Inf) = +0 (beta > 0), and a NaN x comes out quieted,
// with its payload.
func Softplus(dst, x []float32, beta, threshold float32) {
	check.Unary("Softplus", dst, x)
	check.Beta("Softplus", beta)
	dst = dst[:len(x)]
	s := sigmoid32.Softplus(beta)
	for i, v := range x {
		p := beta * v
		m, n := expSoftplus(beta, v, p)
		e := scale(m, n)
		l := fma(float32(m*log1pPoly(e)), e, m) // m·log1p(e)/e
		y := scale(l/s.Mant, n-s.E)             // log1p(e)/beta
		if p > 0 {
			y += v
		}
		if p > threshold {
			y = v
		}
		dst[i] = quietNaN(y, v)
	}
}

// SoftplusBackward sets dx[i] = beta*x[i] > threshold ? dy[i] : dy[i]*sigmoid(beta*x[i]),
// the gradient of Softplus given the gradient dy of its output and its
// input x, within 4 ulp, carrying the rounding of beta·x into exp. Where
// exp(beta·x) is 0 in float64 (beta·x <= -745.13), the result is dy·+0. It
// panics unless beta is finite and non-zero.
func SoftplusBackward(dx, dy, x []float32, beta, threshold float32) {
	check.Binary("SoftplusBackward", "x", dx, dy, x)
	check.Beta("SoftplusBackward", beta)
	dx, dy = dx[:len(x)], dy[:len(x)]
	for i, v := range x {
		g := dy[i]
		p := beta * v
		m, n := expSoftplus(beta, v, p)
		w := reciprocal(scale(m, n))
		if p > 0 {
			g *= w
		} else {
			g = scaleGradient(g, m*w, n)
		}
		if p <= exp32.ExpZeroBelow {
			g = dy[i] * 0
		}
		if p > threshold {
			g = dy[i]
		}
		dx[i] = g
	}
}

// Mish sets dst[i] = x[i]*tanh(softplus(x[i])) within 3 ulp (4 where the
// result is subnormal), as x·e(e+2)/(e(e+2)+2) with e = exp(x) for x < 0,
// and x·(1+2u)/(1+2u+2u²) with u = exp(-x) for x >= 0. Mish(+Inf) = +Inf,
// Mish(-Inf) = -0, Mish(±0) = ±0, and a NaN x comes out quieted, with its
// payload.
func Mish(dst, x []float32) {
	check.Unary("Mish", dst, x)
	dst = dst[:len(x)]
	for i, v := range x {
		tr, m, n := expNegAbs(v)
		e := scale(m, n)
		var y float32
		if v < 0 {
			a := e + 2
			z := max(v, exp32.ExpMin)
			y = scale(float32(fma(z, tr, z)*a)/fma(e, a, 2), n)
		} else {
			p := fma(2, e, 1)
			y = v * (p / fma(e+e, e, p))
		}
		dst[i] = quietNaN(y, v)
	}
}

// MishBackward sets dx[i] = dy[i]*(t + x[i]*sigmoid(x[i])*(1-t²)),
// t = tanh(softplus(x[i])), the gradient of Mish given the gradient dy of
// its output and its input x, within 4 ulp or 2^-21·|dy|·(|t| + |x·σ·(1-t²)|)
// (near -1.19, where the derivative is 0). With e = exp(x) and
// D = e(e+2)+2, it is e·((e+2)·D + 4x(1+e))/D² for x < 0; with u = exp(-x),
// P = 1+2u and Q = P+2u², it is (P·Q + 4x·u²(1+u))/Q² for x >= 0. Where
// exp(x) is 0 in float64 (x <= -745.13), the result is dy·-0.
func MishBackward(dx, dy, x []float32) {
	check.Binary("MishBackward", "x", dx, dy, x)
	dx, dy = dx[:len(x)], dy[:len(x)]
	for i, v := range x {
		g := dy[i]
		_, m, n := expNegAbs(v)
		e := scale(m, n)
		c := clampX(v)
		var q float32
		if v < 0 {
			a := e + 2
			d := fma(e, a, 2)
			b := fma(4*c, 1+e, float32(a*d))
			q = float32(m*b) / float32(d*d)
		} else {
			p := fma(2, e, 1)
			r := fma(e+e, e, p)
			b := fma(float32(4*c)*float32(e*e), 1+e, float32(p*r))
			q = b / float32(r*r)
			n = 0
		}
		g = scaleGradient(g, q, n)
		if v <= exp32.ExpZeroBelow {
			g = dy[i] * negZero
		}
		dx[i] = g
	}
}

var negZero = float32(math.Copysign(0, -1))

// expNegAbs returns m and n with exp(z) = m·2^n, z = max(-|v|, ExpMin)
// (see package sigmoid32), and tr = m - 1 before its rounding to m; m is
// NaN where v is.
func expNegAbs(v float32) (tr, m float32, n int32) {
	r, n := reduce(max(-abs(v), exp32.ExpMin))
	tr, m = expParts(r)
	return tr, m, n
}

// expParts returns exp(r) = 1 + tr rounded to m, for |r| <= ln2/2, with
// tr = r·(1 + r·(C2 + C3·r + ... + C6·r⁴)) rounded, so that a·(1 + tr),
// fma(a, tr, a), rounds once.
func expParts(r float32) (tr, m float32) {
	q := exp32.C6
	for _, c := range [...]float32{exp32.C5, exp32.C4, exp32.C3, exp32.C2} {
		q = fma(q, r, c)
	}
	tr = fma(q, r, 1) * r
	return tr, 1 + tr
}

// reciprocal returns 1/(1+e) for 0 <= e <= 1, within about 2^-40 of the
// reciprocal of 1+e exactly: d = 1+e rounds, but its rounding error
// e - (d-1) is exact, and so is the residual 1 - d·w of w = 1/d, from
// which one Newton step corrects w.
func reciprocal(e float32) float32 {
	d := 1 + e
	w := 1 / d
	rho := fma(-(e - (d - 1)), w, fma(-d, w, 1))
	return fma(w, rho, w)
}

// fma returns a·b + c rounded once to float32 but for a double rounding
// (through float64) that changes a result about once in 2^29: the product
// of two float32s is exact in float64.
func fma(a, b, c float32) float32 { return float32(float64(a)*float64(b) + float64(c)) }

// log1pPoly returns q with log1p(e) = e·(1 + q·e) for 0 <= e <= 1 (see
// sigmoid32.LogCoefficients).
func log1pPoly(e float32) float32 {
	q := sigmoid32.LogCoefficients[0]
	for _, c := range sigmoid32.LogCoefficients[1:] {
		q = fma(q, e, c)
	}
	return q
}

// expSoftplus returns m and n with exp(-|t|) = m·2^n, t = beta·v, given
// its rounding p: r takes the rounding error of p, clamped to ±LoLimit.
func expSoftplus(beta, v, p float32) (m float32, n int32) {
	lo := float32(float64(beta)*float64(v) - float64(p)) // t - p, exactly
	if !(lo >= -sigmoid32.LoLimit) {                     // NaN too, where t is infinite
		lo = -sigmoid32.LoLimit
	}
	lo = min(lo, sigmoid32.LoLimit)
	if p > 0 {
		lo = -lo
	}
	r, n := reduce(max(-abs(p), exp32.ExpMin))
	_, m = expParts(r + lo)
	return m, n
}

// clampX returns v clamped to [ExpMin, -ExpMin]: beyond, exp(-|v|) is 0
// and v's magnitude no longer matters, but an infinite one would make NaNs.
func clampX(v float32) float32 { return min(max(v, exp32.ExpMin), -exp32.ExpMin) }

// scale returns q·2^n for a normal q and n <= 254, rounded once: as the
// product of two normal powers of two, for n >= -252, and for n below,
// where q·2^n rounds to ±0, as q·2^-252.
func scale(q float32, n int32) float32 {
	k := max(n, -252) + exp32.ScaleBias
	h := k >> 1
	return float32(q*pow2(h-127)) * pow2(k-h-127)
}

// scaleGradient returns g·q·2^n for a q of magnitude below 2^9 (not
// subnormal), multiplying g by 2^-BigShift and 2^n by 2^BigShift where
// |g| >= BigGradient, so that g·q overflows only where the result does.
func scaleGradient(g, q float32, n int32) float32 {
	if abs(g) >= sigmoid32.BigGradient {
		g *= sigmoid32.BigScale
		n += sigmoid32.BigShift
	}
	return scale(g*q, n)
}

func abs(v float32) float32 { return math.Float32frombits(math.Float32bits(v) &^ signBit) }

// quietNaN returns y, or v quieted (its payload kept, explicitly: not every
// CPU's arithmetic keeps it) where v is NaN.
func quietNaN(y, v float32) float32 {
	if v != v {
		return math.Float32frombits(math.Float32bits(v) | quietBit)
	}
	return y
}
