package simdact_test

import (
	"bufio"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"flag"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"runtime"
	"slices"
	"strings"
	"testing"

	"github.com/simdact/simdact/internal/impls"
	"github.com/simdact/simdact/internal/testutil"
	"github.com/simdact/simdact/internal/verify"
)

// differentialLengths are the lengths TestDifferential runs: below, at and
// around every vector width and unroll, and long ones.
var differentialLengths = []int{1, 3, 4, 7, 8, 9, 15, 16, 17, 31, 33, 64, 100, 257, 1000, 4099}

// TestDifferential runs every implementation this CPU runs against the
// pure-Go twin, impls.Generic, on the same random inputs at several
// lengths. The piecewise-linear kernels (PReLU's dx included) and
// ELUBackwardFromOutput must agree bit for bit; ELU and ELUBackward, which
// may round differently, within twice the specification's bound of each
// other, and exactly where the inputs leave no rounding (see eluAgree). Two
// NaNs that differ are accepted only where the specification accepts any
// NaN for both.
func TestDifferential(t *testing.T) {
	exact := append(verify.Linear(), verify.ELUKernels()...)
	exact = slices.DeleteFunc(exact, func(k verify.Elementwise) bool { return !isExactKernel(k) })
	var near []verify.Elementwise
	for _, alpha := range verify.ELUAlphas {
		near = append(near, verify.ELU(alpha), verify.ELUBackward(alpha))
	}
	for _, s := range sets(t) {
		if s.Name == impls.Generic.Name {
			continue
		}
		r := rand.New(rand.NewPCG(21, 22))
		for _, n := range differentialLengths {
			for _, k := range exact {
				in := randomInputs(r, k, n)
				got, want := runOn(k, s, in), runOn(k, impls.Generic, in)
				if err := differ(k, s, n, got, want, in, nil); err != "" {
					t.Error(err)
				}
			}
			for _, k := range near {
				in := randomInputs(r, k, n)
				got, want := runOn(k, s, in), runOn(k, impls.Generic, in)
				if err := differ(k, s, n, got, want, in, eluAgree(k)); err != "" {
					t.Error(err)
				}
			}
		}
		for _, l := range []verify.Layout{{C: 3, Inner: 1}, {C: 7, Inner: 5}, {C: 2, Inner: 49}, {C: 64, Inner: 1}} {
			for _, outer := range []int{1, 3, 17} {
				n := outer * l.C * l.Inner
				for _, k := range preluKernels(l) {
					in := randomInputs(r, k, n)
					got, want := runOn(k, s, in), runOn(k, impls.Generic, in)
					if err := differ(k, s, n, got, want, in, nil); err != "" {
						t.Error(err)
					}
				}
			}
		}
	}
}

// isExactKernel reports whether every implementation must compute k bit
// for bit alike: all but ELU and ELUBackward.
func isExactKernel(k verify.Elementwise) bool {
	return !strings.HasPrefix(k.Name, "ELU/") && !strings.HasPrefix(k.Name, "ELUBackward/")
}

func randomInputs(r *rand.Rand, k verify.Elementwise, n int) [][]float32 {
	in := make([][]float32, len(k.Inputs))
	for j := range in {
		in[j] = testutil.Floats(r, n)
	}
	return in
}

// runOn runs k in s out of place and returns its output.
func runOn(k verify.Elementwise, s impls.Set, in [][]float32) []float32 {
	out := make([]float32, len(in[0]))
	k.Run(s, out, in)
	return out
}

// An agreement reports whether a and b, two implementations' results for
// the inputs in, agree although their bits differ.
type agreement func(a, b float32, in []float32) bool

// differ returns a description of the first element where got, s's output,
// and want, generic's, disagree: they must have the same bits, or agree
// (if agree is set), or be NaNs where the specification accepts either.
func differ(k verify.Elementwise, s impls.Set, n int, got, want []float32, in [][]float32, agree agreement) string {
	values := make([]float32, len(in))
	for i := range got {
		if math.Float32bits(got[i]) == math.Float32bits(want[i]) {
			continue
		}
		for j := range in {
			values[j] = in[j][i]
		}
		if got[i] != got[i] && want[i] != want[i] {
			_, okGot := k.Check(i, got[i], values)
			_, okWant := k.Check(i, want[i], values)
			if okGot && okWant {
				continue
			}
		} else if agree != nil && agree(got[i], want[i], values) {
			continue
		}
		parts := make([]string, len(values))
		for j, v := range values {
			parts[j] = k.Inputs[j] + "=" + testutil.Format(v)
		}
		return fmt.Sprintf("%s, n=%d, element %d: %s: %s gives %s, generic %s", k.Name, n, i, strings.Join(parts, ", "),
			s.Name, testutil.Format(got[i]), testutil.Format(want[i]))
	}
	return ""
}

