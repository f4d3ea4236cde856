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

	// LogSoftmax in place: the log-probabilities of the first row.
	simdact.LogSoftmax(logits, logits, 4)
	fmt.Printf("%.4f\n", logits[:4])
	// Output:
	// [0.0321 0.0871 0.2369 0.6439]
	// [0.0900 0.2447 0.6652 0.0000]
	// [-3.4402 -2.4402 -1.4402 -0.4402]
}
