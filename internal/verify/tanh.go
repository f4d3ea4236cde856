package verify

import "math"

// TanhForwards returns Tanh and GELUTanh, compared with their float64
// functions (see tanhExact and geluTanhExact for what must match exactly).
func TanhForwards() []Forward {
	return []Forward{
		{
			Name:  "Tanh",
			Run:   func(s Set, dst, x []float32) { s.Tanh(dst, x) },
			Ref:   func(x float32) float64 { return math.Tanh(float64(x)) },
			Bound: SmoothMaxULP,
			Exact: tanhExact,
			// Where tanhExact's regimes begin, and where the kernels
			// switch from a polynomial to the exponential (package
			// tanh32's Small).
			Points: []float32{0, 0x1p-12, -0x1p-12, 0.55, -0.55, 9.1, -9.1},
		},
		{
			Name:   "GELUTanh",
			Run:    func(s Set, dst, x []float32) { s.GELUTanh(dst, x) },
			Ref:    geluTanh64,
			Bound:  SmoothMaxULPOther,
			Exact:  geluTanhExact,
			Points: append([]float32{0}, tail(geluTanh64)...),
		},
	}
}

// TanhBackwards returns TanhBackward (from the input x),
// TanhBackwardFromOutput and GELUTanhBackward.
func TanhBackwards() []Backward {
	return []Backward{
		{
			Name:   "TanhBackward",
			Inputs: []string{"dy", "x"},
			Run:    func(s Set, dx, dy, x []float32) { s.TanhBackward(dx, dy, x) },
			Ref:    gradient(tanhSlope),
			Points: []float32{0, 9.1, -9.1, ExpZeroBelow / 2, -ExpZeroBelow / 2},
		},
		{
			Name:   "TanhBackwardFromOutput",
			Inputs: []string{"dy", "y"},
			Run:    func(s Set, dx, dy, y []float32) { s.TanhBackwardFromOutput(dx, dy, y) },
			Ref: func(dy, y float32) (ref, m float64) {
				w := float64(y) // w·w is exact in float64
				return float64(dy) * (1 - w*w), math.Abs(float64(dy)) * (1 + w*w)
			},
			Points: []float32{-1, 0, 1},
		},
		{
			Name:   "GELUTanhBackward",
			Inputs: []string{"dy", "x"},
			Run:    func(s Set, dx, dy, x []float32) { s.GELUTanhBackward(dx, dy, x) },
			Ref: func(dy, x float32) (ref, m float64) {
				s, f := geluTanhSlopeFactors(float64(x))
				return float64(dy) * s * (1 + f), math.Abs(float64(dy)) * s * (1 + math.Abs(f))
			},
			Exact:  geluTanhBackwardExact,
			Points: []float32{geluTanhSlopeZero(), 0},
		},
	}
}

// tanhExact: tanh(x) rounds to x where x³/3 is below half an ulp of x (|x|
// < 2^-12, subnormal x and ±0 included), and to ±1 from |x| = 9.1 up, where
// 1 - tanh(x) = 2/(exp(2x) + 1) < 2^-25 (±Inf included).
func tanhExact(x float32) (float32, bool) {
	switch a := math.Abs(float64(x)); {
	case a < 0x1p-12:
		return x, true
	case a >= 9.1:
		return float32(math.Copysign(1, float64(x))), true
	}
	return 0, false
}

// geluTanh64 is GELUTanh in float64: x·sigmoid(v), v = 2·sqrt(2/π)·(x +
// 0.044715·x³), the same as 0.5·x·(1 + tanh(v/2)) without its
// cancellation for negative x (float64's 1 + tanh(v/2) is 0 from x = -6.6
// down, where GELUTanh is still 1e-15 and above). For v < 0 it is
// x·e/(1 + e), e = exp(v) as expRef rounds it (0 from v = -1075·ln2 down),
// which overflows nowhere and is the same on every GOARCH.
func geluTanh64(x float32) float64 {
	w := float64(x)
	v := geluTanhV(w)
	if v < 0 {
		e := expRef(v)
		return w * e / (1 + e)
	}
	return w / (1 + math.Exp(-v))
}

// geluTanhV returns v = 2·sqrt(2/π)·(x + 0.044715·x³), with the product
// rounded before the sum on every GOARCH (the conversion keeps a compiler
// from fusing them, as it may on arm64): where exp(-v) overflows decides
// where the reference is 0 (tanh32.GELUFloat64ZeroBelow).
func geluTanhV(w float64) float64 { return 2 * math.Sqrt(2/math.Pi) * (w + float64(0.044715*w*w*w)) }

// geluTanhExact: GELUTanh(-Inf) is -0, the limit (float64's -Inf/Inf is
// NaN).
func geluTanhExact(x float32) (float32, bool) {
	if math.IsInf(float64(x), -1) {
		return float32(math.Copysign(0, -1)), true
	}
	return 0, false
}

// geluTanhSlopeFactors returns s = sigmoid(v) and f = x·(1 - s)·v'(x),
// the derivative of GELUTanh at x being s·(1 + f), the sum of the terms s
// and s·f; s and 1 - s are each computed without cancellation, and the
// product keeps the sign of the derivative where s underflows.
func geluTanhSlopeFactors(w float64) (s, f float64) {
	v := geluTanhV(w)
	dv := 2 * math.Sqrt(2/math.Pi) * (1 + float64(3*0.044715*w*w))
	e := expRef(-math.Abs(v))
	s, c := 1/(1+e), e/(1+e) // sigmoid(|v|), 1 - sigmoid(|v|)
	if v < 0 {
		s, c = c, s
	}
	return s, w * c * dv
}

// geluTanhBackwardExact gives the limits that float64 cannot: at +Inf the
// derivative is 1 (dx = dy, any NaN dy aside); at -Inf it is -0 (dx =
// dy·-0, NaN for an infinite dy); and an infinite dy gives ±Inf at every
// finite x, by the sign of the derivative, where float64's derivative has
// underflowed to 0 too.
func geluTanhBackwardExact(dy, x float32) (float32, bool) {
	switch {
	case isNaN(dy) || isNaN(x):
		return 0, false
	case math.IsInf(float64(x), 1):
		return dy, true
	case math.IsInf(float64(x), -1):
		if math.IsInf(float64(dy), 0) {
			return 0, false // NaN
		}
		return MulX86(dy, float32(math.Copysign(0, -1))), true
	case math.IsInf(float64(dy), 0):
		// s·(1 + f) has the sign of 1 + f, which does not underflow.
		_, f := geluTanhSlopeFactors(float64(x))
		return float32(float64(dy) * math.Copysign(1, 1+f)), true
	}
	return 0, false
}

// geluTanhSlopeZero returns the float32 nearest the zero of the derivative
// of GELUTanh (-0.75246...), found by bisection in float64.
func geluTanhSlopeZero() float32 {
	lo, hi := -1.0, -0.5 // the derivative is negative at -1, positive at -0.5
	for range 60 {
		mid := (lo + hi) / 2
		if _, f := geluTanhSlopeFactors(mid); 1+f < 0 {
			lo = mid
		} else {
			hi = mid
		}
	}
	return float32(lo)
}

// tanhSlope is 1 - tanh(x)² without cancellation: 4e/(1+e)², e =
// exp(-2|x|), 0 where e is 0 in float64. One term.
func tanhSlope(x float64) (float64, float64) {
	e := expRef(-2 * math.Abs(x))
	d := 4 * e / ((1 + e) * (1 + e))
	return d, d
}
