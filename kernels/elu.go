package kernels

import (
	"math"

	"github.com/simdact/simdact/internal/check"
	"github.com/simdact/simdact/internal/exp32"
)

// ELU sets dst[i] = x[i] > 0 ? x[i] : alpha*expm1(x[i]), with expm1 within
// 1 ulp (alpha*expm1 within 2 ulp for any alpha). A NaN x comes out quieted,
// with its payload; -0 gives alpha*-0, -Inf gives -alpha, a subnormal x gives
// alpha*x rounded once, and 0 × ∞ gives 0xffc00000.
func ELU(dst, x []float32, alpha float32) {
	check.Unary("ELU", dst, x)
	dst = dst[:len(x)]
	var todo [256]uint8
	var xs [256]float32
	for len(x) > 0 {
		xb := x[:min(len(x), len(todo))]
		db := dst[:len(xb)]
		n := passForward(db, xb, 1, &todo, &xs)
		for j, i := range todo[:n] {
			// expm1(v) for v <= 0 (see package exp32), written out here
			// because a call would spill every register, each time.
			v := xs[j]
			z := v
			if z < exp32.ELUMin { // expm1(z) is exactly -1 from there down
				z = exp32.ELUMin
			}
			r, k := reduce(z)
			s := pow2(k)
			e := float32(s*expm1Poly(r)) + (s - 1)
			// e <= 0, but r + r²·q turned -0 into +0: give it v's sign.
			e = math.Float32frombits(math.Float32bits(e) | math.Float32bits(v)&signBit)
			y := math.Float32bits(mul(e, alpha))
			if v != v {
				y = math.Float32bits(v) | quietBit
			}
			db[i] = math.Float32frombits(y)
		}
		x, dst = x[len(xb):], dst[len(xb):]
	}
}

// ELUBackward sets dx[i] = x[i] > 0 ? dy[i] : dy[i]*alpha*exp(x[i]), the
// gradient of ELU given the gradient dy of its output and its input x, within
// 3 ulp; where exp(x) is subnormal (x < -87.34) within (|dy*alpha| + 1)·2^-149,
// exp underflowing gradually. A NaN dy comes out quieted (and dy passes
// through unchanged where x > 0); an infinite dy*alpha gives ±Inf wherever the
// float64 exp(x) is not 0, and NaN below.
//
// exp(x) = 2^n·(1 + p(r)) is exact in float64, and so is dy·alpha, so that
// their float64 product rounds once, negligibly, and then once to float32:
// the result is normal or subnormal as it should be, with nothing in
// between that could overflow or underflow. (The assembly, without float64
// lanes to spare, rounds once in float32 instead; see package exp32.)
func ELUBackward(dx, dy, x []float32, alpha float32) {
	check.Binary("ELUBackward", "x", dx, dy, x)
	dx, dy = dx[:len(x)], dy[:len(x)]
	a := float64(alpha)
	// As in ELU, each block is first copied (dy), and the elements with
	// x <= 0 (and NaN) are listed, with their operands (see passForward).
	var todo [256]uint8
	var xs, dys [256]float32
	for len(x) > 0 {
		xb := x[:min(len(x), len(todo))]
		dyb, db := dy[:len(xb)], dx[:len(xb)]
		n := passNonPositive(db, dyb, xb, &todo, &xs, &dys)
		for j, i := range todo[:n] {
			// exp(x) for x <= 0, written out here because a call would
			// spill every register.
			v := xs[j]
			r, k := reduce(max(v, exp32.ExpMin))
			e := (1 + float64(expm1Poly(r))) * pow2Float64(k)
			if v <= exp32.ExpZeroBelow {
				e = 0 // as in float64: ±Inf·exp(x) is NaN
			}
			g := float32(float64(dys[j]) * a * e)
			if g != g {
				g = nanOf(dys[j], alpha)
			}
			db[i] = g
		}
		x, dy, dx = x[len(xb):], dy[len(xb):], dx[len(xb):]
	}
}

