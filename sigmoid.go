package simdact

// Sigmoid is TODO(doc).
func Sigmoid(dst, x []float32) {
	native.Sigmoid(dst, x)
}

// SigmoidBackward is TODO(doc).
func SigmoidBackward(dx, dy, y []float32) {
	native.SigmoidBackward(dx, dy, y)
}

// SiLU is TODO(doc).
func SiLU(dst, x []float32) {
	native.SiLU(dst, x)
}

// SiLUBackward is TODO(doc).
func SiLUBackward(dx, dy, x []float32) {
	native.SiLUBackward(dx, dy, x)
}

// Softplus is TODO(doc).
func Softplus(dst, x []float32, beta, threshold float32) {
	native.Softplus(dst, x, beta, threshold)
}

// SoftplusBackward is TODO(doc).
func SoftplusBackward(dx, dy, x []float32, beta, threshold float32) {
	native.SoftplusBackward(dx, dy, x, beta, threshold)
}

// Mish is TODO(doc).
func Mish(dst, x []float32) {
	native.Mish(dst, x)
}

// MishBackward is TODO(doc).
func MishBackward(dx, dy, x []float32) {
	native.MishBackward(dx, dy, x)
}
