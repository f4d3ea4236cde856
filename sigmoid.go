package simdact

// Sigmoid sets dst[i] = 1/(1+exp(-x[i])), the logistic function.
//
// The result is within 2 ulp of the exact value rounded to float32 on
// every float32 input. The tail is computed, not cut off: below about
// -87.3 the result is subnormal and underflows gradually (Sigmoid(-100) is
// the subnormal nearest 3.72e-44), and it is +0 only below -103.97, where it
// rounds to 0. Sigmoid(±0) = 0.5, Sigmoid(+Inf) = 1, Sigmoid(-Inf) = +0, and
// a NaN x comes out quieted, with its payload.
func Sigmoid(dst, x []float32) {
	native.Sigmoid(dst, x)
}

// SigmoidBackward sets dx[i] = dy[i]*s*(1-s), s = sigmoid(x[i]), the
// gradient of Sigmoid given the gradient dy of its output and its input x
// (SigmoidBackwardFromOutput takes the output instead).
//
// The result is within 4 ulp of the float64 value, or within
// 2^-21·|dy·s·(1-s)|, whichever is larger (the bound of every smooth
// backward pass; see the package documentation). It is computed from x,
// as e/(1+e)² with e = exp(-|x|), never from a rounded sigmoid: in the
// tails, where sigmoid(x) rounds to 1, the gradient is tiny, not 0, and it
// underflows gradually. Where exp(-|x|) is 0 in float64 (|x| >= 745.13324)
// the result is dy·+0, so that an infinite dy gives NaN there, as the
// float64 formula does. A NaN dy or x gives a NaN.
func SigmoidBackward(dx, dy, x []float32) {
	native.SigmoidBackward(dx, dy, x)
}

// SigmoidBackwardFromOutput sets dx[i] = dy[i]*y[i]*(1-y[i]), the gradient
// of Sigmoid given the gradient dy of its output and its output y (as
// PyTorch's sigmoid backward takes it): cheaper than SigmoidBackward, and
// as accurate as the rounded y allows.
//
// The result is within 4 ulp of the float64 formula at the given y, or
// within 2^-21·|dy·y·(1-y)|, whichever is larger. That holds for any y,
// even one Sigmoid cannot give: nothing overflows or underflows before the
// result does. A NaN dy or y gives a NaN, and so does 0·∞.
func SigmoidBackwardFromOutput(dx, dy, y []float32) {
	native.SigmoidBackwardFromOutput(dx, dy, y)
}

// SiLU sets dst[i] = x[i]*sigmoid(x[i]), the sigmoid-weighted linear unit
// (Swish with beta = 1).
//
// The result is within 2 ulp of the exact value rounded to float32. For
// very negative x, x·exp(x) is computed as one product, so that it is a
// subnormal as long as it does not round to 0 (SiLU(-104) = -7.1e-44,
// although exp(-104) alone is below the smallest subnormal). SiLU(±0) = ±0,
// SiLU(+Inf) = +Inf, SiLU(-Inf) = -0 (the limit, where x·sigmoid(x) in
// float arithmetic is NaN), and a NaN x comes out quieted, with its payload.
func SiLU(dst, x []float32) {
	native.SiLU(dst, x)
}

// SiLUBackward sets dx[i] = dy[i]*s*(1+x[i]*(1-s)), s = sigmoid(x[i]), the
// gradient of SiLU given the gradient dy of its output and its input x.
//
// The result is within 4 ulp of the float64 formula, or within
// 2^-21·|dy|·(s + |x·s·(1-s)|), whichever is larger: the second bound
// matters near the zero of the derivative at x = -1.2785, where its terms
// cancel (the bound of every smooth backward pass; see the package
// documentation). For x < 0 the derivative is computed as
// e·((1+x)+e)/(1+e)², e = exp(x), where the zero shows as the sum
// (1+x)+e, and tails underflow gradually. Where exp(x) is 0 in float64
// (x <= -745.13324), the result is dy·-0, so that an infinite dy gives NaN
// there, as the float64 formula does, and ±Inf above (either sign, or NaN,
// next to the derivative's zero at -1.2785); x = +Inf gives dy.
// A NaN dy or x gives a NaN.
func SiLUBackward(dx, dy, x []float32) {
	native.SiLUBackward(dx, dy, x)
}

// Softplus sets dst[i] = beta*x[i] > threshold ? x[i] : log1p(exp(beta*x[i]))/beta,
// PyTorch's softplus (whose defaults are beta = 1, threshold = 20).
//
// beta*x is compared with threshold as a float32 product, as PyTorch does.
// Below, the result is within 2 ulp of the exact value rounded to float32 for
// beta = 1, and within 3 ulp for any other beta (the rounding of beta*x is
// carried into exp, so that a beta that is not a power of two costs no
// accuracy where |beta*x| is large). log1p(exp(t)) is t + log1p(exp(-t))
// for t > 0, and exp(t) down in its subnormal tail: Softplus(-100) with beta
// = 1 is the subnormal nearest 3.72e-44. Softplus(-Inf) = +0 for beta > 0,
// Softplus(+Inf) = +Inf, and a NaN x comes out quieted, with its payload.
// A NaN threshold compares false: every x then takes the formula.
//
// It panics unless beta is finite and non-zero; a negative beta is allowed
// (the function is then concave and negative).
func Softplus(dst, x []float32, beta, threshold float32) {
	native.Softplus(dst, x, beta, threshold)
}

