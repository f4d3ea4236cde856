package kernels

import (
	"math"

	"github.com/simdact/simdact/internal/check"
	"github.com/simdact/simdact/internal/exp32"
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
		scale(out, float32(1/s))
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
// its output y: within 2^-20·(|dy[i]| + |g|·exp(y[i])) plus
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
			// exp(v)·g is exact in float64: the difference rounds twice,
			// to float64 and to float32, the first time negligibly.
			out[i] = float32(float64(dyr[i]) - float64(exp(v))*g64)
		}
		y, dy, dx = y[cols:], dy[cols:], dx[cols:]
	}
}

// rowMax returns the maximum of row, or a NaN if row holds one.
func rowMax(row []float32) float32 {
	m := row[0]
	for _, v := range row[1:] {
		m = max(m, v)
	}
	return m
}

// expSum returns the float64 sum of exp(v - m) over the v of row, and
// stores each exp(v - m) in out unless out is nil.
func expSum(out, row []float32, m float32) float64 {
	var s float64
	for i, v := range row {
		// exp(v - m) for v - m <= 0 or NaN (see package exp32), written
		// out here because a call would spill every register.
		z := v - m
		if z < softmax32.ExpLow { // false for NaN
			z = softmax32.ExpLow
		}
		t := float32(z*exp32.Log2E) + exp32.Magic
		f := t - exp32.Magic
		r := float32(z-float32(f*exp32.Ln2Hi)) - float32(f*exp32.Ln2Lo)
		q := float32(exp32.C6*r) + exp32.C5
		q = float32(q*r) + exp32.C4
		q = float32(q*r) + exp32.C3
		q = float32(q*r) + exp32.C2
		e := 1 + (r + float32(float32(r*r)*q))
		n := int32(math.Float32bits(t) - math.Float32bits(exp32.Magic))
		if n >= -126 {
			e *= math.Float32frombits(uint32(n+127) << 23)
		} else { // rare: e underflows, gradually
			e = float32(float64(e) * pow2Float64(n))
		}
		if out != nil {
			out[i] = e
		}
		s += float64(e)
	}
	return s
}

// scale multiplies every element of v by f.
func scale(v []float32, f float32) {
	for i := range v {
		v[i] *= f
	}
}

// exp returns exp(z) (see package exp32) within 1 ulp, rounding 2^n·(1 + p)
// once, so that it underflows gradually; exp(z) is +0 for z below
// softmax32.ExpLow and +Inf above softmax32.ExpHigh, and NaN for a NaN z.
func exp(z float32) float32 {
	r, n := reduce(min(max(z, softmax32.ExpLow), softmax32.ExpHigh))
	e := float32((1 + float64(expm1Poly(r))) * pow2Float64(n))
	if z != z {
		return z
	}
	return e
}
