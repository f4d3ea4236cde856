package kernels

// PReLU sets dst[i] = x[i] > 0 ? x[i] : x[i]*slope[c], with the NaNs of mul,
// where c = (i/inner) % len(slope): x is [outer][len(slope)][inner]. len(x)
// is a multiple of len(slope)*inner.
func PReLU(dst, x, slope []float32, inner int) {
	dst = dst[:len(x)]
	if len(slope) == 1 {
		inner = len(x) // one segment: no loop per row
	}
	for i := 0; i < len(x); {
		for _, s := range slope {
			for end := i + inner; i < end; i++ {
				v := x[i]
				if !(v > 0) {
					v = mul(v, s)
				}
				dst[i] = v
			}
		}
	}
}

// sumBlock is the number of channels whose float64 sums PReLUBackward keeps
// at once, on the stack.
const sumBlock = 64

// PReLUBackward sets dx[i] = x[i] > 0 ? dy[i] : dy[i]*slope[c], with the NaNs
// of mul and the layout of PReLU, and dslope[c] to the sum over channel c of
// the float32 products x[i] > 0 ? 0 : dy[i]*x[i], added in float64 and
// rounded once. An empty x gives zeros in dslope.
//
// It walks x in order, one block of up to sumBlock channels at a time: for
// each row, the part of the row that the block's channels span.
func PReLUBackward(dx, dslope, dy, x, slope []float32, inner int) {
	dslope = dslope[:len(slope)]
	if len(x) == 0 { // where len(slope)*inner may overflow
		clear(dslope)
		return
	}
	dx, dy = dx[:len(x)], dy[:len(x)]
	if len(slope) == 1 {
		inner = len(x) // one segment: no loop per row
	}
	row := len(slope) * inner
	var sums [sumBlock]float64
	for first := 0; first < len(slope); first += sumBlock {
		block := slope[first:min(first+sumBlock, len(slope))]
		acc := sums[:len(block)]
		clear(acc)
		for i := first * inner; i < len(x); i += row - len(block)*inner {
			for c, s := range block {
				var sum float64
				for end := i + inner; i < end; i++ {
					g, v := dy[i], x[i]
					if !(v > 0) {
						sum += float64(g * v)
						g = mul(g, s)
					}
					dx[i] = g
				}
				acc[c] += sum
			}
		}
		for c, v := range acc {
			dslope[first+c] = float32(v)
		}
	}
}
