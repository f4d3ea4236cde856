package main

import "fmt"

// The encoders that only the softmax kernels use (see neon.go).

// fmin sets every lane of d to the smaller of n's and m's (NaN if either is).
func fmin(d, n, m vreg) word { return threeSame(0x4ea0f400, "fmin", "4s", d, n, m) }

// fmuld multiplies the float64 lanes: d.2d = n.2d · m.2d.
func fmuld(d, n, m vreg) word { return threeSame(0x6e60dc00, "fmul", "2d", d, n, m) }

// fmaxv sets the scalar d to the largest lane of n (NaN if any lane is).
func fmaxv(d, n vreg) word {
	return word{bits: 0x6e30f800 | uint32(n)<<5 | uint32(d), text: fmt.Sprintf("fmaxv s%d, v%d.4s", d, n)}
}
