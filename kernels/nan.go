package kernels

import "math"

// Where arithmetic makes a NaN, hardware differs: arm64's default NaN is
// 0x7fc00000 where x86's is 0xffc00000, and riscv64 and WebAssembly may drop
// a NaN operand's payload. simdact gives the same bits everywhere, those of
// x86 (and PyTorch on x86): a NaN operand comes out quieted with its payload,
// and an invalid operation (0 × ∞, ∞ - ∞) gives 0xffc00000.

// defaultNaN is the quiet NaN x86 returns for an invalid operation.
const defaultNaN = 0xffc00000

// quietBit turns a signalling NaN into a quiet one with the same payload.
const quietBit = 0x00400000

// mul returns a*b, with x86's NaN (a's, if both are NaN).
func mul(a, b float32) float32 {
	if p := a * b; p == p {
		return p
	}
	return nanOf(a, b)
}

// add returns a+b, with x86's NaN (a's, if both are NaN).
func add(a, b float32) float32 {
	if s := a + b; s == s {
		return s
	}
	return nanOf(a, b)
}

// nanOf returns the NaN x86 produces for an operation on a and b whose
// result is NaN.
func nanOf(a, b float32) float32 {
	switch {
	case a != a:
		return math.Float32frombits(math.Float32bits(a) | quietBit)
	case b != b:
		return math.Float32frombits(math.Float32bits(b) | quietBit)
	}
	return math.Float32frombits(defaultNaN)
}

// quiet returns v with its quiet bit set: v itself unless v is a
// signalling NaN, whose payload it keeps.
func quiet(v float32) float32 { return math.Float32frombits(math.Float32bits(v) | quietBit) }
