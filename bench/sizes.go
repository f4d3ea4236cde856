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
	// "4×L3" one that overflows L3 four times.
	Label string `json:"label,omitempty"`
}

// fixedSizes are measured on every machine: the sizes of the root
// package's benchmarks, so that benchstat can compare the two.
var fixedSizes = []int{16, 64, 1024, 16384, 262144, 4194304, 33554432}

// quickSizes are the sizes of -quick.
var quickSizes = []int{64, 4096, 65536}

// maxN is the largest size measured: three buffers of it take 768 MiB.
const maxN = 1 << 26

// sizesFor returns fixed and the sizes derived from m's caches, ascending,
// and a note for each that it could not derive or had to cap.
func sizesFor(m machine, fixed []int) (sizes []size, notes []string) {
	for _, n := range fixed {
		sizes = append(sizes, size{N: n})
	}
	derived := []struct {
		cache       string
		bytes       int
		times, over int
		label       string
	}{
		{"L1d", m.L1D, 1, 2, "L1/2"},
		{"L2", m.L2, 1, 2, "L2/2"},
		{"L3", m.L3, 1, 2, "L3/2"},
		{"L3", m.L3, 4, 1, "4×L3"},
	}
	for _, d := range derived {
		if d.bytes <= 0 {
			notes = append(notes, fmt.Sprintf("%s: skipped, the %s size is unknown", d.label, d.cache))
			continue
		}
		n := d.bytes * d.times / d.over / 8 / 64 * 64
		if n > maxN {
			notes = append(notes, fmt.Sprintf("%s: %d elements, capped at %d", d.label, n, maxN))
			n = maxN
		}
		if i := slices.IndexFunc(sizes, func(s size) bool { return s.N == n }); i >= 0 {
			sizes[i].Label = strings.TrimPrefix(sizes[i].Label+","+d.label, ",")
		} else if n > 0 {
			sizes = append(sizes, size{N: n, Label: d.label})
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
