// Package hard32 holds the constants of HardSigmoid and HardSwish, which the
// pure-Go kernels in package kernels and the generators in gen/ read from
// here, so that every implementation computes the same float32 operations,
// in PyTorch's order:
//
//	HardSigmoid(x)         = min(max(x+Shift, 0), Cap) / Cap
//	HardSigmoidBackward    = (-Shift < x && x < Shift) ? dy*Slope : 0
//	HardSwish(x)           = (x * min(max(x+Shift, 0), Cap)) / Cap
//	HardSwishBackward      = x < -Shift ? 0 : x < Shift ? dy*(x/Shift+Half) : dy
//
// The divisions are true float32 divisions, correctly rounded: x/6 and
// x*float32(1.0/6) differ for some x.
package hard32

// The constants of the formulas above.
const (
	// Shift moves x so that the ramp starts at 0: x+3.
	Shift = float32(3)
	// Cap is where the ramp ends, and its divisor: 6.
	Cap = float32(6)
	// Slope is HardSigmoid's gradient between -3 and 3, 1/6 rounded to
	// float32, as PyTorch multiplies by it.
	Slope = float32(1.0 / 6)
	// Half is the 0.5 of HardSwishBackward.
	Half = float32(0.5)
)
