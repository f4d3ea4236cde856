package verify

import (
	"math"
	"testing"
)

// TestExpZeroBelow checks ExpZeroBelow against its definition: it lies
// below -1075·ln2 (where exp rounds to 0 in float64) and the next float32
// above it lies above. float64's -1075·ln2 is within 2^-40 of the true
// value, far inside the float32 spacing of 2^-14 there, so both margins
// are asserted to exceed 2^-30.
func TestExpZeroBelow(t *testing.T) {
	bound := -1075 * math.Ln2
	below, above := float64(ExpZeroBelow), float64(math.Nextafter32(ExpZeroBelow, 0))
	if !(bound-below > 0x1p-30 && above-bound > 0x1p-30) {
		t.Errorf("ExpZeroBelow = %v, next float32 %v: want them on either side of -1075·ln2 = %v", below, above, bound)
	}
}
