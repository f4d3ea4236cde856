package verify

import "math"

// ULPs returns the distance between a and b in representable float32 values:
// the number of steps from one to the other, counting -0 and +0 as two
// adjacent values and ±Inf as the values after ±FLT_MAX. It is meaningless
// for NaNs.
func ULPs(a, b float32) uint64 {
	d := totalOrder(a) - totalOrder(b)
	if d < 0 {
		d = -d
	}
	return uint64(d)
}

// totalOrder maps a float32 to an integer that orders like its value, with
// -0 just below +0.
func totalOrder(f float32) int64 {
	b := int64(math.Float32bits(f))
	if b&0x80000000 != 0 {
		return -(b & 0x7fffffff) - 1
	}
	return b
}

// Overflow is the smallest magnitude that float32 rounds to infinity:
// MaxFloat32 plus half its ulp.
const Overflow = 0x1p128 - 0x1p103

// Within reports whether got lies within bound of ref, a finite float64
// value, under the contract's rule at the edge of float32's range: a finite
// got must be within bound of ref; an infinite got is right exactly where
// the interval [ref-bound, ref+bound] reaches Overflow on its side, since
// some value the bound allows rounds to that infinity. A NaN got is not.
func Within(got float32, ref, bound float64) bool {
	switch g := float64(got); {
	case math.IsInf(g, 1):
		return ref+bound >= Overflow
	case math.IsInf(g, -1):
		return ref-bound <= -Overflow
	default:
		return math.Abs(g-ref) <= bound
	}
}
