package simdact_test

import (
	"crypto/sha256"
	"encoding/binary"
	"fmt"
	"math"
	"slices"
	"strings"
	"testing"

	"github.com/simdact/simdact/internal/verify"
)

// sigmoidFamilyBits are the SHA-256 prefixes of what the AVX kernels of the
// sigmoid family give on bitsSpecials and every 65537th float32 bit
// pattern (with each of bitsGradients for a backward kernel), which the
// NEON kernels, written to
// round as they do, must give too (NaNs count as one NaN: their payloads
// follow each ISA's rules). A deliberate change to one of these kernels
// changes its line here, for every ISA at once.
var sigmoidFamilyBits = map[string]string{
	"Sigmoid":                                "4f1bc6d8700777ac",
	"SiLU":                                   "1e7d8a85b1b81e44",
	"Mish":                                   "c3e608f36179e4fd",
	"Softplus/beta=1,threshold=20":           "5cfa0e5ffefc1ed0",
	"Softplus/beta=2,threshold=10":           "49df6d4ca9756987",
	"Softplus/beta=0.5,threshold=20":         "5d13068b53ba6e70",
	"Softplus/beta=1.5,threshold=20":         "f28094d9abaa9675",
	"SigmoidBackward":                        "33aeab241ef5e1e2",
	"SiLUBackward":                           "b71ba1ac8449637a",
	"MishBackward":                           "aa39973a075c0d2c",
	"SoftplusBackward/beta=1,threshold=20":   "e4706506a61b4bae",
	"SoftplusBackward/beta=2,threshold=10":   "53cea785f6ab31b8",
	"SoftplusBackward/beta=0.5,threshold=20": "caffe2ee0bbf66b2",
	"SoftplusBackward/beta=1.5,threshold=20": "d89159634a589219",
}

// bitsGradients are the dy with which TestSigmoidFamilyBits runs each
// backward kernel on every x.
var bitsGradients = []float32{1, -2.5, 0x1p-100, 3e30, 1e-40, 3e38, float32(math.Inf(1)), 0x1p64, -0x1p70}

// bitsSpecials are inputs that the stride misses and a kernel may get
// wrong alone: ±0, ±Inf, the least subnormals, and the edges of the
// kernels' clamps and tails (NEON's -110, ExpMin -300, Mish's 20, where
// Sigmoid and SiLU underflow to 0, where exp's argument leaves float32).
var bitsSpecials = []float32{
	float32(math.Copysign(0, -1)), 0, float32(math.Inf(1)), float32(math.Inf(-1)),
	0x1p-149, -0x1p-149, 0x1p-126, -0x1p-126,
	-110, -110.00001, -109.99999, -300, -300.00003, -299.99997, 20, 19.999998, 20.000002,
	-103.27893, -103.97208, -108.5, -87.33655, 88.72283, 88.72284, -745.1332, -1e30, 1e30,
}

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
	x := slices.Clone(bitsSpecials)
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
