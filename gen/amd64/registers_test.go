package main

import (
	"os"
	"regexp"
	"strings"
	"testing"
)

// TestNoAVX512Registers fails if the generated file uses X16-X31, Y16-Y31 or
// any Z register. avo allocates them when a kernel runs short of the 16 that
// AVX2 has, and Go's assembler then encodes the instruction for AVX-512, which
// faults on the CPUs the kernels are for (or, for VBLENDVPS, does not
// assemble at all).
func TestNoAVX512Registers(t *testing.T) {
	src, err := os.ReadFile("../../asm/kernels_amd64.s")
	if err != nil {
		t.Fatal(err)
	}
	register := regexp.MustCompile(`\b([XY](1[6-9]|2[0-9]|3[01])|Z[0-9]+)\b`)
	for i, line := range strings.Split(string(src), "\n") {
		if code, _, _ := strings.Cut(line, "//"); register.MatchString(code) {
			t.Errorf("kernels_amd64.s:%d: %s", i+1, strings.TrimSpace(line))
		}
	}
}
