package simdact_test

import (
	"fmt"
	"math"

	"github.com/simdact/simdact"
)

// Example runs one training step of a layer y = LeakyReLU(x) with the loss
// sum((y-target)²)/2: the forward pass, the gradient of the loss in plain
// Go, and the backward pass, which writes the gradient over dy in place.
func Example() {
	const slope = 0.1
	x := []float32{-2, -1, 0.5, 1, 3, -0.4} // pre-activations of a batch of 6
	target := []float32{0, 0, 1, 1, 2, 0}

	// Forward.
	y := make([]float32, len(x))
	simdact.LeakyReLU(y, x, slope)

	// The loss and its gradient with respect to y.
	dy := make([]float32, len(y))
	var loss float32
	for i := range y {
		dy[i] = y[i] - target[i]
		loss += float32(dy[i]*dy[i]) / 2
	}

	// Backward: the gradient with respect to x, for the layer below. dy is
	// not needed afterwards, so dx is the very same slice: the call reads
	// each dy[i] before it writes dx[i].
	dx := dy
	simdact.LeakyReLUBackward(dx, dy, x, slope)

	fmt.Printf("y    %.4f\n", y)
	fmt.Printf("loss %.4f\n", loss)
	fmt.Printf("dx   %.4f\n", dx)
	// Output:
	// y    [-0.2000 -0.1000 0.5000 1.0000 3.0000 -0.0400]
	// loss 0.6508
	// dx   [-0.0200 -0.0100 -0.5000 0.0000 1.0000 -0.0040]
}

func ExampleReLU() {
	negZero := float32(math.Copysign(0, -1))
	x := []float32{-2, -0.5, negZero, 0, 1.5, float32(math.NaN())}
	y := make([]float32, len(x))
	simdact.ReLU(y, x)
	fmt.Println(y)

	// -0 is not below 0, so it passes through unchanged, sign included, and
	// so does NaN. Only negative numbers (and -Inf) become +0.
	fmt.Println(math.Signbit(float64(y[2])))

	// In place: dst may be the very same slice as x.
	simdact.ReLU(x, x)
	fmt.Println(x)
	// Output:
	// [0 0 -0 0 1.5 NaN]
	// true
	// [0 0 -0 0 1.5 NaN]
}

func ExampleReLUBackward() {
	x := []float32{-1, 0, 2, 3} // the forward input; the output works too
	dy := []float32{10, 20, 30, 40}
	dx := make([]float32, len(x))
	simdact.ReLUBackward(dx, dy, x)

	// The gradient flows only where x > 0: at x = 0 it is 0.
	fmt.Println(dx)
	// Output:
	// [0 0 30 40]
}

func ExampleLeakyReLU() {
	x := []float32{-10, -1, 0, 2}
	y := make([]float32, len(x))
	simdact.LeakyReLU(y, x, 0.1)

	// Negative inputs are scaled by the slope, positive ones kept.
	fmt.Println(y)
	// Output:
	// [-1 -0.1 0 2]
}

func ExampleLeakyReLUBackward() {
	x := []float32{-3, 0, 2}
	dy := []float32{1, 1, 1}
	dx := make([]float32, len(x))
	simdact.LeakyReLUBackward(dx, dy, x, 0.1)

	// The derivative is the slope wherever x <= 0, at 0 included.
	fmt.Println(dx)
	// Output:
	// [0.1 0.1 1]
}

// ExamplePReLU_nchw applies PReLU to a batch of one image with two channels
// of 1×3 pixels stored NCHW: each channel's pixels are contiguous, so inner
// is H*W = 3 and element i has the slope of channel (i/3)%2.
func ExamplePReLU_nchw() {
	slope := []float32{0.1, 0.5} // one slope per channel
	const inner = 3              // H*W
	x := []float32{
		-1, -2, 3, // channel 0
		-4, 5, -6, // channel 1
	}
	y := make([]float32, len(x))
	simdact.PReLU(y, x, slope, inner)

	for i := range x {
		c := (i / inner) % len(slope)
		fmt.Printf("x=%v channel %d slope %v: y=%v\n", x[i], c, slope[c], y[i])
	}
	// Output:
	// x=-1 channel 0 slope 0.1: y=-0.1
	// x=-2 channel 0 slope 0.1: y=-0.2
	// x=3 channel 0 slope 0.1: y=3
	// x=-4 channel 1 slope 0.5: y=-2
	// x=5 channel 1 slope 0.5: y=5
	// x=-6 channel 1 slope 0.5: y=-3
}

// ExamplePReLU_nhwc applies PReLU to the same image as ExamplePReLU_nchw,
// stored NHWC: each pixel's channels are contiguous, so inner is 1 and the
// channels alternate. Each value gets the same slope as in the NCHW layout.
func ExamplePReLU_nhwc() {
	slope := []float32{0.1, 0.5} // one slope per channel
	const inner = 1
	x := []float32{
		-1, -4, // pixel 0: channel 0, channel 1
		-2, 5, // pixel 1
		3, -6, // pixel 2
	}
	y := make([]float32, len(x))
	simdact.PReLU(y, x, slope, inner)

	for i := range x {
		c := (i / inner) % len(slope)
		fmt.Printf("x=%v channel %d slope %v: y=%v\n", x[i], c, slope[c], y[i])
	}
	// Output:
	// x=-1 channel 0 slope 0.1: y=-0.1
	// x=-4 channel 1 slope 0.5: y=-2
	// x=-2 channel 0 slope 0.1: y=-0.2
	// x=5 channel 1 slope 0.5: y=5
	// x=3 channel 0 slope 0.1: y=3
	// x=-6 channel 1 slope 0.5: y=-3
}

func ExamplePReLUBackward() {
	// A batch of two NCHW images with two channels of 2 pixels each.
	slope := []float32{0.1, 0.5}
	const inner = 2
	x := []float32{
		-1, 2, // image 0, channel 0
		-3, 4, // image 0, channel 1
		-5, -6, // image 1, channel 0
		7, -8, // image 1, channel 1
	}
	dy := []float32{1, 1, 1, 1, 1, 1, 1, 1}
	dx := make([]float32, len(x))
	dslope := make([]float32, len(slope))
	simdact.PReLUBackward(dx, dslope, dy, x, slope, inner)

	// dx is the slope of its channel where x <= 0, else dy. dslope[c] sums
	// dy*x over the elements x <= 0 of channel c, in every image of the
	// batch: -1-5-6 for channel 0 and -3-8 for channel 1.
	fmt.Println("dx    ", dx)
	fmt.Println("dslope", dslope)
	// Output:
	// dx     [0.1 1 0.5 1 0.1 0.1 1 0.5]
	// dslope [-12 -11]
}

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

func ExampleImplementation() {
	// The result depends on the CPU (and on SIMDACT_IMPL and the purego
	// build tag), so this example prints only whether it is a known name.
	switch simdact.Implementation() {
	case "avx512", "avx2", "neon", "generic":
		fmt.Println("known implementation")
	default:
		fmt.Println("unknown implementation")
	}
	// Output:
	// known implementation
}
