// Package testutil holds what the tests of simdact and its benchmark tool
// share: inputs that SIMD code gets wrong, bit-level comparison, and memory
// with inaccessible pages around it.
package testutil

import (
	"math"
	"math/rand/v2"
	"strconv"
)

// Special holds the float32 bit patterns where kernels go wrong: NaNs with
// and without payloads (quiet and signalling, both signs), ±0, ±Inf,
// subnormals, the smallest and largest normals, and values next to 0 and 1.
var Special = []uint32{
	0x7fc00000, 0xffc00000, 0x7fc12345, 0xffd54321, // quiet NaNs
	0x7fa00000, 0x7f800001, 0xff800001, 0xffbfffff, // signalling NaNs
	0x7f800000, 0xff800000, // ±Inf
	0x00000000, 0x80000000, // ±0
	0x00000001, 0x80000001, 0x007fffff, 0x807fffff, 0x00400000, 0x80400000, // subnormals
	0x00800000, 0x80800000, 0x7f7fffff, 0xff7fffff, // FLT_MIN, FLT_MAX
	0x3f800000, 0xbf800000, 0x3f7fffff, 0xbf7fffff, 0x3f800001, 0xbf800001, // around ±1
	0x33800000, 0xb3800000, 0x32800000, 0xb2800000, // ±2^-24, ±2^-26
}

// Floats returns n values of which about a quarter are Special, a quarter
// random bit patterns (any class, any payload) and half random values of
// either sign with magnitudes from 2^-30 to 2^30.
func Floats(r *rand.Rand, n int) []float32 {
	v := make([]float32, n)
	Fill(r, v)
	return v
}

// Fill overwrites v as Floats does.
func Fill(r *rand.Rand, v []float32) {
	for i := range v {
		switch r.IntN(4) {
		case 0:
			v[i] = math.Float32frombits(Special[r.IntN(len(Special))])
		case 1:
			v[i] = math.Float32frombits(r.Uint32())
		default:
			m := float32(math.Ldexp(r.Float64()+0.5, r.IntN(61)-30))
			if r.IntN(2) == 0 {
				m = -m
			}
			v[i] = m
		}
	}
}

// FromBytes turns arbitrary bytes (from a fuzzer) into float32 values, four
// little-endian bytes each, so every bit pattern can occur; trailing bytes
// are ignored.
func FromBytes(b []byte) []float32 {
	v := make([]float32, len(b)/4)
	for i := range v {
		v[i] = math.Float32frombits(uint32(b[4*i]) | uint32(b[4*i+1])<<8 | uint32(b[4*i+2])<<16 | uint32(b[4*i+3])<<24)
	}
	return v
}

// Format spells a float32 with its bit pattern, so that NaN payloads and the
// sign of zero show: "-0 (0x80000000)".
func Format(v float32) string {
	return strconv.FormatFloat(float64(v), 'g', -1, 32) + " (0x" + strconv.FormatUint(uint64(math.Float32bits(v)), 16) + ")"
}
