package main

import "testing"

// TestTanhEncoders decodes the words of the tanh family's encoders, as
// TestEncoders does neon.go's.
func TestTanhEncoders(t *testing.T) {
	regs := [][3]vreg{{0, 0, 0}, {31, 0, 0}, {0, 31, 0}, {0, 0, 31}, {1, 2, 4}, {8, 16, 31}, {21, 10, 5}, {17, 29, 3}}
	for name, encode := range map[string]func(d, n, m vreg) word{"fdiv": fdiv, "fmin": fmin, "fcmge": fcmge} {
		for _, r := range regs {
			w := encode(r[0], r[1], r[2])
			if got := decode(t, w.bits); got != w.text {
				t.Errorf("%s %v: 0x%08x decodes as %q, want %q", name, r, w.bits, got, w.text)
			}
		}
	}
}
