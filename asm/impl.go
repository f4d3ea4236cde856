package asm

import (
	"errors"
	"strings"

	"github.com/simdact/simdact/internal/cpu"
)

// An Impl is one implementation of every simdact kernel: the generated
// assembly for one instruction set, or the pure-Go kernels of package
// kernels. Its methods have the signatures, contracts and argument checks
// of the functions of the same name in package simdact, which calls them
// on the Impl it selects at start-up.
//
// The zero Impl is the pure-Go one. The others come from Implementations
// and Lookup, which give only what this CPU runs, so that no method ever
// executes an instruction the CPU lacks.
type Impl struct {
	isa          isa
	alwaysStream bool
}

// An isa names the instruction set of an Impl's kernels.
type isa uint8

const (
	generic isa = iota
	avx2
	avx512
	neon
)

var isaNames = [...]string{generic: "generic", avx2: "avx2", avx512: "avx512", neon: "neon"}

// Name reports the instruction set of k's kernels: "avx512" (AVX-512 F, BW,
// DQ and VL on amd64), "avx2" (AVX2 and FMA on amd64), "neon" (Advanced
// SIMD on arm64) or "generic" (pure Go).
func (k Impl) Name() string { return isaNames[k.isa] }

// Streaming returns k with non-temporal stores at every size where its
// kernels have them (on amd64), instead of only above the size from which
// they pay (see cpu.StreamBytes): for tests of that path.
func (k Impl) Streaming() Impl {
	k.alwaysStream = true
	return k
}

// Implementations returns every implementation this build contains that
// this CPU runs, best first; the last is the pure-Go one.
func Implementations() []Impl {
	var list []Impl
	for _, i := range compiled {
		if runs(i) {
			list = append(list, Impl{isa: i})
		}
	}
	return append(list, Impl{})
}

// ErrUnsupported is the error of Lookup for an implementation that this
// build contains but this CPU cannot run.
var ErrUnsupported = errors.New("this CPU cannot run it")

// Lookup returns the implementation of that name if this CPU runs it. Its
// error says why not, and lists the names this CPU runs.
func Lookup(name string) (Impl, error) {
	for _, k := range Implementations() {
		if k.Name() == name {
			return k, nil
		}
	}
	var runnable []string
	for _, k := range Implementations() {
		runnable = append(runnable, k.Name())
	}
	choices := "; this CPU runs " + strings.Join(runnable, ", ")
	for _, i := range compiled {
		if isaNames[i] == name {
			return Impl{}, errors.Join(ErrUnsupported, errors.New(name+choices))
		}
	}
	return Impl{}, errors.New("unknown implementation " + quote(name) + choices)
}

func quote(s string) string { return `"` + s + `"` }

// runs reports whether this CPU executes the kernels of i.
func runs(i isa) bool {
	switch i {
	case avx512:
		return cpu.AVX512
	case avx2:
		return cpu.AVX2FMA
	case neon:
		return cpu.ASIMD
	}
	return true
}
