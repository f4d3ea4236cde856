package simdact

// GELU is TODO(doc).
func GELU(dst, x []float32) {
	native.GELU(dst, x)
}

// GELUBackward is TODO(doc).
func GELUBackward(dx, dy, x []float32) {
	native.GELUBackward(dx, dy, x)
}
