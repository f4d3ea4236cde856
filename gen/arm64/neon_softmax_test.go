package main

import "testing"

// TestSoftmaxEncoders decodes the softmax kernels' encoders, as
// TestEncoders does the others'.
func TestSoftmaxEncoders(t *testing.T) {
	regs := [][3]vreg{{0, 0, 0}, {31, 0, 0}, {0, 31, 0}, {0, 0, 31}, {1, 2, 4}, {8, 16, 31}, {21, 10, 5}}
	encoders := map[string]func(d, n, m vreg) word{
		"fmin": fmin, "fmuld": fmuld,
		"fmaxv": func(d, n, _ vreg) word { return fmaxv(d, n) },
	}
	for name, encode := range encoders {
		for _, r := range regs {
			w := encode(r[0], r[1], r[2])
			if got := decode(t, w.bits); got != w.text {
				t.Errorf("%s %v: 0x%08x decodes as %q, want %q", name, r, w.bits, got, w.text)
			}
		}
	}
}
