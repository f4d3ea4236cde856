// Command arm64 writes simdact's NEON kernels: asm/kernels_arm64.s and their
// Go declarations in asm/stubs_arm64.go. Go's arm64 assembler lacks the
// vector floating-point instructions, which neon.go encodes as WORDs. Run it
// through `go generate ./asm` from the repository root; never edit its output.
package main

import (
	"flag"
	"log"
	"os"
	"strings"
)

func main() {
	out := flag.String("out", "", "assembly file to write")
	stubs := flag.String("stubs", "", "Go declarations file to write")
	pkg := flag.String("pkg", "asm", "package of the Go declarations")
	flag.Parse()
	if *out == "" || *stubs == "" {
		log.Fatal("usage: arm64 -out FILE.s -stubs FILE.go [-pkg NAME]")
	}
	f := newFile("go run ./arm64 "+strings.Join(os.Args[1:], " "), *pkg)
	reluKernels(f)
	leakyReLUKernels(f)
	preluKernels(f)
	eluKernels(f)
	sigmoidKernels(f)
	tanhKernels(f)
	geluKernels(f)
	seluKernels(f)
	hardKernels(f)
	softmaxKernels(f)
	softsignKernels(f)
	gluKernels(f)
	if err := os.WriteFile(*out, f.asm.Bytes(), 0o644); err != nil {
		log.Fatal(err)
	}
	if err := os.WriteFile(*stubs, f.stubs.Bytes(), 0o644); err != nil {
		log.Fatal(err)
	}
}
