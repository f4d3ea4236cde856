package kernels

import (
	"math"

	"github.com/simdact/simdact/internal/check"
	"github.com/simdact/simdact/internal/exp32"
	"github.com/simdact/simdact/internal/sigmoid32"
)

// The kernels of the sigmoid family compute e = exp(z), z = -|x| clamped
// to [exp32.ExpMin, 0], as m·2^n with exp32's range reduction (n and r in
// float32) and polynomial (in float64, so that m is exact but for the
// polynomial's own error, 2^-26), and e = m·2^n exactly in float64, whose
// range spans every such n. The rest of each formula is float64 arithmetic
// too, rounded to float32 once at the end: results underflow gradually,
// tails are computed, not cut off (a result is 0 only where it rounds to
// 0), and nothing overflows before the result does. (The assembly forms
// the same results in float32, but Mish's, which works in float64 lanes
// after a float32 exponential; see gen/amd64/sigmoid.go.)

// Sigmoid sets dst[i] = 1/(1+exp(-x[i])) within 2 ulp (3 where the result
// is subnormal). Sigmoid(+Inf) = 1, Sigmoid(-Inf) = +0, Sigmoid(±0) = 0.5,
// and a NaN x comes out quieted, with its payload.
func Sigmoid(dst, x []float32) {
	check.Unary("Sigmoid", dst, x)
	dst = dst[:len(x)]
	for i, v := range x {
		e := expNegAbs(v)
		y := 1 / (1 + e)
		if !(v > 0) {
			y = e / (1 + e)
		}
		dst[i] = quietNaN(float32(y), v)
	}
}

// SigmoidBackward sets dx[i] = dy[i]*s*(1-s), s = sigmoid(x[i]), the
// gradient of Sigmoid given the gradient dy of its output and its input x,
// within 1 ulp: e/(1+e)², e = exp(-|x|), in float64, rounded once. Where
// exp(-|x|) is 0 in float64 (|x| >= 745.13324) the result is dy·+0, so that
// an infinite dy gives NaN there, as the float64 formula does.
func SigmoidBackward(dx, dy, x []float32) {
	check.Binary("SigmoidBackward", "x", dx, dy, x)
	dx, dy = dx[:len(x)], dy[:len(x)]
	for i, v := range x {
		dx[i] = float32(float64(dy[i]) * sigmoidSlope64(v))
	}
}

// SigmoidBackwardFromOutput sets dx[i] = dy[i]*y[i]*(1-y[i]), the gradient
// of Sigmoid given the gradient dy of its output and its output y, within
// 1 ulp (computed in float64, rounded once).
func SigmoidBackwardFromOutput(dx, dy, y []float32) {
	check.Binary("SigmoidBackwardFromOutput", "y", dx, dy, y)
	dx, dy = dx[:len(y)], dy[:len(y)]
	for i, v := range y {
		w := float64(v)
		dx[i] = float32(float64(dy[i]) * w * (1 - w))
	}
}

// sigmoid64 returns sigmoid(v) in float64: 1/(1+e) for v > 0 and e/(1+e)
// elsewhere, e = exp(-|v|); 0 where exp(v) is 0 in float64 (v <= -745.13324,
// -Inf included), and NaN for a NaN v.
func sigmoid64(v float32) float64 {
	e := expNegAbs(v)
	switch {
	case v > 0:
		return 1 / (1 + e)
	case v <= exp32.ExpZeroBelow:
		return 0
	}
	return e / (1 + e)
}

// sigmoidSlope64 returns sigmoid(v)·(1 - sigmoid(v)) = e/(1+e)², e =
// exp(-|v|), in float64: 0 where e is 0 in float64 (|v| >= 745.13324), NaN
// for a NaN v.
func sigmoidSlope64(v float32) float64 {
	if -abs(v) <= exp32.ExpZeroBelow {
		return 0
	}
	e := expNegAbs(v)
	return e / ((1 + e) * (1 + e))
}

// silu64 returns SiLU(v) = v·sigmoid(v) in float64: -0 where sigmoid(v) is
// 0 in float64 (v <= -745.13324, -Inf included, whose product would be NaN).
func silu64(v float32) float64 {
	if v <= exp32.ExpZeroBelow {
		return negZero64
	}
	return float64(v) * sigmoid64(v)
}

