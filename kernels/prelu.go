package kernels

// PReLU sets dst[i] = x[i] > 0 ? x[i] : x[i]*slope[c], with the NaNs of mul,
// where c = (i/inner) % len(slope): x is [outer][len(slope)][inner]. len(x)
// is a multiple of len(slope)*inner.
func PReLU(dst, x, slope []float32, inner int) {
	dst = dst[:len(x)]
	for start := 0; start < len(x); {
		for _, s := range slope {
			end := start + inner
			LeakyReLU(dst[start:end], x[start:end], s)
			start = end
		}
	}
}

// PReLUBackward sets dx[i] = x[i] > 0 ? dy[i] : dy[i]*slope[c], with the NaNs
// of mul and the layout of PReLU, and dslope[c] to the sum over channel c of
// the float32 products x[i] > 0 ? 0 : dy[i]*x[i], added in float64 and
// rounded once. An empty x gives zeros in dslope.
func PReLUBackward(dx, dslope, dy, x, slope []float32, inner int) {
	dslope = dslope[:len(slope)]
	if len(x) == 0 { // where len(slope)*inner may overflow
		clear(dslope)
		return
	}
	period := len(slope) * inner
	for c, s := range slope {
		var sum float64
		for start := c * inner; start < len(x); start += period {
			end := start + inner
			sum += leakyReLUBackwardSum(dx[start:end], dy[start:end], x[start:end], s)
		}
		dslope[c] = float32(sum)
	}
}

// leakyReLUBackwardSum is LeakyReLUBackward that also returns the float64 sum
// of the products dy[i]*x[i] where x[i] is not positive.
func leakyReLUBackwardSum(dx, dy, x []float32, slope float32) float64 {
	dx, dy = dx[:len(x)], dy[:len(x)]
	var sum float64
	for i, v := range x {
		g := dy[i]
		if !(v > 0) {
			sum += float64(g * v)
			g = mul(g, slope)
		}
		dx[i] = g
	}
	return sum
}
