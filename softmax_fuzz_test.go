package simdact_test

import (
	"testing"

	"github.com/simdact/simdact/internal/testutil"
	"github.com/simdact/simdact/internal/verify"
)

// FuzzSoftmax runs Softmax and LogSoftmax in every implementation on rows
// of arbitrary bit patterns, with cols from the fuzzer, against the
// specification.
func FuzzSoftmax(f *testing.F) {
	f.Add([]byte{0, 0, 0x80, 0x3f, 0, 0, 0x80, 0xff, 0, 0, 0xc0, 0x7f}, uint16(3))
	f.Add(make([]byte, 4*17), uint16(17))
	f.Add([]byte{0xff, 0xff, 0x7f, 0xff, 0xff, 0xff, 0x7f, 0x7f}, uint16(2)) // x - m overflows: -MaxFloat32, MaxFloat32
	f.Fuzz(func(t *testing.T, data []byte, cols uint16) {
		fuzzRows(t, testutil.FromBytes(data), nil, int(cols), "Softmax", "LogSoftmax")
	})
}

// FuzzSoftmaxBackward runs SoftmaxBackward and LogSoftmaxBackward in every
// implementation on arbitrary dy and y, against the specification.
func FuzzSoftmaxBackward(f *testing.F) {
	f.Add([]byte{0, 0, 0x80, 0x3f, 0, 0, 0, 0x3f, 0, 0, 0x80, 0xbf, 0, 0, 0, 0xbf}, uint16(2))
	f.Fuzz(func(t *testing.T, data []byte, cols uint16) {
		v := testutil.FromBytes(data)
		half := len(v) / 2
		fuzzRows(t, v[:half], v[half:2*half], int(cols), "SoftmaxBackward", "LogSoftmaxBackward")
	})
}

// fuzzRows runs the kernels names on the input x (and y, for a backward
// kernel) trimmed to whole rows of cols (1 up to len(x)).
func fuzzRows(t *testing.T, x, y []float32, cols int, names ...string) {
	if len(x) == 0 {
		return
	}
	cols = 1 + cols%len(x)
	n := len(x) / cols * cols
	in := [][]float32{x[:n]}
	if y != nil {
		in = append(in, y[:n])
	}
	for _, k := range verify.SoftmaxKernels() {
		if k.Name != names[0] && k.Name != names[1] {
			continue
		}
		for _, s := range sets(t) {
			out := make([]float32, n)
			k.Run(s, out, in, cols)
			if err := checkRows(k, out, in, cols); err != nil {
				t.Fatalf("%s, %s, cols=%d: %v", k.Name, s.Name, cols, err)
			}
		}
	}
}
