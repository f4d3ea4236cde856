// Package kernels holds simdact's portable pure-Go kernels.
//
// They are the fallback on every CPU without an assembly implementation (and
// under the purego build tag or SIMDACT_IMPL=generic), and they are the
// readable specification that every assembly kernel is tested against: each
// function here states its formula once, in plain Go. They are also useful
// on their own, for instance to fuzz-compare another library against them.
//
// Every function has the contract of the function of the same name in
// package simdact: it checks its arguments as that one does, and panics
// before writing anything, with a message that starts "simdact: FuncName:",
// when the slices' lengths differ, an output overlaps an input partially,
// or a PReLU layout is invalid. Outputs may be the very same slice as an
// input. No function allocates.
package kernels
