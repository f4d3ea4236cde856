package verify

import "math"

// SELU's constants, as PyTorch defines them (torch.nn.SELU).
const (
	SELUAlpha = 1.6732632423543772848170429916717
	SELUScale = 1.0507009873554804934193349852946
)

// CELUAlphas are the alphas the exhaustive test runs CELU with: 1 (where
// CELU is ELU), and powers of two, where x/alpha is exact.
var CELUAlphas = []float32{1, 0.5, 2}

// CELUMoreAlphas are the further alphas the ordinary tests run CELU and
// CELUBackward with: an alpha that rounds x/alpha, negative ones (expm1 of
// a positive argument, which overflows), a huge and a tiny one (x/alpha
// underflows or overflows in float32), a subnormal one, and the infinities
// (NaN for every x <= 0, as ∞·0).
var CELUMoreAlphas = []float32{1.5, 0.3, 10, -1, -0.5, 3e38, 1e-30, 1e-40,
	float32(math.Inf(1)), float32(math.Inf(-1))}

// SELUForwards returns SELU, and CELU with each alpha of CELUAlphas.
func SELUForwards() []Forward {
	fs := []Forward{{
		Name: "SELU", Run: func(s Set, dst, x []float32) { s.SELU(dst, x) },
		Ref: seluRef, Bound: SmoothMaxULP,
		Exact: func(x float32) (float32, bool) {
			return float32(-SELUScale * SELUAlpha), math.IsInf(float64(x), -1)
		},
		// 0, where expm1 saturates, and where scale·x overflows.
		Points: []float32{0, expm1Saturates, float32(Overflow / SELUScale)},
	}}
	for _, alpha := range CELUAlphas {
		fs = append(fs, CELUForward(alpha))
	}
	return fs
}

// SELUBackwards returns SELUBackward, and CELUBackward with each alpha of
// CELUAlphas and CELUMoreAlphas.
func SELUBackwards() []Backward {
	bs := []Backward{{
		Name: "SELUBackward", Inputs: []string{"dy", "x"},
		Run: func(s Set, dx, dy, x []float32) { s.SELUBackward(dx, dy, x) },
		Ref: func(dy, x float32) (float64, float64) {
			d := SELUScale
			if !(x > 0) {
				d = SELUScale * SELUAlpha * expRef(float64(x))
			}
			ref := float64(dy) * d
			return ref, math.Abs(ref)
		},
		Points: []float32{0, -87.33655, ExpZeroBelow},
	}}
	for _, alpha := range append(append([]float32(nil), CELUAlphas...), CELUMoreAlphas...) {
		bs = append(bs, CELUBackward(alpha))
	}
	return bs
}

// CELUMoreForwards returns CELU with each alpha of CELUMoreAlphas, which
// the exhaustive tests leave out and the others run.
func CELUMoreForwards() []Forward {
	var fs []Forward
	for _, alpha := range CELUMoreAlphas {
		fs = append(fs, CELUForward(alpha))
	}
	return fs
}

// seluRef is scale*(x > 0 ? x : alpha*expm1(x)) in float64.
func seluRef(x float32) float64 {
	if x > 0 {
		return SELUScale * float64(x)
	}
	return SELUScale * SELUAlpha * math.Expm1(float64(x))
}

// CELUForward is x > 0 ? x : alpha*expm1(x/alpha), within SmoothMaxULP for
// alpha = 1 and SmoothMaxULPOther for any other, and x itself where x > 0.
func CELUForward(alpha float32) Forward {
	bound := uint64(SmoothMaxULPOther)
	if alpha == 1 {
		bound = SmoothMaxULP
	}
	a := float64(alpha)
	return Forward{
		Name: "CELU/alpha=" + Format(alpha),
		Run:  func(s Set, dst, x []float32) { s.CELU(dst, x, alpha) },
		Ref: func(x float32) float64 {
			if x > 0 {
				return float64(x)
			}
			return a * math.Expm1(float64(x)/a)
		},
		Bound: bound,
		Exact: func(x float32) (float32, bool) { return x, x > 0 },
		// 0, and where x/alpha takes expm1 to -1 and (for a negative
		// alpha) exp past float32's range.
		Points: append([]float32{0}, scaled([]float32{expm1Saturates, expOverflows}, a)...),
	}
}

// CELUBackward is x > 0 ? dy : dy*exp(x/alpha), dy unchanged where x > 0.
func CELUBackward(alpha float32) Backward {
	a := float64(alpha)
	points := []float32{0}
	for _, z := range []float64{-87.33655, -1075 * math.Ln2} {
		if p := float32(z * a); p < 0 {
			points = append(points, p)
		}
	}
	return Backward{
		Name: "CELUBackward/alpha=" + Format(alpha), Inputs: []string{"dy", "x"},
		Run: func(s Set, dx, dy, x []float32) { s.CELUBackward(dx, dy, x, alpha) },
		Ref: func(dy, x float32) (float64, float64) {
			ref := float64(dy) * expRef(float64(x)/a)
			return ref, math.Abs(ref)
		},
		Exact:  func(dy, x float32) (float32, bool) { return dy, x > 0 },
		Points: points,
	}
}
