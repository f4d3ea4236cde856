// Package asm runs simdact's kernels in one implementation at a time: the
// generated assembly for one instruction set, or the pure-Go kernels of
// package kernels. Its one exported type, Impl, has a method for every
// function of package simdact: package simdact dispatches every call
// through the Impl it selects, and the tests and the benchmark tool run
// each Impl that Implementations lists through the very same methods. The
// methods are generated (dispatch_*.go, by gen/wiring from its table of
// kernels), but for those whose choice of kernel depends on the layout or
// the parameters: PReLU's (prelu_*.go), CELU's (celu*.go) and Swish's
// (swish*.go).
//
// The assembly is generated, never edited: kernels_amd64.s (AVX-512 and
// AVX2+FMA, by gen/amd64 with avo, one description of each kernel emitted
// for both widths) and kernels_arm64.s (NEON, by gen/arm64), with their Go
// declarations in stubs_*.go. Those functions are unexported: they trust
// their arguments, which Impl's methods check first. Every kernel has a
// pure-Go twin of the same name in package kernels, which is its
// specification; PReLU's planar and interleaved kernels each cover some
// layouts, and the driver in prelu.go runs them over all layouts.
package asm

//go:generate go -C ../gen run ./amd64 -out ../asm/kernels_amd64.s -stubs ../asm/stubs_amd64.go -pkg asm
//go:generate go -C ../gen run ./arm64 -out ../asm/kernels_arm64.s -stubs ../asm/stubs_arm64.go -pkg asm
//go:generate go -C ../gen run ./wiring -root ..
