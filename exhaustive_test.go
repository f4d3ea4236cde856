package simdact_test

import (
	"flag"
	"fmt"
	"math"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/simdact/simdact/internal/impls"
	"github.com/simdact/simdact/internal/verify"
)

var exhaustiveStride = flag.Uint64("exhaustive", 0,
	"with N > 0, TestELUExhaustive checks ELU and ELUBackward at every N-th float32 bit pattern (1: all 2^32)")

// The alphas TestELUExhaustive runs ELU with, and ELUBackward with: 1, and
// 10, whose exponent moves where alpha·exp(x) becomes subnormal.
var (
	exhaustiveAlphas = []float32{1, 0.5, 1.6732632, 2, 10}
	backwardAlphas   = []float32{1, 10}
)

// TestELUExhaustive runs ELU of every implementation on every float32 input
// x (or every N-th bit pattern, with -exhaustive=N), and ELUBackward (dy = 1)
// on every x with the sign bit set (dy passes through elsewhere, which the
// other tests check), checks each result as TestLengths does, and logs the
// largest error of each implementation and alpha and the smallest |x| where
// it occurs. For alpha = 1 it also logs the largest relative error of
// expm1, in units of 2^-23: below 1, it bounds ELU's error by 2 ulp for
// every alpha, not only those tested (alpha·e, with e that close to
// expm1(x), rounds within 2 ulp of alpha·expm1(x)).
//
// Implementations that compute the same algorithm at different widths
// (avx512 and avx2) must agree bit for bit on every input; it counts the
// results where they do not.
//
// It is opt-in, and takes minutes: go test -run TestELUExhaustive -exhaustive=1 .
func TestELUExhaustive(t *testing.T) {
	stride := *exhaustiveStride
	if stride == 0 {
		t.Skip("run with -exhaustive=1 to check every float32 input, -exhaustive=N for every N-th")
	}
	var sets []impls.Set
	for _, s := range impls.All() {
		if s.Runs && !strings.HasSuffix(s.Name, "-stream") { // the same arithmetic as its ISA's
			sets = append(sets, s)
			t.Logf("checking %s", s.Name)
		}
	}
	twins := twinSets(sets)
	total := (uint64(1)<<32 + stride - 1) / stride
	const chunk = 1 << 14
	var next atomic.Uint64
	var mu sync.Mutex
	merged := newExhaustiveStats(len(sets))
	var wg sync.WaitGroup
	for range runtime.GOMAXPROCS(0) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			w := &exhaustiveWorker{sets: sets, twins: twins, stats: newExhaustiveStats(len(sets))}
			for {
				start := next.Add(chunk) - chunk
				if start >= total {
					break
				}
				w.run(start, min(start+chunk, total), stride)
			}
			mu.Lock()
			defer mu.Unlock()
			for i := range merged {
				merged[i].merge(&w.stats[i])
			}
		}()
	}
	wg.Wait()

	t.Logf("%d inputs (every %d-th float32 bit pattern); the largest error, at the smallest |x| where it occurs:", total, stride)
	for i, s := range sets {
		st := &merged[i]
		for j, alpha := range exhaustiveAlphas {
			t.Logf("%-8s ELU         alpha=%-9s %d ulp at x=%s", s.Name, verify.Format(alpha), st.elu[j].worst, verify.Format(st.elu[j].at))
		}
		t.Logf("%-8s ELU         alpha=1         expm1's relative error %.3f·2^-23 at x=%s", s.Name, st.relative.worst, verify.Format(st.relative.at))
		for j, alpha := range backwardAlphas {
			t.Logf("%-8s ELUBackward alpha=%-9s %g ulp at x=%s; below -87.34, %.3f of the underflow bound at x=%s",
				s.Name, verify.Format(alpha), st.backward[j].worst, verify.Format(st.backward[j].at), st.underflow[j].worst, verify.Format(st.underflow[j].at))
		}
		if st.failures > 0 {
			t.Errorf("%s: %d results out of bounds, the first: %s", s.Name, st.failures, st.first)
		}
		if twin := twins[i]; twin >= 0 {
			t.Logf("%-8s agrees with %s bit for bit on %d of %d results", s.Name, sets[twin].Name, st.agreed, st.agreed+st.disagreed)
			if st.disagreed > 0 {
				t.Errorf("%s: %d results differ from %s's, the first: %s", s.Name, st.disagreed, sets[twin].Name, st.firstDisagreement)
			}
		}
	}
}

// twinSets returns, for each of sets, the index of the set that computes
// the same algorithm at another width (avx2 for avx512), or -1.
func twinSets(sets []impls.Set) []int {
	twins := make([]int, len(sets))
	for i, s := range sets {
		twins[i] = slices.IndexFunc(sets, func(o impls.Set) bool { return s.Name == "avx512" && o.Name == "avx2" })
	}
	return twins
}

// A worst is the largest error seen and the smallest |x| where it occurs.
type worst[E uint64 | float64] struct {
	worst E
	at    float32
}

func (w *worst[E]) see(err E, x float32) {
	if err > w.worst || err == w.worst && math.Float32bits(x)&^(1<<31) < math.Float32bits(w.at)&^(1<<31) {
		w.worst, w.at = err, x
	}
}

