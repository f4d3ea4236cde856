package simdact_test

import (
	"flag"
	"math"
	"strings"
	"testing"

	"github.com/simdact/simdact"
	"github.com/simdact/simdact/internal/impls"
	"github.com/simdact/simdact/internal/verify"
)

var tanhSweepStride = flag.Uint64("tanhsweep", 65537,
	"TestTanhSweep checks the tanh family at every N-th float32 bit pattern (1: all 2^32)")

// tanhSweepSets returns the implementations this CPU runs, less the
// streaming variants (the same arithmetic as their ISA's).
func tanhSweepSets() []impls.Set {
	var sets []impls.Set
	for _, s := range impls.All() {
		if s.Runs && !strings.HasSuffix(s.Name, "-stream") {
			sets = append(sets, s)
		}
	}
	return sets
}

// sweepInputs calls f with chunks of every stride-th float32 bit pattern.
func sweepInputs(stride uint64, f func(x []float32)) {
	x := make([]float32, 0, 4096)
	for b := uint64(0); b < 1<<32; b += stride {
		x = append(x, math.Float32frombits(uint32(b)))
		if len(x) == cap(x) {
			f(x)
			x = x[:0]
		}
	}
	f(x)
}

// TestTanhSweep runs the forward kernels of the tanh family on every N-th
// float32 (-tanhsweep=N), and the backward kernels there with a few dy,
// checks every result against the specification, logs the largest error of
// each implementation and where it occurs, and checks that avx512 and avx2
// agree bit for bit.
func TestTanhSweep(t *testing.T) {
	stride := *tanhSweepStride
	sets := tanhSweepSets()
	for _, f := range verify.TanhForwards() {
		worst := make([]uint64, len(sets))
		at := make([]float32, len(sets))
		outs := make([][]float32, len(sets))
		sweepInputs(stride, func(x []float32) {
			for i, s := range sets {
				outs[i] = append(outs[i][:0], x...)
				f.Run(s, outs[i], x)
			}
			for j, v := range x {
				ref := f.Ref(v)
				for i, s := range sets {
					want, ulps, ok := f.Check(outs[i][j], v, ref)
					if !ok {
						t.Errorf("%s %s(%g (%#x)) = %g (%#x), want %g", s.Name, f.Name, v, math.Float32bits(v), outs[i][j], math.Float32bits(outs[i][j]), want)
					}
					if ulps > worst[i] || ulps == worst[i] && math.Abs(float64(v)) < math.Abs(float64(at[i])) {
						worst[i], at[i] = ulps, v
					}
				}
			}
			compareTwins(t, f.Name, sets, outs, x)
		})
		for i, s := range sets {
			t.Logf("%-8s %-16s %d ulp at x=%g", s.Name, f.Name, worst[i], at[i])
		}
	}
	for _, b := range verify.TanhBackwards() {
		for _, dy := range []float32{1, -0.75, 3e-39, 1e30} {
			worst, relative := make([]float64, len(sets)), make([]float64, len(sets))
			at, relAt := make([]float32, len(sets)), make([]float32, len(sets))
			outs := make([][]float32, len(sets))
			dys := make([]float32, 4096)
			for i := range dys {
				dys[i] = dy
			}
			sweepInputs(stride, func(v []float32) {
				for i, s := range sets {
					outs[i] = append(outs[i][:0], v...)
					b.Run(s, outs[i], dys[:len(v)], v)
				}
				for j, x := range v {
					for i, s := range sets {
						want, err, ok := b.Check(outs[i][j], dy, x)
						if !ok {
							t.Errorf("%s %s(dy=%g, %g (%#x)) = %g (%#x), want %g", s.Name, b.Name, dy, x, math.Float32bits(x), outs[i][j], math.Float32bits(outs[i][j]), want)
						}
						if math.IsInf(err, 0) || math.IsNaN(float64(outs[i][j])) {
							continue
						}
						if err <= verify.BackwardMaxULP {
							if err > worst[i] {
								worst[i], at[i] = err, x
							}
						} else if ref, m := b.Ref(dy, x); m > 0 {
							// Allowed near a zero of the derivative: within BackwardRelative·m.
							if r := math.Abs(float64(outs[i][j])-ref) / (verify.BackwardRelative * m); r > relative[i] {
								relative[i], relAt[i] = r, x
							}
						}
					}
				}
				compareTwins(t, b.Name, sets, outs, v)
			})
			for i, s := range sets {
				t.Logf("%-8s %-16s dy=%-7g %g ulp at %s=%g; beyond %d ulp, %.3f of 2^-21·|dy|·M at %s=%g",
					s.Name, b.Name, dy, worst[i], b.Inputs[1], at[i], verify.BackwardMaxULP, relative[i], b.Inputs[1], relAt[i])
			}
		}
	}
}

// compareTwins reports the results where avx512 and avx2 differ.
func compareTwins(t *testing.T, name string, sets []impls.Set, outs [][]float32, x []float32) {
	t.Helper()
	for i, s := range sets {
		for k, o := range sets {
			if s.Name != "avx512" || o.Name != "avx2" {
				continue
			}
			for j := range x {
				if math.Float32bits(outs[i][j]) != math.Float32bits(outs[k][j]) {
					t.Errorf("%s at %g: avx512 gives %#x, avx2 %#x", name, x[j], math.Float32bits(outs[i][j]), math.Float32bits(outs[k][j]))
				}
			}
		}
	}
}

// TestTanhNoAllocations checks that no call of the tanh family allocates, at
// a size that streams and one that does not, in every implementation.
func TestTanhNoAllocations(t *testing.T) {
	for _, n := range []int{100, 1 << 20} {
		x, dy, out := make([]float32, n), make([]float32, n), make([]float32, n)
		calls := map[string]func(){
			"Tanh":             func() { simdact.Tanh(out, x) },
			"TanhBackward":     func() { simdact.TanhBackward(out, dy, x) },
			"GELUTanh":         func() { simdact.GELUTanh(out, x) },
			"GELUTanhBackward": func() { simdact.GELUTanhBackward(out, dy, x) },
		}
		for _, s := range tanhSweepSets() {
			calls[s.Name+"/Tanh"] = func() { s.Tanh(out, x) }
			calls[s.Name+"/TanhBackward"] = func() { s.TanhBackward(out, dy, x) }
			calls[s.Name+"/GELUTanh"] = func() { s.GELUTanh(out, x) }
			calls[s.Name+"/GELUTanhBackward"] = func() { s.GELUTanhBackward(out, dy, x) }
		}
		for name, call := range calls {
			if allocs := testing.AllocsPerRun(5, call); allocs != 0 {
				t.Errorf("%s(n=%d): %v allocations a call", name, n, allocs)
			}
		}
	}
}
