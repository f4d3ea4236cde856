package kernels

import (
	"math"

	"github.com/simdact/simdact/internal/check"
	"github.com/simdact/simdact/internal/exp32"
)

// Swish sets dst[i] = x[i]*sigmoid(beta*x[i]), within 1 ulp: SiLU's bits
// for beta = 1, x/2 for beta = 0, and otherwise x·sigmoid(t) in float64,
// t = beta·x exact (the rounding of beta·x carried into exp). Where
// exp(-|t|) is 0 in float64 the result is ±0 with x's sign, the limit
// (Swish(-Inf) = -0 for beta > 0). A NaN x comes out quieted, with its
// payload. It panics unless beta is finite.
func Swish(dst, x []float32, beta float32) {
	check.Unary("Swish", dst, x)
	check.Finite("Swish", "beta", beta)
	if beta == 1 {
		SiLU(dst, x)
		return
	}
	dst = dst[:len(x)]
	for i, v := range x {
		y := v * 0.5
		if beta != 0 {
			p := beta * v
			e := expSoftplus(beta, v, p)
			s := 1 / (1 + e)
			if !(p > 0) {
				s = e / (1 + e)
			}
			y = float32(float64(v) * s)
			if p <= exp32.ExpZeroBelow {
				y = math.Float32frombits(math.Float32bits(v) & signBit)
			}
		}
		dst[i] = quietNaN(y, v)
	}
}

// SwishBackward sets dx[i] = dy[i]*(s + beta*x[i]*s*(1-s)),
// s = sigmoid(beta*x[i]), the gradient of Swish given the gradient dy of its
// output and its input x: SiLUBackward's bits for beta = 1, dy/2 for beta =
// 0, and otherwise SiLU's derivative at t = beta·x in float64 (the rounding
// of beta·x carried into exp), within 4 ulp or 2^-21·|dy|·(s + |t·s·(1-s)|)
// near its zero. Where exp(beta·x) is 0 in float64 (beta·x, the float32
// product, <= -745.13324) the result is dy·-0, so that an infinite dy gives
// NaN, as the float64 formula does. It panics unless beta is finite.
func SwishBackward(dx, dy, x []float32, beta float32) {
	check.Binary("SwishBackward", "x", dx, dy, x)
	check.Finite("SwishBackward", "beta", beta)
	if beta == 1 {
		SiLUBackward(dx, dy, x)
		return
	}
	dx, dy = dx[:len(x)], dy[:len(x)]
	b := float64(beta)
	for i, v := range x {
		if beta == 0 {
			dx[i] = dy[i] * 0.5
			continue
		}
		p := beta * v
		e := expSoftplus(beta, v, p)
		t := min(max(b*float64(v), float64(exp32.ExpMin)), -float64(exp32.ExpMin)) // t exactly, clamped as clampX
		d := (1 + e) * (1 + e)
		q := (1 + e + t*e) / d
		if p < 0 {
			q = e * ((1 + t) + e) / d
		}
		if p <= exp32.ExpZeroBelow {
			q = negZero64
		}
		dx[i] = float32(float64(dy[i]) * q)
	}
}

// LogSigmoid sets dst[i] = log(sigmoid(x[i])) = -softplus(-x[i]), within 1
// ulp: Softplus with beta = -1 and no threshold, log1p(exp(-x))/-1, which
// is x - log1p(exp(x)) for x < 0 (x itself below -17, computed) and
// -log1p(exp(-x)) for x >= 0, down its subnormal tail (LogSigmoid(100) is
// the subnormal nearest -3.72e-44). LogSigmoid(-Inf) = -Inf,
// LogSigmoid(+Inf) = -0, and a NaN x comes out quieted, with its payload.
func LogSigmoid(dst, x []float32) {
	check.Unary("LogSigmoid", dst, x)
	softplus(dst, x, -1, float32(math.Inf(1)))
}

// LogSigmoidBackward sets dx[i] = dy[i]*sigmoid(-x[i]), the gradient of
// LogSigmoid given the gradient dy of its output and its input x, within 1
// ulp: SoftplusBackward with beta = -1 and no threshold. Where exp(-x) is 0
// in float64 (x >= 745.13324) the result is dy·+0.
func LogSigmoidBackward(dx, dy, x []float32) {
	check.Binary("LogSigmoidBackward", "x", dx, dy, x)
	softplusBackward(dx, dy, x, -1, float32(math.Inf(1)))
}
