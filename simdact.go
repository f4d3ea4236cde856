// Package simdact computes neural-network activation functions and their
// gradients over []float32, with AVX-512 and AVX2+FMA assembly on amd64,
// NEON assembly on arm64 and portable Go everywhere else.
//
// Every function writes its first argument (like copy) and reads the rest.
// All slices of one call have the same length; an output may be the very
// same slice as an input (in place), but must not overlap one partially.
// A call that breaks these rules panics before it writes anything, with a
// message that starts "simdact: FuncName:". No call allocates, and calls are
// safe from any number of goroutines at once.
//
// The piecewise-linear functions are exact: every implementation returns
// the bits that the formula in its documentation gives in IEEE float32
// arithmetic, including for NaN (whose payload is kept), -0, ±Inf and
// subnormal inputs. ELU and ELUBackward compute a true expm1 and exp, within
// 1 to 3 ulp of the exact result on every input (the documentation of each
// says how close), and exactly on NaN, ±0, ±Inf, subnormal and saturated
// inputs; ELUBackwardFromOutput is exact.
//
// The implementation is chosen once, when the program starts: the best
// that the CPU runs ("avx512", "avx2", "neon", else "generic"), or the one
// the environment variable SIMDACT_IMPL names (SIMDACT_IMPL=generic forces
// the pure-Go kernels). A name that is unknown, or that this CPU cannot
// run, stops the program at start-up with a message that lists the
// choices. The build tag purego leaves the assembly out entirely.
// Implementation reports the choice.
package simdact

import (
	"fmt"
	"os"

	"github.com/simdact/simdact/asm"
)

// native runs every kernel: each function of the package calls its method,
// which checks the arguments and branches on native's instruction set.
var native = selectImplementation(os.Getenv("SIMDACT_IMPL"))

// selectImplementation returns the implementation that name selects, the
// best this CPU runs if name is empty; it stops the program if there is
// none of that name.
func selectImplementation(name string) asm.Impl {
	if name == "" {
		return asm.Implementations()[0]
	}
	impl, err := asm.Lookup(name)
	if err != nil {
		fmt.Fprintf(os.Stderr, "simdact: SIMDACT_IMPL=%s: %v\n", name, err)
		os.Exit(2)
	}
	return impl
}

// Implementation reports which kernels this process uses: "avx512" (AVX-512
// F, BW, DQ and VL on amd64), "avx2" (AVX2 and FMA on amd64), "neon"
// (Advanced SIMD on arm64) or "generic" (pure Go).
func Implementation() string { return native.Name() }
