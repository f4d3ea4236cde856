// Package check holds the argument checks of every exported kernel of the
// module: the root API, package kernels and package asm. A call that breaks
// the rules panics, before the kernel writes anything, with "simdact: Func:
// what is wrong". A passing check costs a few comparisons; only a failing
// call reaches the code that words the message, which is not inlined.
package check

import (
	"fmt"
	"strings"
	"unsafe"
)

// Unary panics unless dst and x have one length and are the same slice or
// do not overlap.
func Unary(fn string, dst, x []float32) {
	if len(dst) != len(x) || overlapsPartially(dst, x) {
		panicUnary(fn, dst, x)
	}
}

// Binary panics unless dx, dy and in (named name: "x" or "y") have one
// length and dx is each input or overlaps neither.
func Binary(fn, name string, dx, dy, in []float32) {
	if len(dx) != len(in) || len(dy) != len(in) || overlapsPartially(dx, dy) || overlapsPartially(dx, in) {
		panicBinary(fn, name, dx, dy, in)
	}
}

// NonNegative panics unless alpha >= 0 (so not NaN).
func NonNegative(fn string, alpha float32) {
	if !(alpha >= 0) {
		panic(fmt.Sprintf("simdact: %s: alpha=%v must be >= 0", fn, alpha))
	}
}

// PReLU panics unless x can be viewed as [outer][len(slope)][inner], dst
// has x's length, is x or does not overlap it, and does not overlap slope.
func PReLU(dst, x, slope []float32, inner int) {
	if badLayout(x, slope, inner) || len(dst) != len(x) || overlapsPartially(dst, x) || overlaps(dst, slope) {
		panicPReLU(dst, x, slope, inner)
	}
}

// PReLUBackward panics unless the layout is PReLU's, dslope has slope's
// length and overlaps nothing else, and dx, dy and x are as for Binary, dx
// not overlapping slope.
func PReLUBackward(dx, dslope, dy, x, slope []float32, inner int) {
	if badLayout(x, slope, inner) || len(dslope) != len(slope) || len(dx) != len(x) || len(dy) != len(x) ||
		overlapsPartially(dx, dy) || overlapsPartially(dx, x) || overlaps(dx, slope) ||
		overlaps(dslope, dx) || overlaps(dslope, dy) || overlaps(dslope, x) || overlaps(dslope, slope) {
		panicPReLUBackward(dx, dslope, dy, x, slope, inner)
	}
}

// overlapsPartially reports whether out and in, of the same length, share
// memory without being the same slice: their distance d in bytes, either
// way, is neither 0 nor as large as their size. (Written to inline cheaply.)
func overlapsPartially(out, in []float32) bool {
	d := uintptr(unsafe.Pointer(unsafe.SliceData(out))) - uintptr(unsafe.Pointer(unsafe.SliceData(in)))
	size := uintptr(len(out)) * 4
	return d != 0 && (d < size || -d < size)
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
func panicUnary(fn string, dst, x []float32) {
	if len(dst) != len(x) {
		panicLengths(fn, "dst", len(dst), "x", len(x))
	}
	panic("simdact: " + fn + ": dst and x overlap partially")
}

// panicBinary panics with what is wrong with the output dx and the inputs
// dy and in (named name) of a binary function.
//
//go:noinline
func panicBinary(fn, name string, dx, dy, in []float32) {
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
		panicBinary(fn, "x", dx, dy, x)
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
	panicBinary(fn, "x", dx, dy, x)
}

// BadUnary reports whether Unary would panic. It inlines, where Unary does
// not: the hot paths write `if BadUnary(dst, x) { PanicUnary(...) }`, which
// saves a call (about 1.3 ns of a 9 ns call at n = 16), and test a binary
// function's slices with BadUnary(dx, x) || BadUnary(dx, dy).
func BadUnary(dst, x []float32) bool { return len(dst) != len(x) || overlapsPartially(dst, x) }

// PanicUnary panics as Unary does, where BadUnary reports true.
func PanicUnary(fn string, dst, x []float32) { panicUnary(fn, dst, x) }

// PanicBinary panics as Binary does, where BadUnary(dx, in) ||
// BadUnary(dx, dy), which is Binary's test, reports true.
func PanicBinary(fn, name string, dx, dy, in []float32) { panicBinary(fn, name, dx, dy, in) }
