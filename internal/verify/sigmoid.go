package verify

import "math"

// The sigmoid family's references are the float64 functions, written in
// forms that stay accurate in float64 over every float32 input: with
// e = exp(-|x|), no term cancels but near the zeros of SiLU's and Mish's
// derivatives, which the bound of CheckBackward allows for.

// SoftplusParams are the (beta, threshold) settings every Softplus test runs
// with: PyTorch's default, powers of two on either side of 1, and a beta
// that is not a power of two, whose product beta·x rounds.
var SoftplusParams = [][2]float32{{1, 20}, {2, 10}, {0.5, 20}, {1.5, 20}}

// SigmoidForwards returns this family's forward kernels with the parameters
// the tests run them with.
func SigmoidForwards() []Forward {
	inf := float32(math.Inf(1))
	fs := []Forward{
		{Name: "Sigmoid", Run: func(s Set, dst, x []float32) { s.Sigmoid(dst, x) }, Ref: sigmoidRef, Bound: SmoothMaxULP,
			Points: append([]float32{0}, tail(sigmoidRef)...)},
		{
			Name: "SiLU", Run: func(s Set, dst, x []float32) { s.SiLU(dst, x) }, Bound: SmoothMaxULP,
			Ref: siluRef, Exact: limits(float32(math.Copysign(0, -1)), inf),
			Points: append([]float32{0}, tail(siluRef)...),
		},
		{Name: "Mish", Run: func(s Set, dst, x []float32) { s.Mish(dst, x) }, Ref: mishRef, Bound: SmoothMaxULPOther,
			Exact: limits(float32(math.Copysign(0, -1)), inf), Points: append([]float32{0}, tail(mishRef)...)},
	}
	for _, p := range SoftplusParams {
		fs = append(fs, Softplus(p[0], p[1]))
	}
	return fs
}

// SigmoidBackwards returns this family's backward kernels with the parameters
// the tests run them with.
func SigmoidBackwards() []Backward {
	bs := []Backward{
		{
			Name: "SigmoidBackward", Inputs: []string{"dy", "x"},
			Run:    func(s Set, dx, dy, x []float32) { s.SigmoidBackward(dx, dy, x) },
			Ref:    gradient(sigmoidSlope),
			Points: []float32{0, ExpZeroBelow, -ExpZeroBelow},
		},
		{
			Name: "SigmoidBackwardFromOutput", Inputs: []string{"dy", "y"},
			Run: func(s Set, dx, dy, y []float32) { s.SigmoidBackwardFromOutput(dx, dy, y) },
			Ref: func(dy, y float32) (float64, float64) {
				d := float64(y) * (1 - float64(y))
				return float64(dy) * d, math.Abs(float64(dy) * d)
			},
			Points: []float32{0, 0.5, 1},
		},
		{
			Name: "SiLUBackward", Inputs: []string{"dy", "x"},
			Run:    func(s Set, dx, dy, x []float32) { s.SiLUBackward(dx, dy, x) },
			Ref:    gradient(siluDerivative),
			Points: []float32{SiLUDerivativeZero, 0, ExpZeroBelow},
		},
		{
			Name: "MishBackward", Inputs: []string{"dy", "x"},
			Run:    func(s Set, dx, dy, x []float32) { s.MishBackward(dx, dy, x) },
			Ref:    gradient(mishDerivative),
			Points: []float32{MishDerivativeZero, 0, ExpZeroBelow},
		},
	}
	for _, p := range SoftplusParams {
		bs = append(bs, SoftplusBackward(p[0], p[1]))
	}
	return bs
}

// The zeros of the derivatives of SiLU and Mish, rounded to float32: the
// roots of 1 + x + exp(x) = 0 and of (e+2)(e(e+2)+2) + 4x(1+e) = 0, e = exp(x).
const (
	SiLUDerivativeZero = float32(-1.2784645)
	MishDerivativeZero = float32(-1.1924312)
)

// Softplus is x for beta·x > threshold (the float32 product, as PyTorch
// compares it), else log1p(exp(beta·x))/beta, computed as
// x + log1p(exp(-t))/beta for t = beta·x > 0 (t/beta is x exactly). Its
// points are 0, threshold/beta (where beta·x == threshold still takes the
// formula) and its tail.
func Softplus(beta, threshold float32) Forward {
	bound := uint64(SmoothMaxULPOther)
	if beta == 1 {
		bound = SmoothMaxULP
	}
	ref := func(x float32) float64 {
		if beta*x > threshold {
			return float64(x)
		}
		t, b := float64(beta)*float64(x), float64(beta)
		if t > 0 {
			return float64(x) + math.Log1p(math.Exp(-t))/b
		}
		return math.Log1p(expRef(t)) / b
	}
	return Forward{
		Name:   "Softplus/beta=" + Format(beta) + ",threshold=" + Format(threshold),
		Run:    func(s Set, dst, x []float32) { s.Softplus(dst, x, beta, threshold) },
		Bound:  bound,
		Ref:    ref,
		Points: append([]float32{0, threshold / beta}, tail(ref)...),
	}
}

