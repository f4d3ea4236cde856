package simdact

// ReLU sets dst[i] = x[i] < 0 ? +0 : x[i]. NaN (even a signalling NaN) and -0
// pass through unchanged.
func ReLU(dst, x []float32) {
	native.ReLU(dst, x)
}

// ReLUBackward sets dx[i] = x[i] <= 0 ? +0 : dy[i], the gradient of ReLU given
// the gradient dy of its output. x may be the forward input or the forward
// output (they have the same sign). A NaN x passes dy through, and dy passes
// through unchanged, even a signalling NaN.
func ReLUBackward(dx, dy, x []float32) {
	native.ReLUBackward(dx, dy, x)
}

// LeakyReLU sets dst[i] = x[i] > 0 ? x[i] : x[i]*slope. Any slope is allowed,
// negative or zero included. A NaN x comes out quieted, with its payload;
// 0 × ∞ gives the quiet NaN 0xffc00000, as on x86, on every CPU.
func LeakyReLU(dst, x []float32, slope float32) {
	native.LeakyReLU(dst, x, slope)
}

// LeakyReLUBackward sets dx[i] = x[i] > 0 ? dy[i] : dy[i]*slope, the gradient
// of LeakyReLU given the gradient dy of its output and its input x. NaNs are
// as in LeakyReLU.
func LeakyReLUBackward(dx, dy, x []float32, slope float32) {
	native.LeakyReLUBackward(dx, dy, x, slope)
}
