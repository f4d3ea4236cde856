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
