package simdact

// PReLU sets dst[i] = x[i] > 0 ? x[i] : x[i]*slope[c], a LeakyReLU with one
// slope per channel: x is viewed as [outer][C][inner] with C = len(slope),
// so element i is in channel c = (i/inner) % C. NCHW data has inner = H*W,
// NHWC data has inner = 1, and a single shared slope is C = 1.
//
// len(x) must be a multiple of C*inner (zero included), inner at least 1
// and slope not empty. dst may be x itself, but must not overlap x
// partially, nor overlap slope at all. NaNs are as in LeakyReLU.
func PReLU(dst, x, slope []float32, inner int) {
	native.PReLU(dst, x, slope, inner)
}

// PReLUBackward computes the gradients of PReLU given the gradient dy of its
// output and its input x, with the layout of PReLU:
//
//	dx[i]     = x[i] > 0 ? dy[i] : dy[i]*slope[c]
//	dslope[c] = the sum over channel c of (x[i] > 0 ? 0 : dy[i]*x[i])
//
// dx is bit-exact, with the NaNs of LeakyReLUBackward. The terms of dslope
// are float32 products (±Inf where one overflows); they are added in
// float64 (a few in float32 first, where that sum stays finite) and the sum
// is rounded to float32 once, so dslope[c] differs from the exact sum of the
// terms by at most 2^-20 times the sum of their magnitudes, for channels of
// up to 2^32 elements; where that allowance reaches past MaxFloat32 plus
// half an ulp, dslope[c] may be ±Inf (the package documentation's rule at
// the edge of float32's range). Infinite and NaN terms give what IEEE
// arithmetic gives: a NaN term, or terms +Inf and -Inf, give a NaN (of any
// payload). dslope is overwritten, with zeros when x is empty.
//
// dx may be dy or x itself, but must not overlap either partially, nor
// overlap slope at all. dslope (of length len(slope)) must not share memory
// with any other argument. The layout rules are those of PReLU.
func PReLUBackward(dx, dslope, dy, x, slope []float32, inner int) {
	native.PReLUBackward(dx, dslope, dy, x, slope, inner)
}
