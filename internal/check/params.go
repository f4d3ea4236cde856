package check

import "fmt"

// Rows panics unless cols >= 1, len(x) is a multiple of cols, and dst has
// x's length and is x or does not overlap it.
func Rows(fn string, dst, x []float32, cols int) {
	badCols(fn, "x", x, cols)
	Unary(fn, dst, x)
}

// RowsBinary panics unless cols >= 1, len(in) (in named name) is a multiple
// of cols, and dx, dy and in are as for Binary.
func RowsBinary(fn, name string, dx, dy, in []float32, cols int) {
	badCols(fn, name, in, cols)
	Binary(fn, name, dx, dy, in)
}

func badCols(fn, name string, x []float32, cols int) {
	if cols < 1 {
		panic(fmt.Sprintf("simdact: %s: cols=%d, want at least 1", fn, cols))
	}
	if len(x)%cols != 0 {
		panic(fmt.Sprintf("simdact: %s: len(%s)=%d is not a multiple of cols=%d", fn, name, len(x), cols))
	}
}

// Range panics unless min <= max (so neither is NaN).
func Range(fn string, min, max float32) {
	if !(min <= max) {
		panic(fmt.Sprintf("simdact: %s: min=%v is not <= max=%v", fn, min, max))
	}
}

// NonZero panics if alpha is ±0 or NaN.
func NonZero(fn string, alpha float32) {
	if !(alpha < 0 || alpha > 0) {
		panic(fmt.Sprintf("simdact: %s: alpha=%v, want a non-zero number", fn, alpha))
	}
}
