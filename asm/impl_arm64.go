//go:build gc && !purego

package asm

// On arm64 the dispatch methods (dispatch_arm64.go, generated) run the NEON
// kernels, or the pure-Go ones for the generic Impl. NEON has no
// non-temporal stores.

var compiled = []isa{neon}
