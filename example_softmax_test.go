package simdact_test

import (
	"fmt"
	"math"

	"github.com/simdact/simdact"
)

// ExampleSoftmax turns two rows of 4 logits into probabilities: the second
// row's logits are 1e4 larger, which changes nothing, and its -Inf (a
// masked position) gets probability 0.
func ExampleSoftmax() {
	logits := []float32{
		1, 2, 3, 4,
		10001, 10002, 10003, float32(math.Inf(-1)),
	}
	p := make([]float32, len(logits))
	simdact.Softmax(p, logits, 4)
	fmt.Printf("%.4f\n", p[:4])
	fmt.Printf("%.4f\n", p[4:])
	// Output:
	// [0.0321 0.0871 0.2369 0.6439]
	// [0.0900 0.2447 0.6652 0.0000]
}

// ExampleSoftmaxBackward computes the gradient of the cross-entropy loss
// -log(p[target]) through Softmax, from its output p: the well-known
// p - onehot(target).
func ExampleSoftmaxBackward() {
	logits := []float32{1, 2, 3, 4}
	p := make([]float32, len(logits))
	simdact.Softmax(p, logits, 4)

	const target = 2
	dp := make([]float32, len(p)) // the loss's gradient with respect to p
	dp[target] = -1 / p[target]

	dx := make([]float32, len(p))
	simdact.SoftmaxBackward(dx, dp, p, 4)
	fmt.Printf("%.4f\n", dx)
	// Output:
	// [0.0321 0.0871 -0.7631 0.6439]
}

// ExampleLogSoftmax computes log-probabilities in place, one row of 4.
func ExampleLogSoftmax() {
	x := []float32{1, 2, 3, 4}
	simdact.LogSoftmax(x, x, 4)
	fmt.Printf("%.4f\n", x)
	// Output:
	// [-3.4402 -2.4402 -1.4402 -0.4402]
}

// ExampleLogSoftmaxBackward computes the gradient of the negative
// log-likelihood -y[target] through LogSoftmax, from its output y: again
// softmax(x) - onehot(target).
func ExampleLogSoftmaxBackward() {
	y := []float32{1, 2, 3, 4}
	simdact.LogSoftmax(y, y, 4)

	const target = 2
	dy := make([]float32, len(y))
	dy[target] = -1

	dx := make([]float32, len(y))
	simdact.LogSoftmaxBackward(dx, dy, y, 4)
	fmt.Printf("%.4f\n", dx)
	// Output:
	// [0.0321 0.0871 -0.7631 0.6439]
}
