package verify

import "math"

// Accuracy bounds of the smooth activations (docs/CONTRACT.md,
// "Accuracy"), in ulp of the float64 function rounded to float32.
const (
	// SmoothMaxULP bounds Sigmoid, Tanh, SiLU, LogSigmoid, SELU, and CELU,
	// Softplus and Swish with alpha or beta = 1. (Softsign is within 1.)
	SmoothMaxULP = 2
	// SmoothMaxULPOther bounds GELU, GELUTanh, Mish, and CELU, Softplus and
	// Swish with any other alpha or beta.
	SmoothMaxULPOther = 3
	// BackwardMaxULP bounds every smooth backward pass, unless the error is
	// within BackwardRelative·|dy|·M(x) (see CheckBackward).
	BackwardMaxULP = 4
	// BackwardRelative scales |dy|·M(x), the sum of the magnitudes of the
	// terms of the derivative, into the absolute error a backward pass may
	// make near a zero of its derivative.
	BackwardRelative = 0x1p-21
)

// SmoothKernels returns every smooth activation, forward and backward, with
// the parameters the tests run them with.
func SmoothKernels() []Elementwise {
	var ks []Elementwise
	for _, f := range SmoothForwards() {
		ks = append(ks, f.Elementwise())
	}
	for _, b := range SmoothBackwards() {
		ks = append(ks, b.Elementwise())
	}
	return ks
}

// CheckForward compares got, a smooth forward result for x, with ref, the
// float64 function at x. A NaN x must come out quieted, with its payload; a
// reference that is ±0 or ±Inf, or an x of ±0, must be met exactly;
// elsewhere got must be within bound ulp of ref rounded to float32, with its
// sign, and within bound + 1 where that is subnormal (it underflows
// gradually: one more rounding may fall on a subnormal's coarser grid).
func CheckForward(got, x float32, ref float64, bound uint64) (want float32, ulps uint64, ok bool) {
	want = float32(ref)
	switch {
	case isNaN(x):
		return exactly(got, quiet(x))
	case isNaN(want):
		return want, 0, isNaN(got)
	case ref == 0 || math.IsInf(ref, 0) || x == 0:
		return exactly(got, want)
	}
	if math.Abs(ref) < 0x1p-126 {
		bound++
	}
	return near(got, want, bound)
}

// CheckBackward compares got, a smooth backward result, with ref, the
// float64 result, where m is |dy|·M(x), M(x) the sum of the magnitudes of
// the terms of the derivative formula. got must be NaN where ref is, ±Inf
// or ±0 where ref is (with its sign), and otherwise within BackwardMaxULP of
// ref rounded to float32 (±Inf counting as the float32 after ±MaxFloat32)
// or Within BackwardRelative·m of ref. err is got's error in ulp.
func CheckBackward(got float32, ref, m float64) (want float32, err float64, ok bool) {
	want = float32(ref)
	switch {
	case math.IsNaN(ref):
		return want, 0, isNaN(got)
	case isNaN(got):
		return want, math.Inf(1), false
	case ref == 0 || math.IsInf(ref, 0):
		return exactlyErr(got, want)
	}
	ulps := ULPs(got, want)
	return want, float64(ulps), ulps <= BackwardMaxULP || Within(got, ref, BackwardRelative*m)
}

// A Forward is a smooth forward kernel with one parameter setting, as the
// exhaustive test runs it: the reference is computed once for every
// implementation.
type Forward struct {
	Name  string // e.g. "Sigmoid" or "Softplus/beta=2,threshold=10"
	Run   func(s Set, dst, x []float32)
	Ref   func(x float32) float64 // the float64 function
	Bound uint64                  // in ulp; see CheckForward
	// Exact, if set, returns the result x must give exactly (limits and
	// special values that CheckForward does not already pin down).
	Exact func(x float32) (want float32, ok bool)
	// Points are inputs x where the function or its kernels change regime
	// (Softplus's threshold/beta, where results become subnormal, the
	// kernels' clamps): the tests check every float32 near them.
	Points []float32
}

// Check compares got with f's reference at x.
func (f Forward) Check(got, x float32, ref float64) (want float32, ulps uint64, ok bool) {
	if f.Exact != nil {
		if want, ok := f.Exact(x); ok {
			return exactly(got, want)
		}
	}
	return CheckForward(got, x, ref, f.Bound)
}

