package simdact_test

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/simdact/simdact/internal/impls"
	"github.com/simdact/simdact/internal/testutil"
)

// sentinel fills the memory around outputs: a signalling NaN that no kernel
// produces from the test inputs.
const sentinel = 0x7fb1b2b3

// pad is the number of sentinels on each side of an output.
const pad = 16

// TestLengths runs every kernel at every length 0..300 and every start
// offset 0..7 of the output (the inputs at other offsets, so operands meet
// at every relative alignment), out of place and in place on each input,
// and checks every result bit, the sentinels around the output, and that
// the inputs of an out-of-place call are unchanged.
func TestLengths(t *testing.T) {
	forEach(t, func(t *testing.T, s impls.Set, k kernel) {
		r := rand.New(rand.NewPCG(1, uint64(len(k.name))))
		for n := 0; n <= 300; n++ {
			for off := range 8 {
				in := make([][]float32, len(k.inputs))
				for j := range in {
					in[j] = testutil.Floats(r, (off*3+1+j)%8+n)[(off*3+1+j)%8:]
				}
				originals := make([][]float32, len(in))
				for j := range in {
					originals[j] = slices.Clone(in[j])
				}

				buf := sentinels(pad + off + n + pad)
				out := buf[pad+off : pad+off+n]
				k.run(s, out, in)
				checkCall(t, k, "out of place", buf, out, originals)
				for j := range in {
					if !slices.EqualFunc(in[j], originals[j], func(a, b float32) bool { return math.Float32bits(a) == math.Float32bits(b) }) {
						t.Fatalf("n=%d: input %s changed", n, k.inputs[j])
					}
				}

				for j := range in {
					buf := sentinels(pad + off + n + pad)
					out := buf[pad+off : pad+off+n]
					copy(out, originals[j])
					aliased := slices.Clone(in)
					aliased[j] = out
					k.run(s, out, aliased)
					checkCall(t, k, "in place on "+k.inputs[j], buf, out, originals)
				}
			}
		}
	})
}

// checkCall checks the results in out, which lies inside buf, and the
// sentinels in the rest of buf.
func checkCall(t *testing.T, k kernel, what string, buf, out []float32, in [][]float32) {
	t.Helper()
	check(t, k, what, out, in)
	start := len(buf) - cap(out)
	for i, v := range buf {
		if (i < start || i >= start+len(out)) && math.Float32bits(v) != sentinel {
			t.Fatalf("%s, n=%d: wrote %s at %d outside the output [%d, %d)", what, len(out), testutil.Format(v), i, start, start+len(out))
		}
	}
}

func sentinels(n int) []float32 {
	buf := make([]float32, n)
	for i := range buf {
		buf[i] = math.Float32frombits(sentinel)
	}
	return buf
}
