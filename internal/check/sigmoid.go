package check

import (
	"fmt"
	"math"
)

// Beta panics unless beta, Softplus's, is finite and non-zero.
func Beta(fn string, beta float32) {
	if beta == 0 || math.IsInf(float64(beta), 0) || beta != beta {
		panic(fmt.Sprintf("simdact: %s: beta=%v, want a finite non-zero number", fn, beta))
	}
}
