package simdact_test

import (
	"crypto/sha256"
	"encoding/binary"
	"flag"
	"fmt"
	"math"
	"slices"
	"strings"
	"testing"

	"github.com/simdact/simdact/internal/impls"
	"github.com/simdact/simdact/internal/verify"
)

var bitsPrint = flag.Bool("bits.print", false,
	"TestBits logs the fingerprints of the implementations this machine runs, as lines of the table in bits_test.go")

// A fingerprint is the SHA-256 prefix of the bits that a smooth kernel
// gives on its bitsInputs (with each of bitsGradients as dy for a backward
// kernel), NaNs counted as one NaN (their payloads follow each ISA's
// rules), for each group of implementations that must give the same bits.
type fingerprint struct {
	// avx is avx2's, which avx512, the same algorithm at another width,
	// must give too.
	avx string
	// neon is neon's, where it differs from the AVX kernels'; "" where the
	// NEON kernels are written to round as the AVX kernels do and must
	// give their bits, inheriting their exhaustive results (every kernel
	// here but Softsign's forward pass).
	neon string
	// generic is the pure-Go kernels', on every GOARCH: they convert
	// every product they add to float32 or float64, so that no compiler
	// fuses the two into one instruction (as it may on arm64, ppc64,
	// riscv64 and s390x, and amd64 from GOAMD64=v3) and rounds otherwise.
	generic string
}

