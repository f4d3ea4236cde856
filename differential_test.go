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

// differentialLengths are the lengths TestDifferential runs a kernel of
// elements at: below, at and around every vector width and unroll, and
// long ones. A kernel of rows runs 1, 3 and 17 rows.
var differentialLengths = []int{1, 3, 4, 7, 8, 9, 15, 16, 17, 31, 33, 64, 100, 257, 1000, 4099}

// TestDifferential runs every implementation this CPU runs against the
// pure-Go twin, impls.Generic, on the same inputs (verify.Elementwise.Draw)
// at several lengths: every kernel of verify.All(), and the row kernels at
// the long rows of softmaxCols too. Where the bits differ, the two must
// agree as the specification says (verify.Elementwise.Differ): the
// piecewise-linear and hard kernels, PReLU's dx and ELUBackwardFromOutput
// never; ELU, ELUBackward and the smooth and row kernels, which may round
// differently, within twice their bound of each other, and exactly where
// the inputs leave no rounding; two NaNs only where the specification
// accepts any NaN for both. avx512 must give avx2's bits (the same
// algorithm at another width), NaNs aside where any NaN is right.
func TestDifferential(t *testing.T) {
	kernels := verify.All()
	for _, k := range verify.SoftmaxKernels() {
		for _, cols := range softmaxCols {
			if !slices.Contains(verify.RowCols, cols) {
				kernels = append(kernels, k.Elementwise(cols))
			}
		}
	}
	all := sets(t)
	avx2 := slices.IndexFunc(all, func(s impls.Set) bool { return s.Name == "avx2" })
	for _, s := range all {
		if s.Name == impls.Generic.Name {
			continue
		}
		r := rand.New(rand.NewPCG(21, 22))
		for _, k := range kernels {
			k = k.Own()
			lengths := differentialLengths
			if unit(k) > 1 {
				lengths = rows(k, 1, 3, 17)
			}
			for _, n := range lengths {
				in := k.Draw(r, n)
				got := runOn(k, s, in)
				if err := k.Differ(got, runOn(k, impls.Generic, in), in); err != nil {
					t.Errorf("%s, n=%d: %s against generic: %v", k.Name, n, s.Name, err)
				}
				if s.Name == "avx512" && avx2 >= 0 {
					if err := k.Same(got, runOn(k, all[avx2], in), in); err != nil {
						t.Errorf("%s, n=%d: avx512 against avx2: %v", k.Name, n, err)
					}
				}
			}
		}
	}
}

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
