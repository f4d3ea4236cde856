package main

import "testing"

// TestGELUEncoders decodes the words of the GELU kernels' encoders, as
// TestEncoders does the others'.
func TestGELUEncoders(t *testing.T) {
	regs := [][3]vreg{{0, 0, 0}, {31, 0, 0}, {0, 31, 0}, {0, 0, 31}, {1, 2, 4}, {8, 16, 31}, {21, 10, 5}, {17, 29, 3}}
	encoders := map[string]func(d, n, m vreg) word{
		"fsubd": fsubd, "fmuld": fmuld, "fdivd": fdivd, "fmlad": fmlad, "fmin": fmin,
		"fabs":   func(d, n, _ vreg) word { return fabs(d, n) },
		"fabsd":  func(d, n, _ vreg) word { return fabsd(d, n) },
		"cmltzd": func(d, n, _ vreg) word { return cmltzd(d, n) },
		"fcvtn":  func(d, n, _ vreg) word { return fcvtn(d, n) },
		"fcvtn2": func(d, n, _ vreg) word { return fcvtn2(d, n) },
	}
	for i := range 2 {
		encoders["fmlae"+string(rune('0'+i))] = func(d, n, m vreg) word { return fmlae(d, n, lane{m, i}) }
		encoders["fmlse"+string(rune('0'+i))] = func(d, n, m vreg) word { return fmlse(d, n, lane{m, i}) }
		encoders["fmule"+string(rune('0'+i))] = func(d, n, m vreg) word { return fmule(d, n, lane{m, i}) }
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
