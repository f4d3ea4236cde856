package simdact

import (
	"fmt"
	"strings"
	"unsafe"
)

// Argument checks shared by every function. They panic, before the kernel
// writes anything, with "simdact: Func: what is wrong".

// checkUnary checks a call that reads x and writes dst.
func checkUnary(fn string, dst, x []float32) {
	if len(dst) != len(x) {
		panicLengths(fn, "dst", len(dst), "x", len(x))
	}
	checkOverlap(fn, "dst", dst, "x", x)
}

// checkBinary checks a call that reads dy and x and writes dx.
func checkBinary(fn string, dx, dy, x []float32) {
	if len(dx) != len(x) || len(dy) != len(x) {
		panicLengths(fn, "dx", len(dx), "dy", len(dy), "x", len(x))
	}
	checkOverlap(fn, "dx", dx, "dy", dy)
	checkOverlap(fn, "dx", dx, "x", x)
}

// checkOverlap panics if out and in share memory without being the same
// slice. The caller has checked that they have the same length.
func checkOverlap(fn, outName string, out []float32, inName string, in []float32) {
	if len(out) == 0 || len(in) == 0 {
		return
	}
	o := uintptr(unsafe.Pointer(unsafe.SliceData(out)))
	i := uintptr(unsafe.Pointer(unsafe.SliceData(in)))
	if o != i && o < i+uintptr(len(in))*4 && i < o+uintptr(len(out))*4 {
		panic("simdact: " + fn + ": " + outName + " and " + inName + " overlap partially")
	}
}

// panicLengths panics with the lengths of the named slices, given as
// alternating names and lengths.
func panicLengths(fn string, namesAndLengths ...any) {
	parts := make([]string, 0, len(namesAndLengths)/2)
	for i := 0; i < len(namesAndLengths); i += 2 {
		parts = append(parts, fmt.Sprintf("len(%s)=%d", namesAndLengths[i], namesAndLengths[i+1]))
	}
	panic("simdact: " + fn + ": " + strings.Join(parts, ", "))
}
