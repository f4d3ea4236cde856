package main

import "fmt"

// Go's arm64 assembler has no vector floating-point instructions, so the
// kernels spell them as WORD directives. Each encoder below returns the
// instruction word together with its GNU spelling, which goes into the
// comment beside the WORD and which neon_test.go checks by decoding the word
// with golang.org/x/arch/arm64/arm64asm. Every vector here is 4 lanes of
// float32 (".4s") or its 16 bytes (".16b").

// A vreg is a SIMD register number, V0 to V31.
type vreg int

// A word is one encoded instruction and its GNU assembly text.
type word struct {
	bits uint32
	text string
}

// threeSame encodes the "three registers of the same type" group: d = n op m.
func threeSame(base uint32, mnemonic, arrangement string, d, n, m vreg) word {
	return word{
		bits: base | uint32(m)<<16 | uint32(n)<<5 | uint32(d),
		text: fmt.Sprintf("%s v%d.%s, v%d.%s, v%d.%s", mnemonic, d, arrangement, n, arrangement, m, arrangement),
	}
}

// twoMisc encodes the "two registers, miscellaneous" group: d = op n.
func twoMisc(base uint32, mnemonic, suffix string, d, n vreg) word {
	return word{
		bits: base | uint32(n)<<5 | uint32(d),
		text: fmt.Sprintf("%s v%d.4s, v%d.4s%s", mnemonic, d, n, suffix),
	}
}

func fadd(d, n, m vreg) word { return threeSame(0x4e20d400, "fadd", "4s", d, n, m) }
func fsub(d, n, m vreg) word { return threeSame(0x4ea0d400, "fsub", "4s", d, n, m) }
func fmul(d, n, m vreg) word { return threeSame(0x6e20dc00, "fmul", "4s", d, n, m) }
func fmax(d, n, m vreg) word { return threeSame(0x4e20f400, "fmax", "4s", d, n, m) }

// fcmgt sets d to all ones in the lanes where n > m (false for NaN).
func fcmgt(d, n, m vreg) word { return threeSame(0x6ea0e400, "fcmgt", "4s", d, n, m) }

// fcmeq sets d to all ones in the lanes where n == m (false for NaN).
func fcmeq(d, n, m vreg) word { return threeSame(0x4e20e400, "fcmeq", "4s", d, n, m) }

// facgt sets d to all ones in the lanes where |n| > |m| (false for NaN).
func facgt(d, n, m vreg) word { return threeSame(0x6ea0ec00, "facgt", "4s", d, n, m) }

// smax sets every int32 lane of d to the larger of n's and m's.
func smax(d, n, m vreg) word { return threeSame(0x4ea06400, "smax", "4s", d, n, m) }

// bic computes d = n &^ m.
func bic(d, n, m vreg) word { return threeSame(0x4e601c00, "bic", "16b", d, n, m) }

// fcmgtz, fcmlez and fcmltz compare every lane of n with zero (false for NaN).
func fcmgtz(d, n vreg) word { return twoMisc(0x4ea0c800, "fcmgt", ", #0", d, n) }
func fcmlez(d, n vreg) word { return twoMisc(0x6ea0d800, "fcmle", ", #0", d, n) }
func fcmltz(d, n vreg) word { return twoMisc(0x4ea0e800, "fcmlt", ", #0", d, n) }

// shl shifts every 32-bit lane of n left by shift (0..31).
func shl(d, n vreg, shift int) word {
	if shift < 0 || shift > 31 {
		panic("shl: shift out of range")
	}
	return word{
		bits: 0x4f005400 | uint32(32+shift)<<16 | uint32(n)<<5 | uint32(d),
		text: fmt.Sprintf("shl v%d.4s, v%d.4s, #%d", d, n, shift),
	}
}

// cmgt sets d to all ones in the lanes where the int32 n > m.
func cmgt(d, n, m vreg) word { return threeSame(0x4ea03400, "cmgt", "4s", d, n, m) }

// faddd adds the float64 lanes: d.2d = n.2d + m.2d.
func faddd(d, n, m vreg) word { return threeSame(0x4e60d400, "fadd", "2d", d, n, m) }

// fcvtl and fcvtl2 widen the low and the high 2 float32 lanes of n to
// float64, exactly.
func fcvtl(d, n vreg) word {
	return word{bits: 0x0e617800 | uint32(n)<<5 | uint32(d), text: fmt.Sprintf("fcvtl v%d.2d, v%d.2s", d, n)}
}

func fcvtl2(d, n vreg) word {
	return word{bits: 0x4e617800 | uint32(n)<<5 | uint32(d), text: fmt.Sprintf("fcvtl2 v%d.2d, v%d.4s", d, n)}
}

// faddp adds the two float64 lanes of n into the scalar d.
func faddp(d, n vreg) word {
	return word{bits: 0x7e70d800 | uint32(n)<<5 | uint32(d), text: fmt.Sprintf("faddp d%d, v%d.2d", d, n)}
}

// fmin is FMIN Vd.4S, Vn.4S, Vm.4S.
func fmin(d, n, m vreg) word { return threeSame(0x4ea0f400, "fmin", "4s", d, n, m) }

// fdiv is FDIV Vd.4S, Vn.4S, Vm.4S.
func fdiv(d, n, m vreg) word { return threeSame(0x6e20fc00, "fdiv", "4s", d, n, m) }

// fcmge is FCMGE Vd.4S, Vn.4S, Vm.4S: all ones where n >= m.
func fcmge(d, n, m vreg) word { return threeSame(0x6e20e400, "fcmge", "4s", d, n, m) }

// frecpe sets every lane of d to an estimate of 1/n, to 8 bits.
func frecpe(d, n vreg) word { return twoMisc(0x4ea1d800, "frecpe", "", d, n) }
