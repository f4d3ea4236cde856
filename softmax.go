package simdact

// Softmax sets each row of cols elements of dst (the last axis, PyTorch's
// dim=-1) to the softmax of that row of x: exp(x[i] - m)/s, with m the row
// maximum and s the sum of the row's exp(x[j] - m).
//
// Subtracting the maximum first makes any finite logits work (1e4-scale
// ones too). Each result is within 2 ulp + 2^-24 of the exact softmax of the
// row rounded to float32, and each row sums to within 2^-20 of 1 (s is
// accumulated in float64, at any cols). A row that holds a NaN or +Inf, or
// whose elements are all -Inf, comes out all NaN (as in PyTorch); in other
// rows, -Inf elements give +0. Exponentials below 2^-126 underflow
// gradually.
//
// Each row of x is read twice and each row of dst written twice (and read
// once), in three passes (the maximum; the exponentials, stored, and their
// sum; the scaling by 1/s), all rows in one assembly call: memory sees each
// row once where it fits in the L2 cache. It panics, before writing
// anything, if cols < 1, len(x) is not a multiple of cols, or dst and x
// differ in length or overlap without being the same slice.
func Softmax(dst, x []float32, cols int) {
	native.Softmax(dst, x, cols)
}

// SoftmaxBackward sets each row of cols elements of dx to
// y[i]·(dy[i] - g), g the row's sum of dy[j]·y[j]: the gradient of Softmax
// given the gradient dy of its output y.
//
// g is accumulated in float64 from exact products and rounded to float32
// (a row whose g overflows float32 gets an infinite g, as PyTorch's float32
// sums do). Each result is within 2^-20·max(1, |y[i]|) times the row's sum
// of |dy[j]·y[j]|, plus (1 + |y[i]|)·2^-149 for subnormal results, of the
// exact value, with the rule of the package documentation at the edge of
// float32's range; NaNs and infinities follow IEEE arithmetic (a NaN in a
// row's dy or y makes the row NaN). It makes two passes over each row, and
// panics, before writing anything, if cols < 1, len(y) is not a multiple
// of cols, or the slices differ in length or overlap without being the
// same slice (dx may be dy or y).
func SoftmaxBackward(dx, dy, y []float32, cols int) {
	native.SoftmaxBackward(dx, dy, y, cols)
}

// LogSoftmax sets each row of cols elements of dst to the log-softmax of
// that row of x: (x[i] - m) - log(s), with m and s as for Softmax.
//
// Each result is within 2 ulp, or 2^-22 absolute, of the exact value (log(s)
// is computed once per row in float64). A row that holds a NaN or +Inf, or
// whose elements are all -Inf, comes out all NaN; in other rows, -Inf
// elements give -Inf. It reads each row of x three times (from the cache
// after the first, where the row fits in L2) and writes it once, in three
// passes (the maximum, the sum of the exponentials, the results), all rows
// in one assembly call, and panics as Softmax does.
func LogSoftmax(dst, x []float32, cols int) {
	native.LogSoftmax(dst, x, cols)
}

// LogSoftmaxBackward sets each row of cols elements of dx to
// dy[i] - exp(y[i])·g, g the sum of the row's dy: the gradient of
// LogSoftmax given the gradient dy of its output y.
//
// g is accumulated in float64 and rounded to float32. Each result is within
// 2^-20·(|dy[i]| + sum(|dy|)·exp(y[i])) plus (1 + |g| + exp(y[i]))·2^-149
// (for subnormal results) of the exact value, with the rule of the package
// documentation at the edge of float32's range. exp underflows gradually,
// and is +Inf where it overflows float32 (y > 88.72, which no
// log-probability is); NaNs and infinities follow IEEE arithmetic. It
// makes two passes over each row, and panics as SoftmaxBackward does.
func LogSoftmaxBackward(dx, dy, y []float32, cols int) {
	native.LogSoftmaxBackward(dx, dy, y, cols)
}