// SoftplusBackward is dy for beta·x > threshold (dy unchanged), dy·+0
// exactly where the float32 product beta·x is at most ExpZeroBelow (NaN for
// an infinite dy, as the API documents), else dy·sigmoid(beta·x).
func SoftplusBackward(beta, threshold float32) Backward {
	return Backward{
		Name:   "SoftplusBackward/beta=" + Format(beta) + ",threshold=" + Format(threshold),
		Inputs: []string{"dy", "x"},
		Run:    func(s Set, dx, dy, x []float32) { s.SoftplusBackward(dx, dy, x, beta, threshold) },
		Ref: func(dy, x float32) (float64, float64) {
			s := sigmoid64(float64(beta) * float64(x))
			return float64(dy) * s, math.Abs(float64(dy)) * s
		},
		Exact: func(dy, x float32) (float32, bool) {
			switch p := beta * x; {
			case p > threshold:
				return dy, true
			case p <= ExpZeroBelow:
				return dy * 0, true
			}
			return 0, false
		},
		Points: []float32{0, threshold / beta, ExpZeroBelow / beta},
	}
}

// limits returns an Exact function that pins the results at -Inf and +Inf,
// where the float64 formula is ∞·0.
func limits(atNegInf, atPosInf float32) func(float32) (float32, bool) {
	return func(x float32) (float32, bool) {
		switch {
		case math.IsInf(float64(x), -1):
			return atNegInf, true
		case math.IsInf(float64(x), 1):
			return atPosInf, true
		}
		return 0, false
	}
}

func sigmoidRef(x float32) float64 { return sigmoid64(float64(x)) }

func siluRef(x float32) float64 { return float64(x) * sigmoid64(float64(x)) }

// sigmoid64 is 1/(1+exp(-t)) without overflow: e/(1+e), e = exp(t), for t < 0.
func sigmoid64(t float64) float64 {
	if t >= 0 {
		return 1 / (1 + math.Exp(-t))
	}
	e := expRef(t)
	return e / (1 + e)
}

// expRef is exp(t) in float64, 0 from -1075·ln2 down and at least the
// smallest subnormal float64 above, where it is correctly rounded to that
// (math.Exp is not, on every platform; see ExpZeroBelow): an infinite dy
// times it is ±Inf exactly where it is not 0.
func expRef(t float64) float64 {
	if t <= -1075*math.Ln2 {
		return 0
	}
	return max(math.Exp(t), 0x1p-1074)
}

// mishRef is x·tanh(log1p(exp(x))): x·N/(N+2), N = e(e+2), e = exp(x) for
// x < 0, and x·(1+2u)/(1+2u+2u²), u = exp(-x), for x >= 0.
func mishRef(x float32) float64 {
	v := float64(x)
	if v < 0 {
		e := expRef(v)
		n := e * (e + 2)
		return v * n / (n + 2)
	}
	u := math.Exp(-v)
	p := 1 + 2*u
	return v * p / (p + 2*u*u)
}

// gradient returns the Ref of a backward kernel, dy·d(x), from d, which
// returns the derivative and M(x).
func gradient(d func(x float64) (deriv, m float64)) func(dy, x float32) (float64, float64) {
	return func(dy, x float32) (float64, float64) {
		deriv, m := d(float64(x))
		return float64(dy) * deriv, math.Abs(float64(dy)) * m
	}
}

// siluDerivative is s·(1 + x·(1-s)), s = sigmoid(x): e·((1+x)+e)/(1+e)²
// with e = exp(x) for x < 0 (-0 at -Inf, the limit), (1+u+x·u)/(1+u)² with
// u = exp(-x) for x >= 0 (1 at +Inf). M is s + |x·s·(1-s)|.
func siluDerivative(x float64) (float64, float64) {
	if d, m, ok := derivativeLimits(x); ok {
		return d, m
	}
	if x < 0 {
		e := expRef(x)
		d := (1 + e) * (1 + e)
		return e * ((1 + x) + e) / d, e/(1+e) + math.Abs(x)*e/d
	}
	u := math.Exp(-x)
	d := (1 + u) * (1 + u)
	return (1 + u + x*u) / d, 1/(1+u) + x*u/d
}

// mishDerivative is t + x·σ(x)·(1-t²), t = tanh(softplus(x)):
// e·((e+2)·D + 4x(1+e))/D², D = e(e+2)+2, e = exp(x), for x < 0 (-0 at
// -Inf), and (P·Q + 4x·u²(1+u))/Q², P = 1+2u, Q = P+2u², u = exp(-x), for
// x >= 0 (1 at +Inf). M is |t| + |x·σ·(1-t²)|.
func mishDerivative(x float64) (float64, float64) {
	if d, m, ok := derivativeLimits(x); ok {
		return d, m
	}
	if x < 0 {
		e := expRef(x)
		d := e*(e+2) + 2
		return e * ((e+2)*d + 4*x*(1+e)) / (d * d), e*(e+2)/d + math.Abs(4*x*e*(1+e)/(d*d))
	}
	u := math.Exp(-x)
	p := 1 + 2*u
	q := p + 2*u*u
	return (p*q + 4*x*u*u*(1+u)) / (q * q), p/q + 4*x*u*u*(1+u)/(q*q)
}

// derivativeLimits returns the derivative of SiLU and of Mish, and M, at
// x = ±Inf: -0 and 0 at -Inf, 1 and 1 at +Inf; ok is false for any other x.
func derivativeLimits(x float64) (d, m float64, ok bool) {
	switch {
	case math.IsInf(x, -1):
		return math.Copysign(0, -1), 0, true
	case math.IsInf(x, 1):
		return 1, 1, true
	}
	return 0, 0, false
}
