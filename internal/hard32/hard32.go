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
//
// The amd64 kernels divide without VDIVPS, whose throughput would bound
// them, by a fused multiply-add correction (Markstein): for a divisor d
// and its reciprocal r = float32(1/d),
//
//	q0 = t·r,  e = q0·d - t (exact),  q = q0 - e·r
//
// is t/d correctly rounded wherever the quotient is a normal float32 or
// ±0 (e computed as q0·d - t, not t - q0·d, keeps the sign of a zero t).
// TestHardSweep checks this on every float32 t with -exhaustive=1. Where
// t is +Inf, q0·d - t would be NaN: min(q0, FLT_MAX)·d - t is -Inf, and q
// +Inf. A NaN t gives t. Where the quotient is subnormal, q may miss a tie
// (t = 9·2^-149 gives 1·2^-149, not 2·2^-149): every such error is a
// nonzero subnormal q, so the kernels divide a vector with such a q again,
// with VDIVPS, a branch that ordinary data never takes.
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

// The constants of the division without a divide instruction (see above).
const (
	// Sixth and Third are the reciprocals of the divisors 6 and 3,
	// rounded to float32 (Sixth is Slope).
	Sixth = Slope
	Third = float32(1.0 / 3)
)