// exhaustiveStats are one implementation's results.
type exhaustiveStats struct {
	elu                 []worst[uint64]  // by exhaustiveAlphas
	backward, underflow []worst[float64] // by backwardAlphas
	relative            worst[float64]
	failures            int
	first               string

	agreed, disagreed uint64 // results the same as, and other than, the twin's
	firstDisagreement string
}

func newExhaustiveStats(n int) []exhaustiveStats {
	s := make([]exhaustiveStats, n)
	for i := range s {
		s[i].elu = make([]worst[uint64], len(exhaustiveAlphas))
		s[i].backward = make([]worst[float64], len(backwardAlphas))
		s[i].underflow = make([]worst[float64], len(backwardAlphas))
	}
	return s
}

func (s *exhaustiveStats) merge(o *exhaustiveStats) {
	for j := range s.elu {
		s.elu[j].see(o.elu[j].worst, o.elu[j].at)
	}
	for j := range s.backward {
		s.backward[j].see(o.backward[j].worst, o.backward[j].at)
		s.underflow[j].see(o.underflow[j].worst, o.underflow[j].at)
	}
	s.relative.see(o.relative.worst, o.relative.at)
	if s.failures == 0 {
		s.first = o.first
	}
	s.failures += o.failures
	if s.disagreed == 0 {
		s.firstDisagreement = o.firstDisagreement
	}
	s.agreed += o.agreed
	s.disagreed += o.disagreed
}

// compare counts the results of got that have the bits of the twin's,
// for the inputs x, and describes the first that does not.
func (s *exhaustiveStats) compare(what string, got, twin, x []float32, alpha float32) {
	for i := range got {
		if math.Float32bits(got[i]) == math.Float32bits(twin[i]) {
			s.agreed++
			continue
		}
		if s.disagreed++; s.disagreed == 1 {
			s.firstDisagreement = fmt.Sprintf("%s(x=%s, alpha=%s) = %s, the twin's %s",
				what, verify.Format(x[i]), verify.Format(alpha), verify.Format(got[i]), verify.Format(twin[i]))
		}
	}
}

func (s *exhaustiveStats) fail(what string, got, x, alpha, want float32) {
	if s.failures++; s.failures == 1 {
		s.first = fmt.Sprintf("%s(x=%s, alpha=%s) = %s, want %s",
			what, verify.Format(x), verify.Format(alpha), verify.Format(got), verify.Format(want))
	}
}

// An exhaustiveWorker checks one chunk of inputs at a time, computing the
// float64 references once for every implementation and alpha.
type exhaustiveWorker struct {
	sets               []impls.Set
	twins              []int // see twinSets
	stats              []exhaustiveStats
	x, ones, out, twin []float32
	expm1, exp         []float64
}

func (w *exhaustiveWorker) run(start, end, stride uint64) {
	n := int(end - start)
	w.x, w.ones, w.out, w.twin = resize(w.x, n), resize(w.ones, n), resize(w.out, n), resize(w.twin, n)
	w.expm1, w.exp = resize(w.expm1, n), resize(w.exp, n)
	neg := n // the bit patterns increase: those from neg on have the sign bit
	for i := n - 1; i >= 0; i-- {
		x := math.Float32frombits(uint32((start + uint64(i)) * stride))
		w.x[i], w.ones[i] = x, 1
		if math.Signbit(float64(x)) {
			neg = i
		}
		if x <= 0 {
			w.expm1[i], w.exp[i] = math.Expm1(float64(x)), math.Exp(float64(x))
		}
	}
	for si, s := range w.sets {
		st := &w.stats[si]
		var twin *impls.Set
		if t := w.twins[si]; t >= 0 {
			twin = &w.sets[t]
		}
		for j, alpha := range exhaustiveAlphas {
			s.ELU(w.out, w.x, alpha)
			if twin != nil {
				twin.ELU(w.twin, w.x, alpha)
				st.compare("ELU", w.out, w.twin, w.x, alpha)
			}
			for i, got := range w.out {
				x := w.x[i]
				if x > 0 { // the common case, without a call
					if math.Float32bits(got) != math.Float32bits(x) {
						st.fail("ELU", got, x, alpha, x)
					}
					continue
				}
				want, ulps, ok := verify.CheckELU(got, x, alpha, w.expm1[i])
				if !ok {
					st.fail("ELU", got, x, alpha, want)
				}
				st.elu[j].see(ulps, x)
				if alpha == 1 && ulps > 0 {
					st.relative.see(math.Abs(float64(got)-w.expm1[i])/math.Abs(w.expm1[i])*0x1p23, x)
				}
			}
		}
		for j, alpha := range backwardAlphas {
			s.ELUBackward(w.out[neg:], w.ones[neg:], w.x[neg:], alpha)
			if twin != nil {
				twin.ELUBackward(w.twin[neg:], w.ones[neg:], w.x[neg:], alpha)
				st.compare("ELUBackward", w.out[neg:], w.twin[neg:], w.x[neg:], alpha)
			}
			for i := neg; i < n; i++ {
				got, x := w.out[i], w.x[i]
				want, err, ok := verify.CheckELUBackward(got, 1, x, alpha, w.exp[i])
				if !ok {
					st.fail("ELUBackward", got, x, alpha, want)
				}
				if w.exp[i] < 0x1p-126 {
					st.underflow[j].see(err, x)
				} else {
					st.backward[j].see(err, x)
				}
			}
		}
	}
}

func resize[E any](s []E, n int) []E {
	if cap(s) < n {
		return make([]E, n)
	}
	return s[:n]
}
