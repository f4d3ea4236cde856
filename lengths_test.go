package simdact_test

import (
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/simdact/simdact/internal/impls"
	"github.com/simdact/simdact/internal/verify"
)

// TestLengths runs every kernel of verify.All() at every length from 0 to
// 300 (every multiple of its row, and at least three rows, for a kernel of
// rows: Softmax, PReLU), at the lengths where its code changes regime
// (verify.Elementwise.Lengths), and at every start offset 0..7 of the
// output (the inputs at other offsets, so operands meet at every relative
// alignment), out of place and in place on each input, on inputs of the
// kinds it must get right (verify.Elementwise.Draw). It checks every
// result against the specification, the sentinels around the output, any
// other output (PReLUBackward's dslope), and that the inputs of an
// out-of-place call are unchanged.
//
// With -short (under emulators in CI), lengths beyond shortAllOffsets
// take one offset each, n%8, and the API, which runs one of the other
// Sets' kernels through its dispatch, takes the lengths of shortAPILengths.
func TestLengths(t *testing.T) {
	forEach(t, func(t *testing.T, s impls.Set, k verify.Elementwise) {
		r := rand.New(rand.NewPCG(1, uint64(len(k.Name))))
		ns := lengths(k)
		if testing.Short() && s.Name == impls.API.Name {
			ns = slices.DeleteFunc(ns, func(n int) bool { return !slices.Contains(shortAPILengths, n/unit(k)) })
		}
		for _, n := range ns {
			for off := range 8 {
				if testing.Short() && n > shortAllOffsets && off != n%8 {
					continue
				}
				in := k.Draw(r, n)
				for j := range in {
					in[j] = placed(in[j], (off*3+1+j)%8)
				}
				if err := callEach(s, k, in, off); err != nil {
					t.Fatal(err)
				}
			}
		}
	})
}

// shortAllOffsets is the longest length that TestLengths runs at every
// offset with -short: two iterations of the widest kernel's main loop (4
// vectors of 16 lanes) past any head, and every residue.
const shortAllOffsets = 160

// shortAPILengths are the lengths (in rows) TestLengths runs the API at
// with -short: below, at and around each vector width and unrolled loop.
var shortAPILengths = []int{0, 1, 2, 3, 4, 5, 7, 8, 9, 15, 16, 17, 31, 32, 33, 63, 64, 65, 100, 300}

// lengths returns the lengths TestLengths runs k at, in increasing order:
// every multiple of its row up to 300, and up to three rows, and
// k.Lengths.
func lengths(k verify.Elementwise) []int {
	var ns []int
	for n := 0; n <= max(300, 3*unit(k)); n += unit(k) {
		ns = append(ns, n)
	}
	ns = append(ns, k.Lengths...)
	slices.Sort(ns)
	return slices.Compact(ns)
}
