package simdact_test

import (
	"testing"

	"github.com/simdact/simdact/internal/verify"
)

// FuzzSmooth checks the smooth activations (verify.SmoothKernels, forward
// and backward, with their parameter settings) on arbitrary inputs in every
// implementation, against their bounds and exact special values: the first
// byte picks the output's offset (its low 3 bits) and the kernel.
func FuzzSmooth(f *testing.F) {
	addFamilySeeds(f, len(verify.SmoothKernels()))
	f.Fuzz(func(t *testing.T, data []byte) { fuzzFamily(t, verify.SmoothKernels(), data) })
}

// FuzzHard checks the hard activations (verify.HardKernels) bit for bit,
// as FuzzSmooth does the smooth ones.
func FuzzHard(f *testing.F) {
	addFamilySeeds(f, len(verify.HardKernels()))
	f.Fuzz(func(t *testing.T, data []byte) { fuzzFamily(t, verify.HardKernels(), data) })
}

// addFamilySeeds seeds a corpus with the special values for each of n
// kernels.
func addFamilySeeds(f *testing.F, n int) {
	addSeeds(f)
	seeds := specialBytes()
	for k := range min(n, 32) {
		f.Add(append([]byte{byte(8*k + k%8)}, seeds...))
	}
}

// fuzzFamily runs the kernel of ks that data's first byte picks.
func fuzzFamily(t *testing.T, ks []verify.Elementwise, data []byte) {
	if len(data) == 0 || len(ks) == 0 {
		return
	}
	k := ks[int(data[0]/8)%len(ks)]
	fuzzKernel(t, k, data)
}
