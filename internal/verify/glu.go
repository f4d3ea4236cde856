package verify

import (
	"fmt"
	"math"

	"github.com/simdact/simdact/internal/testutil"
)

// The gated linear units are checked against f(gate)·up in float64, f the
// float64 value of the activation as its own reference gives it (0 where
// that underflows, so that an infinite up gives NaN there, as IEEE
// multiplication of the float64 values does), with its limit at -Inf
// (sigmoid(-Inf) = 0, the others -0).

// The bounds of the gated units' forward passes: their activation's, and
// one more rounding.
const (
	GLUMaxULP   = SmoothMaxULP + 1      // GLU and SwiGLU
	GeGLUMaxULP = SmoothMaxULPOther + 1 // GeGLU and GeGLUTanh
)

// A Gate is one gated unit: its activation f as the forward and backward
// references need it.
type Gate struct {
	Name string // "GLU", "SwiGLU", ...
	// Names are the slice parameters of the forward pass, output first,
	// then the backward pass's: "dst", "a", "b", "da", "db", or "dst",
	// "gate", "up", "dgate", "dup".
	Names [5]string
	// GateFirst reports whether the gate is the first input (SwiGLU's
	// gate, up) or the second (GLU's a, b).
	GateFirst bool
	Bound     uint64
	F         func(x float32) float64 // f in float64
	// Slope returns f' at x in float64 and the sum of the magnitudes of
	// its terms (M in CheckBackward).
	Slope func(x float64) (d, m float64)
	// Exact, if set, returns the gate's gradient that p = dy·up (in
	// float64) and x must give exactly (the limits float64 cannot reach).
	Exact func(p float64, x float32) (want float32, ok bool)
	// Run and Backward call the forward and backward passes of a Set.
	Run      func(s Set, dst, a, b []float32)
	Backward func(s Set, da, db, dy, a, b []float32)
	Points   []float32 // gates where f or f' changes regime
}

// Gates returns the gated units.
func Gates() []Gate {
	negZeroAtNegInf := func(f func(x float32) float64) func(x float32) float64 {
		return func(x float32) float64 {
			if math.IsInf(float64(x), -1) {
				return math.Copysign(0, -1)
			}
			return f(x)
		}
	}
	return []Gate{
		{
			Name: "GLU", Names: [5]string{"dst", "a", "b", "da", "db"}, Bound: GLUMaxULP,
			F:        func(x float32) float64 { return sigmoid64(float64(x)) },
			Slope:    sigmoidSlope,
			Run:      func(s Set, dst, a, b []float32) { s.GLU(dst, a, b) },
			Backward: func(s Set, da, db, dy, a, b []float32) { s.GLUBackward(da, db, dy, a, b) },
			Points:   []float32{0, ExpZeroBelow, -ExpZeroBelow},
		},
		{
			Name: "SwiGLU", Names: [5]string{"dst", "gate", "up", "dgate", "dup"}, GateFirst: true, Bound: GLUMaxULP,
			F:        negZeroAtNegInf(siluRef),
			Slope:    siluDerivative,
			Run:      func(s Set, dst, g, u []float32) { s.SwiGLU(dst, g, u) },
			Backward: func(s Set, dg, du, dy, g, u []float32) { s.SwiGLUBackward(dg, du, dy, g, u) },
			Points:   []float32{0, SiLUDerivativeZero, ExpZeroBelow},
		},
		{
			Name: "GeGLU", Names: [5]string{"dst", "gate", "up", "dgate", "dup"}, GateFirst: true, Bound: GeGLUMaxULP,
			F:        negZeroAtNegInf(GELURef),
			Slope:    geluSlope,
			Run:      func(s Set, dst, g, u []float32) { s.GeGLU(dst, g, u) },
			Backward: func(s Set, dg, du, dy, g, u []float32) { s.GeGLUBackward(dg, du, dy, g, u) },
			Points:   append([]float32{0, -0.75179178, -38.503895}, tail(GELURef)...),
		},
		{
			Name: "GeGLUTanh", Names: [5]string{"dst", "gate", "up", "dgate", "dup"}, GateFirst: true, Bound: GeGLUMaxULP,
			F:        negZeroAtNegInf(geluTanh64),
			Slope:    geluTanhSlope,
			Exact:    geluTanhGateExact,
			Run:      func(s Set, dst, g, u []float32) { s.GeGLUTanh(dst, g, u) },
			Backward: func(s Set, dg, du, dy, g, u []float32) { s.GeGLUTanhBackward(dg, du, dy, g, u) },
			Points:   append([]float32{0, geluTanhSlopeZero(), -21.51663, -14}, tail(geluTanh64)...),
		},
	}
}

