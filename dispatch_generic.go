//go:build !(amd64 || arm64) || !gc || purego

package simdact

import "github.com/simdact/simdact/kernels"

// Without assembly for this build, every call goes to the pure-Go kernels.

func implementation() string { return "generic" }

func relu(dst, x []float32) { kernels.ReLU(dst, x) }

func reluBackward(dx, dy, x []float32) { kernels.ReLUBackward(dx, dy, x) }

func leakyReLU(dst, x []float32, slope float32) { kernels.LeakyReLU(dst, x, slope) }

func leakyReLUBackward(dx, dy, x []float32, slope float32) {
	kernels.LeakyReLUBackward(dx, dy, x, slope)
}