// fingerprints holds the fingerprint of every smooth kernel, forward and
// backward, with each parameter setting: a deliberate change to one of
// these kernels changes its line here, and an accidental one (a
// coefficient off by an ulp) fails TestBits. To update a line, run
//
//	go test -run '^TestBits$' -bits.print -v .
//
// on amd64 with AVX2 (the avx and generic hashes) and under qemu
// (GOARCH=arm64 go test -exec qemu-aarch64-static ..., the neon hashes),
// and copy the lines it logs.
var fingerprints = map[string]fingerprint{
	"Sigmoid":                                {avx: "4f1bc6d8700777ac", generic: "264b57ebbd1d8f2c"},
	"SiLU":                                   {avx: "1e7d8a85b1b81e44", generic: "9827223bbc703e3e"},
	"Mish":                                   {avx: "c3e608f36179e4fd", generic: "2d889d7e069ea59e"},
	"Softplus/beta=1,threshold=20":           {avx: "5cfa0e5ffefc1ed0", generic: "865c47d0241f9151"},
	"Softplus/beta=2,threshold=10":           {avx: "49df6d4ca9756987", generic: "ea2bf4485ecfd8ea"},
	"Softplus/beta=0.5,threshold=20":         {avx: "5d13068b53ba6e70", generic: "b9695d5f2e83c5d3"},
	"Softplus/beta=1.5,threshold=20":         {avx: "f28094d9abaa9675", generic: "c5d53642c8fd40f6"},
	"Tanh":                                   {avx: "5c25ba27c5bfaf3c", generic: "711d16c85a17acb7"},
	"GELUTanh":                               {avx: "7c3af148ef481a7b", generic: "fa9d9154eb218f39"},
	"GELU":                                   {avx: "8ded2acc75a7cec7", generic: "8ded2acc75a7cec7"},
	"SELU":                                   {avx: "3f6d6ab63f6eb2cc", generic: "e4148b7d18b7add9"},
	"CELU/alpha=1":                           {avx: "f33014e39cbcf2cc", generic: "927c5c676c476405"},
	"CELU/alpha=0.5":                         {avx: "55c4f8cd8b1bb41a", generic: "dc229e00c08533e6"},
	"CELU/alpha=2":                           {avx: "9f065af2c5b98dc5", generic: "d2b61849311d2464"},
	"Swish/beta=1.702":                       {avx: "7fed858a313f6899", generic: "f268e1c2f1ee15a6"},
	"Swish/beta=1":                           {avx: "1e7d8a85b1b81e44", generic: "9827223bbc703e3e"},
	"Swish/beta=0.5":                         {avx: "db550f652c066961", generic: "48fc42b4d4b43d20"},
	"Swish/beta=-1.5":                        {avx: "5692ee878a59c5b8", generic: "26f6020e6977feeb"},
	"Swish/beta=0":                           {avx: "d5cee9e7f289878c", generic: "d5cee9e7f289878c"},
	"LogSigmoid":                             {avx: "98544a1efce2e1e8", generic: "45cbfd0040ce9da3"},
	"Softsign":                               {avx: "b606ed496e1fbb40", neon: "f15b2451771fda94", generic: "2d771dac27f496a6"},
	"SigmoidBackward":                        {avx: "0e70bf80f0e76a87", generic: "b383261a88350507"},
	"SigmoidBackwardFromOutput":              {avx: "33aeab241ef5e1e2", generic: "45de5b9db32bcdf4"},
	"SiLUBackward":                           {avx: "b71ba1ac8449637a", generic: "8a53dcede54d3a3a"},
	"MishBackward":                           {avx: "aa39973a075c0d2c", generic: "3c38c75b2fafc9ef"},
	"SoftplusBackward/beta=1,threshold=20":   {avx: "e4706506a61b4bae", generic: "5953160f781205f0"},
	"SoftplusBackward/beta=2,threshold=10":   {avx: "53cea785f6ab31b8", generic: "772d16152fe3e2ba"},
	"SoftplusBackward/beta=0.5,threshold=20": {avx: "caffe2ee0bbf66b2", generic: "d0130d625596d7af"},
	"SoftplusBackward/beta=1.5,threshold=20": {avx: "d89159634a589219", generic: "d822caf19ad96bf1"},
	"TanhBackward":                           {avx: "f7e5b1610b908740", generic: "60de44d0a18bed8d"},
	"TanhBackwardFromOutput":                 {avx: "b37c390acfc7f734", generic: "bfc953690c5823f9"},
	"GELUTanhBackward":                       {avx: "0e458b410c65eef1", generic: "053e973cdbb7d624"},
	"GELUBackward":                           {avx: "a51104ce159d7d5d", generic: "a51104ce159d7d5d"},
	"SELUBackward":                           {avx: "9be268be21f2f9d9", generic: "5b6253e25a55c970"},
	"CELUBackward/alpha=1":                   {avx: "14cf749049a16f60", generic: "786efa191de253c7"},
	"CELUBackward/alpha=0.5":                 {avx: "c87373c8d30aba01", generic: "3909929f8e27dba7"},
	"CELUBackward/alpha=2":                   {avx: "52b6fc0e6d45c79d", generic: "9caf6bacece8a280"},
	"CELUBackward/alpha=1.5":                 {avx: "dd28b449546c148f", generic: "84ce629d6bd9b44d"},
	"CELUBackward/alpha=0.3":                 {avx: "3ecc6a33b03c362a", generic: "7dad1290425d0fff"},
	"CELUBackward/alpha=10":                  {avx: "b3c32fdf8a702663", generic: "8b104e4f1b1e75f2"},
	"CELUBackward/alpha=-1":                  {avx: "a0823e1c8ef053b0", generic: "a0823e1c8ef053b0"},
	"CELUBackward/alpha=-0.5":                {avx: "dcb13baf778b2c75", generic: "dcb13baf778b2c75"},
	"CELUBackward/alpha=3e+38":               {avx: "13a44faedc7eac42", generic: "13a44faedc7eac42"},
	"CELUBackward/alpha=1e-30":               {avx: "43c95808a61fd17e", generic: "43c95808a61fd17e"},
	"CELUBackward/alpha=1e-40":               {avx: "835ae133b1a32741", generic: "835ae133b1a32741"},
	"CELUBackward/alpha=+Inf":                {avx: "dc314d3838a88441", generic: "dc314d3838a88441"},
	"CELUBackward/alpha=-Inf":                {avx: "dc314d3838a88441", generic: "dc314d3838a88441"},
	"SwishBackward/beta=1.702":               {avx: "ec0341623accc365", generic: "06634b97105d65b6"},
	"SwishBackward/beta=1":                   {avx: "b71ba1ac8449637a", generic: "8a53dcede54d3a3a"},
	"SwishBackward/beta=0.5":                 {avx: "cf373ed1559db883", generic: "c54500977c0188a3"},
	"SwishBackward/beta=-1.5":                {avx: "ea6686a64ae14d02", generic: "9374b22744798676"},
	"SwishBackward/beta=0":                   {avx: "8689e1f2a07ffee0", generic: "8689e1f2a07ffee0"},
	"LogSigmoidBackward":                     {avx: "cf1c3f8d621f65e1", generic: "40f66c0679efc217"},
	"SoftsignBackward":                       {avx: "f2b519f779d0e3c2", generic: "7a15573a6e908077"},
}

