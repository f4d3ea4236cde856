package verify_test

import (
	"math"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/simdact/simdact/internal/impls"
	"github.com/simdact/simdact/internal/testutil"
	"github.com/simdact/simdact/internal/verify"
	"github.com/simdact/simdact/kernels"
)

// planted is the generic implementation with a ReLU that is wrong in a way
// only some lengths show.
func planted(wrong func(dst []float32)) impls.Set {
	s := impls.Generic
	s.Name = "planted"
	s.ReLU = func(dst, x []float32) {
		kernels.ReLU(dst, x)
		wrong(dst)
	}
	return s
}

func TestShrink(t *testing.T) {
	cases := []struct {
		name    string
		wrong   func(dst []float32)
		wantLen int
	}{
		{"low bit of element 9 flipped", func(dst []float32) {
			if len(dst) > 9 {
				dst[9] = math.Float32frombits(math.Float32bits(dst[9]) ^ 1)
			}
		}, 10},
		{"writes past the end when n%8 == 3", func(dst []float32) {
			if n := len(dst); n%8 == 3 {
				dst[:n+1][n] = 1
			}
		}, 3},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			s := planted(tc.wrong)
			r := rand.New(rand.NewPCG(1, 2))
			c := verify.Case{Kernel: verify.ReLU, In: [][]float32{testutil.Floats(r, 203)}, Offset: 5, InPlace: 0}
			if c.Check(s) == nil {
				t.Fatal("the planted bug does not show at n=203")
			}
			small := c.Shrink(s)
			if small.Len() != tc.wantLen || small.Offset != 0 || small.InPlace != -1 {
				t.Errorf("shrunk to n=%d, offset %d, in place on %d; want n=%d, offset 0, out of place (-1)",
					small.Len(), small.Offset, small.InPlace, tc.wantLen)
			}
			if small.Check(s) == nil {
				t.Error("the shrunk case passes")
			}
			if c.Len() != 203 || c.Offset != 5 || c.InPlace != 0 {
				t.Error("Shrink changed the case it started from")
			}
		})
	}
}

func TestWriteReproducer(t *testing.T) {
	s := planted(func(dst []float32) {
		if len(dst) > 2 {
			dst[2] = 42
		}
	})
	x := []float32{1, float32(math.Copysign(0, -1)), -3, float32(math.NaN())}
	c := verify.Case{Kernel: verify.ReLU, In: [][]float32{x}, Offset: 1, InPlace: -1}
	err := c.Check(s)
	if err == nil {
		t.Fatal("the planted bug does not show")
	}
	var b strings.Builder
	c.WriteReproducer(&b, s, impls.Generic, err)
	got := b.String()
	for _, want := range []string{
		"FAIL: ReLU, planted, out of place at offset 1, element 2 of 4: x=-3 (0xc0400000): got 42 (0x42280000), want 0 (0x0)\n",
		"reproducer: ReLU in planted, out of place at offset 1, n=4:\n",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("the reproducer lacks %q:\n%s", want, got)
		}
	}
	lines := strings.Split(got, "\n")
	table := []string{
		"i x planted generic specification",
		"0 1 (0x3f800000) 1 (0x3f800000) 1 (0x3f800000) 1 (0x3f800000)",
		"1 -0 (0x80000000) -0 (0x80000000) -0 (0x80000000) -0 (0x80000000)",
		">> 2 -3 (0xc0400000) 42 (0x42280000) 0 (0x0) 0 (0x0)",
		"3 NaN (0x7fc00000) NaN (0x7fc00000) NaN (0x7fc00000) NaN (0x7fc00000)",
		"",
	}
	if len(lines) != 2+len(table) {
		t.Fatalf("the reproducer has %d lines, want %d:\n%s", len(lines), 2+len(table), got)
	}
	for i, want := range table {
		if line := strings.Join(strings.Fields(lines[2+i]), " "); line != want {
			t.Errorf("line %d of the reproducer is %q, want the fields %q", 2+i, lines[2+i], want)
		}
	}
}
