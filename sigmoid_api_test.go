package simdact_test

import (
	"math"
	"strings"
	"testing"

	"github.com/simdact/simdact"
)

// TestSoftplusBetaPanics checks that Softplus and SoftplusBackward refuse a
// beta that is zero, infinite or NaN, before writing anything.
func TestSoftplusBetaPanics(t *testing.T) {
	x, dy := []float32{1, 2}, []float32{1, 1}
	for _, beta := range []float32{0, float32(math.Copysign(0, -1)), float32(math.Inf(1)), float32(math.Inf(-1)), float32(math.NaN())} {
		for name, call := range map[string]func(out []float32){
			"Softplus":         func(out []float32) { simdact.Softplus(out, x, beta, 20) },
			"SoftplusBackward": func(out []float32) { simdact.SoftplusBackward(out, dy, x, beta, 20) },
		} {
			out := []float32{7, 7}
			msg := panicMessage(func() { call(out) })
			if want := "simdact: " + name + ": beta="; !strings.HasPrefix(msg, want) {
				t.Errorf("%s with beta=%v: panic %q, want one starting %q", name, beta, msg, want)
			}
			if out[0] != 7 || out[1] != 7 {
				t.Errorf("%s with beta=%v wrote %v before panicking", name, beta, out)
			}
		}
	}
}

// TestSigmoidNoAllocations checks that no function of the sigmoid family
// allocates.
func TestSigmoidNoAllocations(t *testing.T) {
	x, dy, out := make([]float32, 1000), make([]float32, 1000), make([]float32, 1000)
	for name, f := range map[string]func(){
		"Sigmoid":          func() { simdact.Sigmoid(out, x) },
		"SigmoidBackward":  func() { simdact.SigmoidBackward(out, dy, x) },
		"SiLU":             func() { simdact.SiLU(out, x) },
		"SiLUBackward":     func() { simdact.SiLUBackward(out, dy, x) },
		"Softplus":         func() { simdact.Softplus(out, x, 1.5, 20) },
		"SoftplusBackward": func() { simdact.SoftplusBackward(out, dy, x, 1.5, 20) },
		"Mish":             func() { simdact.Mish(out, x) },
		"MishBackward":     func() { simdact.MishBackward(out, dy, x) },
	} {
		if n := testing.AllocsPerRun(10, f); n != 0 {
			t.Errorf("%s: %v allocations, want 0", name, n)
		}
	}
}