// siluSlope64 returns SiLUBackward's derivative at v in float64 (see
// there): -0 where exp(v) is 0 in float64 (v <= -745.13324).
func siluSlope64(v float32) float64 {
	if v <= exp32.ExpZeroBelow {
		return negZero64
	}
	e := expNegAbs(v)
	c := float64(clampX(v))
	d := (1 + e) * (1 + e)
	if v < 0 {
		return e * ((1 + c) + e) / d
	}
	return (1 + e + c*e) / d
}

var negZero64 = math.Copysign(0, -1)

// SiLU sets dst[i] = x[i]*sigmoid(x[i]) within 2 ulp (3 where the result
// is subnormal). SiLU(+Inf) = +Inf, SiLU(-Inf) = -0, SiLU(±0) = ±0, and a
// NaN x comes out quieted, with its payload.
func SiLU(dst, x []float32) {
	check.Unary("SiLU", dst, x)
	dst = dst[:len(x)]
	for i, v := range x {
		e := expNegAbs(v)
		z := float64(max(v, exp32.ExpMin)) // v where v < 0
		y := z * e / (1 + e)
		if !(v < 0) {
			y = float64(v) / (1 + e)
		}
		dst[i] = quietNaN(float32(y), v)
	}
}

// SiLUBackward sets dx[i] = dy[i]*s*(1+x[i]*(1-s)), s = sigmoid(x[i]), the
// gradient of SiLU given the gradient dy of its output and its input x,
// within 4 ulp or 2^-21·|dy|·(s + |x·s·(1-s)|) (near -1.2785, where the
// derivative is 0). With e = exp(-|x|), the derivative is
// e·((1+x)+e)/(1+e)² for x < 0, and (1+e+x·e)/(1+e)² for x >= 0. Where
// exp(x) is 0 in float64 (x <= -745.13324), the result is dy·-0, so that an
// infinite dy gives NaN there, as the float64 formula does.
func SiLUBackward(dx, dy, x []float32) {
	check.Binary("SiLUBackward", "x", dx, dy, x)
	dx, dy = dx[:len(x)], dy[:len(x)]
	for i, v := range x {
		dx[i] = float32(float64(dy[i]) * siluSlope64(v))
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
	softplus(dst, x, beta, threshold)
}

// softplus is Softplus, its arguments checked.
func softplus(dst, x []float32, beta, threshold float32) {
	dst = dst[:len(x)]
	b := float64(beta)
	for i, v := range x {
		p := beta * v
		e := expSoftplus(beta, v, p)
		y := e * log1pRatio(e) / b // log1p(e)/beta
		if p > 0 {
			y += float64(v)
		}
		r := float32(y)
		if p > threshold {
			r = v
		}
		dst[i] = quietNaN(r, v)
	}
}

// SoftplusBackward sets dx[i] = beta*x[i] > threshold ? dy[i] : dy[i]*sigmoid(beta*x[i]),
// the gradient of Softplus given the gradient dy of its output and its
// input x, within 4 ulp, carrying the rounding of beta·x into exp. Where
// exp(beta·x) is 0 in float64 (beta·x <= -745.13324), the result is dy·+0. It
// panics unless beta is finite and non-zero.
func SoftplusBackward(dx, dy, x []float32, beta, threshold float32) {
	check.Binary("SoftplusBackward", "x", dx, dy, x)
	check.Beta("SoftplusBackward", beta)
	softplusBackward(dx, dy, x, beta, threshold)
}

// softplusBackward is SoftplusBackward, its arguments checked.
func softplusBackward(dx, dy, x []float32, beta, threshold float32) {
	dx, dy = dx[:len(x)], dy[:len(x)]
	for i, v := range x {
		p := beta * v
		e := expSoftplus(beta, v, p)
		s := 1 / (1 + e)
		if !(p > 0) {
			s = e / (1 + e)
		}
		g := float32(float64(dy[i]) * s)
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
		e := expNegAbs(v)
		var y float64
		if v < 0 {
			n := e * (e + 2)
			y = float64(max(v, exp32.ExpMin)) * n / (n + 2)
		} else {
			p := 1 + 2*e
			y = float64(v) * p / (p + 2*e*e)
		}
		dst[i] = quietNaN(float32(y), v)
	}
}

// MishBackward sets dx[i] = dy[i]*(t + x[i]*sigmoid(x[i])*(1-t²)),
// t = tanh(softplus(x[i])), the gradient of Mish given the gradient dy of
// its output and its input x, within 4 ulp or 2^-21·|dy|·(|t| + |x·σ·(1-t²)|)
// (near -1.19, where the derivative is 0). With e = exp(x) and
// D = e(e+2)+2, it is e·((e+2)·D + 4x(1+e))/D² for x < 0; with u = exp(-x),
// P = 1+2u and Q = P+2u², it is (P·Q + 4x·u²(1+u))/Q² for x >= 0. Where
// exp(x) is 0 in float64 (x <= -745.13324), the result is dy·-0.
func MishBackward(dx, dy, x []float32) {
	check.Binary("MishBackward", "x", dx, dy, x)
	dx, dy = dx[:len(x)], dy[:len(x)]
	for i, v := range x {
		e := expNegAbs(v)
		c := float64(clampX(v))
		var q float64
		if v < 0 {
			d := e*(e+2) + 2
			q = e * ((e+2)*d + 4*c*(1+e)) / (d * d)
		} else {
			p := 1 + 2*e
			r := p + 2*e*e
			q = (p*r + 4*c*e*e*(1+e)) / (r * r)
		}
		g := float32(float64(dy[i]) * q)
		if v <= exp32.ExpZeroBelow {
			g = dy[i] * negZero
		}
		dx[i] = g
	}
}

var negZero = float32(math.Copysign(0, -1))

// expNegAbs returns exp(max(-|v|, ExpMin)) (NaN where v is NaN).
func expNegAbs(v float32) float64 {
	r, n := reduce(max(-abs(v), exp32.ExpMin))
	return expReduced(float64(r), n)
}

// expReduced returns exp(r)·2^n for |r| <= ln2/2 (a little more, with a
// correction) and -433 <= n <= 0: 1 + r + r²·(C2 + C3·r + ... + C6·r⁴).
func expReduced(r float64, n int32) float64 {
	q := float64(exp32.C6)
	for _, c := range [...]float32{exp32.C5, exp32.C4, exp32.C3, exp32.C2} {
		q = q*r + float64(c)
	}
	return (1 + r + r*r*q) * pow2Float64(n)
}

// expSoftplus returns exp(-|t|), t = beta·v, given p, t rounded to
// float32: r takes the rounding error t - p, clamped to ±LoLimit (which
// changes nothing where exp(-|t|) is not 0 in float32).
func expSoftplus(beta, v, p float32) float64 {
	lo := float64(beta)*float64(v) - float64(p) // t - p, exactly
	if !(lo >= -float64(sigmoid32.LoLimit)) {   // NaN too, where t is infinite
		lo = -float64(sigmoid32.LoLimit)
	}
	lo = min(lo, float64(sigmoid32.LoLimit))
	if p > 0 {
		lo = -lo
	}
	r, n := reduce(max(-abs(p), exp32.ExpMin))
	return expReduced(float64(r)+lo, n)
}

// log1pRatio returns log1p(e)/e for 0 <= e <= 1 (see
// sigmoid32.LogCoefficients).
func log1pRatio(e float64) float64 {
	q := float64(sigmoid32.LogCoefficients[0])
	for _, c := range sigmoid32.LogCoefficients[1:] {
		q = q*e + float64(c)
	}
	return 1 + q*e
}

// clampX returns v clamped to [ExpMin, -ExpMin]: beyond, exp(-|v|) is 0
// and v's magnitude no longer matters, but an infinite one would make NaNs.
func clampX(v float32) float32 { return min(max(v, exp32.ExpMin), -exp32.ExpMin) }

func abs(v float32) float32 { return math.Float32frombits(math.Float32bits(v) &^ signBit) }

// quietNaN returns y, or v quieted (its payload kept, explicitly: not every
// CPU's arithmetic keeps it) where v is NaN.
func quietNaN(y, v float32) float32 {
	if v != v {
		return math.Float32frombits(math.Float32bits(v) | quietBit)
	}
	return y
}
