package main

import (
	"fmt"

	. "github.com/mmcloughlin/avo/build"
	. "github.com/mmcloughlin/avo/operand"
	"github.com/mmcloughlin/avo/reg"
)

// A width is the vector width a kernel is emitted for: AVX2's 8 lanes in a
// YMM register, or AVX-512's 16 in a ZMM register. A kernel's description
// is written once against a width; the width supplies what differs between
// the two: registers, and masks, which AVX2 keeps in vector registers (all
// ones or all zeros a lane) and AVX-512 in opmask registers (a bit a lane).
type width struct {
	suffix string // of the kernel's name: "AVX2" or "AVX512"
	lanes  int
}

var (
	avx2   = width{suffix: "AVX2", lanes: 8}
	avx512 = width{suffix: "AVX512", lanes: 16}
)

// widths are the widths every kernel is emitted for.
var widths = []width{avx512, avx2}

func (w width) wide() bool { return w.lanes == 16 }

// bytes is the size of a vector.
func (w width) bytes() int { return 4 * w.lanes }

// vec allocates a vector register.
func (w width) vec() reg.VecVirtual {
	if w.wide() {
		return ZMM()
	}
	return YMM()
}

// A mask selects lanes: a vector register for AVX2, an opmask register for
// AVX-512.
type mask reg.Register

// compare returns the mask of the lanes where b pred a, pred being a VCMPPS
// predicate (avo's operand order is reversed from Intel's).
func (w width) compare(pred uint8, a, b Op) mask {
	if w.wide() {
		k := K()
		VCMPPS(U8(pred), a, b, k)
		return k
	}
	m := YMM()
	VCMPPS(U8(pred), a, b, m)
	return m
}

// blend sets b to m ? a : b, lane by lane, and returns b. (It writes b,
// which it reads anyway, rather than a fresh register: avo takes the
// destination of an instruction with an opmask as read, merged into, and
// would keep a fresh one live from the start of the function.)
func (w width) blend(m mask, a Op, b reg.VecVirtual) reg.VecVirtual {
	if w.wide() {
		VBLENDMPS(a, b, m, b)
	} else {
		VBLENDVPS(m, a, b, b)
	}
	return b
}

// keep returns v in the lanes of m and +0 in the others.
func (w width) keep(m mask, v reg.VecVirtual) reg.VecVirtual {
	r := w.vec()
	if w.wide() {
		VMOVAPS_Z(v, m, r)
	} else {
		VANDPS(v, m, r)
	}
	return r
}

// compareWithin returns the lanes of within where b pred a, as compare,
// in within.
func (w width) compareWithin(within mask, pred uint8, a, b Op) mask {
	if w.wide() {
		VCMPPS(U8(pred), a, b, within, within) // in place, as blend
		return within
	}
	m := YMM()
	VCMPPS(U8(pred), a, b, m)
	VANDPS(m, within, within)
	return within
}

// signs returns the mask of the lanes of v whose sign bit is set.
func (w width) signs(v reg.VecVirtual) mask {
	if w.wide() {
		k := K()
		VPMOVD2M(v, k)
		return k
	}
	return v // VBLENDVPS reads the sign bits
}

// jumpIfAll jumps to label if every lane of m, a mask of signs, is set.
func (w width) jumpIfAll(m mask, label string) {
	if w.wide() {
		KORTESTW(m, m) // carry: all ones
	} else {
		VTESTPS(vector("signBit", signBit), m) // carry: every sign bit set
	}
	JCS(LabelRef(label))
}

// zeros returns a register of +0 lanes.
func (w width) zeros() reg.VecVirtual {
	z := w.vec()
	VXORPS(z, z, z)
	return z
}

// broadcastParam loads the float32 parameter name into every lane.
func (w width) broadcastParam(name string) reg.VecVirtual {
	b, err := Param(name).Resolve()
	if err != nil {
		panic(fmt.Sprintf("parameter %s: %v", name, err))
	}
	v := w.vec()
	VBROADCASTSS(b.Addr, v)
	return v
}

// broadcastParamToStack stores the float32 parameter name into every lane
// of a stack slot, which a kernel short of registers reads as a memory
// operand (unaligned, as VEX and EVEX encodings allow).
func (w width) broadcastParamToStack(name string) Mem {
	m := AllocLocal(w.bytes())
	VMOVUPS(w.broadcastParam(name), m)
	return m
}

// param returns the float32 parameter name in every lane: a register for
// AVX-512, a stack slot for AVX2, whose kernels run short of registers.
func (w width) param(name string) Op {
	if w.wide() {
		return w.broadcastParam(name)
	}
	return w.broadcastParamToStack(name)
}

// laneMask returns an opmask of the lanes below n, a general-purpose
// register from 0 to 16 (BZHI reads its low 8 bits), using scratch.
func laneMask(n, scratch reg.GP) reg.OpmaskVirtual {
	k := K()
	MOVL(U32(0xffff), scratch.As32())
	BZHIL(n.As32(), scratch.As32(), scratch.As32())
	KMOVW(scratch.As32(), k)
	return k
}

// load loads a vector from m.
func (w width) load(m Op) reg.VecVirtual {
	v := w.vec()
	VMOVUPS(m, v)
	return v
}
