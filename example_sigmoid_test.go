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
	dy := []float32{1, 1, 1, 1, 1}
	dx := make([]float32, len(x))
	simdact.SigmoidBackward(dx, dy, x)

	// dy*s*(1-s), s = sigmoid(x), from x: 1/4 at 0, and small but not 0 in
	// the tails, where sigmoid(x) itself rounds to 1.
	fmt.Printf("%.5g\n", dx)
	// Output:
	// [2.0612e-09 0.10499 0.25 0.10499 2.0612e-09]
}

func ExampleSigmoidBackwardFromOutput() {
	x := []float32{-20, -2, 0, 2, 20}
	y := make([]float32, len(x))
	simdact.Sigmoid(y, x)

	dy := []float32{1, 1, 1, 1, 1}
	dx := make([]float32, len(y))
	simdact.SigmoidBackwardFromOutput(dx, dy, y)

	// dy*y*(1-y): at x = 20, y rounds to 1 in float32, so the gradient
	// computed from y is 0 (SigmoidBackward, from x, keeps it).
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

func ExampleSwish() {
	x := []float32{-3, -1, 0, 1, 3}
	y := make([]float32, len(x))
	simdact.Swish(y, x, 1.702) // QuickGELU, CLIP's activation
	fmt.Printf("%.5g\n", y)
	// Output:
	// [-0.018071 -0.1542 0 0.8458 2.9819]
}

func ExampleSwishBackward() {
	x := []float32{-3, -1, 0, 1, 3}
	dy := []float32{1, 1, 1, 1, 1}
	dx := make([]float32, len(x))
	simdact.SwishBackward(dx, dy, x, 1.702)
	fmt.Printf("%.5g\n", dx)
	// Output:
	// [-0.024548 -0.06778 0.5 1.0678 1.0245]
}

func ExampleLogSigmoid() {
	x := []float32{-100, -1, 0, 1, 100}
	y := make([]float32, len(x))
	simdact.LogSigmoid(y, x)
	// x itself far out on the left; -exp(-x), down its subnormal tail, on
	// the right.
	fmt.Printf("%.5g\n", y)
	// Output:
	// [-100 -1.3133 -0.69315 -0.31326 -3.7835e-44]
}

func ExampleLogSigmoidBackward() {
	x := []float32{-100, -1, 0, 1, 100}
	dy := []float32{1, 1, 1, 1, 1}
	dx := make([]float32, len(x))
	simdact.LogSigmoidBackward(dx, dy, x)
	fmt.Printf("%.5g\n", dx)
	// Output:
	// [1 0.73106 0.5 0.26894 3.7835e-44]
}
