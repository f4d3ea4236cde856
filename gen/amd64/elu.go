package main

import (
	"fmt"

	. "github.com/mmcloughlin/avo/build"
	. "github.com/mmcloughlin/avo/operand"
	"github.com/mmcloughlin/avo/reg"

	"github.com/simdact/simdact/internal/exp32"
)

// The ELU kernels compute the exponential of package exp32, as the pure-Go
// kernels in package kernels do, with fused multiply-adds where those
// round twice.

const signBit = 0x80000000

// The constants of the ELU kernels.
var (
	cELUMin       = floatConstant("eluMin", exp32.ELUMin)
	cExpMin       = floatConstant("expMin", exp32.ExpMin)
	cMagic        = floatConstant("magic", exp32.Magic)
	cLog2E        = floatConstant("log2e", exp32.Log2E)
	cNegLn2       = floatConstant("negLn2", -exp32.Ln2)
	cNegLn2Hi     = floatConstant("negLn2Hi", -exp32.Ln2Hi)
	cNegLn2Lo     = floatConstant("negLn2Lo", -exp32.Ln2Lo)
	cOne          = floatConstant("one", 1)
	cZero         = floatConstant("zero", 0)
	cSignBit      = constant{"signBit", signBit}
	cHugeScale    = constant{"hugeScale", exp32.Shift - exp32.HugeShift}
	cExpZeroBelow = floatConstant("expZeroBelow", exp32.ExpZeroBelow)
	cScaleFloor   = floatConstant("scaleFloor", exp32.ScaleFloor)
	cScaleBase    = floatConstant("scaleBase", exp32.MagicBase+exp32.ScaleBias)
	// cPoly are p's coefficients, C6 down to C2, in Horner's order.
	cPoly = []constant{
		floatConstant("c6", exp32.C6), floatConstant("c5", exp32.C5), floatConstant("c4", exp32.C4),
		floatConstant("c3", exp32.C3), floatConstant("c2", exp32.C2),
	}
)

func eluKernels() {
	eluKernel()
	eluBackwardKernel()
	eluBackwardFromOutputKernel()
}

func eluKernel() {
	var alpha, zero reg.VecVirtual
	var c pool
	elementwise{
		name: "elu",
		doc:  "sets dst[i] = x[i] > 0 ? x[i] : alpha*expm1(x[i]) (see kernels.ELU).",
		out:  "dst", in: []string{"x"}, params: "alpha float32",
		setup: func(w width) {
			alpha, zero = w.broadcastParam("alpha"), w.zeros()
			c = w.pool(append([]constant{cELUMin, cMagic, cLog2E, cNegLn2, cOne, cSignBit}, cPoly...)...)
			c.registers(w, cELUMin)
		},
		op: func(w width, in []reg.VecVirtual) reg.VecVirtual {
			// A NaN x flows through every step below as x's payload,
			// quieted (x86 returns a NaN operand, and the first of two),
			// so it needs no blend of its own.
			x := in[0]
			p := expm1Vector(w, c, x)
			if w.wide() {
				Comment("x's lanes not > 0 (NaN included) become p·alpha, p first: of two NaNs, x's wins.")
				VMULPS(alpha, p, w.compare(cmpNGT, zero, x), x)
				return x
			}
			VMULPS(alpha, p, p) // p first: of two NaNs, x's wins
			return w.blend(positive(w, x, zero), x, p)
		},
	}.generate()
}

// expm1Vector returns expm1(max(x, ELUMin)), rounded once, with x's sign
// (for x <= 0), given a pool of ELU's constants.
func expm1Vector(w width, c pool, x reg.VecVirtual) reg.VecVirtual {
	z := w.vec()
	VMAXPS(x, c.get(cELUMin), z) // z = max(x, ELUMin); vmaxps returns x if it is NaN
	v, s := reduceOneConstant(w, c, z)
	p := expm1Poly(w, c, z)
	VSUBPS(c.get(cOne), s, v)
	VFMADD213PS(v, s, p) // p = expm1(z) = s·p + (s - 1)
	// p is <= 0 but r + r²·q turned -0 into +0: give it x's sign.
	if w.wide() {
		VPTERNLOGD(U8(ternaryAOrBAndC), c.get(cSignBit), x, p) // p |= x & signBit
		return p
	}
	VANDPS(c.get(cSignBit), x, v)
	VORPS(v, p, p)
	return p
}

