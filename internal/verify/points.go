package verify

import "math"

// The points where the smooth forward passes change regime (Forward.Points),
// found from the float64 functions so that they follow from the
// mathematics, not from the kernels' constants.

// expm1Saturates is -25·ln2 rounded to float32: below it, expm1(x)
// rounds to -1 in float32 (ELU, SELU and CELU saturate); expOverflows is
// 128·ln2 rounded to float32, above which exp(x) overflows float32.
const (
	expm1Saturates = float32(-17.32868)
	expOverflows   = float32(88.72284)
)

// tail returns the points of a forward pass f whose negative tail goes to
// 0: where |f(x)| falls below the smallest normal float32 (its results
// turn subnormal) and below half the smallest subnormal (they round to 0),
// searched for between -2000 and 0.
func tail(f func(x float32) float64) []float32 {
	return []float32{crossing(f, 0x1p-126), crossing(f, 0x1p-150)}
}

// crossing returns, to within float32's precision, the x in [-2000, 0]
// where |f(x)| rises to level, found by bisection in float64: |f| is below
// level at -2000 and at or above it at 0 or where it starts to be.
func crossing(f func(x float32) float64, level float64) float32 {
	lo, hi := -2000.0, 0.0
	for range 80 {
		mid := (lo + hi) / 2
		if math.Abs(f(float32(mid))) < level {
			lo = mid
		} else {
			hi = mid
		}
	}
	return float32(hi)
}

// scaled returns each of ps times s (CELU's points move with alpha), but
// those that leave float32's range: infinite, NaN, or rounded to 0 from a
// point that is not 0.
func scaled(ps []float32, s float64) []float32 {
	var r []float32
	for _, p := range ps {
		if v := float32(float64(p) * s); (v != 0 || p == 0) && !math.IsInf(float64(v), 0) && !isNaN(v) {
			r = append(r, v)
		}
	}
	return r
}
