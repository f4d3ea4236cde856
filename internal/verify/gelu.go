package verify

import "math"

// GELUForwards returns GELU, x·Phi(x) with Phi the standard normal
// distribution function, checked against the float64 0.5·x·erfc(-x/√2)
// within SmoothMaxULPOther: in its tail that product is accurate (erfc
// does not cancel), so that results underflow gradually, and x = -Inf gives
// the limit, -0.
func GELUForwards() []Forward {
	return []Forward{{
		Name:   "GELU",
		Run:    func(s Set, dst, x []float32) { s.GELU(dst, x) },
		Ref:    GELURef,
		Bound:  SmoothMaxULPOther,
		Points: append([]float32{0}, tail(GELURef)...),
		Exact: func(x float32) (float32, bool) {
			if math.IsInf(float64(x), -1) {
				return float32(math.Copysign(0, -1)), true
			}
			return 0, false
		},
	}}
}

// GELURef is the float64 x·Phi(x).
func GELURef(x float32) float64 {
	v := float64(x)
	return 0.5 * v * math.Erfc(-v/math.Sqrt2)
}

// GELUBackwards returns GELUBackward, dy·(Phi(x) + x·phi(x)) with phi the
// standard normal density. Its derivative has a zero near x = -0.7518, and
// changes regime where Phi(x) rounds to 1 (x = 5.3) and where the result
// underflows.
func GELUBackwards() []Backward {
	return []Backward{{
		Name:   "GELUBackward",
		Inputs: []string{"dy", "x"},
		Run:    func(s Set, dx, dy, x []float32) { s.GELUBackward(dx, dy, x) },
		Ref:    GELUBackwardRef,
		Points: []float32{-0.75179178, 0, 1, -1, -2, 5.3, -5.3, -13.2, -14.1, -38.5, -38.6},
	}}
}

// GELUBackwardRef returns the float64 dy·(Phi(x) + x·phi(x)) and
// m = |dy|·(Phi(x) + |x·phi(x)|).
//
// For x < 0 the derivative is negative below its zero, and so small below
// x = -38.6 that float64 rounds it to 0: there, and at x = -Inf, it is the
// negative float64 nearest 0 instead, so that dy times it is the float32
// limit of dy·(Phi(x) + x·phi(x)) as x goes to -Inf (∓0 for a finite dy,
// ∓Inf for an infinite one). At x = +Inf it is 1.
func GELUBackwardRef(dy, x float32) (ref, m float64) {
	d, m := geluSlope(float64(x))
	g := float64(dy)
	return g * d, math.Abs(g) * m
}
