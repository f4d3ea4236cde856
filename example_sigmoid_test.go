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

	// The tail is computed: Sigmoid(-100) is a subnormal float32, not 0.
	fmt.Println(y)
	// Output:
	// [0.5 0.8807971 0.11920292 3.8e-44 1 0]
}

// SigmoidBackward takes Sigmoid's output y, not its input.
func ExampleSigmoidBackward() {
	x := []float32{-20, -2, 0, 2, 20}
	y := make([]float32, len(x))
	simdact.Sigmoid(y, x)

	dy := []float32{1, 1, 1, 1, 1}
	dx := make([]float32, len(y))
	simdact.SigmoidBackward(dx, dy, y)

	// dy*y*(1-y): 1/4 at 0, and small in the tails. At x = 20, y rounds to
	// 1 in float32, so the gradient computed from y is 0.
	fmt.Printf("%.5g\n", dx)
	// Output:
	// [2.0612e-09 0.10499 0.25 0.10499 0]
}

func ExampleSiLU() {
	x := []float32{1, -1, -104, float32(math.Inf(-1))}
	y := make([]float32, len(x))
	simdact.SiLU(y, x)

	// SiLU(-104) is a subnormal; SiLU(-Inf) is the limit -0.
	fmt.Println(y)
	// Output:
	// [0.7310586 -0.26894143 -7.1e-44 -0]
}

func ExampleSiLUBackward() {
	x := []float32{-4, -2, 0, 1, 4}
	dy := []float32{1, 1, 1, 1, 1}
	dx := make([]float32, len(x))
	simdact.SiLUBackward(dx, dy, x)

	// s*(1+x*(1-s)), s = sigmoid(x): negative below x = -1.2785.
	fmt.Printf("%.5g\n", dx)
	// Output:
	// [-0.052665 -0.090784 0.5 0.92767 1.0527]
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

func ExampleSoftplusBackward() {
	x := []float32{-2, 0, 2, 25}
	dy := []float32{1, 1, 1, 1}
	dx := make([]float32, len(x))
	simdact.SoftplusBackward(dx, dy, x, 1, 20)

	// sigmoid(beta*x), and dy itself above the threshold (x = 25).
	fmt.Printf("%.5g\n", dx)
	// Output:
	// [0.1192 0.5 0.8808 1]
}

func ExampleMish() {
	x := []float32{1, -1, -104, float32(math.Inf(-1))}
	y := make([]float32, len(x))
	simdact.Mish(y, x)

	// Mish(1) lies near a rounding tie, which implementations may round
	// either way, so it is printed to 7 digits.
	fmt.Printf("%.7g\n", y)
	// Output:
	// [0.8650984 -0.3034015 -7.146622e-44 -0]
}

func ExampleMishBackward() {
	x := []float32{-4, -1, 0, 1, 4}
	dy := []float32{1, 1, 1, 1, 1}
	dx := make([]float32, len(x))
	simdact.MishBackward(dx, dy, x)

	fmt.Printf("%.5g\n", dx)
	// Output:
	// [-0.053773 0.059217 0.6 1.049 1.0044]
}
