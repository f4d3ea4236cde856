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

// preluKernels returns PReLU and PReLUBackward for one layout, with the
// test slopes.
func preluKernels(l verify.Layout) []verify.Elementwise {
	slope := verify.PReLUSlopes(l.C)
	return []verify.Elementwise{verify.PReLU(slope, l.Inner), verify.PReLUBackward(slope, l.Inner)}
}

// preluOuters lists the row counts a layout is tested with: every count up
// to 5, then counts growing by half, up to 400 elements or 3 rows; and a
// count that passes 4 periods of the kernels' accumulators, where the
// interleaved ones take 4 rows at a time.
func preluOuters(l verify.Layout) []int {
	var outers []int
	for outer := 0; outer <= 3 || outer*l.C*l.Inner <= 400; {
		outers = append(outers, outer)
		if outer < 5 {
			outer++
		} else {
			outer += outer/2 + 1
		}
	}
	return append(outers, quadRows(l)+1)
}

// quadRows is a row count that passes 4 periods of an interleaved kernel's
// accumulators (at most 2048 elements each).
func quadRows(l verify.Layout) int { return (4*2048 + l.C*l.Inner - 1) / (l.C * l.Inner) }

// moderate fills v with values of either sign that no dslope sum
// overflows, and some zeros, so that dslope is checked against finite sums.
func moderate(r *rand.Rand, v []float32) {
	for i := range v {
		v[i] = float32(r.NormFloat64() * math.Ldexp(1, r.IntN(20)-10))
		if r.IntN(16) == 0 {
			v[i] = 0
		}
	}
}

// TestPReLULayouts runs PReLU and PReLUBackward in every implementation for
// every test layout and row count, at every output offset 0..7 (the inputs
// at others), out of place and in place on each input, on edge-heavy inputs
// (even offsets) and moderate ones (odd offsets, where dslope is finite),
// and checks every result bit, dslope, the sentinels and the inputs.
func TestPReLULayouts(t *testing.T) {
	for _, s := range sets(t) {
		for _, l := range verify.Layouts {
			for _, k := range preluKernels(l) {
				t.Run(s.Name+"/"+k.Name, func(t *testing.T) {
					r := rand.New(rand.NewPCG(uint64(l.C), uint64(l.Inner)))
					for _, outer := range preluOuters(l) {
						n := outer * l.C * l.Inner
						for off := range 8 {
							in := make([][]float32, len(k.Inputs))
							for j := range in {
								skip := (off*3 + 1 + j) % 8
								in[j] = make([]float32, skip+n)[skip:]
								if off%2 == 0 {
									testutil.Fill(r, in[j])
								} else {
									moderate(r, in[j])
								}
							}
							for inPlace := -1; inPlace < len(in); inPlace++ {
								if err := k.Call(s, in, off, inPlace); err != nil {
									t.Fatalf("n=%d: %v", n, err)
								}
							}
						}
					}
				})
			}
		}
	}
}

// TestPReLUGolden checks every implementation against PyTorch's prelu
// outputs and gradients, bit for bit, out of place and in place, and
// dslope against the float64 sums in the golden file.
func TestPReLUGolden(t *testing.T) {
	checked := 0
	for _, c := range loadGolden(t) {
		if c.Op != "prelu" {
			continue
		}
		slope := floats(c.Params.SlopesBits)
		inner := len(c.X) / len(slope)
		x, dy := floats(c.X), floats(c.DY)
		for _, s := range sets(t) {
			t.Run(s.Name+"/"+c.Params.Subset, func(t *testing.T) {
				y := make([]float32, len(x))
				s.PReLU(y, x, slope, inner)
				expectBits(t, "y", y, c.Y, c.X)
				y = slices.Clone(x)
				s.PReLU(y, y, slope, inner)
				expectBits(t, "y in place", y, c.Y, c.X)

				dslope := make([]float32, len(slope))
				for _, place := range []string{"", " in place on dy", " in place on x"} {
					dx := make([]float32, len(x))
					switch place {
					case "":
						s.PReLUBackward(dx, dslope, dy, x, slope, inner)
					case " in place on dy":
						copy(dx, dy)
						s.PReLUBackward(dx, dslope, dx, x, slope, inner)
					default:
						copy(dx, x)
						s.PReLUBackward(dx, dslope, dy, dx, slope, inner)
					}
					expectBits(t, "dx"+place, dx, c.DX, c.DY, c.X)
					expectDSlope(t, dslope, c, inner)
				}
			})
		}
		checked++
	}
	if checked == 0 {
		t.Fatal("no prelu case in the golden file")
	}
}

// expectDSlope checks dslope against the golden file's float64 sums, with
// the tolerance of the exact products' magnitudes.
func expectDSlope(t *testing.T, dslope []float32, c goldenCase, inner int) {
	t.Helper()
	for ch, got := range dslope {
		var sum verify.SlopeSum
		for i := ch * inner; i < len(c.X); i += len(dslope) * inner {
			for j := i; j < i+inner; j++ {
				if x := math.Float32frombits(c.X[j]); !(x > 0) {
					sum.AddProduct(math.Float32frombits(c.DY[j]), x)
				}
			}
		}
		want := float64(c.DSlopeReference[ch])
		if v := sum.Value(); !(v == want || v != v && want != want) {
			t.Fatalf("dslope[%d]: the golden file's float64 sum is %v, the exact one %v", ch, want, v)
		}
		if !sum.Accepts(got) {
			t.Errorf("dslope[%d] = %s, want %v within %g (PyTorch %s)", ch, testutil.Format(got), want, sum.Tolerance(),
				testutil.Format(math.Float32frombits(c.DSlope[ch])))
		}
	}
}

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
			n := 2 * quadRows(l) * l.C * l.Inner
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
