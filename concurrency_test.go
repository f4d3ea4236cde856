package simdact_test

import (
	"math"
	"math/rand/v2"
	"slices"
	"sync"
	"testing"

	"github.com/simdact/simdact/internal/impls"
	"github.com/simdact/simdact/internal/testutil"
	"github.com/simdact/simdact/internal/verify"
)

// TestConcurrentCalls calls every kernel of the API from several goroutines
// at once, on shared inputs and outputs of their own, and checks that each
// gets the bits of a call made alone. Run under the race detector (CI does),
// it also proves that calls share no state.
func TestConcurrentCalls(t *testing.T) {
	const goroutines, n = 8, 63 * 65 // whole rows of the PReLU layouts
	r := rand.New(rand.NewPCG(9, 9))
	in := [][]float32{testutil.Floats(r, n), testutil.Floats(r, n)}
	kernels := verify.Linear()
	kernels = append(kernels, verify.ELUKernels()...)
	slope := verify.PReLUSlopes(7)
	kernels = append(kernels, verify.PReLU(slope, 1), verify.PReLU(slope, 9))
	for _, k := range kernels {
		args := in[:len(k.Inputs)]
		alone := make([]float32, n)
		k.Run(impls.API, alone, args)
		var wg sync.WaitGroup
		outs := make([][]float32, goroutines)
		for g := range outs {
			outs[g] = make([]float32, n)
			wg.Go(func() {
				for range 20 {
					k.Run(impls.API, outs[g], args)
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

	// PReLUBackward, whose dslope is an output of each call's own.
	dx, dslope := make([]float32, n), make([]float32, len(slope))
	impls.API.PReLUBackward(dx, dslope, in[0], in[1], slope, 1)
	var wg sync.WaitGroup
	for g := range goroutines {
		wg.Go(func() {
			gdx, gslope := make([]float32, n), make([]float32, len(slope))
			for range 20 {
				impls.API.PReLUBackward(gdx, gslope, in[0], in[1], slope, 1)
			}
			if !sameBits(gdx, dx) || !sameBits(gslope, dslope) {
				t.Errorf("PReLUBackward: goroutine %d got other bits than a call alone", g)
			}
		})
	}
	wg.Wait()
}

func sameBits(a, b []float32) bool {
	return slices.EqualFunc(a, b, func(x, y float32) bool { return math.Float32bits(x) == math.Float32bits(y) })
}