func eluBackwardKernel() {
	var b backwardVector
	elementwise{
		name: "eluBackward",
		doc: "sets dx[i] = x[i] > 0 ? dy[i] : dy[i]*alpha*exp(x[i]) (see kernels.ELUBackward), " +
			"given exp32.Backward(alpha), with one rounding (see package exp32).",
		out: "dx", in: []string{"dy", "x"}, params: "f, fHuge, magic, limit float32",
		setup: func(w width) {
			cs := append([]constant{cExpMin, cLog2E, cNegLn2Hi, cNegLn2Lo, cHugeScale, cExpZeroBelow, cZero}, cPoly...)
			if w.wide() {
				cs = append(cs, cScaleBase)
			} else {
				cs = append(cs, cScaleFloor)
			}
			b.c = w.pool(cs...)
			b.c.registers(w, cExpMin)
			b.reduction = reduction{
				min: b.c.get(cExpMin), log2e: b.c.get(cLog2E), negLn2Hi: b.c.get(cNegLn2Hi), negLn2Lo: b.c.get(cNegLn2Lo),
				zeroBelow: b.c.get(cExpZeroBelow),
			}
			b.f, b.fHuge = w.param("f"), w.param("fHuge")
			b.magic, b.limit = w.param("magic"), w.param("limit")
		},
		op: b.op,
	}.generate()
}

// backwardVector emits ELUBackwardAVX2's computation of 8 lanes: for the
// usual vector, whose |dy| are all below HugeGradient (and alpha finite),
// with F = f and without the care that infinities need; for any other,
// again, in a branch that chooses F and the scale lane by lane and passes
// ±Inf through where T is infinite.
type backwardVector struct {
	c                      pool
	f, fHuge, magic, limit Op
	reduction
	// scale, if set, multiplies dy where x > 0 (SELU's).
	scale Op
}

// A reduction holds the operands of backwardVector's range reduction: the
// bound of x from below, log2(e), -ln2 split in two, and the largest x
// whose float64 exp is 0. CELU's are those of x/alpha in x's units (see
// package selu32), and inv, set only there, is 1/alpha, which scales r.
type reduction struct{ min, log2e, negLn2Hi, negLn2Lo, zeroBelow, inv Op }

// backwardLabels numbers the labels that end each vector's rare branch:
// labels are the file's, so the count runs on across kernels.
var backwardLabels int

// op computes dx from dy and x, as elementwise.op.
func (b *backwardVector) op(w width, in []reg.VecVirtual) reg.VecVirtual {
	dy, x := in[0], in[1]
	usual, t, g := w.vec(), w.vec(), w.vec()
	VMOVUPS(b.limit, usual)
	VFMSUB231PS(dy, dy, usual) // dy² - limit, negative where F applies

	r, p, v := b.exp(w, x)
	fm := w.vec()
	VMOVUPS(b.f, fm)
	b.product(w, dy, fm, r, p, v, t, g)
	label := fmt.Sprintf("backward_done%d", backwardLabels)
	backwardLabels++
	w.jumpIfAll(w.signs(usual), label)

	Comment("Some |dy| >= HugeGradient, or ±Inf, or NaN (or alpha is infinite).")
	r, p, v = b.exp(w, x)
	fm = w.blend(w.signs(usual), b.f, w.load(b.fHuge))
	huge := w.vec()
	VPADDD(b.c.get(cHugeScale), v, huge)
	v = w.blend(w.signs(usual), v, huge)
	b.product(w, dy, fm, r, p, v, t, g)
	Comment("±Inf times an exp(x) that underflowed is ±Inf, as in float64, down to where float64's exp",
		"is 0 too: where T is ±Inf or NaN, so is T·(1 + p)·2^k, x86's ±Inf·0 where x <= ExpZeroBelow.")
	special := w.compareWithin(w.compare(cmpGT, b.zeroBelow, x), cmpUNORD, g, g)
	w.blend(special, t, g)

	Label(label)
	if b.scale != nil {
		VMULPS(b.scale, dy, dy) // the x > 0 lanes give dy·scale
	}
	return w.blend(w.compare(cmpGT, b.c.get(cZero), x), dy, g)
}

