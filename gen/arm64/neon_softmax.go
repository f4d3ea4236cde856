package main

import "fmt"

// The encoders that only the softmax kernels use (see neon.go).

// fmaxv sets the scalar d to the largest lane of n (NaN if any lane is).
func fmaxv(d, n vreg) word {
	return word{bits: 0x6e30f800 | uint32(n)<<5 | uint32(d), text: fmt.Sprintf("fmaxv s%d, v%d.4s", d, n)}
}
