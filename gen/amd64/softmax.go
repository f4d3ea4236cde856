package main

import (
	"math"

	. "github.com/mmcloughlin/avo/build"
	. "github.com/mmcloughlin/avo/operand"
	"github.com/mmcloughlin/avo/reg"

	"github.com/simdact/simdact/internal/softmax32"
)

// The softmax kernels are rowKernels (rows.go): exp(x - m) as package
// kernels computes it, rows summed in float64.

// The constants of the softmax kernels, besides ELU's.
var (
	cExpLow  = floatConstant("softmaxExpLow", softmax32.ExpLow)
	cExpHigh = floatConstant("softmaxExpHigh", softmax32.ExpHigh)
	cNegInf  = floatConstant("negInf", float32(math.Inf(-1)))
)

// expConstants are the constants expVec reads.
var expConstants = append([]constant{cScaleBase, cLog2E, cNegLn2Hi, cNegLn2Lo, cOne}, cPoly...)

func softmaxKernels() {
	softmaxKernel()
	logSoftmaxKernel()
	softmaxBackwardKernel()
	logSoftmaxBackwardKernel()
}

// expVec returns exp(z) for z clamped to [ExpLow, ExpHigh] (or NaN), as
// package kernels computes it but with fused multiply-adds: 2^n·(1 + p(r))
// with 1 + p(r) rounded, then scaled with one rounding (VSCALEFPS, or two
// normal powers of 2 for AVX2), so that it underflows gradually and both
// widths agree. It overwrites z.
func expVec(w width, c pool, z reg.VecVirtual) reg.VecVirtual {
	v, n := w.vec(), w.vec()
	VMOVUPS(c.get(cScaleBase), v)
	VFMADD231PS(c.get(cLog2E), z, v) // n + ScaleBias in the low bits
	VSUBPS(c.get(cScaleBase), v, n)
	VFMADD231PS(c.get(cNegLn2Hi), n, z) // exact
	VFMADD231PS(c.get(cNegLn2Lo), n, z)
	p := expm1Poly(w, c, z)
	VADDPS(c.get(cOne), p, p)
	if w.wide() {
		VSCALEFPS(n, p, p)
		return p
	}
	hi := n
	VPSRLD(U8(1), v, hi)
	VPSUBD(hi, v, v)
	VPSLLD(U8(23), hi, hi)
	VPSLLD(U8(23), v, v)
	VMULPS(hi, p, p)
	VMULPS(v, p, p)
	return p
}

// expMinus returns the block's exp(x - m), x loaded from p, with the
// missing lanes of a partial block +0.
func expMinus(w width, c pool, b block, p reg.Register, m reg.VecVirtual) []reg.VecVirtual {
	x := b.load(p)
	for j := range x {
		VSUBPS(m, x[j], x[j])
		VMAXPS(x[j], c.get(cExpLow), x[j]) // a NaN stays
		x[j] = expVec(w, c, x[j])
	}
	b.zeroMissing(x)
	return x
}

func softmaxKernel() {
	rowKernel{
		name: "softmax", out: "dst", in: []string{"x"}, consts: []constant{cExpLow},
		doc: "sets each row of cols elements of dst to the softmax of that row of x (see kernels.Softmax).",
		row: func(w width, r *row) {
			m := r.rowMax(w, r.in[0])
			s := newSum(w)
			r.pass(w, "exp", func(b block) {
				e := expMinus(w, r.c, b, r.in[0], m)
				b.store(e, r.out)
				s.add(toFloat64s(w, e))
			})
			total := s.total(w)
			one := XMM()
			MOVQ(U64(math.Float64bits(1)), reg.RAX)
			VMOVQ(reg.RAX, one)
			VDIVSD(total, one, one)
			inv := float32Broadcast(w, one)
			r.pass(w, "scale", func(b block) {
				v := b.load(r.out)
				for j := range v {
					VMULPS(inv, v[j], v[j])
				}
				b.store(v, r.out)
			})
		},
	}.generate()
}