// split returns the gate and up of a forward pass's inputs.
func (g Gate) split(in []float32) (gate, up float32) {
	if g.GateFirst {
		return in[0], in[1]
	}
	return in[1], in[0]
}

// GatedKernels returns every gated unit's forward pass and, for each, the
// two kernels of its backward pass (see Gate.Backward).
func GatedKernels() []Elementwise {
	var ks []Elementwise
	for _, g := range Gates() {
		ks = append(ks, g.Forward())
	}
	for _, g := range Gates() {
		ks = append(ks, g.backward(0), g.backward(1))
	}
	return ks
}

// Forward returns g's forward pass as the other tests run it. Two
// implementations agree within twice the bound.
func (g Gate) Forward() Elementwise {
	k := Elementwise{
		Name: g.Name, Inputs: g.Names[1:3],
		Run: func(s Set, out []float32, in [][]float32) { g.Run(s, out, in[0], in[1]) },
		Check: func(_ int, got float32, in []float32) (float32, bool) {
			gate, up := g.split(in)
			want, _, ok := CheckProduct(got, g.F(gate)*float64(up), g.Bound)
			return want, ok
		},
	}
	k.Agree = agreeEach(k, func(a, b float32, _ []float32) bool { return nearBoth(a, b, 2*g.Bound+2) })
	return k
}

// backward returns g's backward pass as an elementwise kernel whose output
// is gradient which (0: the first, da or dgate; 1: the second): the tests
// lay it out at every offset, in place on each input and against guard
// pages, while the kernel keeps the other gradient in a buffer of its own
// between sentinels, which its Reduction checks (see Extra). Named
// "GLUBackward/da". Two implementations agree as CheckBackward's bound
// allows twice.
func (g Gate) backward(which int) Elementwise {
	var buf []float32 // the other gradient, between pad sentinels on each side
	other := func() []float32 { return buf[pad : len(buf)-pad] }
	var k Elementwise
	k = Elementwise{
		Name: g.Name + "Backward/" + g.Names[3+which], Inputs: []string{"dy", g.Names[1], g.Names[2]},
		Run: func(s Set, out []float32, in [][]float32) {
			if n := len(out) + 2*pad; cap(buf) < n {
				buf = make([]float32, n)
			} else {
				buf = buf[:n]
			}
			for i := range buf {
				buf[i] = math.Float32frombits(Sentinel)
			}
			if which == 0 {
				g.Backward(s, out, other(), in[0], in[1], in[2])
			} else {
				g.Backward(s, other(), out, in[0], in[1], in[2])
			}
		},
		Check: func(_ int, got float32, in []float32) (float32, bool) {
			want, _, ok := g.checkGradient(which, got, in)
			return want, ok
		},
		Reduction: func(in [][]float32) error {
			o := other()
			for i, v := range buf {
				if (i < pad || i >= pad+len(o)) && math.Float32bits(v) != Sentinel {
					return fmt.Errorf("wrote %s at %s[%d]", testutil.Format(v), g.Names[4-which], i-pad)
				}
			}
			values := make([]float32, len(in))
			for i, got := range o {
				for j := range in {
					values[j] = in[j][i]
				}
				if want, _, ok := g.checkGradient(1-which, got, values); !ok {
					return fmt.Errorf("%s[%d] = %s, want %s (%s)", g.Names[4-which], i, testutil.Format(got),
						testutil.Format(want), k.describe(values))
				}
			}
			return nil
		},
		With:  func([][]float32) Elementwise { return g.backward(which) },
		Extra: other,
	}
	k.Agree = agreeEach(k, func(a, b float32, in []float32) bool {
		if nearBoth(a, b, 2*BackwardMaxULP) {
			return true
		}
		return math.Abs(float64(a)-float64(b)) <= 2*BackwardRelative*g.gradientM(which, in)
	})
	return k
}

// checkGradient checks got, gradient which of g's backward pass, for the
// inputs in: dy and the forward inputs.
func (g Gate) checkGradient(which int, got float32, in []float32) (want float32, err float64, ok bool) {
	gate, up := g.split(in[1:])
	if g.isGateGradient(which) {
		return g.CheckGateGradient(got, in[0], up, gate)
	}
	return g.CheckUpGradient(got, in[0], gate)
}

// isGateGradient reports whether gradient which is the gate's (dgate, or
// GLU's db) rather than up's.
func (g Gate) isGateGradient(which int) bool { return (which == 0) == g.GateFirst }

