package simdact_test

import (
	"testing"

	"github.com/simdact/simdact/internal/cpu"
	"github.com/simdact/simdact/internal/impls"
	"github.com/simdact/simdact/internal/verify"
)

// maxStreamingBytes caps the size of a call TestNoAllocations makes to reach
// the streaming stores through the API: where the threshold lies above it
// (a huge last-level cache), the "-stream" Sets alone reach them.
const maxStreamingBytes = 256 << 20

// TestNoAllocations checks that no call allocates: every kernel of
// verify.All() in every implementation this CPU runs and the API, at a
// size that does not stream (the "-stream" Sets, which stream at every
// size, reach the streaming stores there), and in the API at the size
// from which the assembly streams its stores, cpu.StreamBytes of inputs
// and output, which takes the path users reach: every kernel of rows
// (each row length and PReLU layout takes code of its own) and the first
// setting of every other function.
func TestNoAllocations(t *testing.T) {
	all := verify.All()
	small := func(k verify.Elementwise) int { return max(1, 100/unit(k)) * unit(k) }
	streaming := func(k verify.Elementwise) int {
		bytes := 4 * (len(k.Inputs) + 1) // a float of each input and of the output
		rows := (cpu.StreamBytes + bytes*unit(k) - 1) / (bytes * unit(k))
		return rows * unit(k)
	}
	largest, inputs := 0, 0
	for _, k := range all {
		largest, inputs = max(largest, small(k), streaming(k)), max(inputs, len(k.Inputs))
	}
	if 4*(inputs+1)*largest > maxStreamingBytes {
		t.Logf("cpu.StreamBytes is %d: too large to reach through the API; the -stream Sets reach the streaming stores", cpu.StreamBytes)
		largest = 0
		for _, k := range all {
			largest = max(largest, small(k))
		}
	}
	buf := make([][]float32, inputs+1) // the output, then the inputs
	for i := range buf {
		buf[i] = make([]float32, largest)
	}
	check := func(s impls.Set, k verify.Elementwise, n, runs int) {
		in := make([][]float32, len(k.Inputs))
		for j := range in {
			in[j] = buf[1+j][:n]
		}
		if allocs := testing.AllocsPerRun(runs, func() { k.Run(s, buf[0][:n], in) }); allocs != 0 {
			t.Errorf("%s, %s, n=%d: %v allocations a call", k.Name, s.Name, n, allocs)
		}
	}
	for _, s := range sets(t) {
		for _, k := range all {
			check(s, k, small(k), 10)
		}
	}
	if largest < streaming(all[0]) {
		return
	}
	first := map[string]bool{}
	for _, k := range all {
		if name := baseName(k.Name); unit(k) > 1 || !first[name] {
			first[name] = true
			check(impls.API, k, streaming(k), 2) // a large call, fewer times
		}
	}
}
