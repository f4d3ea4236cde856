package main

// The comparison predicates of VCMPPS, which avo does not name, by what
// they test. The ordered ones (_OQ) are false where either operand is NaN,
// the unordered ones (_UQ) true. avo's operand order is reversed from
// Intel's (see width.compare).
const (
	cmpEQ    = 0x00 // EQ_OQ: equal
	cmpUNORD = 0x03 // UNORD_Q: either operand is NaN
	cmpNEQ   = 0x0c // NEQ_OQ: not equal, false for NaN
	cmpLT    = 0x11 // LT_OQ: less than
	cmpLE    = 0x12 // LE_OQ: less or equal
	cmpNLT   = 0x15 // NLT_UQ: not less than, true for NaN
	cmpNLE   = 0x16 // NLE_UQ: not less or equal, true for NaN
	cmpNGE   = 0x19 // NGE_UQ: not greater or equal, true for NaN
	cmpNGT   = 0x1a // NGT_UQ: not greater, true for NaN
	cmpGE    = 0x1d // GE_OQ: greater or equal
	cmpGT    = 0x1e // GT_OQ: greater than
)
