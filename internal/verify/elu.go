package verify

import "math"

// ELUAlphas are the alphas every ELU test runs with: the common ones
// (1, SELU's 1.6732632), powers of two, a large and a small one, and the
// signs and classes that change results.
var ELUAlphas = []float32{1, 0.5, 1.6732632, 2, 10, 0.1, 3e38, 1e-40, 0, float32(math.Copysign(0, -1)), -1.5, -0.5,
	float32(math.Inf(1)), float32(math.Inf(-1)), float32(math.NaN())}

// ELUOutputAlphas are the alphas ELUBackwardFromOutput accepts (>= 0) among
// ELUAlphas.
var ELUOutputAlphas = nonNegative(ELUAlphas)

// Accuracy bounds, in ulp of the float64 reference rounded to float32.
const (
	ELUMaxULP         = 1 // ELU with alpha = 1
	ELUMaxULPAnyAlpha = 2 // ELU with any other alpha
	ELUBackwardMaxULP = 3 // ELUBackward, where exp(x) is a normal float32
)

// ExpZeroBelow is the largest float32 x for which exp(x), correctly rounded
// to float64, is 0: exp(x) rounds to 0 below half the smallest subnormal
// float64, 2^-1075, that is for x < -1075·ln2 = -745.13321910194..., and
// the float32 just below that is -745.13324 (-745.1332191 + 2.06e-5 lies
// above it, -745.1332191 - 4.04e-5 below). The specification derives it
// from the mathematics alone (TestExpZeroBelow checks it against
// float64's -1075·ln2), not from the kernels' constants.
const ExpZeroBelow = float32(-745.13324)

// ELUKernels returns ELU, ELUBackward and ELUBackwardFromOutput, with each
// alpha of ELUAlphas (ELUOutputAlphas for ELUBackwardFromOutput).
func ELUKernels() []Elementwise {
	var ks []Elementwise
	for _, alpha := range ELUAlphas {
		ks = append(ks, ELU(alpha), ELUBackward(alpha))
	}
	for _, alpha := range ELUOutputAlphas {
		ks = append(ks, ELUBackwardFromOutput(alpha))
	}
	return ks
}

// ELU is x > 0 ? x : alpha*expm1(x); see CheckELU. Two implementations
// agree within twice the bound of each other (with the same sign), and
// exactly where CheckELU leaves no rounding.
func ELU(alpha float32) Elementwise {
	k := Elementwise{
		Name: "ELU/alpha=" + Format(alpha), Inputs: []string{"x"},
		Run: func(s Set, out []float32, in [][]float32) { s.ELU(out, in[0], alpha) },
		Check: func(_ int, got float32, in []float32) (float32, bool) {
			want, _, ok := CheckELU(got, in[0], alpha, math.Expm1(float64(in[0])))
			return want, ok
		},
	}
	if exactAlpha(alpha) {
		return k
	}
	bound := uint64(2 * ELUMaxULPAnyAlpha)
	if alpha == 1 {
		bound = 2 * ELUMaxULP
	}
	k.Agree = agreeEach(k, func(a, b float32, in []float32) bool {
		x := in[0]
		if e := float32(math.Expm1(float64(x))); !(x <= 0) || math.IsInf(float64(x), 0) || x == 0 || e == x || e == -1 {
			return false
		}
		return nearBoth(a, b, bound)
	})
	return k
}

// exactAlpha reports whether alpha leaves ELU and ELUBackward no rounding
// (NaN, ±Inf, ±0: the products are x86's), so that every implementation
// gives the same bits.
func exactAlpha(alpha float32) bool {
	return isNaN(alpha) || math.IsInf(float64(alpha), 0) || alpha == 0
}

// nearBoth reports whether a and b are numbers within bound ulp of each
// other, with the same sign.
func nearBoth(a, b float32, bound uint64) bool {
	return !isNaN(a) && !isNaN(b) && ULPs(a, b) <= bound && math.Signbit(float64(a)) == math.Signbit(float64(b))
}