// eluAgree returns the agreement of two results of k, ELU or ELUBackward:
// none where the inputs leave no rounding (there they must have the same
// bits), else within twice the specification's bound of each other.
func eluAgree(k verify.Elementwise) agreement {
	alphaOf := func(name string) float32 {
		var v float64
		fmt.Sscan(name[strings.Index(name, "alpha=")+len("alpha="):], &v)
		return float32(v)
	}
	alpha := alphaOf(k.Name)
	if math.IsNaN(float64(alpha)) || math.IsInf(float64(alpha), 0) || alpha == 0 {
		return nil
	}
	if strings.HasPrefix(k.Name, "ELU/") {
		bound := uint64(2 * verify.ELUMaxULPAnyAlpha)
		if alpha == 1 {
			bound = 2 * verify.ELUMaxULP
		}
		return func(a, b float32, in []float32) bool {
			x := in[0]
			if e := float32(math.Expm1(float64(x))); !(x <= 0) || math.IsInf(float64(x), 0) || x == 0 || e == x || e == -1 {
				return false
			}
			return a == a && b == b && verify.ULPs(a, b) <= bound && math.Signbit(float64(a)) == math.Signbit(float64(b))
		}
	}
	return func(a, b float32, in []float32) bool {
		dy, x := in[0], in[1]
		if !(x <= 0) || x <= verify.ExpZeroBelow || dy != dy || dy == 0 || math.IsInf(float64(dy), 0) || a != a || b != b {
			return false
		}
		if p := math.Abs(float64(dy) * float64(alpha)); x == 0 && p >= 0x1p-126 && p <= math.MaxFloat32 {
			return false // exp(±0) = 1: dy·alpha, rounded once where it is a normal float32
		}
		if x < minNormalExp { // exp(x) is subnormal: an absolute bound
			return math.Abs(float64(a)-float64(b)) <= 2*(math.Abs(float64(dy)*float64(alpha))+1)*0x1p-149
		}
		return verify.ULPs(a, b) <= 2*verify.ELUBackwardMaxULP && math.Signbit(float64(a)) == math.Signbit(float64(b))
	}
}

// minNormalExp is ln(2^-126) rounded up to float32: below it exp(x) is a
// subnormal float32.
const minNormalExp = float32(-87.33654)

var updateELUSample = flag.Bool("update-elu-sample", false,
	"TestELUSample rewrites "+eluSampleFile+" from avx2's outputs (amd64 with AVX2 only)")

const eluSampleFile = "testdata/elu-avx2-sample.txt"

// An eluSeries is one kernel and its parameters, run over the sample.
type eluSeries struct {
	name     string
	backward bool
	alpha    float32
	hashedDY bool // dy a fixed scramble of every bit pattern, else 1
}

func eluSampleSeries() []eluSeries {
	var ss []eluSeries
	for _, alpha := range []float32{1, 0.5, 2, 10} {
		ss = append(ss, eluSeries{name: "ELU/alpha=" + verify.Format(alpha), alpha: alpha})
	}
	for _, alpha := range []float32{1, 0.5, 2, 10} {
		ss = append(ss, eluSeries{name: "ELUBackward/alpha=" + verify.Format(alpha) + "/dy=1", backward: true, alpha: alpha})
		ss = append(ss, eluSeries{name: "ELUBackward/alpha=" + verify.Format(alpha) + "/dy=scrambled", backward: true, alpha: alpha, hashedDY: true})
	}
	return ss
}

// eluSample returns the sample x, every 65537th float32 bit pattern (every
// sign, exponent and high mantissa), and the scrambled dy paired with it.
func eluSample() (x, dy []float32) {
	const n = 1 << 16
	x, dy = make([]float32, n), make([]float32, n)
	for i := range x {
		x[i] = math.Float32frombits(uint32(i) * 65537)
		dy[i] = math.Float32frombits(uint32(i) * 2654435761)
	}
	return x, dy
}

