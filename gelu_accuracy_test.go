package simdact_test

import (
	"flag"
	"math"
	"strings"
	"testing"

	"github.com/simdact/simdact/internal/impls"
	"github.com/simdact/simdact/internal/verify"
)

var geluStride = flag.Uint64("gelu.stride", 0,
	"TestGELUSweep checks every N-th float32 bit pattern (default 65537 with -short, else 4099)")

// TestGELUSweep runs GELU and GELUBackward (with dy = 1, and dy = -3e38
// where the result's magnitude may round differently) of every
// implementation on every N-th float32 input, checks each result against
// the specification and logs the largest error of each and the input where
// it occurs; implementations of one algorithm at different widths must
// agree bit for bit.
func TestGELUSweep(t *testing.T) {
	stride := *geluStride
	if stride == 0 {
		stride = 4099
		if testing.Short() {
			stride = 65537
		}
	}
	sets := runnable()
	fwd := sweepForward{sets: sets, worst: make([]sweepWorst, len(sets))}
	var xs []float32
	for b := uint64(0); b < 1<<32; b += stride {
		xs = append(xs, math.Float32frombits(uint32(b)))
		if len(xs) == 1<<16 {
			fwd.check(t, xs)
			xs = xs[:0]
		}
	}
	xs = append(xs, float32(math.Inf(1)), float32(math.Inf(-1)), 0, float32(math.Copysign(0, -1)), -14.1, -13.2, -0.75179178)
	fwd.check(t, xs)
	for i, s := range sets {
		t.Logf("%s: GELU max %d ulp at x = %v", s.Name, fwd.worst[i].ulps, fwd.worst[i].x)
	}
	xs = xs[:0]
	for b := uint64(0); b < 1<<32; b += max(stride, 4099) {
		xs = append(xs, math.Float32frombits(uint32(b)))
	}
	xs = append(xs, float32(math.Inf(1)), float32(math.Inf(-1)), 0, float32(math.Copysign(0, -1)), -14.1, -13.2, -0.75179178)
	for _, s := range sets {
		checkGELUBackward(t, s, xs)
	}
}

// runnable returns the implementations this CPU runs, but for the
// streaming variants (the same arithmetic as their ISA's).
func runnable() []impls.Set {
	var sets []impls.Set
	for _, s := range impls.All() {
		if s.Runs && !strings.HasSuffix(s.Name, "-stream") {
			sets = append(sets, s)
		}
	}
	return sets
}

type sweepWorst struct {
	ulps uint64
	x    float32
}

// sweepForward checks GELU of sets on chunks of inputs, keeping the
// largest error of each.
type sweepForward struct {
	sets  []impls.Set
	worst []sweepWorst
}

func (f *sweepForward) check(t *testing.T, xs []float32) {
	t.Helper()
	spec := verify.GELUForwards()[0]
	refs := make([]float64, len(xs))
	for i, x := range xs {
		refs[i] = spec.Ref(x)
	}
	results := map[string][]float32{}
	for k, s := range f.sets {
		got := make([]float32, len(xs))
		s.GELU(got, xs)
		results[s.Name] = got
		for i, x := range xs {
			want, ulps, ok := spec.Check(got[i], x, refs[i])
			if !ok {
				t.Errorf("%s: GELU(%v) = %v (%#08x), want %v (%#08x)", s.Name, x, got[i], math.Float32bits(got[i]), want, math.Float32bits(want))
			}
			if ulps > f.worst[k].ulps && !isNaN32(x) {
				f.worst[k] = sweepWorst{ulps, x}
			}
		}
	}
	a, b := results["avx512"], results["avx2"]
	for i := range a {
		if b != nil && math.Float32bits(a[i]) != math.Float32bits(b[i]) {
			t.Errorf("GELU(%v): avx512 gives %#08x, avx2 %#08x", xs[i], math.Float32bits(a[i]), math.Float32bits(b[i]))
		}
	}
}

// checkGELUBackward checks GELUBackward of s on xs, with dy = 1 and
// dy = -3e38, and logs its largest errors.
func checkGELUBackward(t *testing.T, s impls.Set, xs []float32) {
	t.Helper()
	bwd := verify.GELUBackwards()[0]
	got := make([]float32, len(xs))
	for _, dy := range []float32{1, -3e38} {
		dys := make([]float32, len(xs))
		for i := range dys {
			dys[i] = dy
		}
		s.GELUBackward(got, dys, xs)
		var worst, rel float64
		var at, relAt float32
		for i, x := range xs {
			want, err, ok := bwd.Check(got[i], dy, x)
			if !ok {
				t.Errorf("%s: GELUBackward(%v, %v) = %v, want %v", s.Name, dy, x, got[i], want)
			}
			// The error in ulp away from the zero of the derivative,
			// and relative to |dy|·M where the result is normal.
			ref, m := bwd.Ref(dy, x)
			if r := math.Abs(float64(got[i])-ref) / m; math.Abs(ref) >= 0x1p-126 && r > rel {
				rel, relAt = r, x
			}
			if err > worst && math.Abs(ref) > 0x1p-2*m {
				worst, at = err, x
			}
		}
		t.Logf("%s: GELUBackward dy=%v max %.0f ulp at x = %v (where |ref| > |dy|·M/4); "+
			"max error/(|dy|·M) %.3g·2^-24 at x = %v", s.Name, dy, worst, at, rel*0x1p24, relAt)
	}
}

func isNaN32(v float32) bool { return v != v }
