//go:build gc && !purego

package asm

// swish runs Swish's AVX2 kernel (AVX-512 runs it too).
func (k Impl) swish(dst, x []float32, beta float32) {
	swishAVX2(dst, x, beta, k.stream(len(x), unaryBytes))
}

// swishBackward runs SwishBackward's AVX2 kernel (AVX-512 runs it too).
func (k Impl) swishBackward(dx, dy, x []float32, beta float32) {
	swishBackwardAVX2(dx, dy, x, beta, k.stream(len(x), binaryBytes))
}
