package simdact_test

import (
	"math"
	"testing"

	"github.com/simdact/simdact/internal/verify"
)

// gatedUps are the values of up (and of dy) that TestGatedPoints pairs
// with every gate: ordinary, tiny (the product turns subnormal), huge (it
// overflows where f is near 1), and infinite (0·Inf decides NaN).
var gatedUps = []float32{1, -2.5, 0x1p-100, 1e-40, 3e30, -3e38, float32(math.Inf(1)), float32(math.Inf(-1))}

// TestGatedPoints checks every gated unit of every implementation, forward
// and backward, on the nearPoints float32 gates on each side of each of its
// points (verify.Gate.Points: where f or f' has a zero, underflows, or its
// kernel switches), each with every up and dy of gatedUps, against the
// bounds of verify.CheckProduct and CheckBackward. Random inputs meet these
// points too rarely. With -short it takes the nearPoints/16 nearest.
func TestGatedPoints(t *testing.T) {
	n := nearPoints
	if testing.Short() {
		n /= 16
	}
	for _, g := range verify.Gates() {
		gates := nearBy(g.Points, n)
		var gate, up, dy []float32
		for _, u := range gatedUps {
			for _, d := range []float32{1, -0.75, float32(math.Inf(1))} {
				for _, x := range gates {
					gate, up, dy = append(gate, x), append(up, u), append(dy, d)
				}
			}
		}
		first, second := gate, up
		if !g.GateFirst {
			first, second = up, gate
		}
		out, dfirst, dsecond := make([]float32, len(gate)), make([]float32, len(gate)), make([]float32, len(gate))
		forward := g.Forward()
		for _, s := range sets(t) {
			report := func(what string, i int, got, want float32) {
				t.Errorf("%s, %s: %s at dy=%s, %s=%s, %s=%s: got %s, want %s", s.Name, g.Name, what,
					verify.Format(dy[i]), g.Names[1], verify.Format(first[i]), g.Names[2], verify.Format(second[i]),
					verify.Format(got), verify.Format(want))
			}
			g.Run(s, out, first, second)
			for i, got := range out {
				if want, ok := forward.Check(i, got, []float32{first[i], second[i]}); !ok {
					report(g.Names[0], i, got, want)
					break
				}
			}
			g.Backward(s, dfirst, dsecond, dy, first, second)
			dgate, dup := dfirst, dsecond
			if !g.GateFirst {
				dgate, dup = dsecond, dfirst
			}
			for i := range gate {
				if want, _, ok := g.CheckGateGradient(dgate[i], dy[i], up[i], gate[i]); !ok {
					report("gate's gradient", i, dgate[i], want)
					break
				}
				if want, _, ok := g.CheckUpGradient(dup[i], dy[i], gate[i]); !ok {
					report("up's gradient", i, dup[i], want)
					break
				}
			}
		}
	}
}
