package simdact

// SELU is TODO(doc).
func SELU(dst, x []float32) {
	native.SELU(dst, x)
}

// SELUBackward is TODO(doc).
func SELUBackward(dx, dy, x []float32) {
	native.SELUBackward(dx, dy, x)
}

// CELU is TODO(doc).
func CELU(dst, x []float32, alpha float32) {
	native.CELU(dst, x, alpha)
}

// CELUBackward is TODO(doc).
func CELUBackward(dx, dy, x []float32, alpha float32) {
	native.CELUBackward(dx, dy, x, alpha)
}
