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
	var xs []float32
	for b := uint64(0); b < 1<<32; b += stride {
		xs = append(xs, math.Float32frombits(uint32(b)))
	}
	xs = append(xs, float32(math.Inf(1)), float32(math.Inf(-1)), 0, float32(math.Copysign(0, -1)), -14.1, -13.2, -0.75179178)
	fwd, bwd := verify.GELUForwards()[0], verify.GELUBackwards()[0]
	refs := make([]float64, len(xs))
	for i, x := range xs {
		refs[i] = fwd.Ref(x)
	}
	results := map[string][]float32{}
	for _, s := range impls.All() {
		if !s.Runs || strings.HasSuffix(s.Name, "-stream") {
			continue
		}
		got := make([]float32, len(xs))
		s.GELU(got, xs)
		results[s.Name] = got
		var worst uint64
		var at float32
		for i, x := range xs {
			want, ulps, ok := fwd.Check(got[i], x, refs[i])
			if !ok {
				t.Errorf("%s: GELU(%v) = %v (%#08x), want %v (%#08x)", s.Name, x, got[i], math.Float32bits(got[i]), want, math.Float32bits(want))
			}
			if ulps > worst && !isNaN32(x) {
				worst, at = ulps, x
			}
		}
		t.Logf("%s: GELU max %d ulp at x = %v", s.Name, worst, at)
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
				if err > worst && math.Abs(ref) > 0x1p-8*m {
					worst, at = err, x
				}
			}
			t.Logf("%s: GELUBackward dy=%v max %.0f ulp at x = %v (where |ref| > |dy|·M/256); "+
				"max error/(|dy|·M) %.3g·2^-24 at x = %v",
				s.Name, dy, worst, at, rel*0x1p24, relAt)
		}
	}
	for _, twins := range [][2]string{{"avx512", "avx2"}} {
		a, b := results[twins[0]], results[twins[1]]
		if a == nil || b == nil {
			continue
		}
		for i := range a {
			if math.Float32bits(a[i]) != math.Float32bits(b[i]) {
				t.Errorf("GELU(%v): %s gives %#08x, %s %#08x", xs[i], twins[0], math.Float32bits(a[i]), twins[1], math.Float32bits(b[i]))
			}
		}
	}
}

func isNaN32(v float32) bool { return v != v }
