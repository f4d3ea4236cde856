package simdact_test

import (
	"flag"
	"math"
	"runtime"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/simdact/simdact/internal/impls"
	"github.com/simdact/simdact/internal/verify"
)

var seluStride = flag.Uint64("selu.stride", 0,
	"with N > 0, TestSELUAccuracy checks SELU, CELU and their backward passes at every N-th float32 bit pattern (1: all 2^32)")

// TestSELUAccuracy runs SELU and CELU (every alpha of verify.CELUAlphas and
// CELUMoreAlphas) of every implementation on every N-th float32 input x,
// and their backward passes (dy = 1 and dy = -3e38, which overflows where
// the derivative is above 1.13) on every N-th x with the sign bit set,
// checks each result against the specification, and logs the largest error
// of each and the smallest |x| where it occurs. avx512 and avx2 must agree
// bit for bit. It is opt-in:
// go test -run TestSELUAccuracy -selu.stride=64 .
func TestSELUAccuracy(t *testing.T) {
	stride := *seluStride
	if stride == 0 {
		t.Skip("run with -selu.stride=N to check every N-th float32 input")
	}
	var sets []impls.Set
	for _, s := range impls.All() {
		if s.Runs && !strings.HasSuffix(s.Name, "-stream") {
			sets = append(sets, s)
		}
	}
	forwards := verify.SELUForwards()
	for _, alpha := range verify.CELUMoreAlphas {
		forwards = append(forwards, verify.CELUForward(alpha))
	}
	xs := stridedInputs(stride, false)
	negatives := stridedInputs(stride, true)
	twin := func(s impls.Set) (impls.Set, bool) { // avx2 for avx512
		i := slices.IndexFunc(sets, func(o impls.Set) bool { return s.Name == "avx512" && o.Name == "avx2" })
		if i < 0 {
			return s, false
		}
		return sets[i], true
	}
	for _, s := range sets {
		for _, f := range forwards {
			got := runParallel(xs, func(dst, x []float32) { f.Run(s, dst, x) })
			if o, ok := twin(s); ok {
				seluAgree(t, f.Name, got, runParallel(xs, func(dst, x []float32) { f.Run(o, dst, x) }))
			}
			var w worst[uint64]
			fails := 0
			for i, x := range xs {
				want, ulps, ok := f.Check(got[i], x, f.Ref(x))
				if !ok {
					if fails++; fails <= 3 {
						t.Errorf("%s %s(x=%s) = %s, want %s", s.Name, f.Name, verify.Format(x), verify.Format(got[i]), verify.Format(want))
					}
					continue
				}
				w.see(ulps, x)
			}
			t.Logf("%-8s %-22s %d ulp at x=%s", s.Name, f.Name, w.worst, verify.Format(w.at))
		}
		for _, b := range verify.SELUBackwards() {
			for _, dy := range []float32{1, -3e38} {
				dys := make([]float32, len(negatives))
				for i := range dys {
					dys[i] = dy
				}
				got := runParallel(negatives, func(dx, x []float32) { b.Run(s, dx, dys[:len(x)], x) })
				if o, ok := twin(s); ok {
					seluAgree(t, b.Name, got, runParallel(negatives, func(dx, x []float32) { b.Run(o, dx, dys[:len(x)], x) }))
				}
				var w worst[float64]
				fails := 0
				for i, x := range negatives {
					want, err, ok := b.Check(got[i], dy, x)
					if !ok {
						if fails++; fails <= 3 {
							t.Errorf("%s %s(dy=%s, x=%s) = %s, want %s", s.Name, b.Name, verify.Format(dy), verify.Format(x), verify.Format(got[i]), verify.Format(want))
						}
						continue
					}
					w.see(err, x)
				}
				t.Logf("%-8s %-30s dy=%-6s %g ulp at x=%s", s.Name, b.Name, verify.Format(dy), w.worst, verify.Format(w.at))
			}
		}
	}
}

// agree fails t where got, avx512's results, and twin, avx2's, differ.
func seluAgree(t *testing.T, name string, got, twin []float32) {
	for i := range got {
		if math.Float32bits(got[i]) != math.Float32bits(twin[i]) {
			t.Errorf("%s: avx512 gives %s, avx2 %s (element %d)", name, verify.Format(got[i]), verify.Format(twin[i]), i)
			return
		}
	}
}

// stridedInputs returns every stride-th float32 bit pattern, or only those
// with the sign bit set.
func stridedInputs(stride uint64, negative bool) []float32 {
	var xs []float32
	start := uint64(0)
	if negative {
		start = 1 << 31
	}
	for b := start; b < 1<<32; b += stride {
		xs = append(xs, math.Float32frombits(uint32(b)))
	}
	return xs
}

// runParallel runs f over x in chunks, on every CPU (x and dst are
// distinct chunks of the slices, so the chunks do not interfere).
func runParallel(x []float32, f func(dst, x []float32)) []float32 {
	out := make([]float32, len(x))
	const chunk = 1 << 16
	var wg sync.WaitGroup
	sem := make(chan struct{}, runtime.GOMAXPROCS(0))
	for i := 0; i < len(x); i += chunk {
		j := min(i+chunk, len(x))
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer wg.Done()
			f(out[i:j], x[i:j])
			<-sem
		}()
	}
	wg.Wait()
	return out
}
