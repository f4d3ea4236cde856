package simdact_test

import (
	"fmt"

	"github.com/simdact/simdact"
)

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
