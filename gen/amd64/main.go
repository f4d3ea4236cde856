// Command amd64 writes simdact's AVX-512 and AVX2+FMA kernels with avo: asm/kernels_amd64.s
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
	sigmoidKernels()
	tanhKernels()
	geluKernels()
	seluKernels()
	hardKernels()
	softmaxKernels()
	softsignKernels()
	gluKernels()
	assertFlushed()
	Generate()
}

// kernel opens the TEXT block of a kernel, once the previous one has
// emitted all of its code.
func kernel(name, signature string) {
	assertFlushed()
	TEXT(name, NOSPLIT, signature)
	Pragma("noescape")
}

// assertFlushed panics if a kernel left code in outOfLine, which would end
// up in the next kernel or nowhere.
func assertFlushed() {
	if len(outOfLine) > 0 {
		panic("a kernel ended without emitting its out-of-line code (emitOutOfLine)")
	}
}
