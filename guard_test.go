//go:build unix

package simdact_test

import (
	"math/rand/v2"
	"testing"

	"github.com/simdact/simdact/internal/impls"
	"github.com/simdact/simdact/internal/testutil"
	"github.com/simdact/simdact/internal/verify"
)

// TestGuardPages runs every kernel with every operand against an
// inaccessible page, after its end and then before its start, out of place
// and in place: a kernel that reads or writes one element outside its
// slices crashes the test.
func TestGuardPages(t *testing.T) {
	lengths := []int{0, 1, 2, 3, 4, 5, 7, 8, 9, 15, 16, 17, 31, 32, 33, 63, 64, 65, 100, 127, 128, 129, 1000, 1031}
	forEach(t, func(t *testing.T, s impls.Set, k verify.Elementwise) {
		runGuarded(t, s, k, lengths, true)
		runGuarded(t, s, k, lengths, false)
	})
}

// TestPReLUGuardPages runs PReLU and PReLUBackward with every operand,
// slope included, against an inaccessible page.
func TestPReLUGuardPages(t *testing.T) {
	for _, s := range sets(t) {
		for _, l := range verify.Layouts {
			for _, atEnd := range []bool{true, false} {
				slope, free := testutil.Guarded(l.C, atEnd)
				defer free()
				copy(slope, verify.PReLUSlopes(l.C))
				ks := []verify.Elementwise{verify.PReLU(slope, l.Inner), verify.PReLUBackward(slope, l.Inner)}
				for _, k := range ks {
					var lengths []int
					for _, outer := range []int{0, 1, 2, 3, 5, 8} {
						lengths = append(lengths, outer*l.C*l.Inner)
					}
					runGuarded(t, s, k, lengths, atEnd)
				}
			}
		}
	}
}

// runGuarded runs k in s at each of lengths with every operand against an
// inaccessible page, after its end (atEnd) or before its start, out of
// place and in place on the first input.
func runGuarded(t *testing.T, s impls.Set, k verify.Elementwise, lengths []int, atEnd bool) {
	t.Helper()
	r := rand.New(rand.NewPCG(3, 4))
	for _, n := range lengths {
		in := make([][]float32, len(k.Inputs))
		for j := range in {
			var free func()
			in[j], free = testutil.Guarded(n, atEnd)
			defer free()
			testutil.Fill(r, in[j])
		}
		out, free := testutil.Guarded(n, atEnd)
		defer free()
		k.Run(s, out, in)
		checkGuarded(t, s, k, "guarded", out, in)
		copy(out, in[0])
		k.Run(s, out, append([][]float32{out}, in[1:]...))
		checkGuarded(t, s, k, "guarded, in place on "+k.Inputs[0], out, in)
	}
}

// checkGuarded checks out, the result of one guarded call of k in s on the
// inputs in (which the call left unchanged), and the reduction if k has one.
func checkGuarded(t *testing.T, s impls.Set, k verify.Elementwise, call string, out []float32, in [][]float32) {
	t.Helper()
	if err := k.Compare(s.Name, call, out, in); err != nil {
		t.Fatal(err)
	}
	if k.Reduction != nil {
		if err := k.Reduction(in); err != nil {
			t.Fatalf("%s, %s, %s, n=%d: %v", k.Name, s.Name, call, len(out), err)
		}
	}
}
