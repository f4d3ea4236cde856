package simdact

// Hardtanh is TODO(doc).
func Hardtanh(dst, x []float32, min, max float32) {
	native.Hardtanh(dst, x, min, max)
}

// HardtanhBackward is TODO(doc).
func HardtanhBackward(dx, dy, x []float32, min, max float32) {
	native.HardtanhBackward(dx, dy, x, min, max)
}

// HardSigmoid is TODO(doc).
func HardSigmoid(dst, x []float32) {
	native.HardSigmoid(dst, x)
}

// HardSigmoidBackward is TODO(doc).
func HardSigmoidBackward(dx, dy, x []float32) {
	native.HardSigmoidBackward(dx, dy, x)
}

// HardSwish is TODO(doc).
func HardSwish(dst, x []float32) {
	native.HardSwish(dst, x)
}

// HardSwishBackward is TODO(doc).
func HardSwishBackward(dx, dy, x []float32) {
	native.HardSwishBackward(dx, dy, x)
}

// Threshold is TODO(doc).
func Threshold(dst, x []float32, threshold, value float32) {
	native.Threshold(dst, x, threshold, value)
}

// ThresholdBackward is TODO(doc).
func ThresholdBackward(dx, dy, x []float32, threshold float32) {
	native.ThresholdBackward(dx, dy, x, threshold)
}
