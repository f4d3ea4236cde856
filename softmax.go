package simdact

// Softmax is TODO(doc).
func Softmax(dst, x []float32, cols int) {
	native.Softmax(dst, x, cols)
}

// SoftmaxBackward is TODO(doc).
func SoftmaxBackward(dx, dy, y []float32, cols int) {
	native.SoftmaxBackward(dx, dy, y, cols)
}

// LogSoftmax is TODO(doc).
func LogSoftmax(dst, x []float32, cols int) {
	native.LogSoftmax(dst, x, cols)
}

// LogSoftmaxBackward is TODO(doc).
func LogSoftmaxBackward(dx, dy, y []float32, cols int) {
	native.LogSoftmaxBackward(dx, dy, y, cols)
}