func logSoftmaxKernel() {
	rowKernel{
		name: "logSoftmax", out: "dst", in: []string{"x"}, consts: []constant{cExpLow},
		doc: "sets each row of cols elements of dst to the log-softmax of that row of x (see kernels.LogSoftmax).",
		row: func(w width, r *row) {
			m := r.rowMax(w, r.in[0])
			s := newSum(w)
			r.pass(w, "exp", func(b block) { s.add(toFloat64s(w, expMinus(w, r.c, b, r.in[0], m))) })
			l := float32Broadcast(w, logFloat64(s.total(w)))
			r.pass(w, "out", func(b block) {
				x := b.load(r.in[0])
				for j := range x {
					VSUBPS(m, x[j], x[j])
					VSUBPS(l, x[j], x[j])
				}
				b.store(x, r.out)
			})
		},
	}.generate()
}

// logFloat64 returns log(s) for the float64 s >= 1 (or NaN) in the low
// lane of an XMM register, as softmax32.Log computes it before its
// rounding to float32. It uses RAX and R12 and overwrites s.
func logFloat64(s reg.VecVirtual) reg.VecVirtual {
	Comment("log(s) = k·ln2 + t·q(t²), s = 2^k·f, t = (f-1)/(f+1) (see package softmax32).")
	bits, tmp := reg.RAX, reg.R12
	VMOVQ(s, bits)
	MOVQ(bits, tmp)
	SHRQ(Imm(52), tmp)
	SUBQ(U32(softmax32.ExpBias), tmp)
	k := XMM()
	VXORPD(k, k, k)
	VCVTSI2SDQ(tmp, k, k)
	MOVQ(U64(softmax32.MantissaMask), tmp)
	ANDQ(tmp, bits)
	MOVQ(U64(softmax32.OneBits), tmp)
	ORQ(tmp, bits)
	f, one, t := XMM(), XMM(), XMM()
	VMOVQ(bits, f)
	MOVQ(U64(math.Float64bits(1)), tmp)
	VMOVQ(tmp, one)
	den := XMM()
	VADDSD(one, f, den)
	VSUBSD(one, f, t)
	VDIVSD(den, t, t)
	t2, q := XMM(), XMM()
	VMULSD(t, t, t2)
	VMOVSD(float64Constant("logCoeff0", softmax32.LogCoeffs[0]), q)
	for i, c := range softmax32.LogCoeffs[1:] {
		VFMADD213SD(float64Constant("logCoeff"+string(rune('1'+i)), c), t2, q)
	}
	VMULSD(q, t, t)
	VFMADD231SD(float64Constant("ln2", math.Ln2), k, t)
	VSUBSD(s, s, s) // NaN for a NaN s, else 0
	VADDSD(s, t, t)
	return t
}

func softmaxBackwardKernel() {
	rowKernel{
		name: "softmaxBackward", out: "dx", in: []string{"dy", "y"},
		doc: "sets each row of cols elements of dx to y*(dy - sum(dy*y)) over the row (see kernels.SoftmaxBackward).",
		row: func(w width, r *row) {
			s := r.sumPass(w, func(b block, s sum) { s.addProducts(b.widened(r.in[0]), b.widened(r.in[1])) })
			g := float32Broadcast(w, s.total(w))
			r.pass(w, "out", func(b block) {
				dy, y := b.load(r.in[0]), b.load(r.in[1])
				for j := range y {
					t := w.vec()
					VMULPS(g, y[j], t)
					VFMSUB213PS(t, dy[j], y[j]) // y·dy - y·g
				}
				b.store(y, r.out)
			})
		},
	}.generate()
}

func logSoftmaxBackwardKernel() {
	rowKernel{
		name: "logSoftmaxBackward", out: "dx", in: []string{"dy", "y"}, consts: []constant{cExpLow, cExpHigh},
		doc: "sets each row of cols elements of dx to dy - exp(y)*sum(dy) over the row (see kernels.LogSoftmaxBackward).",
		row: func(w width, r *row) {
			s := r.sumPass(w, func(b block, s sum) { s.add(b.widened(r.in[0])) })
			g := float32Broadcast(w, s.total(w))
			r.pass(w, "out", func(b block) {
				dy, y := b.load(r.in[0]), b.load(r.in[1])
				for j := range y {
					VMAXPS(y[j], r.c.get(cExpLow), y[j])  // a NaN stays
					VMINPS(y[j], r.c.get(cExpHigh), y[j]) // a NaN stays
					e := expVec(w, r.c, y[j])
					VFNMADD231PS(g, e, dy[j]) // dy - e·g
				}
				b.store(dy, r.out)
			})
		},
	}.generate()
}
