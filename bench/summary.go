package main

import (
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/simdact/simdact/internal/impls"
)

// writeSummary writes rep for a person in a screenful: the machine, then a
// line per kernel of the summary with the ratios of the API's speed to Go's
// copy's and to the generic kernel's, at each size derived from the caches
// (at every size measured, if none was derived from them).
func writeSummary(w io.Writer, rep report) error {
	writeMachine(w, rep,
		[2]string{"sizes", "L1 fills half of L1d, L2 half of L2, L3 half of L3, DRAM 4×L3, at a copy's 8 bytes an element"},
		[2]string{"cells", "×copy: GB/s (bytes read plus written) over Go's copy's; ×generic: speedup over the pure-Go kernel"})

	columns := summarySizes(rep.Sizes)
	type key struct {
		kernel string
		n      int
	}
	api := map[key]result{}
	for _, r := range rep.Results {
		if r.Impl == impls.API.Name {
			api[key{r.Kernel, r.N}] = r
		}
	}
	// A row is the kernel and, for each column, ×copy and ×generic;
	// the first two rows head the columns, each over both of its cells.
	kernels := summaryKernels(rep)
	names := append([]string{"api = " + rep.Machine.Selected, "n", ""}, kernels...)
	spans := [2][]string{}
	cells := make([][][2]string, len(kernels)+1)
	for _, sz := range columns {
		level := sz.Level
		if strings.HasPrefix(sz.Label, "~") {
			level = "~" + level
		}
		spans[0], spans[1] = append(spans[0], level), append(spans[1], fmt.Sprint(sz.N))
		cells[0] = append(cells[0], [2]string{"×copy", "×gen"})
		for i, kernel := range kernels {
			cell := [2]string{"-", "-"}
			if r, ok := api[key{kernel, sz.N}]; ok {
				cell = [2]string{ratio(r.VsCopy, "%.2f"), ratio(r.VsGeneric, "%.1f")}
			}
			cells[i+1] = append(cells[i+1], cell)
		}
	}

	// The names left-aligned, the rest right-aligned, columns three spaces
	// apart and their two cells one.
	width := func(s string) int { return utf8.RuneCountInString(s) }
	pad := func(s string, n int) string { return strings.Repeat(" ", max(0, n-width(s))) + s }
	nameWidth := 0
	for _, name := range names {
		nameWidth = max(nameWidth, width(name))
	}
	widths := make([][2]int, len(columns))
	for j := range columns {
		for _, row := range cells {
			widths[j][0], widths[j][1] = max(widths[j][0], width(row[j][0])), max(widths[j][1], width(row[j][1]))
		}
		if span := max(width(spans[0][j]), width(spans[1][j])); span > widths[j][0]+1+widths[j][1] {
			widths[j][0] = span - 1 - widths[j][1]
		}
	}
	fmt.Fprintln(w)
	for i, name := range names {
		line := name + strings.Repeat(" ", nameWidth-width(name))
		for j, wd := range widths {
			if i < 2 {
				line += "   " + pad(spans[i][j], wd[0]+1+wd[1])
			} else {
				line += "   " + pad(cells[i-2][j][0], wd[0]) + " " + pad(cells[i-2][j][1], wd[1])
			}
		}
		fmt.Fprintln(w, strings.TrimRight(line, " "))
	}
	writeNoise(w, rep.Results)
	return nil
}

// summarySizes returns the sizes derived from the caches, or every size if
// none was.
func summarySizes(sizes []size) []size {
	var derived []size
	for _, sz := range sizes {
		if sz.Level != "" {
			derived = append(derived, sz)
		}
	}
	if derived == nil {
		return sizes
	}
	return derived
}

// summaryKernels returns the kernels the summary shows: rep.Summary, or
// every kernel measured if a report does not say.
func summaryKernels(rep report) []string {
	if rep.Summary != nil {
		return rep.Summary
	}
	var kernels []string
	for _, r := range rep.Results {
		if r.Kernel != copyKernel && (len(kernels) == 0 || kernels[len(kernels)-1] != r.Kernel) {
			kernels = append(kernels, r.Kernel)
		}
	}
	return kernels
}
