package main

import (
	"math"
	"strings"

	. "github.com/mmcloughlin/avo/build"
	. "github.com/mmcloughlin/avo/operand"
	"github.com/mmcloughlin/avo/reg"
)

// The row kernels (the softmaxes) run over every row of a call in one
// assembly call, a row at a time, in passes over the row (see package
// kernels): each pass goes through the row in blocks of 16 elements (one
// ZMM register, or two YMM registers), the last block masked. A row's sums are accumulated in
// float64 in 16 lanes, one per element position in a block (two sets of
// them in the backward passes' sums, for even and odd blocks), and reduced
// in the same order at both widths, so that AVX-512 and AVX2 give the same
// bits.

// A rowKernel is a kernel over rows of cols elements, emitted for every
// width: row emits the passes over one row, whose pointers and lengths r
// holds.
type rowKernel struct {
	name string   // Go name without the width, e.g. "softmax"
	doc  string   // what it computes, a sentence for the Go declaration
	out  string   // name of the output slice parameter
	in   []string // names of the input slice parameters, in order
	// consts are the constants, besides expConstants, that row reads from
	// r.c: in registers at both widths (they are first sources of VMAXPS
	// and VMINPS).
	consts []constant
	row    func(w width, r *row)
}

// A row is what a rowKernel's passes over one row work with.
type row struct {
	out  reg.Register   // the row of the output
	in   []reg.Register // the row of each input
	full reg.Register   // the bytes of the row's whole blocks
	rem  reg.GPPhysical // the elements of the last, partial block (0 to 15)
	t    *tail
	c    pool
}

// A tail masks the lanes of a partial block that exist: an opmask for
// AVX-512, and for AVX2 one mask for each of the block's two vectors, in
// stack slots.
type tail struct {
	k reg.OpmaskVirtual
	m [2]Mem
}

func (k rowKernel) generate() {
	for _, w := range widths {
		name := k.name + w.suffix
		kernel(name, "func("+k.out+", "+strings.Join(k.in, ", ")+" []float32, cols int)")
		Doc(name+" "+k.doc,
			"All slices have the same length, a multiple of cols >= 1; the output may be the same slice as an input.")
		r := &row{out: Load(Param(k.out).Base(), reg.RDI), full: reg.R10, rem: reg.R11}
		for i, p := range k.in {
			r.in = append(r.in, Load(Param(p).Base(), inputRegs[i]))
		}
		n := Load(Param(k.out).Len(), reg.RCX)
		cols := Load(Param("cols"), reg.R8)
		TESTQ(n, n)
		JZ(LabelRef("done"))
		MOVQ(cols, r.full)
		ANDQ(I32(-16), r.full)
		SHLQ(Imm(2), r.full)
		MOVQ(cols, r.rem)
		ANDQ(Imm(15), r.rem)
		r.t = w.tail(r.rem)
		r.c = w.pool(append(expConstants, k.consts...)...)
		r.c.registers(w, k.consts...)

		Label("row")
		k.row(w, r)
		Comment("The next row.")
		step := reg.R9
		MOVQ(cols, step)
		SHLQ(Imm(2), step)
		ADDQ(step, r.out)
		for _, p := range r.in {
			ADDQ(step, p)
		}
		SUBQ(cols, n)
		JNZ(LabelRef("row"))
		Label("done")
		VZEROUPPER()
		RET()
	}
}

// tail returns the masks of a partial block of rem elements.
func (w width) tail(rem reg.GPPhysical) *tail {
	if w.wide() {
		return &tail{k: laneMask(rem, reg.RAX)}
	}
	t := &tail{}
	index := laneIndex(reg.RAX)
	for j := range t.m {
		MOVQ(rem, reg.RAX)
		SUBQ(Imm(uint64(8*j)), reg.RAX)
		t.m[j] = AllocLocal(32)
		VMOVUPS(lanesBelow(index, reg.RAX), t.m[j])
	}
	return t
}

// vectors is the number of vectors of a block.
func (w width) vectors() int { return 16 / w.lanes }

// A block addresses the vectors of one block of a row: whole (t nil) or
// the partial one.
type block struct {
	w   width
	i   reg.Register // the block's byte offset in the row, less off
	off int
	t   *tail
}

// at returns the address of vector j of the block in the row at p.
func (b block) at(p reg.Register, j int) Mem {
	return Mem{Base: p, Index: b.i, Scale: 1, Disp: b.off + j*b.w.bytes()}
}

// mask returns the AVX2 mask of vector j of a partial block, in a register.
func (b block) mask(j int) reg.VecVirtual {
	m := YMM()
	VMOVUPS(b.t.m[j], m)
	return m
}

