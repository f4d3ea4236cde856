package simdact_test

import (
	"fmt"
	"math"

	"github.com/simdact/simdact"
)

func ExampleSigmoid() {
	x := []float32{0, 2, -2, -100, float32(math.Inf(1)), float32(math.Inf(-1))}
	y := make([]float32, len(x))
	simdact.Sigmoid(y, x)
	fmt.Println(y)
	// The gradient, from the output.
	dx := make([]float32, len(x))
	simdact.SigmoidBackward(dx, []float32{1, 1, 1, 1, 1, 1}, y)
	fmt.Println(dx)
	// Output:
	// [0.5 0.8807971 0.11920292 3.8e-44 1 0]
	// [0.25 0.104993574 0.10499358 3.8e-44 0 0]
}

func ExampleSoftplus() {
	x := []float32{0, 30, -100}
	y := make([]float32, len(x))
	simdact.Softplus(y, x, 1, 20) // PyTorch's defaults
	fmt.Println(y)
	simdact.Softplus(y, x, 2, 20)
	fmt.Println(y)
	// Output:
	// [0.6931472 30 3.8e-44]
	// [0.3465736 30 0]
}

func ExampleSiLU() {
	x := []float32{1, -1, -104, float32(math.Inf(-1))}
	y := make([]float32, len(x))
	simdact.SiLU(y, x)
	fmt.Println(y)
	simdact.Mish(y, x)
	fmt.Printf("%.7g\n", y) // Mish(1) lies near a tie: implementations round it either way
	// Output:
	// [0.7310586 -0.26894143 -7.1e-44 -0]
	// [0.8650984 -0.3034015 -7.146622e-44 -0]
}
