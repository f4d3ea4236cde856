package main

import (
	"fmt"
	"slices"
	"testing"
)

func TestSizesFor(t *testing.T) {
	cases := []struct {
		name        string
		l1d, l2, l3 int
		fixed       []int
		want        []size
		notes       []string
	}{
		{"every cache known", 32 << 10, 512 << 10, 32 << 20, []int{16, 4096},
			[]size{{16, "", ""}, {2048, "L1/2", "L1"}, {4096, "", ""}, {32768, "L2/2", "L2"},
				{2 << 20, "L3/2", "L3"}, {16 << 20, "4×L3", "DRAM"}}, nil},
		{"a derived size that is a fixed one", 64 << 10, 256 << 10, 8 << 20, fixedSizes,
			[]size{{16, "", ""}, {64, "", ""}, {1024, "", ""}, {4096, "L1/2", "L1"}, {16384, "L2/2", "L2"},
				{262144, "", ""}, {512 << 10, "L3/2", "L3"}, {4194304, "4×L3", "DRAM"}, {33554432, "", ""}}, nil},
		{"odd sizes round down to 64 elements; no L3, as in this virtual machine", 48 << 10, 1000000, -1, nil,
			[]size{{3072, "L1/2", "L1"}, {62464, "L2/2", "L2"}, {499968, "~L3/2", "L3"}, {4000000, "~4×L3", "DRAM"}},
			[]string{"the L3 size is unknown: assumed 8000000 B (8×L2) for the sizes marked ~"}},
		{"nothing known, as under qemu", -1, 0, -1, []int{64},
			[]size{{64, "", ""}, {2048, "~L1/2", "L1"}, {32768, "~L2/2", "L2"}, {262144, "~L3/2", "L3"}, {2 << 20, "~4×L3", "DRAM"}},
			[]string{"the L1d size is unknown: assumed 32 KiB for the sizes marked ~",
				"the L2 size is unknown: assumed 512 KiB (16×L1d) for the sizes marked ~",
				"the L3 size is unknown: assumed 4 MiB (8×L2) for the sizes marked ~"}},
		{"a huge L3", 32 << 10, 2 << 20, 256 << 20, nil,
			[]size{{2048, "L1/2", "L1"}, {131072, "L2/2", "L2"}, {16 << 20, "L3/2", "L3"}, {maxN, "4×L3", "DRAM"}},
			[]string{fmt.Sprintf("4×L3: %d elements, capped at %d", 128<<20, maxN)}},
		{"an L3 so large that L3/2 and 4×L3 are both the largest size", 32 << 10, 2 << 20, 1 << 30, nil,
			[]size{{2048, "L1/2", "L1"}, {131072, "L2/2", "L2"}, {maxN, "L3/2,4×L3", "L3,DRAM"}},
			[]string{fmt.Sprintf("4×L3: %d elements, capped at %d", 512<<20, maxN)}},
		{"an L1d too small to time", 256, 16 << 10, 1 << 20, nil,
			[]size{{1024, "L2/2", "L2"}, {65536, "L3/2", "L3"}, {524288, "4×L3", "DRAM"}},
			[]string{"L1/2: skipped, 16 elements"}},
	}
	for _, c := range cases {
		sizes, notes := sizesFor(machine{L1D: c.l1d, L2: c.l2, L3: c.l3}, c.fixed)
		if !slices.Equal(sizes, c.want) || !slices.Equal(notes, c.notes) {
			t.Errorf("%s:\ngot  %v %q\nwant %v %q", c.name, sizes, notes, c.want, c.notes)
		}
	}
}

func TestParseSizes(t *testing.T) {
	got, err := parseSizes("4M, 1,64k,1000,1K,64K")
	if want := []int{1, 1000, 1024, 65536, 4 << 20}; err != nil || !slices.Equal(got, want) {
		t.Errorf("got %v, %v; want %v", got, err, want)
	}
	if got, err := parseSizes("64M"); err != nil || !slices.Equal(got, []int{maxN}) {
		t.Errorf("64M: got %v, %v; want the largest size, %d", got, err, maxN)
	}
	for _, bad := range []string{"", "0", "-5", "1.5K", "K", "12KB", fmt.Sprint(maxN + 1), "1,,2"} {
		if _, err := parseSizes(bad); err == nil {
			t.Errorf("%q: no error", bad)
		}
	}
}