// exp returns r = z - n·ln2 for z = max(x, ExpMin), p = p(r), and the
// magic-bias sum v = z·log2(e) + magic, whose low bits hold n + e - Shift +
// ScaleBias.
func (b *backwardVector) exp(w width, x reg.VecVirtual) (r, p, v reg.VecVirtual) {
	r, v = w.vec(), w.vec()
	VMAXPS(x, b.min, r) // a NaN x stays NaN
	VMOVUPS(b.magic, v)
	VFMADD231PS(b.log2e, r, v) // rounded to an integer
	n := w.vec()
	VSUBPS(b.magic, v, n)
	VFMADD231PS(b.negLn2Hi, n, r) // exact
	VFMADD231PS(b.negLn2Lo, n, r)
	if b.inv != nil {
		VMULPS(b.inv, r, r)
	}
	return r, expm1Poly(w, b.c, r), v
}

// product sets t = dy·F and g = B·2^k, B = t - ((t - T)·(1 + r) - t·p),
// T = dy·F, given F in fm, and v from exp; it overwrites fm and v. Both
// widths round B·2^k once, so they give the same bits: AVX2 multiplies by
// two normal powers of 2, AVX-512 scales with VSCALEFPS.
func (b *backwardVector) product(w width, dy, fm, r, p, v, t, g reg.VecVirtual) {
	VMULPS(fm, dy, t)       // dy first: of two NaNs, dy's wins
	VFNMADD213PS(t, dy, fm) // t - T, exact
	VFMADD213PS(fm, r, fm)  // (t - T)·(1 + r), a small term: r is near enough p
	VFNMADD231PS(p, t, fm)
	VSUBPS(fm, t, g)
	if w.wide() {
		Comment("B·2^k, k = n + e - c, rounded once (VSCALEFPS underflows gradually), as the AVX2 kernel's.")
		VSUBPS(b.c.get(cScaleBase), v, v) // k, exactly
		VSCALEFPS(v, g, g)
		return
	}
	Comment("B·2^(k>>1)·2^(k-(k>>1)), k = max(n + e - c, -252): only the last product rounds.")
	hi := fm
	VPMAXSD(b.c.get(cScaleFloor), v, v)
	VPSRLD(U8(1), v, hi)
	VPSUBD(hi, v, v)
	VPSLLD(U8(23), hi, hi)
	VPSLLD(U8(23), v, v)
	VMULPS(hi, g, g)
	VMULPS(v, g, g)
}

func eluBackwardFromOutputKernel() {
	var alpha, zero reg.VecVirtual
	elementwise{
		name: "eluBackwardFromOutput",
		doc:  "sets dx[i] = y[i] > 0 ? dy[i] : dy[i]*(y[i]+alpha).",
		out:  "dx", in: []string{"dy", "y"}, params: "alpha float32",
		setup: func(w width) { alpha, zero = w.broadcastParam("alpha"), w.zeros() },
		op: func(w width, in []reg.VecVirtual) reg.VecVirtual {
			dy, y := in[0], in[1]
			g := w.vec()
			VADDPS(alpha, y, g) // y first: of two NaNs, y's wins
			VMULPS(g, dy, g)    // dy first
			return w.blend(positive(w, y, zero), dy, g)
		},
	}.generate()
}

// reduceOneConstant replaces z by r = z - n·ln2 with n = round(z·log2(e)),
// for ELUMin <= z <= 0, and returns n and s = 2^n.
func reduceOneConstant(w width, c pool, z reg.VecVirtual) (n, s reg.VecVirtual) {
	n, s = w.vec(), w.vec()
	VMOVUPS(c.get(cMagic), n)
	VFMADD231PS(c.get(cLog2E), z, n) // n = z·log2(e) + Magic, rounded to an integer
	VPSLLD(U8(23), n, s)             // s = 2^n: n + 127 is in the low bits
	VSUBPS(c.get(cMagic), n, n)
	VFMADD231PS(c.get(cNegLn2), n, z) // z = z - n·ln2
	return n, s
}

// expm1Poly returns p(r) for r in a register, which it keeps.
func expm1Poly(w width, c pool, r reg.VecVirtual) reg.VecVirtual {
	q, r2 := expm1Horner(w, c, r), w.vec()
	VMULPS(r, r, r2)
	VFMADD213PS(r, r2, q) // q = r + r²·q
	return q
}

// expm1Horner returns q(r), where p(r) = r + r²·q(r), for r in a register,
// which it keeps.
func expm1Horner(w width, c pool, r reg.VecVirtual) reg.VecVirtual {
	q := w.vec()
	VMOVUPS(c.get(cPoly[0]), q)
	for _, k := range cPoly[1:] {
		VFMADD213PS(c.get(k), r, q) // q = q·r + k
	}
	return q
}
