package verify

import "math"

// SwishBetas are the betas every Swish test runs with: QuickGELU's first
// (the benchmarks time it), SiLU's, a power of two, a negative one and 0
// (x/2).
var SwishBetas = []float32{1.702, 1, 0.5, -1.5, 0}

// SwishForwards returns Swish with each of SwishBetas, LogSigmoid and
// Softsign.
func SwishForwards() []Forward {
	var fs []Forward
	for _, beta := range SwishBetas {
		fs = append(fs, Swish(beta))
	}
	return append(fs, LogSigmoid, Softsign)
}

// SwishBackwards returns SwishBackward with each of SwishBetas,
// LogSigmoidBackward and SoftsignBackward.
func SwishBackwards() []Backward {
	var bs []Backward
	for _, beta := range SwishBetas {
		bs = append(bs, SwishBackward(beta))
	}
	return append(bs, LogSigmoidBackward, SoftsignBackward)
}

// Swish is x·sigmoid(beta·x), with t = beta·x exact in float64; beta = 0
// is x/2 exactly, and the infinities give their limits (±0 where
// sigmoid(beta·x) goes to 0, x itself where it goes to 1).
func Swish(beta float32) Forward {
	bound := uint64(SmoothMaxULPOther)
	if beta == 1 {
		bound = SmoothMaxULP
	}
	b := float64(beta)
	return Forward{
		Name:  "Swish/beta=" + Format(beta),
		Run:   func(s Set, dst, x []float32) { s.Swish(dst, x, beta) },
		Ref:   func(x float32) float64 { return float64(x) * sigmoid64(b*float64(x)) },
		Bound: bound,
		Exact: func(x float32) (float32, bool) {
			switch {
			case beta == 0 && !isNaN(x):
				return x * 0.5, true
			case math.IsInf(float64(x), 0) && beta != 0:
				if math.Signbit(float64(x)) == (beta > 0) { // sigmoid(beta·x) goes to 0
					return float32(math.Copysign(0, float64(x))), true
				}
				return x, true
			}
			return 0, false
		},
		Points: scaled([]float32{0, ExpZeroBelow, SiLUDerivativeZero, -17}, 1/b),
	}
}

// SwishBackward is dy·SiLU'(t), t = beta·x exact (beta = 1 is
// SiLUBackward's reference); dy/2 exactly for beta = 0. Where the float32
// product beta·x is at most ExpZeroBelow, exp is 0 and the result is dy·-0
// exactly (NaN for an infinite dy), as the API documents.
func SwishBackward(beta float32) Backward {
	b := float64(beta)
	return Backward{
		Name:   "SwishBackward/beta=" + Format(beta),
		Inputs: []string{"dy", "x"},
		Run:    func(s Set, dx, dy, x []float32) { s.SwishBackward(dx, dy, x, beta) },
		Ref: func(dy, x float32) (float64, float64) {
			d, m := siluDerivative(b * float64(x))
			return float64(dy) * d, math.Abs(float64(dy)) * m
		},
		Exact: func(dy, x float32) (float32, bool) {
			switch {
			case beta == 0:
				return dy * 0.5, !isNaN(dy)
			case beta*x <= ExpZeroBelow:
				return dy * negZero, true
			}
			return 0, false
		},
		Points: scaled([]float32{SiLUDerivativeZero, 0, ExpZeroBelow}, 1/b),
	}
}

// LogSigmoid is log(sigmoid(x)) = -softplus(-x), without cancellation:
// x - log1p(exp(x)) for x < 0, -log1p(exp(-x)) for x >= 0.
var LogSigmoid = Forward{
	Name:   "LogSigmoid",
	Run:    func(s Set, dst, x []float32) { s.LogSigmoid(dst, x) },
	Ref:    logSigmoidRef,
	Bound:  SmoothMaxULP,
	Points: []float32{0, -17.33, 88.72, 103.97, -ExpZeroBelow},
}

func logSigmoidRef(x float32) float64 {
	v := float64(x)
	if v < 0 {
		return v - math.Log1p(expRef(v))
	}
	return -math.Log1p(math.Exp(-v))
}

// LogSigmoidBackward is dy·sigmoid(-x).
var LogSigmoidBackward = Backward{
	Name:   "LogSigmoidBackward",
	Inputs: []string{"dy", "x"},
	Run:    func(s Set, dx, dy, x []float32) { s.LogSigmoidBackward(dx, dy, x) },
	Ref: func(dy, x float32) (float64, float64) {
		s := sigmoid64(-float64(x))
		return float64(dy) * s, math.Abs(float64(dy)) * s
	},
	Points: []float32{0, -ExpZeroBelow},
}

// Softsign is x/(1+|x|), ±1 at ±Inf, within 1 ulp.
var Softsign = Forward{
	Name:  "Softsign",
	Run:   func(s Set, dst, x []float32) { s.Softsign(dst, x) },
	Ref:   func(x float32) float64 { return float64(x) / (1 + math.Abs(float64(x))) },
	Bound: 1,
	Exact: func(x float32) (float32, bool) {
		if math.IsInf(float64(x), 0) {
			return float32(math.Copysign(1, float64(x))), true
		}
		return 0, false
	},
	Points: []float32{0, 1, -1, 0x1p24, -0x1p24},
}

// SoftsignBackward is dy/(1+|x|)² (NaN for an infinite dy at an infinite
// x, as the formula gives).
var SoftsignBackward = Backward{
	Name:   "SoftsignBackward",
	Inputs: []string{"dy", "x"},
	Run:    func(s Set, dx, dy, x []float32) { s.SoftsignBackward(dx, dy, x) },
	Ref: func(dy, x float32) (float64, float64) {
		d := 1 + math.Abs(float64(x))
		r := float64(dy) / (d * d)
		return r, math.Abs(r)
	},
	Points: []float32{0, 1, -1},
}
