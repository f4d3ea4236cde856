package simdact_test

import (
	"flag"
	"fmt"
	"math"
	"runtime"
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
	sets := exhaustiveSets()
	for _, s := range sets {
		t.Logf("checking %s", s.Name)
	}
	twins := twinSets(sets)
	total := (uint64(1)<<32 + stride - 1) / stride
	merged := newExhaustiveStats(len(sets))
	sweep(total,
		func() *exhaustiveWorker {
			return &exhaustiveWorker{sets: sets, twins: twins, stats: newExhaustiveStats(len(sets))}
		},
		func(w *exhaustiveWorker, start, end uint64) bool { w.run(start, end, stride); return true },
		func(w *exhaustiveWorker) {
			for i := range merged {
				merged[i].merge(&w.stats[i])
			}
		})

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
			st.tally.report(t, s.Name, sets[twin].Name)
		}
	}
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
	tally               // results the same as, and other than, the twin's
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
	s.tally.merge(&o.tally)
}

// A tally counts the results of an implementation that have the bits of its
// twin's (see twinSets), and those that do not, and describes the first of
// these.
type tally struct {
	agreed, disagreed uint64
	first             string
}

func (c *tally) merge(o *tally) {
	if c.disagreed == 0 {
		c.first = o.first
	}
	c.agreed += o.agreed
	c.disagreed += o.disagreed
}

// count counts the results of got that have the bits of twin's, and
// describes the first that does not, as what(x=..., ...) with the input x
// and the suffix params.
func (c *tally) count(what string, got, twin, x []float32, params string) {
	for i := range got {
		if math.Float32bits(got[i]) == math.Float32bits(twin[i]) {
			c.agreed++
			continue
		}
		if c.disagreed++; c.disagreed == 1 {
			c.first = fmt.Sprintf("%s(x=%s%s) = %s, the twin's %s",
				what, verify.Format(x[i]), params, verify.Format(got[i]), verify.Format(twin[i]))
		}
	}
}