// Elementwise returns f as the other tests run it. Two implementations
// agree within twice the bound of each other, plus one ulp each where the
// result is subnormal, with the same sign.
func (f Forward) Elementwise() Elementwise {
	k := Elementwise{
		Name: f.Name, Inputs: []string{"x"},
		Run: func(s Set, out []float32, in [][]float32) { f.Run(s, out, in[0]) },
		Check: func(_ int, got float32, in []float32) (float32, bool) {
			want, _, ok := f.Check(got, in[0], f.Ref(in[0]))
			return want, ok
		},
	}
	k.Agree = agreeEach(k, func(a, b float32, _ []float32) bool { return nearBoth(a, b, 2*f.Bound+2) })
	return k
}

// A Backward is a smooth backward kernel with one parameter setting.
type Backward struct {
	Name   string
	Inputs []string // "dy", then "x" or "y"
	Run    func(s Set, dx, dy, in []float32)
	// Ref returns the float64 result for dy and the forward input (or
	// output) v, and m = |dy|·M, M the sum of the magnitudes of the terms
	// of the derivative formula (see CheckBackward).
	Ref func(dy, v float32) (ref, m float64)
	// Exact, if set, returns the result that dy and v must give exactly.
	Exact func(dy, v float32) (want float32, ok bool)
	// Points are inputs v where the derivative has a zero or changes
	// regime: the dense backward test checks every float32 near them.
	Points []float32
}

// Check compares got with b's reference for dy and v. For an infinite dy
// and a finite v the result is dy times a derivative within
// BackwardRelative·M of the float64 one: where that interval holds 0 (next
// to a zero of the derivative), ±Inf of either sign and NaN are all
// correct.
func (b Backward) Check(got, dy, v float32) (want float32, err float64, ok bool) {
	if math.IsInf(float64(dy), 0) {
		if d, m := b.Ref(1, v); infiniteNearZero(got, v, d, m) {
			return got, 0, true
		}
	}
	if b.Exact != nil {
		if want, ok := b.Exact(dy, v); ok {
			return exactlyErr(got, want)
		}
	}
	ref, m := b.Ref(dy, v)
	return CheckBackward(got, ref, m)
}

// infiniteNearZero reports whether got, an infinite gradient times the
// derivative d (whose terms' magnitudes sum to m) at a finite input v, may
// be any of ±Inf and NaN: d is within BackwardRelative·m of 0, so the
// computed derivative may be 0 or of either sign.
func infiniteNearZero(got, v float32, d, m float64) bool {
	return !math.IsInf(float64(v), 0) && (isNaN(got) || math.IsInf(float64(got), 0)) &&
		m > 0 && math.Abs(d) <= BackwardRelative*m
}

// Elementwise returns b as the other tests run it. Two implementations
// agree within twice the bound of each other: 2·BackwardMaxULP with the
// same sign, or 2·BackwardRelative·m.
func (b Backward) Elementwise() Elementwise {
	k := Elementwise{
		Name: b.Name, Inputs: b.Inputs,
		Run: func(s Set, out []float32, in [][]float32) { b.Run(s, out, in[0], in[1]) },
		Check: func(_ int, got float32, in []float32) (float32, bool) {
			want, _, ok := b.Check(got, in[0], in[1])
			return want, ok
		},
	}
	k.Agree = agreeEach(k, func(x, y float32, in []float32) bool {
		if nearBoth(x, y, 2*BackwardMaxULP) {
			return true
		}
		_, m := b.Ref(in[0], in[1])
		return math.Abs(float64(x)-float64(y)) <= 2*BackwardRelative*m
	})
	return k
}

// SmoothForwards returns every smooth forward kernel with each parameter
// setting the exhaustive test runs.
func SmoothForwards() []Forward {
	var fs []Forward
	fs = append(fs, SigmoidForwards()...)
	fs = append(fs, TanhForwards()...)
	fs = append(fs, GELUForwards()...)
	fs = append(fs, SELUForwards()...)
	fs = append(fs, SwishForwards()...)
	return fs
}

// SmoothBackwards returns every smooth backward kernel with each parameter
// setting the tests run.
func SmoothBackwards() []Backward {
	var bs []Backward
	bs = append(bs, SigmoidBackwards()...)
	bs = append(bs, TanhBackwards()...)
	bs = append(bs, GELUBackwards()...)
	bs = append(bs, SELUBackwards()...)
	bs = append(bs, SwishBackwards()...)
	return bs
}
