package main

// simdact gives x86's NaNs on every CPU (see kernels/nan.go). ARM keeps a NaN
// operand's payload as x86 does, but its default NaN, the result of an
// invalid operation such as 0 × ∞, is 0x7fc00000 where x86's is 0xffc00000:
// these helpers set that sign bit.

// signFixer sets fix to 0x80000000 in every lane, or to 0 if the broadcast
// scalar operand s is NaN (then every NaN product is s quieted, not invalid).
func signFixer(fn *function, fix, s vreg) {
	fn.word(fcmeq(fix, s, s))
	fn.word(shl(fix, fix, 31))
}

// mulLikeX86 writes a*s into d, s being the broadcast scalar that fix was
// made from; where a is a number and the product is NaN, it sets the sign
// bit. It needs two temporaries.
func mulLikeX86(fn *function, d, a, s, fix vreg, tmp []vreg) {
	fn.word(fmul(d, a, s))
	invalidLikeX86(fn, d, a, fix, tmp)
}

// invalidLikeX86 sets the sign bit of d where d is NaN though a is a number
// and fix is set (the other operand was a number too): there, an operation
// on numbers was invalid, and x86's NaN is 0xffc00000. It needs two
// temporaries.
func invalidLikeX86(fn *function, d, a, fix vreg, tmp []vreg) {
	isNumber, invalid := tmp[0], tmp[1]
	fn.word(fcmeq(isNumber, d, d))
	fn.word(fcmeq(invalid, a, a))
	fn.word(bic(invalid, invalid, isNumber))
	fn.ins("VAND V%d.B16, V%d.B16, V%d.B16", fix, invalid, invalid)
	fn.ins("VORR V%d.B16, V%d.B16, V%d.B16", invalid, d, d)
}