// report fails t if any result of set differs from its twin's.
func (c *tally) report(t *testing.T, set, twin string) {
	t.Helper()
	if c.disagreed > 0 {
		t.Errorf("%s: %d results differ from %s's, the first: %s", set, c.disagreed, twin, c.first)
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
				st.count("ELU", w.out, w.twin, w.x, ", alpha="+verify.Format(alpha))
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
				st.count("ELUBackward", w.out[neg:], w.twin[neg:], w.x[neg:], ", alpha="+verify.Format(alpha))
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

// TestSmoothExhaustive runs every smooth forward kernel (verify.SmoothForwards:
// Sigmoid, Tanh, SiLU, GELU, GELUTanh, Softplus, Mish, SELU, CELU, Swish,
// LogSigmoid and Softsign with each parameter setting) of every implementation on every float32 input (every
// N-th bit pattern with -exhaustive=N), checks each result against the
// float64 function within the kernel's bound, and logs, per implementation,
// the largest error in ulp and the smallest |x| where it occurs. avx512 must
// agree with avx2 bit for bit on every input (the same algorithm at
// another width).
//
// It is opt-in, and takes about a minute a kernel on two cores:
// go test -run TestSmoothExhaustive -exhaustive=1 . (or -run
// 'TestSmoothExhaustive/^Sigmoid$' for one kernel).
func TestSmoothExhaustive(t *testing.T) {
	stride := *exhaustiveStride
	if stride == 0 {
		t.Skip("run with -exhaustive=1 to check every float32 input, -exhaustive=N for every N-th")
	}
	sets := exhaustiveSets()
	for _, f := range verify.SmoothForwards() {
		t.Run(f.Name, func(t *testing.T) { exhaustForward(t, f, sets, stride) })
	}
}

// forwardStats are one implementation's results for one kernel.
type forwardStats struct {
	worst             worst[uint64]
	checked, failures uint64
	first             string
	tally             // results with the bits of the twin's, and without
}

func (s *forwardStats) merge(o *forwardStats) {
	s.worst.see(o.worst.worst, o.worst.at)
	s.checked += o.checked
	if s.failures == 0 {
		s.first = o.first
	}
	s.failures += o.failures
	s.tally.merge(&o.tally)
}

// exhaustForward checks f on every stride-th float32 bit pattern, in
// chunks spread over the CPUs (see sweep), computing the float64
// references of each chunk once for every implementation.
func exhaustForward(t *testing.T, f verify.Forward, sets []impls.Set, stride uint64) {
	twins := twinSets(sets)
	total := (uint64(1)<<32 + stride - 1) / stride
	merged := make([]forwardStats, len(sets))
	type worker struct {
		stats []forwardStats
		x     []float32
		ref   []float64
		outs  [][]float32
	}
	sweep(total,
		func() *worker {
			w := &worker{stats: make([]forwardStats, len(sets)), x: make([]float32, sweepChunk), ref: make([]float64, sweepChunk)}
			for range sets {
				w.outs = append(w.outs, make([]float32, sweepChunk))
			}
			return w
		},
		func(w *worker, start, end uint64) bool {
			n := int(end - start)
			x := w.x[:n]
			for i := range x {
				x[i] = math.Float32frombits(uint32((start + uint64(i)) * stride))
				w.ref[i] = f.Ref(x[i])
			}
			for si, s := range sets {
				out := w.outs[si][:n]
				f.Run(s, out, x)
				st := &w.stats[si]
				for i, got := range out {
					want, ulps, ok := f.Check(got, x[i], w.ref[i])
					st.checked++
					if !ok {
						if st.failures++; st.failures == 1 {
							st.first = fmt.Sprintf("x=%s: got %s, want %s", verify.Format(x[i]), verify.Format(got), verify.Format(want))
						}
					}
					if !math.IsNaN(float64(x[i])) {
						st.worst.see(ulps, x[i])
					}
				}
			}
			for si, tw := range twins {
				if tw >= 0 {
					w.stats[si].count(f.Name, w.outs[si][:n], w.outs[tw][:n], x, "")
				}
			}
			return true
		},
		func(w *worker) {
			for i := range merged {
				merged[i].merge(&w.stats[i])
			}
		})
	for i, s := range sets {
		st := &merged[i]
		t.Logf("%-8s %-32s %d ulp at x=%s (bound %d; %d inputs, every %d-th float32)",
			s.Name, f.Name, st.worst.worst, verify.Format(st.worst.at), f.Bound, st.checked, stride)
		if st.failures > 0 {
			t.Errorf("%s: %s: %d results out of bounds, the first: %s", s.Name, f.Name, st.failures, st.first)
		}
		if tw := twins[i]; tw >= 0 {
			st.tally.report(t, s.Name, sets[tw].Name)
		}
	}
}

var backwardStride = flag.Uint64("backward.stride", 1<<16,
	"TestSmoothBackward checks every N-th float32 bit pattern as x (and every float32 near each kernel's points)")

// backwardDys are the gradients TestSmoothBackward pairs with every x: one,
// a negative non-power of two, a tiny and a huge one, a subnormal.
var backwardDys = []float32{1, -2.5, 0x1p-100, 3e30, 1e-40}

// nearPoints is how many float32s on each side of a kernel's points
// TestSmoothBackward and TestForwardPoints check.
const nearPoints = 1 << 12

// TestSmoothBackward checks every smooth backward kernel
// (verify.SmoothBackwards) of every implementation on every N-th float32
// bit pattern x (-backward.stride=N), and on the float32s next to the points
// where its derivative has a zero or changes regime, each with every dy of
// backwardDys, against the bound of verify.CheckBackward, and logs the
// largest error of each implementation, as a fraction of the bound.
// avx512 must agree with avx2 bit for bit.
func TestSmoothBackward(t *testing.T) {
	stride := *backwardStride
	if testing.Short() {
		stride = max(stride, 1<<20)
	}
	sets := exhaustiveSets()
	twins := twinSets(sets)
	for _, b := range verify.SmoothBackwards() {
		t.Run(b.Name, func(t *testing.T) {
			xs := append(strided(stride), near(b.Points)...)
			n := len(xs) * len(backwardDys)
			x, dy := make([]float32, 0, n), make([]float32, 0, n)
			for _, g := range backwardDys {
				x = append(x, xs...)
				for range xs {
					dy = append(dy, g)
				}
			}
			outs := make([][]float32, len(sets))
			for si, s := range sets {
				outs[si] = make([]float32, n)
				b.Run(s, outs[si], dy, x)
				var st forwardStats
				var worst worst[float64]
				for i, got := range outs[si] {
					want, err, ok := b.Check(got, dy[i], x[i])
					if !ok {
						if st.failures++; st.failures == 1 {
							st.first = fmt.Sprintf("dy=%s, %s=%s: got %s, want %s", verify.Format(dy[i]), b.Inputs[1],
								verify.Format(x[i]), verify.Format(got), verify.Format(want))
						}
					}
					if f := boundFraction(b, got, dy[i], x[i], err); !math.IsNaN(f) {
						worst.see(f, x[i])
					}
				}
				t.Logf("%-8s %-36s %.3f of the bound at %s=%s (%d inputs)", s.Name, b.Name, worst.worst, b.Inputs[1], verify.Format(worst.at), n)
				if st.failures > 0 {
					t.Errorf("%s: %d results out of bounds, the first: %s", s.Name, st.failures, st.first)
				}
			}
			for si, tw := range twins {
				if tw >= 0 {
					var c tally
					c.count(b.Name, outs[si], outs[tw], x, "")
					c.report(t, sets[si].Name, sets[tw].Name)
				}
			}
		})
	}
}

// strided returns every stride-th float32 bit pattern.
func strided(stride uint64) []float32 {
	var xs []float32
	for b := uint64(0); b < 1<<32; b += stride {
		xs = append(xs, math.Float32frombits(uint32(b)))
	}
	return xs
}

// near returns the nearPoints float32s on each side of each of points.
func near(points []float32) []float32 { return nearBy(points, nearPoints) }

// nearBy returns the n float32s on each side of each of points.
func nearBy(points []float32, n int) []float32 {
	var xs []float32
	for _, p := range points {
		v := p
		for range n {
			v = math.Nextafter32(v, float32(math.Inf(-1)))
			xs = append(xs, v)
		}
		v = p
		for range n {
			xs = append(xs, v)
			v = math.Nextafter32(v, float32(math.Inf(1)))
		}
	}
	return xs
}

// boundFraction returns got's error as a fraction of what CheckBackward
// allows, the larger of BackwardMaxULP ulp and BackwardRelative·m, given
// its error in ulp; NaN for results that must be exact.
func boundFraction(b verify.Backward, got, dy, v float32, ulps float64) float64 {
	ref, m := b.Ref(dy, v)
	if ulps == 0 || math.IsNaN(ref) || math.IsInf(ref, 0) || math.IsInf(ulps, 0) {
		return 0
	}
	return min(ulps/verify.BackwardMaxULP, math.Abs(float64(got)-ref)/(verify.BackwardRelative*m))
}

// TestForwardPoints checks every smooth forward kernel (verify.SmoothForwards,
// and CELU with the further alphas of verify.CELUMoreForwards) of every
// implementation, the API included, on the nearPoints float32s on each
// side of each point where it changes regime (verify.Forward.Points:
// Softplus's threshold/beta, where results turn subnormal and round to 0,
// the kernels' switches), against its bound. The exhaustive test samples
// the line too coarsely to meet them by default.
func TestForwardPoints(t *testing.T) {
	all := sets(t)
	for _, f := range append(verify.SmoothForwards(), verify.CELUMoreForwards()...) {
		x := near(f.Points)
		ref := make([]float64, len(x))
		for i, v := range x {
			ref[i] = f.Ref(v)
		}
		out := make([]float32, len(x))
		for _, s := range all {
			f.Run(s, out, x)
			for i, got := range out {
				if want, _, ok := f.Check(got, x[i], ref[i]); !ok {
					t.Errorf("%s, %s: x=%s: got %s, want %s", s.Name, f.Name, verify.Format(x[i]), verify.Format(got), verify.Format(want))
					break
				}
			}
		}
	}
}

// sweepChunk is the number of inputs in a chunk of sweep.
const sweepChunk = 1 << 14

// sweep spreads the work on the indices [0, total) over GOMAXPROCS
// workers, in chunks of up to sweepChunk: each worker makes its state with
// start, calls run on every chunk [from, to) it takes, until none is left
// or run returns false, and then calls finish, one worker at a time.
func sweep[W any](total uint64, start func() W, run func(w W, from, to uint64) bool, finish func(w W)) {
	var next atomic.Uint64
	var mu sync.Mutex
	var wg sync.WaitGroup
	for range runtime.GOMAXPROCS(0) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			w := start()
			for {
				from := next.Add(sweepChunk) - sweepChunk
				if from >= total || !run(w, from, min(from+sweepChunk, total)) {
					break
				}
			}
			mu.Lock()
			defer mu.Unlock()
			finish(w)
		}()
	}
	wg.Wait()
}
