package simdact_test

import (
	"fmt"
	"math"
	"math/rand/v2"
	"strings"
	"sync"
	"testing"

	"github.com/simdact/simdact"
	"github.com/simdact/simdact/internal/impls"
	"github.com/simdact/simdact/internal/testutil"
	"github.com/simdact/simdact/internal/verify"
)

// hardSweepStride is TestHardSweep's stride through the float32 bit
// patterns without -exhaustive: 65537 patterns, every class and binade.
const hardSweepStride = 65537

// TestHardSweep runs every hard kernel of verify.HardKernels in every
// implementation on every N-th float32 bit pattern x (every 65537th by
// default, all 2^32 with -exhaustive=1; see hardSweep for dy), and
// requires the specification's bits everywhere.
// It also checks that HardSwish is within an ulp of x from x = 3 up, as its
// documentation says.
func TestHardSweep(t *testing.T) {
	stride := *exhaustiveStride
	if stride == 0 {
		stride = hardSweepStride
	}
	var runs []impls.Set
	for _, s := range sets(t) {
		if stride == hardSweepStride || !strings.HasSuffix(s.Name, "-stream") && s.Name != "api" {
			runs = append(runs, s) // a finer run skips the variants of the same arithmetic
		}
	}
	for _, k := range verify.HardKernels() {
		t.Run(k.Name, func(t *testing.T) {
			if err := hardSweep(k, runs, stride); err != nil {
				t.Fatal(err)
			}
		})
	}
	t.Logf("%d kernels, %d implementations, every %d-th float32: every result has the specification's bits",
		len(verify.HardKernels()), len(runs), stride)
}

// hardSweep checks k in every Set of sets on the x of every stride-th bit
// pattern, in chunks spread over the CPUs, and returns the first mismatch.
// A backward kernel runs twice on each chunk: with dy = 1, so that its
// factor is compared bit for bit on every x, and with dy of every class.
func hardSweep(k verify.Elementwise, sets []impls.Set, stride uint64) error {
	total := (uint64(1)<<32 + stride - 1) / stride
	var first error
	var once sync.Once
	sweep(total,
		func() [][]float32 {
			in := make([][]float32, len(k.Inputs))
			for j := range in {
				in[j] = make([]float32, sweepChunk)
			}
			return in
		},
		func(in [][]float32, start, end uint64) bool {
			n := int(end - start)
			x := in[len(in)-1][:n]
			for i := range x {
				x[i] = math.Float32frombits(uint32((start + uint64(i)) * stride))
			}
			for pass := range len(in) {
				if pass == 1 {
					testutil.Fill(rand.New(rand.NewPCG(start, stride)), in[0][:n])
				} else if len(in) == 2 {
					for i := range n {
						in[0][i] = 1
					}
				}
				if err := hardCompare(k, sets, in, n); err != nil {
					once.Do(func() { first = err })
					return false
				}
			}
			return true
		},
		func([][]float32) {})
	return first
}

// hardCompare runs k in every Set of sets on the first n elements of the
// inputs in, and returns the first result without the specification's bits.
func hardCompare(k verify.Elementwise, sets []impls.Set, in [][]float32, n int) error {
	args := make([][]float32, len(in))
	for j := range in {
		args[j] = in[j][:n]
	}
	values := make([]float32, len(in))
	want, got := make([]float32, n), make([]float32, n)
	for i := range want {
		for j := range in {
			values[j] = in[j][i]
		}
		want[i], _ = k.Check(i, 0, values)
	}
	for _, s := range sets {
		k.Run(s, got, args)
		for i := range got {
			if math.Float32bits(got[i]) != math.Float32bits(want[i]) {
				for j := range in {
					values[j] = in[j][i]
				}
				return fmt.Errorf("%s, %s: inputs %v: got %s, want %s", k.Name, s.Name,
					values, testutil.Format(got[i]), testutil.Format(want[i]))
			}
		}
	}
	return nil
}

