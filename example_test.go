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

// ReLU6, the activation of MobileNet, is Hardtanh with the range [0, 6].
func ExampleHardtanh_relu6() {
	negZero := float32(math.Copysign(0, -1))
	x := []float32{-2, negZero, 0.5, 6, 7.25, float32(math.Inf(1))}
	y := make([]float32, len(x))
	simdact.Hardtanh(y, x, 0, 6)

	// Inside the range x passes unchanged, -0 included.
	fmt.Println(y)
	// Output:
	// [0 -0 0.5 6 6 6]
}

func ExampleHardtanhBackward() {
	x := []float32{-2, -1, -0.5, 0, 0.5, 1, 2}
	dy := []float32{1, 1, 1, 1, 1, 1, 1}
	dx := make([]float32, len(x))
	simdact.HardtanhBackward(dx, dy, x, -1, 1)

	// The gradient flows strictly inside (min, max): at the bounds it is 0.
	fmt.Println(dx)
	// Output:
	// [0 0 1 1 1 0 0]
}

func ExampleHardSigmoid() {
	x := []float32{-4, -3, -1.5, 0, 1, 3, 4}
	y := make([]float32, len(x))
	simdact.HardSigmoid(y, x)

	// (x+3)/6, clamped to [0, 1]; exact on every CPU.
	fmt.Println(y)
	// Output:
	// [0 0 0.25 0.5 0.6666667 1 1]
}

func ExampleHardSigmoidBackward() {
	x := []float32{-4, -3, -1, 0, 2.5, 3}
	dy := []float32{1, 1, 1, 1, 1, 1}
	dx := make([]float32, len(x))
	simdact.HardSigmoidBackward(dx, dy, x)

	// dy times float32(1.0/6) strictly between -3 and 3, else 0.
	fmt.Println(dx)
	// Output:
	// [0 0 0.16666667 0.16666667 0.16666667 0]
}

func ExampleHardSwish() {
	x := []float32{-4, -3, -1.5, 0, 1, 3, 10}
	y := make([]float32, len(x))
	simdact.HardSwish(y, x)

	// x*(x+3)/6 between -3 and 3, 0 below (-0: x times +0), x above.
	fmt.Println(y)
	// Output:
	// [-0 -0 -0.375 0 0.6666667 3 10]
}

func ExampleHardSwishBackward() {
	x := []float32{-4, -3, -1.5, 0, 1, 3, 10}
	dy := []float32{1, 1, 1, 1, 1, 1, 1}
	dx := make([]float32, len(x))
	simdact.HardSwishBackward(dx, dy, x)

	// dy*(x/3+0.5) from -3 up to 3, 0 below and dy above.
	fmt.Println(dx)
	// Output:
	// [0 -0.5 0 0.5 0.8333334 1 1]
}

func ExampleThreshold() {
	x := []float32{-1, 0.1, 0.2, float32(math.NaN())}
	y := make([]float32, len(x))
	simdact.Threshold(y, x, 0.1, 20)

	// Every x <= 0.1 becomes 20; a NaN is not <= anything and passes.
	fmt.Println(y)
	// Output:
	// [20 20 0.2 NaN]
}

func ExampleThresholdBackward() {
	x := []float32{-1, 0.1, 0.2, float32(math.NaN())}
	dy := []float32{1, 2, 3, 4}
	dx := make([]float32, len(x))
	simdact.ThresholdBackward(dx, dy, x, 0.1)

	// The gradient is 0 where Threshold replaced x, dy elsewhere.
	fmt.Println(dx)
	// Output:
	// [0 0 3 4]
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

func ExampleSoftsign() {
	x := []float32{float32(math.Inf(-1)), -3, 0, 0.5, 3}
	y := make([]float32, len(x))
	simdact.Softsign(y, x)
	fmt.Printf("%.5g\n", y)
	// Output:
	// [-1 -0.75 0 0.33333 0.75]
}

func ExampleSoftsignBackward() {
	x := []float32{-3, -1, 0, 1, 3}
	dy := []float32{1, 1, 1, 1, 1}
	dx := make([]float32, len(x))
	simdact.SoftsignBackward(dx, dy, x)
	fmt.Printf("%.5g\n", dx)
	// Output:
	// [0.0625 0.25 1 0.25 0.0625]
}
