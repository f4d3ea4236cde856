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
