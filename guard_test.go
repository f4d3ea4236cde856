//go:build unix

package simdact_test

import (
	"math/rand/v2"
	"testing"

	"github.com/simdact/simdact/internal/impls"
	"github.com/simdact/simdact/internal/testutil"
	"github.com/simdact/simdact/internal/verify"
)

// guardLengths are the lengths TestGuardPages runs a kernel of elements
// at: below, at and around every vector width and unrolling, and long.
var guardLengths = []int{0, 1, 2, 3, 4, 5, 7, 8, 9, 15, 16, 17, 31, 32, 33, 63, 64, 65, 100, 127, 128, 129, 1000, 1031}

// TestGuardPages runs every kernel of verify.All() with every operand,
// slices among its parameters included (PReLU's slope), against an
// inaccessible page, after its end and then before its start, out of place
// and in place: a kernel that reads or writes one element outside its
// slices crashes the test. A kernel of rows runs 0, 1, 2, 3, 5 and 8
// rows.
func TestGuardPages(t *testing.T) {
	forEach(t, func(t *testing.T, s impls.Set, k verify.Elementwise) {
		lengths := guardLengths
		if unit(k) > 1 {
			lengths = rows(k, 0, 1, 2, 3, 5, 8)
		}
		for _, atEnd := range []bool{true, false} {
			guarded := k
			if k.With != nil {
				params := make([][]float32, len(k.Slices))
				for i, p := range k.Slices {
					var free func()
					params[i], free = testutil.Guarded(len(p), atEnd)
					defer free()
					copy(params[i], p)
				}
				guarded = k.With(params)
			}
			runGuarded(t, s, guarded, lengths, atEnd)
		}
	})
}

// runGuarded runs k in s at each of lengths with every operand against an
// inaccessible page, after its end (atEnd) or before its start, out of
// place and in place on the first input, and checks each result.
func runGuarded(t *testing.T, s impls.Set, k verify.Elementwise, lengths []int, atEnd bool) {
	t.Helper()
	r := rand.New(rand.NewPCG(3, 4))
	for _, n := range lengths {
		src := k.Draw(r, n)
		in := make([][]float32, len(src))
		for j := range in {
			var free func()
			in[j], free = testutil.Guarded(n, atEnd)
			defer free()
			copy(in[j], src[j])
		}
		out, free := testutil.Guarded(n, atEnd)
		defer free()
		k.Run(s, out, in)
		checkGuarded(t, s, k, "guarded", out, src)
		copy(out, in[0])
		k.Run(s, out, append([][]float32{out}, in[1:]...))
		checkGuarded(t, s, k, "guarded, in place on "+k.Inputs[0], out, src)
	}
}

// checkGuarded checks out, the result of one guarded call of k in s on the
// inputs in, and the other output if k has one.
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
