package simdact

// Hardtanh sets dst[i] = x[i] < min ? min : x[i] > max ? max : x[i], x
// clamped to [min, max]. ReLU6 is Hardtanh(dst, x, 0, 6).
//
// The result is exact, and PyTorch's on every non-NaN x (see the package
// documentation, "The hard activations"). ±0 pass through unchanged where
// they are inside the range: Hardtanh(-0) with min = 0 is -0, as in
// PyTorch. ±Inf give the bounds; a NaN x comes out quieted, with its
// payload. min == max is allowed (every number becomes min), and so are
// infinite bounds. It panics if min > max or either is NaN.
func Hardtanh(dst, x []float32, min, max float32) {
	native.Hardtanh(dst, x, min, max)
}

// HardtanhBackward sets dx[i] = (x[i] <= min || x[i] >= max) ? +0 : dy[i],
// the gradient of Hardtanh given the gradient dy of its output and its
// input x: 0 at the bounds themselves, as in PyTorch, and dy (unchanged,
// even a signalling NaN) for a NaN x, whose comparisons are false. The
// result is exact. It panics if min > max or either is NaN.
func HardtanhBackward(dx, dy, x []float32, min, max float32) {
	native.HardtanhBackward(dx, dy, x, min, max)
}

// HardSigmoid sets dst[i] = min(max(x[i]+3, 0), 6) / 6, a piecewise-linear
// sigmoid: 0 from x = -3 down, 1 from x = 3 up.
//
// The result is exact, in PyTorch's order of operations: each operation
// rounds once, the division by 6 included (a multiplication by
// float32(1.0/6) would round differently for some x), so the result is the
// float32 nearest to the clamped x+3 over 6. -Inf gives +0, +Inf gives 1,
// and a NaN x comes out quieted.
func HardSigmoid(dst, x []float32) {
	native.HardSigmoid(dst, x)
}

// HardSigmoidBackward sets dx[i] = (-3 < x[i] && x[i] < 3) ? dy[i]*s : +0,
// with s = float32(1.0/6) (PyTorch's constant), the gradient of HardSigmoid
// given the gradient dy of its output and its input x. The result is
// exact; ±3 and a NaN x give +0, and a NaN dy inside the range comes out
// quieted.
func HardSigmoidBackward(dx, dy, x []float32) {
	native.HardSigmoidBackward(dx, dy, x)
}

// HardSwish sets dst[i] = (x[i] * min(max(x[i]+3, 0), 6)) / 6, in that
// order, as PyTorch and MobileNetV3 define it.
//
// The result is exact, in PyTorch's order of operations:
// x·min(max(x+3, 0), 6) rounds once and the division by 6 once. So x from
// -3 down gives -0 (x·+0); HardSwish of a large x is x·6/6 rounded twice
// (within an ulp of x); x above 5.67e37, where x·6 overflows, gives +Inf,
// as +Inf does; and -Inf gives -Inf·0, the NaN 0xffc00000 (PyTorch's
// result too). A NaN x comes out quieted.
func HardSwish(dst, x []float32) {
	native.HardSwish(dst, x)
}

// HardSwishBackward sets dx[i] = x[i] < -3 ? +0 : x[i] < 3 ?
// dy[i]*(x[i]/3+0.5) : dy[i], the gradient of HardSwish given the gradient
// dy of its output and its input x, with a true division, as PyTorch's
// vector path computes it (its scalar path gives dy*1.5 at x = 3).
//
// The result is exact. A NaN x, like every x >= 3, passes dy unchanged; a
// NaN dy where it is multiplied comes out quieted, and ±Inf·0 (dy = ±Inf at
// x = -1.5) gives 0xffc00000.
func HardSwishBackward(dx, dy, x []float32) {
	native.HardSwishBackward(dx, dy, x)
}

// Threshold sets dst[i] = x[i] <= threshold ? value : x[i], for any
// threshold and value.
//
// The result is exact. value is stored unchanged, even a signalling NaN; a
// NaN x comes out quieted (x <= threshold is false for it), and a NaN
// threshold replaces nothing. -0 <= +0, so Threshold(-0) with threshold 0
// gives value.
func Threshold(dst, x []float32, threshold, value float32) {
	native.Threshold(dst, x, threshold, value)
}

// ThresholdBackward sets dx[i] = x[i] <= threshold ? +0 : dy[i], the
// gradient of Threshold given the gradient dy of its output and its input
// x. The result is exact: dy passes unchanged, even a signalling NaN, where
// x is above the threshold or NaN (or the threshold is NaN).
func ThresholdBackward(dx, dy, x []float32, threshold float32) {
	native.ThresholdBackward(dx, dy, x, threshold)
}
