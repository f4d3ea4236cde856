package simdact_test

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/simdact/simdact/internal/exp32"
	"github.com/simdact/simdact/internal/testutil"
	"github.com/simdact/simdact/internal/verify"
)

// eluEdges are the x where ELU's and ELUBackward's computations change
// regime: where expm1 rounds to x and to -1, the clamps, where exp(x)
// becomes subnormal, rounds to the smallest subnormal and to 0, where
// ELUBackward's assembly clamps its scale 2^k at 2^-252 (for alpha = 1 with
// a usual and with a huge dy, and for the largest alpha with a huge dy; see
// package exp32), and where float64's exp is 0.
var eluEdges = []float32{
	0, -0x1p-25, -0x1p-24, -0x1p-12, -0.34657359, -0.5, -1, -8.317766, // n = ±0.5, -12
	-17.32868, exp32.ELUMin,
	-87.33654, -88.72284, -103.27893, -103.97208, -104.3,
	float32(-252+exp32.Shift) * math.Ln2, float32(-252+exp32.HugeShift) * math.Ln2, float32(-252+exp32.HugeShift-127) * math.Ln2,
	exp32.ExpMin, verify.ExpZeroBelow,
}

// eluEdgeGradients are the dy TestELUEdges pairs with each x: every class
// of float32, the magnitudes at which dy·alpha overflows or underflows, and
// those around exp32.HugeGradient, where ELUBackward's assembly scales dy
// differently.
var eluEdgeGradients = []float32{1, -2.5, 0, float32(math.Copysign(0, -1)), float32(math.Inf(1)), float32(math.Inf(-1)),
	float32(math.NaN()), math.MaxFloat32, -math.MaxFloat32, 3e37, 1e-40, -0x1p-149, 0x1p-126, 1e30,
	exp32.HugeGradient, -math.Nextafter32(exp32.HugeGradient, 0)}

// TestELUEdges runs the ELU kernels with every alpha, and with 16 random
// alphas of every magnitude, on the 65 float32 values around each of
// eluEdges, paired with each of eluEdgeGradients and with 4 random dy, out
// of place and in place, in every implementation.
func TestELUEdges(t *testing.T) {
	r := rand.New(rand.NewPCG(9, 10))
	var x, dy []float32
	for _, edge := range eluEdges {
		v := edge
		for range 32 {
			v = math.Nextafter32(v, float32(math.Inf(1)))
		}
		for range 65 {
			for _, g := range eluEdgeGradients {
				x, dy = append(x, v), append(dy, g)
			}
			for range 4 {
				x, dy = append(x, v), append(dy, randomFloat(r, -149, 128))
			}
			v = math.Nextafter32(v, float32(math.Inf(-1)))
		}
	}
	kernels := verify.ELUKernels()
	for range 16 {
		alpha := randomFloat(r, -149, 128)
		kernels = append(kernels, verify.ELU(alpha), verify.ELUBackward(alpha))
	}
	for _, s := range sets(t) {
		for _, k := range kernels {
			in := [][]float32{x}
			if len(k.Inputs) == 2 {
				in = [][]float32{dy, x}
			}
			for inPlace := -1; inPlace < len(in); inPlace++ {
				if err := k.Call(s, in, 3, inPlace); err != nil {
					t.Fatal(err)
				}
			}
		}
	}
}

// TestELUSpecialValues checks the exact results the documentation of ELU
// promises, in every implementation, with alpha = 1.6732632 (a product of
// alpha with an exact expm1 rounds once).
func TestELUSpecialValues(t *testing.T) {
	alpha := float32(1.6732632)
	tiny := func(x float32) struct{ x, want float32 } { return struct{ x, want float32 }{x, x * alpha} }
	cases := []struct{ x, want float32 }{
		{math.Float32frombits(0x7fa12345), math.Float32frombits(0x7fe12345)}, // signalling NaN, quieted
		{math.Float32frombits(0xffc00001), math.Float32frombits(0xffc00001)},
		{float32(math.Inf(-1)), -alpha},
		{-17.5, -alpha},
		{-1e10, -alpha},
		{float32(math.Inf(1)), float32(math.Inf(1))},
		{float32(math.Copysign(0, -1)), float32(math.Copysign(0, -1))},
		{0, 0},
		tiny(-1e-30), tiny(-0x1p-149), tiny(-1e-40), tiny(-0x1p-126),
		{3, 3},
	}
	for _, s := range sets(t) {
		for _, c := range cases {
			dst := []float32{42}
			s.ELU(dst, []float32{c.x}, alpha)
			if math.Float32bits(dst[0]) != math.Float32bits(c.want) {
				t.Errorf("%s: ELU(%s) = %s, want %s", s.Name, testutil.Format(c.x), testutil.Format(dst[0]), testutil.Format(c.want))
			}
		}
	}
}
