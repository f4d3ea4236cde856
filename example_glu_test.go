package simdact_test

import (
	"fmt"

	"github.com/simdact/simdact"
)

func ExampleGLU() {
	a := []float32{1, 2, 3, -1}
	b := []float32{-2, 0, 2, 5}
	dst := make([]float32, len(a))
	simdact.GLU(dst, a, b) // a*sigmoid(b)
	fmt.Printf("%.5g\n", dst)
	// Output:
	// [0.1192 1 2.6424 -0.99331]
}

func ExampleGLUBackward() {
	a := []float32{1, 2, 3, -1}
	b := []float32{-2, 0, 2, 5}
	dy := []float32{1, 1, 1, 1}
	da, db := make([]float32, len(a)), make([]float32, len(a))
	simdact.GLUBackward(da, db, dy, a, b)
	fmt.Printf("%.5g\n%.5g\n", da, db)
	// Output:
	// [0.1192 0.5 0.8808 0.99331]
	// [0.10499 0.5 0.31498 -0.0066481]
}

func ExampleSwiGLU() {
	gate := []float32{-2, 0, 1, 3}
	up := []float32{1, 2, 3, -1}
	dst := make([]float32, len(gate))
	simdact.SwiGLU(dst, gate, up) // silu(gate)*up, one pass
	fmt.Printf("%.5g\n", dst)
	// Output:
	// [-0.23841 0 2.1932 -2.8577]
}

func ExampleSwiGLUBackward() {
	gate := []float32{-2, 0, 1, 3}
	up := []float32{1, 2, 3, -1}
	dy := []float32{1, 1, 1, 1}
	dgate, dup := make([]float32, len(gate)), make([]float32, len(gate))
	simdact.SwiGLUBackward(dgate, dup, dy, gate, up)
	fmt.Printf("%.5g\n%.5g\n", dgate, dup)
	// Output:
	// [-0.090784 1 2.783 -1.0881]
	// [-0.23841 0 0.73106 2.8577]
}

func ExampleGeGLU() {
	gate := []float32{-2, 0, 1, 3}
	up := []float32{1, 2, 3, -1}
	dst := make([]float32, len(gate))
	simdact.GeGLU(dst, gate, up) // gelu(gate)*up
	fmt.Printf("%.5g\n", dst)
	// Output:
	// [-0.0455 0 2.524 -2.996]
}

func ExampleGeGLUBackward() {
	gate := []float32{-2, 0, 1, 3}
	up := []float32{1, 2, 3, -1}
	dy := []float32{1, 1, 1, 1}
	dgate, dup := make([]float32, len(gate)), make([]float32, len(gate))
	simdact.GeGLUBackward(dgate, dup, dy, gate, up)
	fmt.Printf("%.5g\n%.5g\n", dgate, dup)
	// Output:
	// [-0.085232 1 3.2499 -1.0119]
	// [-0.0455 0 0.84134 2.996]
}

func ExampleGeGLUTanh() {
	gate := []float32{-2, 0, 1, 3}
	up := []float32{1, 2, 3, -1}
	dst := make([]float32, len(gate))
	simdact.GeGLUTanh(dst, gate, up) // gelu_tanh(gate)*up
	fmt.Printf("%.5g\n", dst)
	// Output:
	// [-0.045402 0 2.5236 -2.9964]
}

func ExampleGeGLUTanhBackward() {
	gate := []float32{-2, 0, 1, 3}
	up := []float32{1, 2, 3, -1}
	dy := []float32{1, 1, 1, 1}
	dgate, dup := make([]float32, len(gate)), make([]float32, len(gate))
	simdact.GeGLUTanhBackward(dgate, dup, dy, gate, up)
	fmt.Printf("%.5g\n%.5g\n", dgate, dup)
	// Output:
	// [-0.086099 1 3.2489 -1.0116]
	// [-0.045402 0 0.84119 2.9964]
}
