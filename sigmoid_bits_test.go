package simdact_test

import (
	"crypto/sha256"
	"encoding/binary"
	"fmt"
	"math"
	"strings"
	"testing"

	"github.com/simdact/simdact/internal/verify"
)

// sigmoidFamilyBits are the SHA-256 prefixes of what the AVX kernels of the
// sigmoid family give on every 65537th float32 bit pattern (with each of
// bitsGradients for a backward kernel), which the NEON kernels, written to
// round as they do, must give too (NaNs count as one NaN: their payloads
// follow each ISA's rules). A deliberate change to one of these kernels
// changes its line here, for every ISA at once.
var sigmoidFamilyBits = map[string]string{
	"Sigmoid":                                "a97a9ccf2c16af61",
	"SiLU":                                   "298e4d7b4188cfab",
	"Mish":                                   "8a9333ca0691ddb6",
	"Softplus/beta=1,threshold=20":           "68977df9d24cb580",
	"Softplus/beta=2,threshold=10":           "a6ba9ab8be0a0e04",
	"Softplus/beta=0.5,threshold=20":         "f610f9859bf7ea8e",
	"Softplus/beta=1.5,threshold=20":         "67ae210e1907076d",
	"SigmoidBackward":                        "9d54eeeeb5225950",
	"SiLUBackward":                           "10c032459dd2f034",
	"MishBackward":                           "d393af0185a5841e",
	"SoftplusBackward/beta=1,threshold=20":   "b1a52477983a0e1d",
	"SoftplusBackward/beta=2,threshold=10":   "c124b9010dda63ae",
	"SoftplusBackward/beta=0.5,threshold=20": "eee425bf74b55a69",
	"SoftplusBackward/beta=1.5,threshold=20": "827315ac7252b239",
}

// bitsGradients are the dy with which TestSigmoidFamilyBits runs each
// backward kernel on every x.
var bitsGradients = []float32{1, -2.5, 0x1p-100, 3e30, 1e-40, 3e38, float32(math.Inf(1)), 0x1p64, -0x1p70}

// inSigmoidFamily reports whether name is a kernel of the sigmoid family.
func inSigmoidFamily(name string) bool {
	for _, f := range []string{"Sigmoid", "SiLU", "Softplus", "Mish"} {
		if strings.HasPrefix(name, f) {
			return true
		}
	}
	return false
}

// TestSigmoidFamilyBits checks that the assembly kernels of the sigmoid
// family (avx512, avx2 and neon alike) give the bits in sigmoidFamilyBits:
// the NEON kernels, checked under qemu on far fewer inputs than the AVX
// kernels natively, inherit the AVX kernels' exhaustive results.
func TestSigmoidFamilyBits(t *testing.T) {
	var x []float32
	for b := uint64(0); b < 1<<32; b += 65537 {
		x = append(x, math.Float32frombits(uint32(b)))
	}
	out := make([]float32, len(x))
	dy := make([]float32, len(x))
	ran := false
	for _, s := range exhaustiveSets(t) {
		if s.ISA == "generic" {
			continue
		}
		ran = true
		for _, f := range verify.SmoothForwards() {
			if inSigmoidFamily(f.Name) {
				f.Run(s, out, x)
				checkBits(t, s.Name, f.Name, hashBits(out))
			}
		}
		for _, b := range verify.SmoothBackwards() {
			if !inSigmoidFamily(b.Name) {
				continue
			}
			h := sha256.New()
			for _, g := range bitsGradients {
				for i := range dy {
					dy[i] = g
				}
				b.Run(s, out, dy, x)
				h.Write(bitsOf(out))
			}
			checkBits(t, s.Name, b.Name, fmt.Sprintf("%x", h.Sum(nil)[:8]))
		}
	}
	if !ran {
		t.Skip("no assembly implementation runs here")
	}
}

func checkBits(t *testing.T, set, kernel, got string) {
	t.Helper()
	if want := sigmoidFamilyBits[kernel]; got != want {
		t.Errorf("%s %s: bits hash %s, want %s (the AVX kernels')", set, kernel, got, want)
	}
}

// bitsOf returns v's bits, every NaN as 0x7fc00000.
func bitsOf(v []float32) []byte {
	b := make([]byte, 4*len(v))
	for i, f := range v {
		u := math.Float32bits(f)
		if f != f {
			u = 0x7fc00000
		}
		binary.LittleEndian.PutUint32(b[4*i:], u)
	}
	return b
}

func hashBits(v []float32) string {
	h := sha256.Sum256(bitsOf(v))
	return fmt.Sprintf("%x", h[:8])
}