// TestHardSubnormal runs HardSigmoid, HardSwish and HardSwishBackward in
// every implementation on every x of magnitude below 2^-120, subnormals
// and ±0 included, where HardSwish's quotient is subnormal (and the amd64
// kernels' division takes its rare branch).
func TestHardSubnormal(t *testing.T) {
	const chunk = 1 << 16
	limit := math.Float32bits(0x1p-120)
	step := uint32(1) // every x, or with -short every 61st (ties included)
	if testing.Short() {
		step = 61
	}
	in := [][]float32{make([]float32, chunk), make([]float32, chunk)}
	for _, k := range []verify.Elementwise{verify.HardSigmoid, verify.HardSwish, verify.HardSwishBackward} {
		for _, sign := range []uint32{0, 1 << 31} {
			for start := uint32(0); start < limit/step; start += chunk {
				n := int(min(chunk, limit/step-start))
				for i := range n {
					in[0][i] = 1 // dy
					in[1][i] = math.Float32frombits(sign | (start+uint32(i))*step%limit)
				}
				if err := hardCompare(k, sets(t), in[2-len(k.Inputs):], n); err != nil {
					t.Fatal(err)
				}
			}
		}
	}
}

// TestHardDivision proves that the amd64 kernels' division without a
// divide instruction (package hard32) is correctly rounded for every
// float32 t whose quotient by 6 or by 3 is normal, in every implementation,
// by checking one representative of every significand. Each step of the
// division (q0 = t·r, e = q0·d - t, q = q0 - e·r) scales exactly with t
// by a power of 2 while q0 and q are normal (e, a multiple of t's ulp, is
// exact even where subnormal, and no step overflows where q does not), so
// one binade of t, and -t by symmetry, stands for all:
//
//   - HardSigmoid on x = t - 3 for the 2^23 t in [2, 4): the quotients t/6;
//   - HardSwishBackward with dy = 1 on every x in [-3, -1.5]: x/3 + 0.5 is
//     exact there (Sterbenz), so the factor shows x/3 itself, for the
//     significands [1, 1.5) of the binade [-4, -2) and [1.5, 2) of [-2, -1).
//
// Subnormal quotients of HardSwish go through VDIVPS (TestHardSubnormal),
// and ±Inf and NaN through TestHardSweep and the golden tests.
func TestHardDivision(t *testing.T) {
	var sigmoid, swish [][]float32
	x := make([]float32, 0, 1<<23)
	for k := range 1 << 23 {
		x = append(x, float32(2+float64(k)*0x1p-22)-3) // exact
	}
	sigmoid = [][]float32{x}
	var xs, dy []float32
	for b := math.Float32bits(-1.5); b <= math.Float32bits(-3); b++ {
		xs, dy = append(xs, math.Float32frombits(b)), append(dy, 1)
	}
	swish = [][]float32{dy, xs}
	if len(xs) != 1<<23+1 {
		t.Fatalf("%d x in [-3, -1.5], want 2^23+1", len(xs))
	}
	for _, c := range []struct {
		k  verify.Elementwise
		in [][]float32
	}{{verify.HardSigmoid, sigmoid}, {verify.HardSwishBackward, swish}} {
		if err := hardCompare(c.k, sets(t), c.in, len(c.in[0])); err != nil {
			t.Fatal(err)
		}
	}
}

// TestHardSwishLarge checks the claim of HardSwish's documentation that
// from x = 3 up, x·6/6 rounded twice is within an ulp of x, on every
// float32 from 3 to +Inf, in the pure-Go kernel (TestHardSweep checks that
// every implementation gives its bits).
func TestHardSwishLarge(t *testing.T) {
	if testing.Short() {
		t.Skip("every float32 from 3 up: not with -short")
	}
	const chunk = 1 << 16
	x, y := make([]float32, chunk), make([]float32, chunk)
	worst, at := int64(0), float32(0)
	first, last := math.Float32bits(3), math.Float32bits(float32(math.Inf(1)))
	for start := first; start < last; start += chunk {
		n := min(chunk, last-start)
		for i := range n {
			x[i] = math.Float32frombits(start + i)
		}
		simdact.HardSwish(y[:n], x[:n])
		for i, v := range y[:n] {
			d := int64(math.Float32bits(v)) - int64(math.Float32bits(x[i]))
			if math.IsInf(float64(v), 1) {
				if x[i] <= math.MaxFloat32/6 {
					t.Fatalf("HardSwish(%v) = +Inf", x[i])
				}
				continue
			}
			if d = max(d, -d); d > worst {
				worst, at = d, x[i]
			}
		}
	}
	if worst > 1 {
		t.Fatalf("HardSwish(%v) is %d ulp from x", at, worst)
	}
	t.Logf("HardSwish(x) within %d ulp of x from 3 up (first at x = %v)", worst, at)
}