// load loads the block's vectors from the row at p; a partial block's
// missing lanes are +0.
func (b block) load(p reg.Register) []reg.VecVirtual {
	v := make([]reg.VecVirtual, b.w.vectors())
	for j := range v {
		v[j] = b.w.vec()
		switch {
		case b.t == nil:
			VMOVUPS(b.at(p, j), v[j])
		case b.w.wide():
			VMOVUPS_Z(b.at(p, j), b.t.k, v[j])
		default:
			VMASKMOVPS(b.at(p, j), b.mask(j), v[j])
		}
	}
	return v
}

// store stores the block's vectors v (its lanes that exist) to the row at p.
func (b block) store(v []reg.VecVirtual, p reg.Register) {
	for j := range v {
		switch {
		case b.t == nil:
			VMOVUPS(v[j], b.at(p, j))
		case b.w.wide():
			VMOVUPS(v[j], b.t.k, b.at(p, j))
		default:
			VMASKMOVPS(v[j], b.mask(j), b.at(p, j))
		}
	}
}

// zeroMissing sets the missing lanes of a partial block's vectors to +0.
func (b block) zeroMissing(v []reg.VecVirtual) {
	for j := range v {
		switch {
		case b.t == nil:
		case b.w.wide():
			VMOVAPS_Z(v[j], b.t.k, v[j])
		default:
			VANDPS(b.mask(j), v[j], v[j])
		}
	}
}

// fillMissing sets the missing lanes of a partial block's vectors to the
// constant f, in a register.
func (b block) fillMissing(v []reg.VecVirtual, f reg.VecVirtual) {
	for j := range v {
		switch {
		case b.t == nil:
		case b.w.wide():
			VBLENDMPS(v[j], f, b.t.k, v[j])
		default:
			VBLENDVPS(b.mask(j), v[j], f, v[j])
		}
	}
}

// pass emits a loop over the row's blocks, whole and then partial, calling
// body for each.
func (r *row) pass(w width, tag string, body func(b block)) {
	i := reg.RBX
	XORQ(i, i)
	CMPQ(i, r.full)
	JAE(LabelRef(tag + "_tail"))
	Label(tag + "_loop")
	body(block{w: w, i: i})
	ADDQ(Imm(64), i)
	CMPQ(i, r.full)
	JB(LabelRef(tag + "_loop"))
	Label(tag + "_tail")
	TESTQ(r.rem, r.rem)
	JZ(LabelRef(tag + "_done"))
	body(block{w: w, i: i, t: r.t})
	Label(tag + "_done")
}

// sumPass emits a pass over the row's blocks that adds each to one of two
// sums, add(b, s): blocks go in pairs, the first to the first sum and the
// second to the second, so that two chains of additions run at once; an
// odd whole block goes to the first and the partial one to the second. It
// returns the two sums added, lane by lane.
func (r *row) sumPass(w width, add func(b block, s sum)) sum {
	s := [2]sum{newSum(w), newSum(w)}
	i := reg.RBX
	end := reg.RAX
	XORQ(i, i)
	MOVQ(r.full, end)
	SUBQ(Imm(64), end)
	Label("sum_pairs")
	CMPQ(i, end)
	JGE(LabelRef("sum_single"))
	add(block{w: w, i: i}, s[0])
	add(block{w: w, i: i, off: 64}, s[1])
	ADDQ(Imm(128), i)
	JMP(LabelRef("sum_pairs"))
	Label("sum_single")
	CMPQ(i, r.full)
	JAE(LabelRef("sum_tail"))
	add(block{w: w, i: i}, s[0])
	ADDQ(Imm(64), i)
	Label("sum_tail")
	TESTQ(r.rem, r.rem)
	JZ(LabelRef("sum_done"))
	add(block{w: w, i: i, t: r.t}, s[1])
	Label("sum_done")
	s[0].add(s[1])
	return s[0]
}

// rowMax returns the maximum of the row at p in every lane (a NaN of the
// row may or may not come out: the exponentials make the row NaN anyway).
func (r *row) rowMax(w width, p reg.Register) reg.VecVirtual {
	negInf := w.vec()
	VMOVUPS(vector(cNegInf.name, cNegInf.bits), negInf)
	acc := make([]reg.VecVirtual, w.vectors())
	for j := range acc {
		acc[j] = w.vec()
		VMOVUPS(negInf, acc[j])
	}
	r.pass(w, "max", func(b block) {
		v := b.load(p)
		b.fillMissing(v, negInf)
		for j := range v {
			VMAXPS(v[j], acc[j], acc[j])
		}
	})
	m := acc[0]
	if !w.wide() {
		VMAXPS(acc[1], m, m)
	} else {
		hi := YMM()
		VEXTRACTF64X4(U8(1), m, hi)
		VMAXPS(hi, m.AsY(), hi)
		m = hi
	}
	x, t := XMM(), XMM()
	VEXTRACTF128(U8(1), m.AsY(), x)
	VMAXPS(x, m.AsX(), x)
	VPERMILPS(U8(0x4e), x, t) // lanes 2, 3, 0, 1
	VMAXPS(t, x, x)
	VPERMILPS(U8(0xb1), x, t) // lanes 1, 0, 3, 2
	VMAXPS(t, x, x)
	all := w.vec()
	VBROADCASTSS(x, all)
	return all
}

