package simdact_test

import (
	"math/rand/v2"
	"slices"
	"sync"
	"testing"

	"github.com/simdact/simdact/internal/impls"
	"github.com/simdact/simdact/internal/verify"
)

// TestConcurrentCalls calls every kernel of verify.All() through the API
// from several goroutines at once, on shared inputs and outputs of their
// own, and checks that each gets the bits of a call made alone (its other
// output too: PReLUBackward's dslope, which each goroutine has its own of).
// Run under the race detector (CI does), it also proves that calls share no
// state.
func TestConcurrentCalls(t *testing.T) {
	const goroutines, calls = 8, 20
	r := rand.New(rand.NewPCG(9, 9))
	for _, k := range verify.All() {
		n := max(1, 4095/unit(k)) * unit(k) // 63·65: whole rows of the layouts of 7 channels
		in := k.Draw(r, n)
		alone := runOn(k, impls.API, in)
		var extra []float32
		if k.Extra != nil {
			extra = slices.Clone(k.Extra())
		}
		var wg sync.WaitGroup
		for g := range goroutines {
			wg.Add(1)
			go func() {
				defer wg.Done()
				own, out := k.Own(), make([]float32, n)
				for range calls {
					own.Run(impls.API, out, in)
				}
				if !sameBits(out, alone) {
					t.Errorf("%s: goroutine %d got other bits than a call alone", k.Name, g)
				}
				if extra != nil && !sameBits(own.Extra(), extra) {
					t.Errorf("%s: goroutine %d got another second output than a call alone", k.Name, g)
				}
			}()
		}
		wg.Wait()
	}
}
