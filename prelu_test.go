package simdact_test

import (
	"flag"
	"math"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/simdact/simdact/internal/testutil"
	"github.com/simdact/simdact/internal/verify"
)

// PReLU's layouts run through the tests driven by verify.All() (lengths,
// guard pages, concurrency, allocations, differential), and its golden
// outputs in golden_test.go; here are dslope's accuracy and overflow, and
// what PReLU promises beyond its formula.

var dslopeLarge = flag.Bool("dslope.large", false,
	"TestDSlopeAccuracy sums channels of 2^26 elements (768 MiB) as well as 2^20")

// TestDSlopeAccuracy sums channels of 2^20 elements (and, with
// -dslope.large, 2^26: go test -run TestDSlopeAccuracy -dslope.large .),
// where a float32 running sum is off by more than 2^-20 of the sum of
// magnitudes (which the test asserts of its inputs), in every
// implementation: one channel (planar kernels, inner 1 and all of x) and
// two channels of inner 1 (interleaved kernels, which keep float32 partial
// sums). It checks dslope as the specification does, and logs and bounds
// each channel's error as a fraction of the tolerance.
func TestDSlopeAccuracy(t *testing.T) {
	sizes := []int{1 << 20}
	if *dslopeLarge {
		sizes = append(sizes, 1<<26)
	}
	for _, n := range sizes {
		r := rand.New(rand.NewPCG(7, 7))
		x, dy, dx := make([]float32, n), make([]float32, n), make([]float32, n)
		for i := range x {
			x[i] = -float32(1 + r.IntN(1<<10))
			dy[i] = float32(r.Float64() + 0.5)
			if i%3 == 0 {
				dy[i] = -dy[i] / 4
			}
		}
		for _, l := range []verify.Layout{{C: 1, Inner: 1}, {C: 1, Inner: n}, {C: 2, Inner: 1}} {
			sums := make([]verify.SlopeSum, l.C)
			naive := make([]float32, l.C)
			for i := range x {
				c := i / l.Inner % l.C
				sums[c].Add(dy[i] * x[i])
				naive[c] += dy[i] * x[i]
			}
			for c := range sums {
				if err := math.Abs(float64(naive[c])-sums[c].Value()) / sums[c].Tolerance(); err <= 1 {
					t.Fatalf("n=%d, %s: a float32 running sum of channel %d is within %.3g of the bound: the test is too easy", n, l, c, err)
				}
			}
			for _, s := range sets(t) {
				dslope := make([]float32, l.C)
				s.PReLUBackward(dx, dslope, dy, x, make([]float32, l.C), l.Inner)
				if err := verify.DSlope(dslope, dy, x, l.Inner); err != nil {
					t.Errorf("%s, n=%d, %s: %v", s.Name, n, l, err)
				}
				for c, got := range dslope {
					err := math.Abs(float64(got)-sums[c].Value()) / sums[c].Tolerance()
					t.Logf("%s, n=%d, %s: dslope[%d] %v, exact %v, error %.3g of the bound", s.Name, n, l, c, got, sums[c].Value(), err)
					if !(err <= 1) {
						t.Errorf("%s, n=%d, %s: dslope[%d] = %v is off the exact %v by %.3g times the bound %g",
							s.Name, n, l, c, got, sums[c].Value(), err, sums[c].Tolerance())
					}
				}
			}
		}
	}
}

// TestDSlopeOverflow checks that dslope's float32 partial sums, where they
// overflow, give way to float64 ones: runs of 4 periods of terms near
// MaxFloat32 of one sign, then of the other, that cancel.
func TestDSlopeOverflow(t *testing.T) {
	const big = 3e38
	for _, s := range sets(t) {
		for _, l := range []verify.Layout{{C: 1, Inner: 1}, {C: 2, Inner: 1}, {C: 3, Inner: 16}, {C: 64, Inner: 1}, {C: 5, Inner: 49}, {C: 7, Inner: 3}} {
			n := 2 * l.QuadRows() * l.C * l.Inner
			x, dy := make([]float32, n), make([]float32, n)
			for i := range x {
				x[i], dy[i] = -1, big
				if i >= n/2 {
					dy[i] = -big
				}
			}
			dy[0] = 1
			k := verify.PReLUBackward(verify.PReLUSlopes(l.C), l.Inner)
			if err := k.Call(s, [][]float32{dy, x}, 0, -1); err != nil {
				t.Errorf("%s: %v", l, err)
			}
		}
	}
}

// TestPReLUShared checks that a single shared slope gives LeakyReLU's results.
func TestPReLUShared(t *testing.T) {
	r := rand.New(rand.NewPCG(9, 9))
	for _, s := range sets(t) {
		for _, n := range []int{0, 1, 7, 8, 9, 100, 1000} {
			x := testutil.Floats(r, n)
			for _, slope := range verify.Slopes {
				want, got := make([]float32, n), make([]float32, n)
				s.LeakyReLU(want, x, slope)
				s.PReLU(got, x, []float32{slope}, 1)
				if !slices.EqualFunc(got, want, func(a, b float32) bool { return math.Float32bits(a) == math.Float32bits(b) }) {
					t.Errorf("%s, n=%d, slope %v: PReLU with one slope differs from LeakyReLU", s.Name, n, slope)
				}
			}
		}
	}
}

// TestPReLUEmpty checks that PReLUBackward with an empty x zeroes dslope,
// whatever the layout, and that PReLU does nothing.
func TestPReLUEmpty(t *testing.T) {
	for _, s := range sets(t) {
		for _, c := range []int{1, 3, 40, 3000} {
			dslope := make([]float32, c)
			for i := range dslope {
				dslope[i] = float32(math.NaN())
			}
			for _, inner := range []int{5, 9, math.MaxInt / 2} {
				s.PReLUBackward(nil, dslope, nil, nil, make([]float32, c), inner)
				for i, v := range dslope {
					if math.Float32bits(v) != 0 {
						t.Fatalf("%s, C=%d, inner=%d: dslope[%d] = %v after an empty x, want +0", s.Name, c, inner, i, v)
					}
				}
				s.PReLU(nil, nil, make([]float32, c), inner)
			}
		}
	}
}
