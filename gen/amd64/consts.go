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

// floatVector is vector for a float32 constant.
func floatVector(name string, f float32) Mem { return vector(name, math.Float32bits(f)) }
