package simdact_test

import (
	"math/rand/v2"
	"sync"
	"testing"

	"github.com/simdact/simdact/internal/impls"
	"github.com/simdact/simdact/internal/verify"
)

// TestSoftmaxConcurrentCalls calls every softmax kernel of the API from
// several goroutines at once, on shared inputs and outputs of their own,
// and checks that each gets the bits of a call made alone.
func TestSoftmaxConcurrentCalls(t *testing.T) {
	const goroutines, cols, rows = 8, 67, 31
	r := rand.New(rand.NewPCG(10, 10))
	for _, k := range verify.SoftmaxKernels() {
		in := rowInputs(r, k, rowKinds[0], rows, cols)
		alone := make([]float32, rows*cols)
		k.Run(impls.API, alone, in, cols)
		outs := make([][]float32, goroutines)
		var wg sync.WaitGroup
		for g := range outs {
			outs[g] = make([]float32, rows*cols)
			wg.Go(func() {
				for range 20 {
					k.Run(impls.API, outs[g], in, cols)
				}
			})
		}
		wg.Wait()
		for g, out := range outs {
			if !sameBits(out, alone) {
				t.Errorf("%s: goroutine %d got other bits than a call alone", k.Name, g)
			}
		}
	}
}
