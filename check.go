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

// overlaps reports whether a and b share memory.
func overlaps(a, b []float32) bool {
	pa := uintptr(unsafe.Pointer(unsafe.SliceData(a)))
	pb := uintptr(unsafe.Pointer(unsafe.SliceData(b)))
	return len(a) > 0 && len(b) > 0 && pa < pb+uintptr(len(b))*4 && pb < pa+uintptr(len(a))*4
}

// badLayout reports whether x cannot be viewed as [outer][len(slope)][inner]:
// inner < 1, an empty slope, or len(x) not a multiple of len(slope)*inner
// (tested without computing the product, which may overflow).
func badLayout(x, slope []float32, inner int) bool {
	return inner < 1 || len(slope) == 0 || len(x)%len(slope) != 0 || len(x)/len(slope)%inner != 0
}

//go:noinline
func panicLayout(fn string, x, slope []float32, inner int) {
	switch {
	case inner < 1:
		panic(fmt.Sprintf("simdact: %s: inner=%d, want at least 1", fn, inner))
	case len(slope) == 0:
		panic("simdact: " + fn + ": slope is empty")
	}
	panic(fmt.Sprintf("simdact: %s: len(x)=%d is not a multiple of len(slope)*inner=%d*%d", fn, len(x), len(slope), inner))
}

//go:noinline
func panicPReLU(dst, x, slope []float32, inner int) {
	if badLayout(x, slope, inner) {
		panicLayout("PReLU", x, slope, inner)
	}
	if overlaps(dst, slope) {
		panic("simdact: PReLU: dst and slope overlap")
	}
	panicUnary("PReLU", dst, x)
}

//go:noinline
func panicPReLUBackward(dx, dslope, dy, x, slope []float32, inner int) {
	const fn = "PReLUBackward"
	switch {
	case badLayout(x, slope, inner):
		panicLayout(fn, x, slope, inner)
	case len(dslope) != len(slope):
		panicLengths(fn, "dslope", len(dslope), "slope", len(slope))
	case len(dx) != len(x) || len(dy) != len(x):
		panicBinary(fn, dx, dy, x)
	case overlaps(dx, slope):
		panic("simdact: " + fn + ": dx and slope overlap")
	}
	for _, other := range []struct {
		name string
		s    []float32
	}{{"dx", dx}, {"dy", dy}, {"x", x}, {"slope", slope}} {
		if overlaps(dslope, other.s) {
			panic("simdact: " + fn + ": dslope and " + other.name + " overlap")
		}
	}
	panicBinary(fn, dx, dy, x)
}