// SoftplusBackward sets dx[i] = beta*x[i] > threshold ? dy[i] : dy[i]*sigmoid(beta*x[i]),
// the gradient of Softplus given the gradient dy of its output and its
// input x.
//
// Above the threshold dy passes through unchanged (even a signalling NaN).
// Below, the result is within 4 ulp of the float64 formula, or within
// 2^-21·|dy·sigmoid(beta*x)|, whichever is larger (the bound of every
// smooth backward pass; see the package documentation). The rounding of
// beta*x is carried into exp, and exp underflows gradually; where
// exp(beta*x) is 0 in float64 (beta*x <= -745.13324) the result is dy·+0, so
// that an infinite dy gives NaN there, as the float64 formula does. It
// panics unless beta is finite and non-zero.
func SoftplusBackward(dx, dy, x []float32, beta, threshold float32) {
	native.SoftplusBackward(dx, dy, x, beta, threshold)
}

// Mish sets dst[i] = x[i]*tanh(softplus(x[i])), softplus(x) = log1p(exp(x)).
//
// The result is within 3 ulp of the exact value rounded to float32. With
// e = exp(x), tanh(log1p(e)) is e(e+2)/(e(e+2)+2), computed without
// cancellation (from exp(-x) for x >= 0), and for very negative x the
// result x·e(e+2)/... underflows gradually, as SiLU's does. Mish(±0) = ±0,
// Mish(+Inf) = +Inf, Mish(-Inf) = -0 (the limit, where PyTorch gives NaN),
// and a NaN x comes out quieted, with its payload.
func Mish(dst, x []float32) {
	native.Mish(dst, x)
}

// MishBackward sets dx[i] = dy[i]*(t + x[i]*sigmoid(x[i])*(1-t*t)),
// t = tanh(softplus(x[i])), the gradient of Mish given the gradient dy of
// its output and its input x.
//
// The result is within 4 ulp of the float64 formula, or within
// 2^-21·|dy|·(|t| + |x·σ·(1-t²)|), σ = sigmoid(x), whichever is larger, at
// every x (the bound of every smooth backward pass; see the package
// documentation). The second bound is the wider one where the
// derivative's two terms cancel: fully near its zero at x = -1.1924, and in
// part for x < -2, where the assembly kernels may be up to 8 ulp off,
// within that bound. With e = exp(x) and D = e(e+2)+2 the derivative is
// e·((e+2)·D + 4x(1+e))/D² for x < 0, where the zero shows as one sum, and
// tails underflow gradually. Where exp(x) is 0 in float64 (x <= -745.13324)
// the result is dy·-0, as for SiLUBackward; x = +Inf gives dy. A NaN dy or
// x gives a NaN.
func MishBackward(dx, dy, x []float32) {
	native.MishBackward(dx, dy, x)
}

// Swish sets dst[i] = x[i]*sigmoid(beta*x[i]): SiLU for beta = 1 (bit for
// bit), QuickGELU for beta = 1.702, x/2 for beta = 0.
//
// The result is within 2 ulp of the exact value rounded to float32 for
// beta = 1 and within 3 ulp for any other beta: the rounding of beta*x is
// carried into exp, so that a large |beta*x| costs no accuracy, and tiny
// results underflow gradually. Where exp(-|beta*x|) is 0 in float64 the
// result is ±0 with x's sign, the limit: Swish(-Inf) = -0 for beta > 0,
// Swish(+Inf) = +Inf (beta > 0) or +0 (beta < 0). ±0 gives ±0, and a NaN x
// comes out quieted, with its payload. It panics if beta is NaN or
// infinite.
func Swish(dst, x []float32, beta float32) {
	native.Swish(dst, x, beta)
}

// SwishBackward sets dx[i] = dy[i]*(s + beta*x[i]*s*(1-s)),
// s = sigmoid(beta*x[i]), the gradient of Swish given the gradient dy of
// its output and its input x: SiLUBackward for beta = 1 (bit for bit), dy/2
// for beta = 0.
//
// The result is within 4 ulp of the float64 value, or within
// 2^-21·|dy|·(s + |beta·x·s·(1-s)|), whichever is larger (near the zero of
// the derivative, at beta·x = -1.2785), the rounding of beta*x carried into
// exp. Where exp(beta*x) is 0 in float64 (beta*x, the float32 product,
// <= -745.13324) the result is dy·-0, so that an infinite dy gives NaN there,
// as the float64 formula does. A NaN dy or x gives a NaN. It panics if
// beta is NaN or infinite.
func SwishBackward(dx, dy, x []float32, beta float32) {
	native.SwishBackward(dx, dy, x, beta)
}

// LogSigmoid sets dst[i] = log(sigmoid(x[i])) = -softplus(-x[i]), the
// log-likelihood of binary and preference losses.
//
// The result is within 2 ulp of the exact value rounded to float32,
// computed without cancellation: x - log1p(exp(x)) for x < 0 (x itself,
// computed, below -17.3) and -log1p(exp(-x)) for x >= 0, which is
// -exp(-x) rounded far out and underflows gradually (LogSigmoid(100) is the
// subnormal nearest -3.72e-44, never 0 where the true value is a normal
// float). It is Softplus with beta = -1 and no threshold, bit for bit.
// LogSigmoid(-Inf) = -Inf, LogSigmoid(+Inf) = -0, and a NaN x comes out
// quieted, with its payload.
func LogSigmoid(dst, x []float32) {
	native.LogSigmoid(dst, x)
}

// LogSigmoidBackward sets dx[i] = dy[i]*sigmoid(-x[i]), the gradient of
// LogSigmoid given the gradient dy of its output and its input x.
//
// The result is within 4 ulp of the float64 value (SoftplusBackward with
// beta = -1 and no threshold, bit for bit), underflowing gradually. Where
// exp(-x) is 0 in float64 (x >= 745.13324) the result is dy·+0. A NaN dy or x
// gives a NaN.
func LogSigmoidBackward(dx, dy, x []float32) {
	native.LogSigmoidBackward(dx, dy, x)
}