// bitsGradients are the dy with which TestBits runs each backward kernel
// on every x.
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

// bitsDense holds, for a kernel, a range of inputs that TestBits runs it
// on every float32 of, as well: where a change of one ulp in a coefficient
// of its code changes so few results that the stride would miss them all.
// Tanh's polynomial (package tanh32's P1 to P5, up to 0.55, where the
// kernels switch to the exponential) changes about 20 results in [0.25,
// 0.55) when its last coefficient moves by an ulp, and only there.
var bitsDense = map[string][2]float32{"Tanh": {0.25, 0.55}}

// bitsInputs returns bitsSpecials, every 65537th float32 bit pattern, and
// every float32 of the kernel name's dense range (bitsDense), if it has one.
func bitsInputs(name string) []float32 {
	x := slices.Clone(bitsSpecials)
	for b := uint64(0); b < 1<<32; b += 65537 {
		x = append(x, math.Float32frombits(uint32(b)))
	}
	if r, ok := bitsDense[name]; ok {
		for v := r[0]; v < r[1]; v = math.Nextafter32(v, r[1]) {
			x = append(x, v)
		}
	}
	return x
}

// TestBits checks that every smooth kernel of every implementation this
// CPU runs gives the bits of its fingerprint for its group: avx512 and
// avx2 alike, NEON as recorded (the AVX kernels' bits, where the NEON
// kernels round as they do: checked under qemu on far fewer inputs than
// the AVX kernels natively, they inherit their exhaustive results), and the
// pure-Go kernels alike on every GOARCH. With -bits.print it logs the
// table's lines with what this machine gives.
func TestBits(t *testing.T) {
	got := map[string]fingerprint{}
	var names []string
	see := func(s impls.Set, name string, h []byte) {
		hash := fmt.Sprintf("%x", h[:8])
		group, want := fingerprintOf(s, name)
		if _, ok := got[name]; !ok {
			got[name] = fingerprints[name]
			names = append(names, name)
		}
		f := got[name]
		switch group {
		case "avx":
			f.avx = hash
		case "neon":
			if hash != f.avx || f.neon != "" {
				f.neon = hash
			}
		case "generic":
			f.generic = hash
		}
		got[name] = f
		switch {
		case *bitsPrint:
		case want == "":
			t.Errorf("%s %s: no fingerprint for %s: record it (see fingerprints)", s.Name, name, group)
		case hash != want:
			t.Errorf("%s %s: bits hash %s, want %s (%s's fingerprint)", s.Name, name, hash, want, group)
		}
	}
	for _, f := range verify.SmoothForwards() {
		x := bitsInputs(f.Name)
		out := make([]float32, len(x))
		for _, s := range exhaustiveSets() {
			f.Run(s, out, x)
			h := sha256.Sum256(bitsOf(out))
			see(s, f.Name, h[:])
		}
	}
	for _, b := range verify.SmoothBackwards() {
		x := bitsInputs(b.Name)
		dy, out := make([]float32, len(x)), make([]float32, len(x))
		for _, s := range exhaustiveSets() {
			h := sha256.New()
			for _, g := range bitsGradients {
				for i := range dy {
					dy[i] = g
				}
				b.Run(s, out, dy, x)
				h.Write(bitsOf(out))
			}
			see(s, b.Name, h.Sum(nil))
		}
	}
	for name := range fingerprints {
		if _, ok := got[name]; !ok && len(names) > 0 {
			t.Errorf("fingerprints holds %s, which is no smooth kernel of verify's lists", name)
		}
	}
	if *bitsPrint {
		var b strings.Builder
		for _, name := range names {
			f := got[name]
			fmt.Fprintf(&b, "\t%q: {avx: %q", name, f.avx)
			if f.neon != "" {
				fmt.Fprintf(&b, ", neon: %q", f.neon)
			}
			fmt.Fprintf(&b, ", generic: %q", f.generic)
			b.WriteString("},\n")
		}
		t.Logf("the fingerprints of this machine's implementations (others as recorded):\n%s", b.String())
	}
}

// fingerprintOf returns the group of s and the recorded hash of the kernel
// name for that group.
func fingerprintOf(s impls.Set, name string) (group, hash string) {
	f := fingerprints[name]
	switch s.ISA {
	case "avx512", "avx2":
		return "avx", f.avx
	case "neon":
		if f.neon == "" {
			return "neon", f.avx
		}
		return "neon", f.neon
	}
	return "generic", f.generic
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
