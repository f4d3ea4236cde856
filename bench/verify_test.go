package main

import (
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/simdact/simdact/internal/impls"
	"github.com/simdact/simdact/kernels"
)

// planted is the generic implementation with two bugs that only some
// inputs show: ReLU turns -0 into +0 (as max(x, 0) does with its operands
// the wrong way round), and LeakyReLU writes 42 as the last element of
// calls whose length is 7 modulo 8 (a wrong tail).
func planted() impls.Set {
	s := impls.Generic
	s.Name = "planted"
	s.ReLU = func(dst, x []float32) {
		kernels.ReLU(dst, x)
		for i := range dst {
			if dst[i] == 0 {
				dst[i] = 0
			}
		}
	}
	s.LeakyReLU = func(dst, x []float32, slope float32) {
		kernels.LeakyReLU(dst, x, slope)
		if n := len(dst); n%8 == 7 {
			dst[n-1] = 42
		}
	}
	return s
}

// reproducers returns verify's output less the lines that give times.
func reproducers(output string) string {
	return regexp.MustCompile(`(?m)^verify: \d+ rounds.*$`).ReplaceAllString(output, "")
}

func TestVerifyCatchesPlantedBugs(t *testing.T) {
	sets := []impls.Set{impls.Generic, planted()}
	var b strings.Builder
	if failures := verifyAll(&b, catalog, sets, 1, 0, 42); failures != 2 {
		t.Errorf("%d failures, want 2 (ReLU and LeakyReLU in planted)", failures)
	}
	got := b.String()
	for _, want := range []string{
		fmt.Sprintf("verify: %d kernels in generic, planted against the specification, seed 42\n", len(catalog)),
		"\nFAIL: ReLU, planted, out of place at offset 0, element 0 of 1: x=-0 (0x80000000): got 0 (0x0), want -0 (0x80000000)\n",
		"reproducer: ReLU in planted, out of place at offset 0, n=1:\n",
		"rerun: go -C bench run . verify -seed 42 -kernel '^ReLU$')\n",
		" in planted, out of place at offset 0, n=7:\n",
		"rerun: go -C bench run . verify -seed 42 -kernel '^LeakyReLU$')\n",
		"verify: 1 rounds of lengths 0..300, ",
		": 2 kernels and implementations FAIL\n",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("the output lacks %q:\n%s", want, got)
		}
	}
	if n := strings.Count(got, "\nFAIL: "); n != 2 {
		t.Errorf("%d failures reported, want 2, none in generic:\n%s", n, got)
	}

	var again, relu strings.Builder
	verifyAll(&again, catalog, sets, 1, 0, 42)
	if reproducers(again.String()) != reproducers(got) {
		t.Errorf("the same seed reproduces other failures:\n%s\nthen\n%s", got, again.String())
	}
	verifyAll(&relu, selectKernels(regexp.MustCompile("^ReLU$")), sets, 1, 0, 42)
	reluFailure := reproducers(relu.String())
	reluFailure = reluFailure[strings.Index(reluFailure, "\nFAIL"):]
	if !strings.Contains(got, reluFailure) {
		t.Errorf("the rerun of ReLU alone does not reproduce its failure:\n%s", relu.String())
	}
}

func TestVerifyPassesEveryImplementation(t *testing.T) {
	sets, _ := implementations()
	var b strings.Builder
	if failures := verifyAll(&b, catalog, sets, 1, 0, 7); failures != 0 {
		t.Errorf("%d failures:\n%s", failures, b.String())
	}
	if !strings.HasSuffix(b.String(), ": every result matches\n") {
		t.Errorf("the output does not say that every result matches:\n%s", b.String())
	}
}
