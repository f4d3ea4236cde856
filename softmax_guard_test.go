//go:build unix

package simdact_test

import (
	"math/rand/v2"
	"testing"

	"github.com/simdact/simdact/internal/testutil"
	"github.com/simdact/simdact/internal/verify"
)

// TestSoftmaxGuardPages runs every softmax kernel with every operand
// against an inaccessible page, after its end and before its start.
func TestSoftmaxGuardPages(t *testing.T) {
	shapes := [][2]int{{0, 1}, {1, 1}, {3, 1}, {1, 7}, {2, 15}, {1, 16}, {3, 17}, {2, 31}, {1, 33}, {2, 100}, {1, 1031}}
	for _, s := range sets(t) {
		for _, k := range verify.SoftmaxKernels() {
			r := rand.New(rand.NewPCG(7, 8))
			for _, atEnd := range []bool{true, false} {
				for _, sh := range shapes {
					rows, cols := sh[0], sh[1]
					src := rowInputs(r, k, rowKinds[0], rows, cols)
					in := make([][]float32, len(src))
					for j := range in {
						var free func()
						in[j], free = testutil.Guarded(rows*cols, atEnd)
						defer free()
						copy(in[j], src[j])
					}
					out, free := testutil.Guarded(rows*cols, atEnd)
					defer free()
					k.Run(s, out, in, cols)
					if err := checkRows(k, out, src, cols); err != nil {
						t.Fatalf("%s, %s, guarded, cols=%d: %v", k.Name, s.Name, cols, err)
					}
					copy(out, in[0])
					k.Run(s, out, append([][]float32{out}, in[1:]...), cols)
					if err := checkRows(k, out, src, cols); err != nil {
						t.Fatalf("%s, %s, guarded in place, cols=%d: %v", k.Name, s.Name, cols, err)
					}
				}
			}
		}
	}
}
