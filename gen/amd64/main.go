// Command amd64 writes simdact's AVX2+FMA kernels with avo: asm/kernels_amd64.s
// and their Go declarations in asm/stubs_amd64.go. Run it through
// `go generate ./asm` from the repository root; never edit its output.
package main

import . "github.com/mmcloughlin/avo/build"

func main() {
	ConstraintExpr("gc,!purego")
	reluKernels()
	leakyReLUKernels()
	preluKernels()
	eluKernels()
	Generate()
}