// minNormalExp is ln(2^-126) rounded up to float32: below it exp(x) is a
// subnormal float32.
const minNormalExp = float32(-87.33654)

// CheckELU compares got, the ELU of x for alpha, with the float64
// alpha*expm1(x), given expm1 = math.Expm1(x). It returns that reference
// rounded to float32, got's distance from it in ulp (0 where the bits must
// match), and whether got is within ELUMaxULP for alpha = 1 and within
// ELUMaxULPAnyAlpha otherwise, with the sign of the reference.
//
// got must match exactly where the float32 expm1 is exact, or alpha makes
// the product exact: a NaN x comes out quieted (any NaN if alpha is NaN too);
// x = ±0, subnormal x and every x whose expm1 rounds to x give alpha*x; -Inf
// and every x whose expm1 rounds to -1 give -alpha; alpha = ±0, ±Inf or NaN
// give the product x86 computes (0 × ∞ is 0xffc00000).
func CheckELU(got, x, alpha float32, expm1 float64) (want float32, ulps uint64, ok bool) {
	switch {
	case isNaN(x) && isNaN(alpha): // any NaN
		return x, 0, isNaN(got)
	case isNaN(x):
		return exactly(got, quiet(x))
	case x > 0:
		return exactly(got, x)
	}
	want = float32(float64(alpha) * expm1)
	if e := float32(expm1); e == x || e == -1 || isNaN(alpha) || alpha == 0 || math.IsInf(float64(alpha), 0) {
		return exactly(got, MulX86(e, alpha))
	}
	bound := uint64(ELUMaxULPAnyAlpha)
	if alpha == 1 {
		bound = ELUMaxULP
	}
	return near(got, want, bound)
}

// ELUBackward is x > 0 ? dy : dy*alpha*exp(x); see CheckELUBackward. Two
// implementations agree within twice the bound of each other (with the
// same sign; where exp(x) is subnormal, within twice the absolute bound),
// and exactly where the inputs leave no rounding.
func ELUBackward(alpha float32) Elementwise {
	k := Elementwise{
		Name: "ELUBackward/alpha=" + Format(alpha), Inputs: []string{"dy", "x"},
		Run: func(s Set, out []float32, in [][]float32) { s.ELUBackward(out, in[0], in[1], alpha) },
		Check: func(_ int, got float32, in []float32) (float32, bool) {
			want, _, ok := CheckELUBackward(got, in[0], in[1], alpha, math.Exp(float64(in[1])))
			return want, ok
		},
	}
	if exactAlpha(alpha) {
		return k
	}
	k.Agree = agreeEach(k, func(a, b float32, in []float32) bool {
		dy, x := in[0], in[1]
		if !(x <= 0) || x <= ExpZeroBelow || isNaN(dy) || dy == 0 || math.IsInf(float64(dy), 0) || isNaN(a) || isNaN(b) {
			return false
		}
		if p := math.Abs(float64(dy) * float64(alpha)); x == 0 && p >= 0x1p-126 && p <= math.MaxFloat32 {
			return false // exp(±0) = 1: dy·alpha, rounded once where it is a normal float32
		}
		if x < minNormalExp { // exp(x) is subnormal: an absolute bound
			return math.Abs(float64(a)-float64(b)) <= 2*(math.Abs(float64(dy)*float64(alpha))+1)*0x1p-149
		}
		return nearBoth(a, b, 2*ELUBackwardMaxULP)
	})
	return k
}