// A sum accumulates a row's float64 sum in 16 lanes, one per position in a
// block: two ZMM registers, or four YMM registers.
type sum []reg.VecVirtual

// newSum returns a sum of +0 lanes.
func newSum(w width) sum {
	s := make(sum, 2*w.vectors())
	for j := range s {
		s[j] = w.zeros()
	}
	return s
}

// halves returns the float64 conversions of the low and high halves of v.
func halves(w width, v reg.VecVirtual) (lo, hi reg.VecVirtual) {
	lo, hi = w.vec(), w.vec()
	if w.wide() {
		VCVTPS2PD(v.AsY(), lo)
		VEXTRACTF64X4(U8(1), v, hi.AsY())
		VCVTPS2PD(hi.AsY(), hi)
	} else {
		VCVTPS2PD(v.AsX(), lo)
		VEXTRACTF128(U8(1), v, hi.AsX())
		VCVTPS2PD(hi.AsX(), hi)
	}
	return lo, hi
}

// toFloat64s returns the float64 conversions of the halves of each of v, in the
// order of a sum's lanes.
func toFloat64s(w width, v []reg.VecVirtual) []reg.VecVirtual {
	var d []reg.VecVirtual
	for j := range v {
		lo, hi := halves(w, v[j])
		d = append(d, lo, hi)
	}
	return d
}

// widened returns the block of the row at p converted to float64, in the
// order of a sum's lanes: a whole block converted straight from memory
// (one instruction a half), a partial one loaded and widened.
func (b block) widened(p reg.Register) []reg.VecVirtual {
	if b.t != nil {
		return toFloat64s(b.w, b.load(p))
	}
	d := make([]reg.VecVirtual, 2*b.w.vectors())
	for k := range d {
		d[k] = b.w.vec()
		m := b.at(p, 0)
		m.Disp += k * b.w.bytes() / 2
		VCVTPS2PD(m, d[k])
	}
	return d
}

// add adds the float64 vectors d (a block, widened) to s.
func (s sum) add(d []reg.VecVirtual) {
	for k := range d {
		VADDPD(d[k], s[k], s[k])
	}
}

// addProducts adds the exact float64 products a[k]·b[k] (two blocks,
// widened) to s.
func (s sum) addProducts(a, b []reg.VecVirtual) {
	for k := range a {
		VFMADD231PD(a[k], b[k], s[k])
	}
}

// total returns the float64 sum of s's lanes in the low lane of an XMM
// register, adding lane i to lane i+8, then i+4, i+2 and i+1, at both
// widths.
func (s sum) total(w width) reg.VecVirtual {
	var y reg.VecVirtual
	if w.wide() {
		VADDPD(s[1], s[0], s[0])
		y = YMM()
		VEXTRACTF64X4(U8(1), s[0], y)
		VADDPD(s[0].AsY(), y, y)
	} else {
		VADDPD(s[2], s[0], s[0]) // lanes 0-3 and 8-11
		VADDPD(s[3], s[1], s[1]) // lanes 4-7 and 12-15
		VADDPD(s[1], s[0], s[0])
		y = s[0]
	}
	x := XMM()
	VEXTRACTF128(U8(1), y, x)
	VADDPD(y.AsX(), x, x)
	t := XMM()
	VPERMILPD(U8(1), x, t)
	VADDSD(t, x, x)
	return x
}

// float32Broadcast returns the float64 in the low lane of x rounded to
// float32, in every lane.
func float32Broadcast(w width, x reg.VecVirtual) reg.VecVirtual {
	VCVTSD2SS(x, x, x)
	v := w.vec()
	VBROADCASTSS(x, v)
	return v
}

// float64Constant returns a read-only float64 constant.
func float64Constant(name string, f float64) Mem {
	if m, ok := vectors[name]; ok {
		return m
	}
	m := GLOBL(name, RODATA|NOPTR)
	DATA(0, U64(math.Float64bits(f)))
	vectors[name] = m
	return m
}
