// Package kernels holds simdact's portable pure-Go kernels.
//
// They are the fallback on every CPU without an assembly implementation (and
// under the purego build tag or SIMDACT_IMPL=generic), and they are the
// readable specification that every assembly kernel is tested against: each
// function here states its formula once, in plain Go.
//
// The functions do not check their arguments: the caller (package simdact)
// has already checked that every slice has the length the kernel expects.
// Outputs may be the very same slice as an input.
package kernels