// CheckELUBackward compares got, ELUBackward's result for dy, x and alpha,
// with the float64 dy*alpha*exp(x), given exp = math.Exp(x). It returns that
// reference rounded to float32, got's error, and whether that is within
// bounds: within ELUBackwardMaxULP (err in ulp) where exp(x) is a normal
// float32, and within (|dy*alpha| + 1)·2^-149 below, where it is subnormal
// (err as a fraction of that bound).
//
// dy must pass through unchanged where x > 0; a NaN dy or alpha comes out
// quieted (any NaN where both are NaN, or where x is NaN); an infinite or
// zero reference must be met exactly, and 0 × ∞ gives x86's NaN.
func CheckELUBackward(got, dy, x, alpha float32, exp float64) (want float32, err float64, ok bool) {
	switch {
	case x > 0:
		return exactlyErr(got, dy)
	case isNaN(x):
		return x, 0, isNaN(got)
	case isNaN(dy) || isNaN(alpha):
		if want = MulX86(dy, alpha); isNaN(dy) && isNaN(alpha) {
			return want, 0, isNaN(got)
		}
		return exactlyErr(got, want)
	}
	// math.Exp is not correctly rounded where its result is a subnormal
	// float64 on every platform (the pure-Go one, on arm64, gives 0 just
	// above -1075·ln2): exp(x) > 0 exactly above ExpZeroBelow.
	if x <= ExpZeroBelow {
		exp = 0
	} else {
		exp = max(exp, 0x1p-1074)
	}
	ref := float64(dy) * float64(alpha) * exp
	want = float32(ref)
	switch {
	case math.IsNaN(ref):
		return exactlyErr(got, math.Float32frombits(defaultNaN))
	case math.IsInf(ref, 0) || ref == 0 && (dy == 0 || alpha == 0 || exp == 0):
		return exactlyErr(got, want)
	case exp < 0x1p-126 && !math.IsInf(float64(want), 0):
		bound := (math.Abs(float64(dy)*float64(alpha)) + 1) * 0x1p-149
		err = math.Abs(float64(got)-ref) / bound
		return want, err, err <= 1
	}
	want, ulps, ok := near(got, want, ELUBackwardMaxULP)
	return want, float64(ulps), ok
}

// ELUBackwardFromOutput is y > 0 ? dy : dy*(y+alpha), bit-exact, with x86's
// NaNs (any NaN where dy and y are both NaN).
func ELUBackwardFromOutput(alpha float32) Elementwise {
	return Elementwise{
		Name: "ELUBackwardFromOutput/alpha=" + Format(alpha), Inputs: []string{"dy", "y"},
		Run: func(s Set, out []float32, in [][]float32) {
			s.ELUBackwardFromOutput(out, in[0], in[1], alpha)
		},
		Check: func(_ int, got float32, in []float32) (float32, bool) {
			if dy, y := in[0], in[1]; !(y > 0) {
				return exact(got, MulX86(dy, AddX86(y, alpha)), isNaN(dy) && isNaN(y))
			}
			return exact(got, in[0], false)
		},
	}
}

// AddX86 is a+b as x86 computes it, which simdact reproduces on every CPU:
// a NaN operand comes out quieted (a's if both are NaN), and ∞ - ∞ is the
// quiet NaN with the sign bit set.
func AddX86(a, b float32) float32 {
	switch {
	case isNaN(a):
		return quiet(a)
	case isNaN(b):
		return quiet(b)
	case math.IsInf(float64(a), 0) && math.IsInf(float64(b), 0) && a != b:
		return math.Float32frombits(defaultNaN)
	}
	return a + b
}

// exactly reports got as matching want only with the same bits.
func exactly(got, want float32) (float32, uint64, bool) {
	return want, 0, math.Float32bits(got) == math.Float32bits(want)
}

func exactlyErr(got, want float32) (float32, float64, bool) {
	_, _, ok := exactly(got, want)
	return want, 0, ok
}

// near reports whether got is within bound ulp of want and has its sign:
// where a tiny product rounds to 0 or to the smallest subnormal, the sign is
// still the product of the signs.
func near(got, want float32, bound uint64) (float32, uint64, bool) {
	if isNaN(got) {
		return want, math.MaxUint64, false
	}
	ulps := ULPs(got, want)
	return want, ulps, ulps <= bound && math.Signbit(float64(got)) == math.Signbit(float64(want))
}

func nonNegative(v []float32) []float32 {
	var r []float32
	for _, f := range v {
		if f >= 0 {
			r = append(r, f)
		}
	}
	return r
}
