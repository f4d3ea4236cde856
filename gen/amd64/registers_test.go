package main

import (
	"os"
	"regexp"
	"strings"
	"testing"
)

// TestAVX2UsesNoAVX512Registers fails if an AVX2 kernel of the generated
// file uses X16-X31, Y16-Y31, a Z register or an opmask. avo allocates them
// when a kernel runs short of the 16 vector registers that AVX2 has, and
// Go's assembler then encodes the instruction for AVX-512, which faults on
// the CPUs the AVX2 kernels are for (or, for VBLENDVPS, does not assemble
// at all). It also checks that every kernel comes in both widths, but
// PReLU's and those marked as AVX2's alone (avx2OnlyNote).
func TestAVX2UsesNoAVX512Registers(t *testing.T) {
	src, err := os.ReadFile("../../asm/kernels_amd64.s")
	if err != nil {
		t.Fatal(err)
	}
	register := regexp.MustCompile(`\b([XY](1[6-9]|2[0-9]|3[01])|Z[0-9]+|K[0-7])\b`)
	text := regexp.MustCompile(`^TEXT ·(\w+)\(SB\)`)
	kernels, alone := map[string]bool{}, map[string]bool{}
	current := ""
	for i, line := range strings.Split(string(src), "\n") {
		if m := text.FindStringSubmatch(line); m != nil {
			current = m[1]
			kernels[current] = true
			continue
		}
		if strings.TrimSpace(line) == "// "+avx2OnlyNote {
			alone[current] = true
		}
		if code, _, _ := strings.Cut(line, "//"); strings.HasSuffix(current, "AVX2") && register.MatchString(code) {
			t.Errorf("kernels_amd64.s:%d: %s: %s", i+1, current, strings.TrimSpace(line))
		}
	}
	for name := range kernels {
		if base, ok := strings.CutSuffix(name, "AVX2"); ok && !kernels[base+"AVX512"] && !strings.HasPrefix(base, "prelu") && !alone[name] {
			t.Errorf("%s has no AVX-512 twin", name)
		}
	}
}
