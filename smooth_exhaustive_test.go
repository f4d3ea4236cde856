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

// exhaustiveSets returns the implementations the exhaustive tests run: each
// that this CPU runs, less the "-stream" variants, whose arithmetic is
// their ISA's.
func exhaustiveSets(t *testing.T) []impls.Set {
	var sets []impls.Set
	for _, s := range impls.All() {
		if s.Runs && s.Name == s.ISA {
			sets = append(sets, s)
		}
	}
	return sets
}

// TestSmoothExhaustive runs every smooth forward kernel (verify.SmoothForwards:
// Sigmoid, Tanh, SiLU, GELU, GELUTanh, Softplus, Mish, SELU, CELU with each
// parameter setting) of every implementation on every float32 input (every
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
	sets := exhaustiveSets(t)
	for _, f := range verify.SmoothForwards() {
		t.Run(f.Name, func(t *testing.T) { exhaustForward(t, f, sets, stride) })
	}
}

// forwardStats are one implementation's results for one kernel.
type forwardStats struct {
	worst             worst[uint64]
	checked, failures uint64
	first             string

	agreed, disagreed uint64 // results with the bits of the twin's, and without
	firstDisagreement string
}

func (s *forwardStats) merge(o *forwardStats) {
	s.worst.see(o.worst.worst, o.worst.at)
	s.checked += o.checked
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

// exhaustForward checks f on every stride-th float32 bit pattern, split in
// chunks among GOMAXPROCS workers, each computing the float64 references of
// its chunk once for every implementation.
func exhaustForward(t *testing.T, f verify.Forward, sets []impls.Set, stride uint64) {
	twins := twinSets(sets)
	total := (uint64(1)<<32 + stride - 1) / stride
	const chunk = 1 << 14
	var next atomic.Uint64
	var mu sync.Mutex
	merged := make([]forwardStats, len(sets))
	var wg sync.WaitGroup
	for range runtime.GOMAXPROCS(0) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			stats := make([]forwardStats, len(sets))
			x, ref := make([]float32, chunk), make([]float64, chunk)
			outs := make([][]float32, len(sets))
			for i := range outs {
				outs[i] = make([]float32, chunk)
			}
			for {
				start := next.Add(chunk) - chunk
				if start >= total {
					break
				}
				n := int(min(start+chunk, total) - start)
				for i := range n {
					x[i] = math.Float32frombits(uint32((start + uint64(i)) * stride))
					ref[i] = f.Ref(x[i])
				}
				for si, s := range sets {
					f.Run(s, outs[si][:n], x[:n])
					st := &stats[si]
					for i, got := range outs[si][:n] {
						want, ulps, ok := f.Check(got, x[i], ref[i])
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
						tallyTwins(&stats[si], outs[si][:n], outs[tw][:n], x[:n])
					}
				}
			}
			mu.Lock()
			defer mu.Unlock()
			for i := range merged {
				merged[i].merge(&stats[i])
			}
		}()
	}
	wg.Wait()
	for i, s := range sets {
		st := &merged[i]
		t.Logf("%-8s %-32s %d ulp at x=%s (bound %d; %d inputs, every %d-th float32)",
			s.Name, f.Name, st.worst.worst, verify.Format(st.worst.at), f.Bound, st.checked, stride)
		if st.failures > 0 {
			t.Errorf("%s: %s: %d results out of bounds, the first: %s", s.Name, f.Name, st.failures, st.first)
		}
		if tw := twins[i]; tw >= 0 {
			if st.disagreed > 0 {
				t.Errorf("%s: %s: %d results differ from %s's, the first: %s", s.Name, f.Name, st.disagreed, sets[tw].Name, st.firstDisagreement)
			}
		}
	}
}

// tallyTwins counts the results of got that have the bits of twin's.
func tallyTwins(st *forwardStats, got, twin, x []float32) {
	for i := range got {
		if math.Float32bits(got[i]) == math.Float32bits(twin[i]) {
			st.agreed++
			continue
		}
		if st.disagreed++; st.disagreed == 1 {
			st.firstDisagreement = fmt.Sprintf("x=%s: %s, the twin's %s", verify.Format(x[i]), verify.Format(got[i]), verify.Format(twin[i]))
		}
	}
}

var backwardStride = flag.Uint64("backward.stride", 1<<16,
	"TestSmoothBackward checks every N-th float32 bit pattern as x (and every float32 near each kernel's points)")

// backwardDys are the gradients TestSmoothBackward pairs with every x: one,
// a negative non-power of two, a tiny and a huge one, a subnormal.
var backwardDys = []float32{1, -2.5, 0x1p-100, 3e30, 1e-40}

// backwardNear is how many float32s on each side of a kernel's points
// TestSmoothBackward checks.
const backwardNear = 1 << 12

// TestSmoothBackward checks every smooth backward kernel
// (verify.SmoothBackwards) of every implementation on every N-th float32
// bit pattern x (-backward.stride=N), and on the float32s next to the points
// where its derivative has a zero or changes regime, each with every dy of
// backwardDys, against the bound of verify.CheckBackward, and logs the
// largest error of each implementation, as a fraction of the bound. avx512 must agree with avx2 bit for
// bit.
func TestSmoothBackward(t *testing.T) {
	stride := *backwardStride
	if testing.Short() {
		stride = max(stride, 1<<20)
	}
	sets := exhaustiveSets(t)
	twins := twinSets(sets)
	for _, b := range verify.SmoothBackwards() {
		t.Run(b.Name, func(t *testing.T) {
			xs := backwardInputs(b.Points, stride)
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
				var st forwardStats
				if tw >= 0 {
					if tallyTwins(&st, outs[si], outs[tw], x); st.disagreed > 0 {
						t.Errorf("%s: %d results differ from %s's, the first: %s", sets[si].Name, st.disagreed, sets[tw].Name, st.firstDisagreement)
					}
				}
			}
		})
	}
}

// backwardInputs returns every stride-th float32 bit pattern and the
// backwardNear float32s on each side of each point.
func backwardInputs(points []float32, stride uint64) []float32 {
	var xs []float32
	for b := uint64(0); b < 1<<32; b += stride {
		xs = append(xs, math.Float32frombits(uint32(b)))
	}
	for _, p := range points {
		v := p
		for range backwardNear {
			v = math.Nextafter32(v, float32(math.Inf(-1)))
			xs = append(xs, v)
		}
		v = p
		for range backwardNear {
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
