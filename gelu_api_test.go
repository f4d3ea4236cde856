package simdact_test

import (
	"testing"

	"github.com/simdact/simdact"
)

// TestGELUNoAllocations checks that GELU and GELUBackward do not allocate,
// at a size that streams and one that does not, in place too.
func TestGELUNoAllocations(t *testing.T) {
	for _, n := range []int{100, 1 << 20} {
		x, dy, out := make([]float32, n), make([]float32, n), make([]float32, n)
		calls := map[string]func(){
			"GELU":                  func() { simdact.GELU(out, x) },
			"GELU/in place":         func() { simdact.GELU(x, x) },
			"GELUBackward":          func() { simdact.GELUBackward(out, dy, x) },
			"GELUBackward/in place": func() { simdact.GELUBackward(dy, dy, x) },
		}
		for name, call := range calls {
			if allocs := testing.AllocsPerRun(10, call); allocs != 0 {
				t.Errorf("%s(n=%d): %v allocations a call", name, n, allocs)
			}
		}
	}
}
