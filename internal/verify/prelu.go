package verify

import (
	"fmt"
	"math"
	"math/rand/v2"

	"github.com/simdact/simdact/internal/testutil"
)

// PReLU's layout: x is [outer][len(slope)][inner], element i in channel
// (i/inner) % len(slope).

// A Layout is a shape of PReLU's channels: C channels of inner elements.
type Layout struct{ C, Inner int }

// Layouts are the shapes every PReLU test runs: channels-last (inner = 1)
// with small, odd and large C, channels-first with every inner up to 9 and
// larger ones (7×7 maps of 64 channels, as the benchmarks have them),
// rows that are not a whole number of vectors, one shared slope, and more
// channels than the kernels keep accumulators for.
var Layouts = []Layout{
	{1, 1}, {1, 3}, {1, 8}, {1, 49},
	{2, 1}, {3, 1}, {7, 1}, {16, 1}, {31, 1}, {33, 1}, {64, 1}, {65, 1}, {512, 1},
	{3, 2}, {5, 3}, {7, 5}, {4, 4}, {3, 6}, {9, 7}, {40, 7}, {64, 3}, {6, 4},
	{2, 8}, {3, 9}, {5, 16}, {2, 49}, {3, 13}, {7, 11}, {4, 30}, {1, 100},
	{7, 32}, {3, 33}, {2, 64}, {2, 200}, {3, 255}, {2, 256}, {64, 49},
	{2100, 1}, {523, 7}, {2051, 8}, {3000, 9},
}

// PReLUKernels returns PReLU and PReLUBackward in each of Layouts, with
// PReLUSlopes.
func PReLUKernels() []Elementwise {
	var ks []Elementwise
	for _, l := range Layouts {
		slope := PReLUSlopes(l.C)
		ks = append(ks, PReLU(slope, l.Inner), PReLUBackward(slope, l.Inner))
	}
	return ks
}

// QuadRows is a row count of l that passes 4 periods of the interleaved
// kernels' accumulators (at most 2048 elements each), where they take 4
// rows at a time.
func (l Layout) QuadRows() int { return (4*2048 + l.C*l.Inner - 1) / (l.C * l.Inner) }

// lengths are the lengths, in whole rows, at which the tests run l beyond
// those every kernel runs at: every row count up to 5, then counts growing
// by half, up to 400 elements or 3 rows; and QuadRows() + 1.
func (l Layout) lengths() []int {
	row := l.C * l.Inner
	var ns []int
	for outer := 0; outer <= 3 || outer*row <= 400; {
		ns = append(ns, outer*row)
		if outer < 5 {
			outer++
		} else {
			outer += outer/2 + 1
		}
	}
	return append(ns, (l.QuadRows()+1)*row)
}

// fillPReLU fills PReLU's inputs with special values and any bits, or,
// half the time, with moderate values (see moderate) for which dslope is
// finite.
func fillPReLU(r *rand.Rand, in [][]float32) {
	edges := r.IntN(2) == 0
	for _, v := range in {
		if edges {
			testutil.Fill(r, v)
		} else {
			moderate(r, v)
		}
	}
}

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

// PReLUSlopes returns c slopes for tests, cycling through Slopes (NaN, ±0, ±Inf
// and negative slopes included).
func PReLUSlopes(c int) []float32 {
	s := make([]float32, c)
	for i := range s {
		s[i] = Slopes[(i*7+c)%len(Slopes)]
	}
	return s
}

func (l Layout) String() string { return fmt.Sprintf("C=%d/inner=%d", l.C, l.Inner) }

// PReLU is x > 0 ? x : x*slope[c], in rows of len(slope)*inner.
func PReLU(slope []float32, inner int) Elementwise {
	l := Layout{len(slope), inner}
	return Elementwise{
		Name: "PReLU/" + l.String(), Inputs: []string{"x"}, Unit: l.C * l.Inner,
		Run: func(s Set, out []float32, in [][]float32) { s.PReLU(out, in[0], slope, inner) },
		Check: func(i int, got float32, in []float32) (float32, bool) {
			return leaky(got, in[0], in[0], slope[i/inner%len(slope)])
		},
		Fill: fillPReLU, Lengths: l.lengths(),
		Slices: [][]float32{slope},
		With:   func(s [][]float32) Elementwise { return PReLU(s[0], inner) },
	}
}

