package simdact_test

import (
	"fmt"
	"math"

	"github.com/simdact/simdact"
)

func ExampleELU() {
	x := []float32{float32(math.Inf(-1)), -20, -1, -0.5, 0, 2}
	y := make([]float32, len(x))
	simdact.ELU(y, x, 1)
	// ELU is within 1 ulp of exact (2 for alpha != 1), and its last bit may
	// differ between CPUs, so print it rounded.
	fmt.Printf("%.4f\n", y)

	// ELU uses a true expm1, so a tiny input keeps its relative precision
	// (exp(x)-1 would give 0 or a few correct digits).
	tiny := []float32{-1e-3, -1e-30}
	simdact.ELU(tiny, tiny, 1) // in place
	fmt.Printf("%.6g\n", tiny)
	// Output:
	// [-1.0000 -1.0000 -0.6321 -0.3935 0.0000 2.0000]
	// [-0.0009995 -1e-30]
}

func ExampleELUBackward() {
	x := []float32{-2, -0.5, 0, 1}
	dy := []float32{1, 1, 1, 1}
	dx := make([]float32, len(x))
	simdact.ELUBackward(dx, dy, x, 1)

	// Where x <= 0 the derivative is alpha*exp(x), within 3 ulp, printed
	// rounded.
	fmt.Printf("%.4f\n", dx)
	// Output:
	// [0.1353 0.6065 1.0000 1.0000]
}

func ExampleELUBackwardFromOutput() {
	// ELU in place keeps only its output: the gradient is computed from y.
	const alpha = 1
	y := []float32{-2, -0.5, 0, 1}
	simdact.ELU(y, y, alpha)

	dy := []float32{1, 1, 1, 1}
	dx := make([]float32, len(y))
	simdact.ELUBackwardFromOutput(dx, dy, y, alpha)

	// dy*(y+alpha) is the gradient that ELUBackward computes from x.
	fmt.Printf("%.4f\n", dx)
	// Output:
	// [0.1353 0.6065 1.0000 1.0000]
}

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

func ExampleSELUBackward() {
	x := []float32{-2, -0.5, 0, 1}
	dy := []float32{1, 1, 1, 1}
	dx := make([]float32, len(x))
	simdact.SELUBackward(dx, dy, x)

	// scale*alpha*exp(x) where x <= 0, scale above.
	fmt.Printf("%.5g\n", dx)
	// Output:
	// [0.23793 1.0663 1.7581 1.0507]
}

// CELU with alpha = 1 is ELU; a smaller alpha saturates sooner, at -alpha.
func ExampleCELU() {
	x := []float32{-6, -3, -0.5, 0, 1.5}
	y := make([]float32, len(x))
	simdact.CELU(y, x, 1)
	fmt.Printf("alpha=1    %.5g\n", y)
	simdact.CELU(y, x, 0.5)
	fmt.Printf("alpha=0.5  %.5g\n", y)
	// Output:
	// alpha=1    [-0.99752 -0.95021 -0.39347 0 1.5]
	// alpha=0.5  [-0.5 -0.49876 -0.31606 0 1.5]
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