// run computes the series in s over the sample.
func (e eluSeries) run(s impls.Set, x, dy []float32) []float32 {
	out := make([]float32, len(x))
	switch {
	case !e.backward:
		s.ELU(out, x, e.alpha)
	case e.hashedDY:
		s.ELUBackward(out, dy, x, e.alpha)
	default:
		ones := make([]float32, len(x))
		for i := range ones {
			ones[i] = 1
		}
		s.ELUBackward(out, ones, x, e.alpha)
	}
	return out
}

// hash is the SHA-256 of out's bits, little-endian, with ELUBackward's
// NaNs where x is NaN made one (the specification accepts any NaN there,
// and NEON gives its default NaN where dy is -Inf).
func (e eluSeries) hash(out, x []float32) string {
	h := sha256.New()
	var b [4]byte
	for i, v := range out {
		bits := math.Float32bits(v)
		if e.backward && x[i] != x[i] && v != v {
			bits = 0x7fc00000
		}
		binary.LittleEndian.PutUint32(b[:], bits)
		h.Write(b[:])
	}
	return hex.EncodeToString(h.Sum(nil))
}

// TestELUSample checks that ELU (alphas 1, 0.5, 2, 10) and ELUBackward
// (the same alphas, dy = 1 and scrambled) give avx2's results, bit for bit,
// on a fixed sample of 65536 inputs, in every implementation that this CPU
// runs but generic (which may round differently, also as the API selects it): on arm64, NEON against
// AVX2's recorded outputs. testdata/elu-avx2-sample.txt holds a SHA-256 of
// each series; go test -run TestELUSample -update-elu-sample . rewrites it
// on amd64 with AVX2. On a mismatch it lists where the implementation
// differs from generic, which computes the same float32 exp.
func TestELUSample(t *testing.T) {
	x, dy := eluSample()
	series := eluSampleSeries()
	if *updateELUSample {
		i := slices.IndexFunc(impls.All(), func(s impls.Set) bool { return s.Name == "avx2" && s.Runs })
		if i < 0 {
			t.Fatal("-update-elu-sample needs amd64 with AVX2")
		}
		avx2 := impls.All()[i]
		var b strings.Builder
		b.WriteString("# SHA-256 of avx2's output bits (little-endian) over TestELUSample's sample; regenerate with\n")
		b.WriteString("# go test -run TestELUSample -update-elu-sample . (amd64 with AVX2)\n")
		for _, e := range series {
			fmt.Fprintf(&b, "%s %s\n", e.name, e.hash(e.run(avx2, x, dy), x))
		}
		if err := os.WriteFile(eluSampleFile, []byte(b.String()), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want := readELUSample(t)
	for _, e := range series {
		if _, ok := want[e.name]; !ok {
			t.Fatalf("%s lacks %s: regenerate it with -update-elu-sample", eluSampleFile, e.name)
		}
	}
	var compared []string
	for _, s := range sets(t) {
		if s.ISA == impls.Generic.ISA { // generic, and the API where it selects generic
			continue
		}
		compared = append(compared, s.Name)
		for _, e := range series {
			got := e.run(s, x, dy)
			if e.hash(got, x) == want[e.name] {
				continue
			}
			generic := e.run(impls.Generic, x, dy)
			var diffs []string
			count := 0
			for i := range got {
				if math.Float32bits(got[i]) != math.Float32bits(generic[i]) && !(e.backward && x[i] != x[i] && got[i] != got[i] && generic[i] != generic[i]) {
					if count++; count <= 5 {
						at := "x=" + testutil.Format(x[i])
						if e.hashedDY {
							at += " dy=" + testutil.Format(dy[i])
						}
						diffs = append(diffs, fmt.Sprintf("%s: %s, generic %s", at, testutil.Format(got[i]), testutil.Format(generic[i])))
					}
				}
			}
			t.Errorf("%s, %s: the outputs differ from avx2's on %s; %d differ from generic's:\n\t%s", s.Name, e.name, runtime.GOARCH,
				count, strings.Join(diffs, "\n\t"))
		}
	}
	if len(compared) == 0 {
		t.Log("no assembly implementation runs here: nothing to compare")
		return
	}
	t.Logf("compared with avx2's outputs on %s: %s", runtime.GOARCH, strings.Join(compared, ", "))
}

func readELUSample(t *testing.T) map[string]string {
	t.Helper()
	f, err := os.Open(eluSampleFile)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	want := map[string]string{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		name, sum, ok := strings.Cut(line, " ")
		if !ok {
			t.Fatalf("%s: malformed line %q", eluSampleFile, line)
		}
		want[name] = sum
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return want
}
