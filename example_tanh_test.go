package simdact_test

import (
	"fmt"

	"github.com/simdact/simdact"
)

// ExampleGELUTanh runs the tanh approximation of GELU forward and backward,
// with the output of Tanh for comparison. Far left, GELUTanh is tiny but
// not 0: it underflows gradually, and reaches -0 only near x = -10.77.
func ExampleGELUTanh() {
	x := []float32{-10, -3, -1, 0, 0.5, 1, 3}
	y := make([]float32, len(x))
	simdact.GELUTanh(y, x)
	fmt.Printf("GELUTanh %.4g\n", y)

	dy := []float32{1, 1, 1, 1, 1, 1, 1}
	dx := make([]float32, len(x))
	simdact.GELUTanhBackward(dx, dy, x)
	fmt.Printf("gradient %.4g\n", dx)

	simdact.Tanh(y, x)
	fmt.Printf("Tanh     %.4g\n", y)
	// Output:
	// GELUTanh [-1.204e-37 -0.003637 -0.1588 0 0.3457 0.8412 2.996]
	// gradient [-2.758e-36 -0.01158 -0.08296 0.5 0.8674 1.083 1.012]
	// Tanh     [-1 -0.9951 -0.7616 0 0.4621 0.7616 0.9951]
}
