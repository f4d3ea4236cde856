package main

import (
	"bufio"
	"encoding/binary"
	"os"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"golang.org/x/arch/arm64/arm64asm"
)

// decode disassembles one instruction word into GNU syntax, as the comment
// beside a WORD spells it.
func decode(t *testing.T, bits uint32) string {
	t.Helper()
	var b [4]byte
	binary.LittleEndian.PutUint32(b[:], bits)
	inst, err := arm64asm.Decode(b[:])
	if err != nil {
		t.Fatalf("0x%08x does not decode: %v", bits, err)
	}
	return arm64asm.GNUSyntax(inst)
}

// TestEncoders decodes every encoder's word for registers that exercise
// every bit of each register field, and compares it with the text the
// encoder gives.
func TestEncoders(t *testing.T) {
	regs := [][3]vreg{{0, 0, 0}, {31, 0, 0}, {0, 31, 0}, {0, 0, 31}, {1, 2, 4}, {8, 16, 31}, {21, 10, 5}, {17, 29, 3}}
	encoders := map[string]func(d, n, m vreg) word{
		"fadd": fadd, "fsub": fsub, "fmul": fmul, "fmax": fmax,
		"fcmgt": fcmgt, "fcmeq": fcmeq, "facgt": facgt, "smax": smax, "bic": bic,
		"fcmgtz": func(d, n, _ vreg) word { return fcmgtz(d, n) },
		"fcmlez": func(d, n, _ vreg) word { return fcmlez(d, n) },
		"fcmltz": func(d, n, _ vreg) word { return fcmltz(d, n) },
		"cmgt":   cmgt, "faddd": faddd,
		"fcvtl":  func(d, n, _ vreg) word { return fcvtl(d, n) },
		"fcvtl2": func(d, n, _ vreg) word { return fcvtl2(d, n) },
		"faddp":  func(d, n, _ vreg) word { return faddp(d, n) },
		"fmin":   fmin, "fdiv": fdiv, "fcmge": fcmge,
		"fsubd": fsubd, "fmuld": fmuld, "fdivd": fdivd, "fmlad": fmlad,
		"fabs":   func(d, n, _ vreg) word { return fabs(d, n) },
		"fabsd":  func(d, n, _ vreg) word { return fabsd(d, n) },
		"cmltzd": func(d, n, _ vreg) word { return cmltzd(d, n) },
		"fcvtn":  func(d, n, _ vreg) word { return fcvtn(d, n) },
		"fcvtn2": func(d, n, _ vreg) word { return fcvtn2(d, n) },
		"fmaxv":  func(d, n, _ vreg) word { return fmaxv(d, n) },
		"frecpe": func(d, n, _ vreg) word { return frecpe(d, n) },
		"fcmgtd": fcmgtd,
	}
	for i := range 2 {
		encoders["fmlae"+strconv.Itoa(i)] = func(d, n, m vreg) word { return fmlae(d, n, lane{m, i}) }
		encoders["fmlse"+strconv.Itoa(i)] = func(d, n, m vreg) word { return fmlse(d, n, lane{m, i}) }
		encoders["fmule"+strconv.Itoa(i)] = func(d, n, m vreg) word { return fmule(d, n, lane{m, i}) }
	}
	for shift := 0; shift <= 31; shift++ {
		encoders["shl #"+strconv.Itoa(shift)] = func(d, n, _ vreg) word { return shl(d, n, shift) }
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

// TestGeneratedWords decodes every WORD of the generated arm64 assembly and
// compares it with the instruction its comment names.
func TestGeneratedWords(t *testing.T) {
	f, err := os.Open("../../asm/kernels_arm64.s")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	line := regexp.MustCompile(`^\tWORD \$0x([0-9a-f]{8}) // (.*)$`)
	words := 0
	s := bufio.NewScanner(f)
	for s.Scan() {
		if !strings.Contains(s.Text(), "WORD") {
			continue
		}
		m := line.FindStringSubmatch(s.Text())
		if m == nil {
			t.Errorf("malformed WORD line: %q", s.Text())
			continue
		}
		bits, _ := strconv.ParseUint(m[1], 16, 32)
		if got := decode(t, uint32(bits)); got != m[2] {
			t.Errorf("0x%s decodes as %q, but its comment says %q", m[1], got, m[2])
		}
		words++
	}
	if words == 0 {
		t.Fatal("no WORD in the generated file")
	}
	t.Logf("%d WORDs checked", words)
}
