package main

import (
	"math"

	. "github.com/mmcloughlin/avo/build"
	. "github.com/mmcloughlin/avo/operand"
)

// vectors holds the read-only constants emitted so far, by name.
var vectors = map[string]Mem{}

// vector returns a read-only 64-byte constant holding bits in each of its 16
// lanes, for use as the memory operand of a vector instruction of either
// width (which, with VEX and EVEX encodings, need not be aligned). It is
// emitted once per name.
func vector(name string, bits uint32) Mem {
	if m, ok := vectors[name]; ok {
		return m
	}
	m := GLOBL(name, RODATA|NOPTR)
	for i := range avx512.lanes {
		DATA(4*i, U32(bits))
	}
	vectors[name] = m
	return m
}

// A constant is a read-only vector of one value in every lane, by name.
type constant struct {
	name string
	bits uint32
}

func floatConstant(name string, f float32) constant { return constant{name, math.Float32bits(f)} }

// A pool holds the operands of a kernel's constants: registers for AVX-512,
// whose 32 vector registers hold them all (a memory operand would cost a
// load in every use, and loads, not arithmetic, would bound the kernel),
// and memory operands for AVX2, which has 16.
type pool map[constant]Op

// pool loads the constants cs for w, once per call (in a kernel's setup).
func (w width) pool(cs ...constant) pool {
	p := pool{}
	for _, c := range cs {
		m := vector(c.name, c.bits)
		if !w.wide() {
			p[c] = m
			continue
		}
		r := w.vec()
		VMOVUPS(m, r)
		p[c] = r
	}
	return p
}

// get returns the operand of c, which the pool must hold.
func (p pool) get(c constant) Op {
	op, ok := p[c]
	if !ok {
		panic("constant " + c.name + " is not in the kernel's pool")
	}
	return op
}

// registers moves the constants cs of p into registers, where AVX2 needs
// them in one (VMAXPS takes its first source from a register only).
func (p pool) registers(w width, cs ...constant) {
	for _, c := range cs {
		if m, ok := p.get(c).(Mem); ok {
			r := w.vec()
			VMOVUPS(m, r)
			p[c] = r
		}
	}
}
