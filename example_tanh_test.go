package simdact_test

import (
	"fmt"

	"github.com/simdact/simdact"
)

func ExampleTanh() {
	x := []float32{-10, -1, 0, 1e-30, 0.5, 2}
	y := make([]float32, len(x))
	simdact.Tanh(y, x)

	// Tiny x give x itself, large |x| give ±1.
	fmt.Printf("%.5g\n", y)
	// Output:
	// [-1 -0.76159 0 1e-30 0.46212 0.96403]
}

// TanhBackward takes Tanh's output y, not its input.
func ExampleTanhBackward() {
	x := []float32{-10, -0.5, 0, 0.5, 10}
	dy := []float32{1, 1, 1, 1, 1}
	dx := make([]float32, len(x))
	simdact.TanhBackward(dx, dy, x)

	// dy*(1-tanh(x)²), from x: 1 at 0, and small but not 0 where tanh
	// itself rounds to ±1.
	fmt.Printf("%.5g\n", dx)
	// Output:
	// [8.2446e-09 0.78645 1 0.78645 8.2446e-09]
}

func ExampleTanhBackwardFromOutput() {
	y := []float32{-0.99, -0.5, 0, 0.5, 1} // outputs of Tanh
	dy := []float32{1, 1, 1, 1, 1}
	dx := make([]float32, len(y))
	simdact.TanhBackwardFromOutput(dx, dy, y)

	// dy*(1-y*y): 1 at y = 0, and 0 where Tanh has rounded to ±1.
	fmt.Printf("%.5g\n", dx)
	// Output:
	// [0.0199 0.75 1 0.75 0]
}

func ExampleGELU() {
	x := []float32{-10, -3, -1, 0, 1, 3}
	y := make([]float32, len(x))
	simdact.GELU(y, x)
	for i := range x {
		fmt.Printf("GELU(%v) = %.6g\n", x[i], y[i])
	}
	// Output:
	// GELU(-10) = -7.61985e-23
	// GELU(-3) = -0.00404969
	// GELU(-1) = -0.158655
	// GELU(0) = 0
	// GELU(1) = 0.841345
	// GELU(3) = 2.99595
}

func ExampleGELUBackward() {
	x := []float32{-2, -1, 0, 1, 2}
	dy := []float32{1, 1, 1, 1, 1}
	dx := make([]float32, len(x))
	simdact.GELUBackward(dx, dy, x)
	for i := range x {
		fmt.Printf("GELU'(%v) = %.6g\n", x[i], dx[i])
	}
	// Output:
	// GELU'(-2) = -0.0852318
	// GELU'(-1) = -0.0833155
	// GELU'(0) = 0.5
	// GELU'(1) = 1.08332
	// GELU'(2) = 1.08523
}

// ExampleGELUTanh runs the tanh approximation of GELU. Far left it is tiny
// but not 0: it underflows gradually, and reaches -0 only near x = -10.77.
func ExampleGELUTanh() {
	x := []float32{-10, -3, -1, 0, 0.5, 1, 3}
	y := make([]float32, len(x))
	simdact.GELUTanh(y, x)
	fmt.Printf("%.4g\n", y)
	// Output:
	// [-1.204e-37 -0.003637 -0.1588 0 0.3457 0.8412 2.996]
}

func ExampleGELUTanhBackward() {
	x := []float32{-10, -3, -1, 0, 0.5, 1, 3}
	dy := []float32{1, 1, 1, 1, 1, 1, 1}
	dx := make([]float32, len(x))
	simdact.GELUTanhBackward(dx, dy, x)
	fmt.Printf("%.4g\n", dx)
	// Output:
	// [-2.758e-36 -0.01158 -0.08296 0.5 0.8674 1.083 1.012]
}
