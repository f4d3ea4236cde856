// Package cpu answers the two questions simdact asks about the machine it
// runs on: which kernels the CPU can execute, and how large a call must be
// before its output is better streamed past the caches.
//
// Each dependency has one role: golang.org/x/sys/cpu reports the instruction
// set features that decide dispatch (it also checks that the operating system
// saves the YMM registers), and github.com/klauspost/cpuid/v2 reports the
// cache sizes that decide the streaming threshold.
package cpu

import (
	"github.com/klauspost/cpuid/v2"
	"golang.org/x/sys/cpu"
)

// AVX2FMA reports whether the CPU has AVX2 and FMA and the operating system
// saves YMM state across context switches. It is false on every non-x86 CPU.
var AVX2FMA = cpu.X86.HasAVX2 && cpu.X86.HasFMA

// AVX512 reports whether the CPU has AVX512F, BW, DQ and VL (with AVX2, FMA
// and BMI2, which every such CPU has: x86-64-v4) and the operating system saves ZMM and opmask state
// across context switches, which x/sys/cpu checks before it reports any
// AVX-512 feature. It is false on every non-x86 CPU.
var AVX512 = AVX2FMA && cpu.X86.HasBMI2 && cpu.X86.HasAVX512F && cpu.X86.HasAVX512BW && cpu.X86.HasAVX512DQ && cpu.X86.HasAVX512VL

// ASIMD reports whether the CPU has Advanced SIMD (NEON), which every arm64
// CPU that Go supports has. It is false on every non-arm64 CPU.
var ASIMD = cpu.ARM64.HasASIMD

// StreamBytes is the number of bytes a call must touch (inputs plus output)
// before the assembly kernels write their output with non-temporal stores.
// Below it the output is likely still cached when the caller reads it; above
// it the output would evict the inputs and itself, and streaming it to memory
// is faster.
var StreamBytes = streamThreshold(cpuid.CPU.Cache.L2, cpuid.CPU.Cache.L3)

// streamThreshold derives StreamBytes from the per-core L2 and the shared L3
// sizes in bytes, either of which may be unknown (zero or negative). Streaming
// pays once a call's data no longer fits in the last-level cache.
func streamThreshold(l2, l3 int) int {
	switch {
	case l3 > 0:
		return l3
	case l2 > 0:
		return 8 * l2
	default:
		return 8 << 20
	}
}
