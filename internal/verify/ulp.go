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
