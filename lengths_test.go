package simdact_test

import (
	"math/rand/v2"
	"testing"

	"github.com/simdact/simdact/internal/impls"
	"github.com/simdact/simdact/internal/testutil"
	"github.com/simdact/simdact/internal/verify"
)

// TestLengths runs every kernel at every length 0..300 and every start
// offset 0..7 of the output (the inputs at other offsets, so operands meet
// at every relative alignment), out of place and in place on each input,
// and checks every result bit, the sentinels around the output, and that
// the inputs of an out-of-place call are unchanged.
func TestLengths(t *testing.T) {
	forEach(t, func(t *testing.T, s impls.Set, k verify.Elementwise) {
		r := rand.New(rand.NewPCG(1, uint64(len(k.Name))))
		for n := 0; n <= 300; n++ {
			for off := range 8 {
				in := make([][]float32, len(k.Inputs))
				for j := range in {
					skip := (off*3 + 1 + j) % 8
					in[j] = testutil.Floats(r, skip+n)[skip:]
				}
				for inPlace := -1; inPlace < len(in); inPlace++ {
					if err := k.Call(s, in, off, inPlace); err != nil {
						t.Fatal(err)
					}
				}
			}
		}
	})
}
