// Package asm holds simdact's generated assembly kernels and their Go
// declarations: AVX2+FMA on amd64 (kernels_amd64.s, written by gen/amd64 with
// avo) and NEON on arm64 (kernels_arm64.s, written by gen/arm64). Every
// kernel has a pure-Go twin of the same name without the ISA suffix in
// package kernels, which is its specification, except PReLU's: its planar
// and interleaved kernels each cover some layouts of kernels.PReLU or
// kernels.PReLUBackward, and internal/prelu runs them over all layouts.
//
// The kernels do not check their arguments; package simdact does. Nothing
// here is built under the purego tag or on other architectures.
package asm

//go:generate go -C ../gen run ./amd64 -out ../asm/kernels_amd64.s -stubs ../asm/stubs_amd64.go -pkg asm
//go:generate go -C ../gen run ./arm64 -out ../asm/kernels_arm64.s -stubs ../asm/stubs_arm64.go -pkg asm
