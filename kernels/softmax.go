package kernels

import (
	"math"

	"github.com/simdact/simdact/internal/check"
	"github.com/simdact/simdact/internal/softmax32"
)

// The softmax kernels work on each row of cols elements in turn, in passes
// over the row: the row maximum m, then the exponentials exp(x - m) (stored
// by Softmax, for its last pass to scale) and their sum, accumulated in
// float64 so that its rounding errors stay far below the bounds even at
// cols = 50000; the last pass writes the results.

// Softmax sets each row of cols elements of dst to the softmax of that row
// of x, exp(x[i] - m)/s with m the row maximum and s the sum of the row's
// exp(x[j] - m): each result within 2 ulp + 2^-24 of the float64 softmax. A
// row with a NaN or +Inf, or whose elements are all -Inf, comes out all
// NaN; -Inf elements of other rows give +0. It panics, before writing
// anything, if cols < 1, len(x) is not a multiple of cols, or dst and x
// differ in length or overlap without being the same slice.
func Softmax(dst, x []float32, cols int) {
	check.Rows("Softmax", dst, x, cols)
	dst = dst[:len(x)]
	for len(x) > 0 {
		row, out := x[:cols:cols], dst[:cols:cols]
		s := expSum(out, row, rowMax(row))
		scaleRow(out, float32(1/s))
		x, dst = x[cols:], dst[cols:]
	}
}

// LogSoftmax sets each row of cols elements of dst to the log-softmax of
// that row of x, (x[i] - m) - log(s) with m and s as for Softmax: each
// result within 2 ulp, or 2^-22, of the float64 value. A row with a NaN or
// +Inf, or whose elements are all -Inf, comes out all NaN; -Inf elements of
// other rows give -Inf. It panics as Softmax does.
func LogSoftmax(dst, x []float32, cols int) {
	check.Rows("LogSoftmax", dst, x, cols)
	dst = dst[:len(x)]
	for len(x) > 0 {
		row, out := x[:cols:cols], dst[:cols:cols]
		m := rowMax(row)
		l := softmax32.Log(expSum(nil, row, m))
		for i, v := range row {
			out[i] = (v - m) - l
		}
		x, dst = x[cols:], dst[cols:]
	}
}

// SoftmaxBackward sets each row of cols elements of dx to y[i]·(dy[i] - g),
// g = the sum over the row of dy[j]·y[j] (accumulated in float64, rounded
// to float32), the gradient of Softmax given the gradient dy of its output
// y: within 2^-20·max(1, |y[i]|) times the row's sum of |dy[j]·y[j]|, plus
// (1 + |y[i]|)·2^-149 where results and g are subnormal, of the float64
// result, with the NaNs and infinities of IEEE arithmetic (a NaN anywhere
// in a row's dy·y makes the row NaN). It panics, before writing anything,
// if cols < 1, len(y) is not a multiple of cols, or the slices differ in
// length or overlap partially.
func SoftmaxBackward(dx, dy, y []float32, cols int) {
	check.RowsBinary("SoftmaxBackward", "y", dx, dy, y, cols)
	dx, dy = dx[:len(y)], dy[:len(y)]
	for len(y) > 0 {
		yr, dyr, out := y[:cols:cols], dy[:cols:cols], dx[:cols:cols]
		var g float64
		for i, v := range yr {
			g += float64(dyr[i]) * float64(v) // exact products
		}
		g64 := float64(float32(g))
		for i, v := range yr {
			out[i] = float32(float64(v) * (float64(dyr[i]) - g64))
		}
		y, dy, dx = y[cols:], dy[cols:], dx[cols:]
	}
}

// LogSoftmaxBackward sets each row of cols elements of dx to
// dy[i] - exp(y[i])·g, g = the sum of the row's dy (accumulated in float64,
// rounded to float32), the gradient of LogSoftmax given the gradient dy of
// its output y: within 2^-20·(|dy[i]| + sum(|dy|)·exp(y[i])) plus
// (1 + |g| + exp(y[i]))·2^-149 of the float64 result (exp underflows
// gradually), with exp(y) taken as +Inf where it overflows float32
// (y > 88.72), and the NaNs and infinities of IEEE arithmetic. It panics as
// SoftmaxBackward does.
func LogSoftmaxBackward(dx, dy, y []float32, cols int) {
	check.RowsBinary("LogSoftmaxBackward", "y", dx, dy, y, cols)
	dx, dy = dx[:len(y)], dy[:len(y)]
	for len(y) > 0 {
		yr, dyr, out := y[:cols:cols], dy[:cols:cols], dx[:cols:cols]
		var g float64
		for _, v := range dyr {
			g += float64(v)
		}
		g64 := float64(float32(g))
		for i, v := range yr {
			// exp(v), rounded to float32 (+Inf where it overflows), times
			// g is exact in float64: the difference rounds twice, to
			// float64 and to float32, the first time negligibly.
			e := float64(float32(exp64(min(max(v, softmax32.ExpLow), softmax32.ExpHigh))))
			out[i] = float32(float64(dyr[i]) - e*g64)
		}
		y, dy, dx = y[cols:], dy[cols:], dx[cols:]
	}
}

// rowMax returns the maximum of row, or anything if row holds a NaN: the
// exponentials make the row NaN anyway.
func rowMax(row []float32) float32 {
	m0, m1 := row[0], row[0] // two chains of comparisons, which run in parallel
	for i := 1; i+1 < len(row); i += 2 {
		if row[i] > m0 {
			m0 = row[i]
		}
		if row[i+1] > m1 {
			m1 = row[i+1]
		}
	}
	if len(row)%2 == 0 && row[len(row)-1] > m0 {
		m0 = row[len(row)-1]
	}
	if m1 > m0 {
		return m1
	}
	return m0
}

// expSum returns the float64 sum of exp(v - m) over the v of row, and
// stores each exp(v - m) in out unless out is nil.
func expSum(out, row []float32, m float32) float64 {
	var s float64
	for i, v := range row {
		e := exp64(max(v-m, softmax32.ExpLow)) // max keeps a NaN
		if out != nil {
			out[i] = float32(e)
		}
		s += e
	}
	return s
}

// scaleRow multiplies every element of v by f.
func scaleRow(v []float32, f float32) {
	for i := range v {
		v[i] *= f
	}
}

// exp64 returns exp(z) for z in [softmax32.ExpLow, softmax32.ExpHigh], or
// NaN for a NaN z, from softmax32's table: within 2^-40 relative, so that
// its rounding to float32 underflows gradually and overflows to +Inf.
func exp64(z float32) float64 {
	t := float64(z)*softmax32.InvLn2Scaled + softmax32.Magic64
	// t's low bits hold k: its bits 6 and up, shifted to the exponent
	// field (the bits of Magic64 shift out), are k>>6 (mod 2^12, which is
	// enough to add to an exponent).
	b := math.Float64bits(t)
	r := float64(z) - (t-softmax32.Magic64)*softmax32.Ln2Scaled
	p := 1 + r*(1+r*(0.5+r*(1.0/6)))
	return math.Float64frombits(math.Float64bits(softmax32.Exp2Table[b%(1<<softmax32.TableBits)])+b>>softmax32.TableBits<<52) * p
}