// ELUBackwardFromOutput sets dx[i] = y[i] > 0 ? dy[i] : dy[i]*(y[i]+alpha),
// the gradient of ELU given the gradient dy of its output and its output y,
// with the NaNs of add and mul. It panics if alpha is negative or NaN.
func ELUBackwardFromOutput(dx, dy, y []float32, alpha float32) {
	check.Binary("ELUBackwardFromOutput", "y", dx, dy, y)
	check.NonNegative("ELUBackwardFromOutput", alpha)
	dx, dy = dx[:len(y)], dy[:len(y)]
	for i, v := range y {
		g := math.Float32bits(mul(dy[i], add(v, alpha)))
		if positive(v) {
			g = math.Float32bits(dy[i])
		}
		dx[i] = math.Float32frombits(g)
	}
}

// passForward writes v·scale for every v of a block of x into the block db
// of dst (the result wherever v > 0), and lists the indices of the v that
// are not > 0 (NaN included), with their values, which the forward kernels
// of the ELU family then compute: dst may be x, so the values are saved
// first. It returns how many it listed.
//
// Computing expm1 for every x would waste half the work on typical data,
// and a branch on each x's sign would be mispredicted every other time: so
// the list is made without a branch, and only its elements go through
// expm1.
func passForward(db, xb []float32, scale float32, todo *[256]uint8, xs *[256]float32) int {
	n := 0
	for i, v := range xb {
		todo[n], xs[n] = uint8(i), v
		db[i] = v * scale
		if !positive(v) {
			n++
		}
	}
	return n
}

// passNonPositive copies a block of dy into dx (the result wherever x > 0)
// and lists the indices of the x that are not > 0 (NaN included), with
// their x and dy, which the backward kernels of the ELU family then
// compute: dx may be x or dy, so the operands are saved first. It returns
// how many it listed.
func passNonPositive(db, dyb, xb []float32, todo *[256]uint8, xs, dys *[256]float32) int {
	n := 0
	for i, v := range xb {
		g := dyb[i]
		todo[n], xs[n], dys[n] = uint8(i), v, g
		db[i] = g
		if !positive(v) {
			n++
		}
	}
	return n
}

// positive reports whether v > 0. As a comparison of integers, a choice it
// decides compiles to a conditional move: a branch on the sign of v would be
// mispredicted on every other element of typical data.
func positive(v float32) bool { return math.Float32bits(v)-1 < infBits }

const (
	signBit = 0x80000000
	infBits = 0x7f800000
)

// reduce returns n = round(z·log2(e)) and r = z - n·ln2, for
// ExpMin <= z <= 0. The products are rounded explicitly (float32(...)), so
// that no CPU fuses them with the additions.
func reduce(z float32) (r float32, n int32) {
	v := float32(z*exp32.Log2E) + exp32.Magic
	f := v - exp32.Magic
	r = float32(z-float32(f*exp32.Ln2Hi)) - float32(f*exp32.Ln2Lo)
	return r, int32(math.Float32bits(v) - math.Float32bits(exp32.Magic))
}

// expm1Poly returns expm1(r) for |r| <= ln2/2.
func expm1Poly(r float32) float32 { return r + float32(float32(r*r)*expm1Q(r)) }

// expm1Q returns q(r), where expm1Poly(r) = r + r²·q(r).
func expm1Q(r float32) float32 {
	q := float32(exp32.C6*r) + exp32.C5
	q = float32(q*r) + exp32.C4
	q = float32(q*r) + exp32.C3
	return float32(q*r) + exp32.C2
}

// pow2 returns 2^k for -126 <= k <= 127.
func pow2(k int32) float32 { return math.Float32frombits(uint32(k+127) << 23) }

// pow2Float64 returns the float64 2^k for -1022 <= k <= 1023.
func pow2Float64(k int32) float64 { return math.Float64frombits(uint64(k+1023) << 52) }
