package simdact_test

import (
	"fmt"
	"math"

	"github.com/simdact/simdact"
)

// SELU of a few inputs: x·scale above 0, scale·alpha·expm1(x) below, with
// the limit -scale·alpha = -1.7580993 at -Inf.
func ExampleSELU() {
	x := []float32{-float32(math.Inf(1)), -20, -1, -1e-30, 0, 1, 2}
	y := make([]float32, len(x))
	simdact.SELU(y, x)
	for i := range x {
		fmt.Printf("SELU(%g) = %g\n", x[i], y[i])
	}
	// Output:
	// SELU(-Inf) = -1.7580993
	// SELU(-20) = -1.7580993
	// SELU(-1) = -1.1113307
	// SELU(-1e-30) = -1.7580993e-30
	// SELU(0) = 0
	// SELU(1) = 1.050701
	// SELU(2) = 2.101402
}

// CELU with alpha = 2 and its gradient, computed in place over dy.
func ExampleCELUBackward() {
	x := []float32{-4, -2, -0.5, 0.5, 3}
	y := make([]float32, len(x))
	simdact.CELU(y, x, 2)
	dy := []float32{1, 1, 1, 1, 1}
	simdact.CELUBackward(dy, dy, x, 2)
	for i := range x {
		fmt.Printf("x=%g  CELU=%g  gradient=%g\n", x[i], y[i], dy[i])
	}
	// Output:
	// x=-4  CELU=-1.7293295  gradient=0.13533528
	// x=-2  CELU=-1.2642411  gradient=0.36787945
	// x=-0.5  CELU=-0.44239843  gradient=0.7788008
	// x=0.5  CELU=0.5  gradient=1
	// x=3  CELU=3  gradient=1
}
