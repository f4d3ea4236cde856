package simdact

// Tanh is TODO(doc).
func Tanh(dst, x []float32) {
	native.Tanh(dst, x)
}

// TanhBackward is TODO(doc).
func TanhBackward(dx, dy, y []float32) {
	native.TanhBackward(dx, dy, y)
}

// GELUTanh is TODO(doc).
func GELUTanh(dst, x []float32) {
	native.GELUTanh(dst, x)
}

// GELUTanhBackward is TODO(doc).
func GELUTanhBackward(dx, dy, x []float32) {
	native.GELUTanhBackward(dx, dy, x)
}
