package main

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// A size is a length of the calls measured, and the cache it was derived
// from, if any.
type size struct {
	N int `json:"n"`
	// Label names the cache size it comes from: "L1/2" is a call whose
	// output and one input fill half of L1 (8 bytes an element, as copy),
	// "4×L3" one that overflows L3 four times. A "~" marks a size derived
	// from an assumed cache size, where the CPU does not tell.
	Label string `json:"label,omitempty"`
	// Level is the memory level the call's data lives in, "L1", "L2",
	// "L3" or "DRAM", for a size derived from the caches: the summary's
	// columns.
	Level string `json:"level,omitempty"`
}

// fixedSizes are measured on every machine by -full: the sizes of the root
// package's benchmarks, so that benchstat can compare the two.
var fixedSizes = []int{16, 64, 1024, 16384, 262144, 4194304, 33554432}

// quickSizes are the sizes of -quick.
var quickSizes = []int{64, 4096, 65536}

// maxN is the largest size measured: three buffers of it take 768 MiB.
const maxN = 1 << 26

// What a cache size is assumed to be where the CPU does not tell (qemu
// tells nothing, some virtual machines no L3): a common L1d, an L2 of 16
// times that, and an L3 of 8 times L2. A real L3, shared by many cores, is
// often larger, so the "DRAM" call, four times the assumed L3, may partly
// fit in it: the notes say which sizes rest on an assumption.
const (
	assumedL1D     = 32 << 10
	assumedL2PerL1 = 16
	assumedL3PerL2 = 8
)

// caches returns m's L1d, L2 and L3 sizes in bytes, each assumed where the
// CPU does not tell, which known says, and a note for each assumption.
func caches(m machine) (bytes [3]int, known [3]bool, notes []string) {
	bytes = [3]int{m.L1D, m.L2, m.L3}
	names := [3]string{"L1d", "L2", "L3"}
	for i := range bytes {
		if known[i] = bytes[i] > 0; known[i] {
			continue
		}
		var how string
		switch i {
		case 0:
			bytes[i] = assumedL1D
			how = bytesize(bytes[i])
		case 1:
			bytes[i] = assumedL2PerL1 * bytes[0]
			how = fmt.Sprintf("%s (%d×L1d)", bytesize(bytes[i]), assumedL2PerL1)
		case 2:
			bytes[i] = assumedL3PerL2 * bytes[1]
			how = fmt.Sprintf("%s (%d×L2)", bytesize(bytes[i]), assumedL3PerL2)
		}
		notes = append(notes, fmt.Sprintf("the %s size is unknown: assumed %s for the sizes marked ~", names[i], how))
	}
	return bytes, known, notes
}

// sizesFor returns fixed and the sizes derived from m's caches, ascending,
// and a note for each cache size it had to assume and each size it had to
// cap. The derived sizes are those whose data (8 bytes an element, as a
// copy's) fills half of L1d, half of L2, half of L3 and four times L3.
func sizesFor(m machine, fixed []int) (sizes []size, notes []string) {
	for _, n := range fixed {
		sizes = append(sizes, size{N: n})
	}
	bytes, known, notes := caches(m)
	derived := []struct {
		cache       int // index into bytes
		times, over int
		label       string
		level       string
	}{
		{0, 1, 2, "L1/2", "L1"},
		{1, 1, 2, "L2/2", "L2"},
		{2, 1, 2, "L3/2", "L3"},
		{2, 4, 1, "4×L3", "DRAM"},
	}
	for _, d := range derived {
		label := d.label
		if !known[d.cache] {
			label = "~" + label
		}
		n := bytes[d.cache] * d.times / d.over / 8
		if n < 64 { // a cache of less than 1 KiB, which no real CPU has
			notes = append(notes, fmt.Sprintf("%s: skipped, %d elements", label, n))
			continue
		}
		if n = n / 64 * 64; n > maxN {
			notes = append(notes, fmt.Sprintf("%s: %d elements, capped at %d", label, n, maxN))
			n = maxN
		}
		join := func(a, b string) string { return strings.TrimPrefix(a+","+b, ",") }
		if i := slices.IndexFunc(sizes, func(s size) bool { return s.N == n }); i >= 0 {
			sizes[i].Label, sizes[i].Level = join(sizes[i].Label, label), join(sizes[i].Level, d.level)
		} else {
			sizes = append(sizes, size{N: n, Label: label, Level: d.level})
		}
	}
	slices.SortFunc(sizes, func(a, b size) int { return a.N - b.N })
	return sizes, notes
}

// parseSizes reads a comma-separated list of sizes in elements, each a
// number with an optional binary suffix: "1000,16K,4M" (K = 1024).
func parseSizes(list string) ([]int, error) {
	var sizes []int
	for _, item := range strings.Split(list, ",") {
		item = strings.TrimSpace(item)
		digits, scale := item, 1
		if i := len(item) - 1; i > 0 {
			switch item[i] {
			case 'K', 'k':
				digits, scale = item[:i], 1<<10
			case 'M', 'm':
				digits, scale = item[:i], 1<<20
			}
		}
		n, err := strconv.Atoi(digits)
		if err != nil || n < 1 || n > maxN/scale {
			return nil, fmt.Errorf("size %q: want a whole number of elements from 1 to %d, with an optional K or M", item, maxN)
		}
		sizes = append(sizes, n*scale)
	}
	slices.Sort(sizes)
	return slices.Compact(sizes), nil
}
