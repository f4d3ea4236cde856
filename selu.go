package simdact

// SELU sets dst[i] = scale*(x[i] > 0 ? x[i] : alpha*expm1(x[i])), the scaled
// ELU of Klambauer et al., with PyTorch's constants alpha =
// 1.6732632423543772848 and scale = 1.0507009873554804934.
//
// The result is within 2 ulp of the exact value rounded to float32, on every
// float32 input (ELU's true expm1, times scale*alpha rounded to float32).
// SELU(±0) = ±0; a subnormal x gives a subnormal result, never flushed; -Inf,
// and every x below -17.33, give -scale*alpha (float32(-1.7580993408473766));
// +Inf gives +Inf; a NaN x comes out quieted, with its payload. It panics if
// the slices' lengths differ or they overlap partially.
func SELU(dst, x []float32) {
	native.SELU(dst, x)
}

// SELUBackward sets dx[i] = x[i] > 0 ? dy[i]*scale : dy[i]*scale*alpha*exp(x[i]),
// the gradient of SELU given the gradient dy of its output and its input x.
//
// The result is within 4 ulp of the exact value rounded to float32, or
// within 2^-21 of its magnitude, whichever is larger (the bound of every
// smooth backward pass, whose derivative here is one term; see the package
// documentation). exp(x) underflows gradually: an infinite dy gives ±Inf
// wherever the float64 exp(x) is not 0 (x > -745.13324), and NaN below, as in
// float64; no intermediate overflows where the result does not. A NaN dy
// comes out quieted; a NaN x gives a NaN. It panics if the slices' lengths
// differ or dx overlaps dy or x partially.
func SELUBackward(dx, dy, x []float32) {
	native.SELUBackward(dx, dy, x)
}

// CELU sets dst[i] = x[i] > 0 ? x[i] : alpha*expm1(x[i]/alpha), the
// continuously differentiable ELU of Barron; with alpha = 1 it is ELU.
//
// The result is within 2 ulp of the exact value rounded to float32 for
// alpha = 1, and within 3 ulp for any other alpha (1 ulp measured): x/alpha
// is never rounded on its own, so that no quotient underflows (CELU(-1e-40)
// with alpha = 1e30 is -1e-40). x > 0 passes unchanged; CELU(±0) = ±0; -Inf,
// and every x where expm1 rounds to -1, give -alpha; a NaN x comes out
// quieted, with its payload.
//
// alpha may be any non-zero number, as in PyTorch: a negative alpha makes
// expm1's argument positive for x < 0, where the result grows as
// alpha*exp(x/alpha) and overflows to -Inf, as the formula does in float64;
// an infinite alpha gives NaN for every x <= 0 (∞·0, as in float64 and
// PyTorch). Alphas outside [2^-64, 2^64], negative or infinite ones run a
// slower portable kernel in float64. It panics if alpha is ±0 or NaN, or
// the slices' lengths differ or they overlap partially.
func CELU(dst, x []float32, alpha float32) {
	native.CELU(dst, x, alpha)
}

// CELUBackward sets dx[i] = x[i] > 0 ? dy[i] : dy[i]*exp(x[i]/alpha), the
// gradient of CELU given the gradient dy of its output and its input x.
//
// The result is within 4 ulp of the exact value rounded to float32, or
// within 2^-21 of its magnitude, whichever is larger (the bound of every
// smooth backward pass; see the package documentation). x/alpha is reduced
// in x's units, so that its rounding does not grow with |x/alpha| as exp's
// argument, and exp underflows gradually: an infinite dy gives ±Inf
// wherever the float64 exp(x/alpha) is not 0, and NaN below, as in float64
// (and a zero dy gives NaN where it overflows, with a negative alpha). dy
// passes unchanged where x > 0, even a signalling NaN; elsewhere a NaN dy
// comes out quieted, and a NaN x gives a NaN. It panics if alpha is ±0 or
// NaN, or the slices' lengths differ or dx overlaps dy or x partially.
func CELUBackward(dx, dy, x []float32, alpha float32) {
	native.CELUBackward(dx, dy, x, alpha)
}
