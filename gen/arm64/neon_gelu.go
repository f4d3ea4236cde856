package main

import "fmt"

// Encoders of the GELU kernels, which compute in float64 lanes (".2d"),
// tested as the others are (neon_gelu_test.go).

func threeSameD(base uint32, mnemonic string, d, n, m vreg) word {
	return threeSame(base, mnemonic, "2d", d, n, m)
}

func fsubd(d, n, m vreg) word { return threeSameD(0x4ee0d400, "fsub", d, n, m) }
func fmuld(d, n, m vreg) word { return threeSameD(0x6e60dc00, "fmul", d, n, m) }
func fdivd(d, n, m vreg) word { return threeSameD(0x6e60fc00, "fdiv", d, n, m) }

// fmlad computes d += n·m in float64 lanes, rounded once.
func fmlad(d, n, m vreg) word { return threeSameD(0x4e60cc00, "fmla", d, n, m) }

// fabs clears the sign bit of every float32 lane.
func fabs(d, n vreg) word { return twoMisc(0x4ea0f800, "fabs", "", d, n) }

// fabsd clears the sign bit of every float64 lane.
func fabsd(d, n vreg) word {
	return word{bits: 0x4ee0f800 | uint32(n)<<5 | uint32(d), text: fmt.Sprintf("fabs v%d.2d, v%d.2d", d, n)}
}

// cmltzd sets d to all ones in the int64 lanes of n below zero: the
// float64 lanes whose sign bit is set.
func cmltzd(d, n vreg) word {
	return word{bits: 0x4ee0a800 | uint32(n)<<5 | uint32(d), text: fmt.Sprintf("cmlt v%d.2d, v%d.2d, #0", d, n)}
}

// fcvtn and fcvtn2 round the float64 lanes of n to float32, into the low
// (clearing the high) and the high 2 float32 lanes of d.
func fcvtn(d, n vreg) word {
	return word{bits: 0x0e616800 | uint32(n)<<5 | uint32(d), text: fmt.Sprintf("fcvtn v%d.2s, v%d.2d", d, n)}
}

func fcvtn2(d, n vreg) word {
	return word{bits: 0x4e616800 | uint32(n)<<5 | uint32(d), text: fmt.Sprintf("fcvtn2 v%d.4s, v%d.2d", d, n)}
}

// A lane is one float64 lane of a register: constants are kept two to a
// register, and multiply a vector by element.
type lane struct {
	v vreg
	i int // 0 or 1
}

func (l lane) String() string { return fmt.Sprintf("V%d.D[%d]", l.v, l.i) }

// byElement encodes the float64 "vector by element" group: d op= n·m[i].
func byElement(base uint32, mnemonic string, d, n vreg, m lane) word {
	if m.i < 0 || m.i > 1 {
		panic("byElement: lane out of range")
	}
	return word{
		bits: base | uint32(m.v)<<16 | uint32(m.i)<<11 | uint32(n)<<5 | uint32(d),
		text: fmt.Sprintf("%s v%d.2d, v%d.2d, v%d.d[%d]", mnemonic, d, n, m.v, m.i),
	}
}

// fmlae computes d += n·m[i], fmlse d -= n·m[i], each rounded once, and
// fmule d = n·m[i], in float64 lanes.
func fmlae(d, n vreg, m lane) word { return byElement(0x4fc01000, "fmla", d, n, m) }
func fmlse(d, n vreg, m lane) word { return byElement(0x4fc05000, "fmls", d, n, m) }
func fmule(d, n vreg, m lane) word { return byElement(0x4fc09000, "fmul", d, n, m) }

// fcmgtd sets d to all ones in the float64 lanes where n > m (false for
// NaN).
func fcmgtd(d, n, m vreg) word { return threeSameD(0x6ee0e400, "fcmgt", d, n, m) }
