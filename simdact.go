// Package simdact computes neural-network activation functions and their
// gradients over []float32, with AVX2+FMA assembly on amd64, NEON assembly on
// arm64 and portable Go everywhere else.
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
// The implementation is chosen once, when the program starts, from what the
// CPU supports; Implementation reports it. Setting the environment variable
// SIMDACT_IMPL=generic forces the pure-Go kernels, and the build tag purego
// leaves the assembly out entirely.
package simdact

// Implementation reports which kernels this process uses: "avx2" (AVX2 and
// FMA on amd64), "neon" (Advanced SIMD on arm64) or "generic" (pure Go).
func Implementation() string { return implementation() }
