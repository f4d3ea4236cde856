package kernels

import (
	"math"

	"github.com/simdact/simdact/internal/check"
)

// PReLU sets dst[i] = x[i] > 0 ? x[i] : x[i]*slope[c], with the NaNs of mul,
// where c = (i/inner) % len(slope): x is [outer][len(slope)][inner]. len(x)
// is a multiple of len(slope)*inner. It computes both results and keeps one
// without a branch (see positiveMask).
func PReLU(dst, x, slope []float32, inner int) {
	check.PReLU(dst, x, slope, inner)
	dst = dst[:len(x)]
	if len(slope) == 1 {
		inner = len(x) // one segment: no loop per row
	}
	for i := 0; i < len(x); {
		for _, s := range slope {
			for end := i + inner; i < end; i++ {
				v := x[i]
				dst[i] = choose(positiveMask(v), v, mul(v, s))
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
	check.PReLUBackward(dx, dslope, dy, x, slope, inner)
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
					keep := positiveMask(v)
					sum += float64(choose(keep, 0, g*v))
					dx[i] = choose(keep, g, mul(g, s))
				}
				acc[c] += sum
			}
		}
		for c, v := range acc {
			dslope[first+c] = float32(v)
		}
	}
}

// positiveMask returns all ones where v > 0 and zeros elsewhere (NaN
// included), computed without a branch, which random signs would
// mispredict on every other element: the bits of v less one are below
// those of +Inf exactly for v in (0, +Inf].
func positiveMask(v float32) uint32 {
	return uint32((int64(math.Float32bits(v)-1) - infBits) >> 63)
}

// choose returns a where mask is all ones and b where it is zero, bit for
// bit.
func choose(mask uint32, a, b float32) float32 {
	return math.Float32frombits(math.Float32bits(a)&mask | math.Float32bits(b)&^mask)
}
