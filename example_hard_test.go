package simdact_test

import (
	"fmt"
	"math"

	"github.com/simdact/simdact"
)

// ReLU6, the activation of MobileNet, is Hardtanh with the range [0, 6].
func ExampleHardtanh_relu6() {
	negZero := float32(math.Copysign(0, -1))
	x := []float32{-2, negZero, 0.5, 6, 7.25, float32(math.Inf(1))}
	y := make([]float32, len(x))
	simdact.Hardtanh(y, x, 0, 6)
	fmt.Println(y)

	dy := []float32{1, 1, 1, 1, 1, 1}
	dx := make([]float32, len(x))
	simdact.HardtanhBackward(dx, dy, x, 0, 6)
	fmt.Println(dx)
	// Output:
	// [0 -0 0.5 6 6 6]
	// [0 0 1 0 0 0]
}

func ExampleHardSwish() {
	x := []float32{-4, -3, -1.5, 0, 1, 3, 10}
	y := make([]float32, len(x))
	simdact.HardSwish(y, x)
	fmt.Println(y)

	dy := []float32{1, 1, 1, 1, 1, 1, 1}
	dx := make([]float32, len(x))
	simdact.HardSwishBackward(dx, dy, x)
	fmt.Println(dx)
	// Output:
	// [-0 -0 -0.375 0 0.6666667 3 10]
	// [0 -0.5 0 0.5 0.8333334 1 1]
}

func ExampleThreshold() {
	x := []float32{-1, 0.1, 0.2, float32(math.NaN())}
	y := make([]float32, len(x))
	simdact.Threshold(y, x, 0.1, 20)
	fmt.Println(y)
	// Output:
	// [20 20 0.2 NaN]
}