// PReLUBackward is dx = x > 0 ? dy : dy*slope[c], in rows of
// len(slope)*inner, with dslope checked by DSlope after every Run. Its Run
// keeps dslope in a buffer of its own (see Extra), so a PReLUBackward must
// not run on two goroutines at once.
func PReLUBackward(slope []float32, inner int) Elementwise {
	buf := make([]float32, pad+len(slope)+pad)
	dslope := buf[pad : pad+len(slope)]
	l := Layout{len(slope), inner}
	return Elementwise{
		Name: "PReLUBackward/" + l.String(), Inputs: []string{"dy", "x"}, Unit: l.C * l.Inner,
		Run: func(s Set, out []float32, in [][]float32) {
			for i := range buf {
				buf[i] = math.Float32frombits(Sentinel)
			}
			s.PReLUBackward(out, dslope, in[0], in[1], slope, inner)
		},
		Check: func(i int, got float32, in []float32) (float32, bool) {
			return leaky(got, in[0], in[1], slope[i/inner%len(slope)])
		},
		Reduction: func(in [][]float32) error {
			for i, v := range buf {
				if (i < pad || i >= pad+len(slope)) && math.Float32bits(v) != Sentinel {
					return fmt.Errorf("wrote %s at dslope[%d]", testutil.Format(v), i-pad)
				}
			}
			return DSlope(dslope, in[0], in[1], inner)
		},
		Fill: fillPReLU, Lengths: l.lengths(),
		Slices: [][]float32{slope},
		With:   func(s [][]float32) Elementwise { return PReLUBackward(s[0], inner) },
		Extra:  func() []float32 { return dslope },
	}
}

// DSlope checks PReLUBackward's dslope for the inputs dy and x: each
// dslope[c] against the sum over channel c of the float32 terms
// x > 0 ? 0 : dy*x. See SlopeSum.
func DSlope(dslope, dy, x []float32, inner int) error {
	for c, got := range dslope {
		var sum SlopeSum
		for start := c * inner; start < len(x); start += len(dslope) * inner {
			for i := start; i < start+inner; i++ {
				if !(x[i] > 0) {
					sum.Add(dy[i] * x[i])
				}
			}
		}
		if !sum.Accepts(got) {
			return fmt.Errorf("dslope[%d] = %s, want %s within %g", c, testutil.Format(got), sum, sum.Tolerance())
		}
	}
	return nil
}

// A SlopeSum is the sum of a channel's terms, compensated (Neumaier) so
// that its own error is far below the tolerance, against which a dslope is
// accepted within 2^-20 of the sum of the terms' magnitudes; infinite and
// NaN terms give the result IEEE arithmetic gives.
type SlopeSum struct {
	sum, compensation float64 // Neumaier's compensated sum of the finite terms
	magnitude         float64 // sum of their magnitudes
	posInf, negInf    bool
	nan               bool
}

// Add adds one term.
func (s *SlopeSum) Add(t float32) {
	switch v := float64(t); {
	case v != v:
		s.nan = true
	case math.IsInf(v, 1):
		s.posInf = true
	case math.IsInf(v, -1):
		s.negInf = true
	default:
		s.AddExact(v)
	}
}

// AddProduct adds the exact product dy*x (in float64, where the product of
// two float32 is exact), as PyTorch's float64 reference does.
func (s *SlopeSum) AddProduct(dy, x float32) {
	if p := float64(dy) * float64(x); math.IsInf(p, 0) || p != p {
		s.Add(float32(p))
	} else {
		s.AddExact(p)
	}
}

// AddExact adds a finite term given in float64.
func (s *SlopeSum) AddExact(v float64) {
	t := s.sum + v
	if math.Abs(s.sum) >= math.Abs(v) {
		s.compensation += (s.sum - t) + v
	} else {
		s.compensation += (v - t) + s.sum
	}
	s.sum = t
	s.magnitude += math.Abs(v)
}

// Value is the exact sum, as a float64.
func (s *SlopeSum) Value() float64 {
	switch {
	case s.nan || s.posInf && s.negInf:
		return math.NaN()
	case s.posInf:
		return math.Inf(1)
	case s.negInf:
		return math.Inf(-1)
	}
	return s.sum + s.compensation
}

// Tolerance is 2^-20 times the sum of the magnitudes of the terms.
func (s *SlopeSum) Tolerance() float64 { return math.Ldexp(s.magnitude, -20) }

func (s SlopeSum) String() string { return fmt.Sprint(s.Value()) }

// Accepts reports whether got is within the tolerance of the exact sum (see
// Within for results beyond float32's range); a NaN or infinite sum must
// come out the same.
func (s *SlopeSum) Accepts(got float32) bool {
	want, g := s.Value(), float64(got)
	switch {
	case want != want:
		return g != g
	case math.IsInf(want, 0):
		return g == want
	}
	return Within(got, want, s.Tolerance())
}
