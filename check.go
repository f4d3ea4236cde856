package simdact

import (
	"fmt"
	"strings"
	"unsafe"
)

// Argument checks shared by every function. A call that breaks the rules
// panics, before the kernel writes anything, with "simdact: Func: what is
// wrong". The tests (written out in each function, where they inline) are
// cheap; only a failing call reaches the code that words the message.

// badBinary reports whether dx, dy and x differ in length or dx overlaps an
// input partially.
func badBinary(dx, dy, x []float32) bool {
	return len(dx) != len(x) || len(dy) != len(x) || overlapsPartially(dx, dy) || overlapsPartially(dx, x)
}

// overlapsPartially reports whether out and in, of the same length, share
// memory without being the same slice.
func overlapsPartially(out, in []float32) bool {
	o := uintptr(unsafe.Pointer(unsafe.SliceData(out)))
	i := uintptr(unsafe.Pointer(unsafe.SliceData(in)))
	size := uintptr(len(out)) * 4
	return o != i && o < i+size && i < o+size
}

//go:noinline
func panicUnary(fn string, dst, x []float32) {
	if len(dst) != len(x) {
		panicLengths(fn, "dst", len(dst), "x", len(x))
	}
	panic("simdact: " + fn + ": dst and x overlap partially")
}

//go:noinline
func panicBinary(fn string, dx, dy, x []float32) { panicOperands(fn, "x", dx, dy, x) }

//go:noinline
func panicELUBackwardFromOutput(dx, dy, y []float32, alpha float32) {
	if badBinary(dx, dy, y) {
		panicOperands("ELUBackwardFromOutput", "y", dx, dy, y)
	}
	panic(fmt.Sprintf("simdact: ELUBackwardFromOutput: alpha=%v must be >= 0", alpha))
}

// panicOperands panics with what is wrong with the output dx and the inputs
// dy and in (named name) of a binary function.
func panicOperands(fn, name string, dx, dy, in []float32) {
	if len(dx) != len(in) || len(dy) != len(in) {
		panicLengths(fn, "dx", len(dx), "dy", len(dy), name, len(in))
	}
	if overlapsPartially(dx, dy) {
		panic("simdact: " + fn + ": dx and dy overlap partially")
	}
	panic("simdact: " + fn + ": dx and " + name + " overlap partially")
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