// gradientM returns the M of gradient which (see CheckBackward): |dy·up|
// times f's, or |dy·f(gate)|.
func (g Gate) gradientM(which int, in []float32) float64 {
	gate, up := g.split(in[1:])
	if g.isGateGradient(which) {
		_, m := g.Slope(float64(gate))
		return math.Abs(float64(in[0])*float64(up)) * m
	}
	return math.Abs(float64(in[0]) * g.F(gate))
}

// CheckProduct compares got, a gated unit's forward result, with ref, its
// float64 value: a NaN ref needs a NaN, a ref of ±0 or ±Inf those bits,
// and otherwise got must be within bound ulp of ref rounded to float32
// (bound + 1 where that is subnormal).
func CheckProduct(got float32, ref float64, bound uint64) (want float32, ulps uint64, ok bool) {
	want = float32(ref)
	switch {
	case math.IsNaN(ref):
		return want, 0, isNaN(got)
	case ref == 0 || math.IsInf(ref, 0):
		return exactly(got, want)
	}
	if math.Abs(ref) < 0x1p-126 {
		bound++
	}
	return near(got, want, bound)
}

// CheckGateGradient compares got, the gradient of a gated unit's gate (or
// GLU's b), with its float64 value dy·up·f'(x), within the bound of
// CheckBackward: p = dy·up is exact in float64. As in Backward.Check, an
// infinite p next to a zero of f' may give ±Inf of either sign or NaN.
func (g Gate) CheckGateGradient(got, dy, up, x float32) (want float32, err float64, ok bool) {
	p := float64(dy) * float64(up)
	d, m := g.Slope(float64(x))
	if math.IsInf(p, 0) && infiniteNearZero(got, x, d, m) {
		return got, 0, true
	}
	if g.Exact != nil {
		if want, ok := g.Exact(p, x); ok {
			return exactlyErr(got, want)
		}
	}
	return CheckBackward(got, p*d, math.Abs(p)*m)
}

// CheckUpGradient compares got, the gradient of a gated unit's up (or
// GLU's a), dy·f(x), with its float64 value, within the bound of
// CheckBackward (one term).
func (g Gate) CheckUpGradient(got, dy, x float32) (want float32, err float64, ok bool) {
	r := float64(dy) * g.F(x)
	return CheckBackward(got, r, math.Abs(r))
}

// sigmoidSlope is sigmoid(x)·(1 - sigmoid(x)) = e/(1+e)², e = exp(-|x|):
// 0 where e is 0 in float64. One term.
func sigmoidSlope(x float64) (float64, float64) {
	e := expRef(-math.Abs(x))
	d := e / ((1 + e) * (1 + e))
	return d, d
}

// geluSlope is Phi(x) + x·phi(x), GELU's derivative (GELUBackwardRef): below
// where float64 rounds it to 0, and at -Inf, the negative float64 nearest
// 0 (its limit's sign, so that an infinite gradient gives -Inf), 1 at
// +Inf. M is Phi(x) + |x·phi(x)|.
func geluSlope(v float64) (float64, float64) {
	phi := math.Exp(-v*v/2) / math.Sqrt(2*math.Pi)
	cdf := math.Erfc(-v/math.Sqrt2) / 2
	xphi := v * phi
	switch {
	case math.IsInf(v, 1):
		xphi = 0
	case math.IsInf(v, -1):
		cdf, xphi = 0, 0
	}
	d := cdf + xphi
	if d == 0 && v < 0 {
		d = -math.SmallestNonzeroFloat64
	}
	return d, cdf + math.Abs(xphi)
}

// geluTanhSlope is GELUTanh's derivative s·(1 + f) (see
// geluTanhSlopeFactors), -0 at -Inf and 1 at +Inf; M is s + |s·f|.
func geluTanhSlope(v float64) (float64, float64) {
	switch {
	case math.IsInf(v, -1):
		return math.Copysign(0, -1), 0
	case math.IsInf(v, 1):
		return 1, 1
	}
	s, f := geluTanhSlopeFactors(v)
	return s * (1 + f), s * (1 + math.Abs(f))
}

// geluTanhGateExact gives the limits of GeGLUTanh's gate gradient as
// geluTanhBackwardExact does GELUTanhBackward's, for p = dy·up: an infinite
// p gives ±Inf at every finite x, by the sign of the derivative, where
// float64's derivative underflows to 0.
func geluTanhGateExact(p float64, x float32) (float32, bool) {
	if math.IsInf(p, 0) && !isNaN(x) && !math.IsInf(float64(x), 0) {
		_, f := geluTanhSlopeFactors(float64(x))
		return float32(p * math.Copysign(1, 1+f)), true
	}
	return 0, false
}
