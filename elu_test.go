package simdact_test

import (
	"fmt"
	"math"
	"math/rand/v2"
	"runtime"
	"strings"
	"sync"
	"testing"

	"github.com/simdact/simdact/internal/exp32"
	"github.com/simdact/simdact/internal/impls"
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
			if err := callEach(s, k, in, 3); err != nil {
				t.Fatal(err)
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

// The dy and alpha that TestELUBackwardUnderflow pairs: |dy·alpha| from
// 2·6.7e-5 to 3.4e39, so that the bound below -87.34, (|dy·alpha| + 1)·2^-149,
// is from about one ulp of the result up (one ulp where |dy·alpha| is large
// and x is just below -87.34), with both signs of dy.
var (
	underflowGradients = []float32{math.MaxFloat32, -math.MaxFloat32, 1e30, -1e30, 2, -2}
	underflowAlphas    = []float32{6.694516e-05, 1, 10, 1.6732632}
)

// randomFloat returns a float32 of random sign and mantissa whose magnitude
// is in [2^lo, 2^hi), lo >= -149, subnormal below 2^-126.
func randomFloat(r *rand.Rand, lo, hi int) float32 {
	v := float32(math.Ldexp(1+r.Float64(), lo+r.IntN(hi-lo)))
	if r.IntN(2) == 0 {
		v = -v
	}
	return v
}

// An underflowPair is one dy and alpha of TestELUBackwardUnderflow.
type underflowPair struct{ dy, alpha float32 }

// underflowPairs returns every pair of underflowGradients and
// underflowAlphas, and random pairs with |dy·alpha| from 2^-20 to 2^150.
func underflowPairs() []underflowPair {
	var pairs []underflowPair
	for _, alpha := range underflowAlphas {
		for _, dy := range underflowGradients {
			pairs = append(pairs, underflowPair{dy, alpha})
		}
	}
	r := rand.New(rand.NewPCG(7, 8))
	for range 12 {
		alpha := randomFloat(r, -40, 40)
		e := math.Ilogb(float64(alpha))
		pairs = append(pairs, underflowPair{randomFloat(r, max(-149, -20-e), min(128, 150-e)), alpha})
	}
	return pairs
}

// TestELUBackwardUnderflow runs ELUBackward of every implementation (the
// streaming variants compute alike) on every float32 x from -87.33 down to
// -104 (with -short, every 61st), where exp(x) is subnormal or about to be,
// with each of underflowPairs, and checks every result: there, the error
// bound (|dy·alpha| + 1)·2^-149 is as small as one ulp of a normal result, so
// a kernel that rounds twice exceeds it. It logs the largest error of each
// implementation as a fraction of the bound.
func TestELUBackwardUnderflow(t *testing.T) {
	stride := uint32(1)
	if testing.Short() {
		stride = 61
	}
	var x []float32
	for b := math.Float32bits(-87.33); b <= math.Float32bits(-104); b += stride {
		x = append(x, math.Float32frombits(b))
	}
	exp := make([]float64, len(x))
	for i, v := range x {
		exp[i] = math.Exp(float64(v))
	}
	for _, s := range sets(t) {
		if strings.HasSuffix(s.Name, "-stream") {
			continue
		}
		var mu sync.Mutex
		var worst underflowWorst
		var failures []string
		pairs := make(chan underflowPair)
		var wg sync.WaitGroup
		for range runtime.GOMAXPROCS(0) {
			wg.Add(1)
			go func() {
				defer wg.Done()
				dy, dx := make([]float32, len(x)), make([]float32, len(x))
				for p := range pairs {
					w, fail := checkUnderflow(s, p, x, exp, dy, dx)
					mu.Lock()
					worst.see(w)
					if fail != "" {
						failures = append(failures, fail)
					}
					mu.Unlock()
				}
			}()
		}
		for _, p := range underflowPairs() {
			pairs <- p
		}
		close(pairs)
		wg.Wait()
		t.Logf("%s: %d x, the largest error %.3f of the bound, at dy=%s, alpha=%s, x=%s",
			s.Name, len(x), worst.err, verify.Format(worst.dy), verify.Format(worst.alpha), verify.Format(worst.x))
		for _, f := range failures {
			t.Errorf("%s: %s", s.Name, f)
		}
	}
}

// underflowWorst is the largest error seen, as a fraction of the bound,
// and where.
type underflowWorst struct {
	err          float64
	dy, alpha, x float32
}

func (w *underflowWorst) see(o underflowWorst) {
	if o.err > w.err {
		*w = o
	}
}

// checkUnderflow runs ELUBackward of s with p on x (dy and dx are scratch
// of x's length) and returns its largest error where exp(x) is subnormal,
// and, if any result is out of bounds, how many and the first.
func checkUnderflow(s impls.Set, p underflowPair, x []float32, exp []float64, dy, dx []float32) (underflowWorst, string) {
	for i := range dy {
		dy[i] = p.dy
	}
	s.ELUBackward(dx, dy, x, p.alpha)
	worst := underflowWorst{dy: p.dy, alpha: p.alpha}
	failures, first := 0, ""
	for i, got := range dx {
		want, err, ok := verify.CheckELUBackward(got, p.dy, x[i], p.alpha, exp[i])
		if !ok {
			if failures++; failures == 1 {
				first = fmt.Sprintf("ELUBackward(dy=%s, x=%s, alpha=%s) = %s, want %s (error %.3f of the bound)",
					verify.Format(p.dy), verify.Format(x[i]), verify.Format(p.alpha), verify.Format(got), verify.Format(want), err)
			}
		}
		if exp[i] < 0x1p-126 && err > worst.err {
			worst.err, worst.x = err, x[i]
		}
	}
	if failures > 0 {
		return worst, fmt.Sprintf("%d of %d results out of bounds, the first: %s", failures, len(x), first)
	}
	return worst, ""
}
