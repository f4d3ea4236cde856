package main

import (
	"bytes"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/simdact/simdact/internal/impls"
)

// summaryReport is a report of the API and generic at an L1- and a
// DRAM-sized n, with made-up times: ReLU twice as fast as copy at both,
// 16 and 8 times as fast as generic; ReLUBackward as fast as copy at the
// DRAM size, without generic, and not measured at the L1 size.
func summaryReport() report {
	rep := sampleReport()
	l1, dram := size{N: 2048, Label: "L1/2", Level: "L1"}, size{N: 4000000, Label: "~4×L3", Level: "DRAM"}
	api := impls.API.Name
	rep.Sizes, rep.Summary = []size{l1, dram}, []string{"ReLU", "ReLUBackward"}
	rep.Results = []result{
		newResult(copyKernel, copyImpl, l1, 8, l1.N, 10, []float64{200, 200, 200}),
		newResult(copyKernel, copyImpl, dram, 8, dram.N, 1, []float64{4e6, 4e6, 4e6}),
		newResult("ReLU", "generic", l1, 8, l1.N, 1, []float64{1600, 1600, 1600}),
		newResult("ReLU", api, l1, 8, l1.N, 10, []float64{100, 100, 100}),
		newResult("ReLU", "generic", dram, 8, dram.N, 1, []float64{16e6, 16e6, 16e6}),
		newResult("ReLU", api, dram, 8, dram.N, 1, []float64{2e6, 2e6, 2e6}),
		newResult("ReLUBackward", api, dram, 12, dram.N, 1, []float64{6e6, 6e6, 6e6}),
	}
	setRatios(rep.Results)
	return rep
}

func TestWriteSummary(t *testing.T) {
	var b strings.Builder
	if err := writeSummary(&b, summaryReport()); err != nil {
		t.Fatal(err)
	}
	got := b.String()
	for _, want := range []string{
		"simdact bench  go1.26.8 linux/amd64, 2026-01-02T03:04:05Z\n",
		"caches         L1d 32 KiB, L2 512 KiB, L3 unknown\n",
		"simdact        selects avx2; its assembly streams stores from 8 MiB a call\n",
		"sizes          L1 fills half of L1d,",
		"cells          ×copy: ",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("the summary lacks %q:\n%s", want, got)
		}
	}
	table := got[strings.Index(got, "\napi = ")+1 : strings.Index(got, "\n\nnoise: ")]
	lines := strings.Split(table, "\n")
	var rows []string
	for _, line := range lines {
		rows = append(rows, strings.Join(strings.Fields(line), " "))
		// Every column is right-aligned: every line ends where the first does.
		if len([]rune(line)) != len([]rune(lines[0])) {
			t.Errorf("%q does not end under %q", line, lines[0])
		}
	}
	want := []string{
		"api = avx2 L1 ~DRAM",
		"n 2048 4000000",
		"×copy ×gen ×copy ×gen",
		"ReLU 2.00 16.0 2.00 8.0",
		"ReLUBackward - - 1.00 -",
	}
	if !slices.Equal(rows, want) {
		t.Errorf("the table's rows are\n%s\nwant\n%s", strings.Join(rows, "\n"), strings.Join(want, "\n"))
	}
}

// TestSummarySizes checks that the summary's columns are the sizes derived
// from the caches, or every size when none is (as with -sizes).
func TestSummarySizes(t *testing.T) {
	derived, _ := sizesFor(machine{L1D: 32 << 10, L2: 1 << 20, L3: 32 << 20}, fixedSizes)
	var levels []string
	for _, sz := range summarySizes(derived) {
		levels = append(levels, sz.Level)
	}
	if want := []string{"L1", "L2", "L3", "DRAM"}; !slices.Equal(levels, want) {
		t.Errorf("levels %q, want %q", levels, want)
	}
	plain := []size{{N: 64}, {N: 4096}}
	if got := summarySizes(plain); !slices.Equal(got, plain) {
		t.Errorf("sizes without levels: %v, want %v", got, plain)
	}
}

// TestSummaryFitsAScreen lays out the default report of every kernel on a
// machine that knows none of its caches (the most notes) and checks that it
// has a line per kernel and no more than 50 lines.
func TestSummaryFitsAScreen(t *testing.T) {
	o, err := parseBench(nil, new(bytes.Buffer))
	if err != nil {
		t.Fatal(err)
	}
	m := sampleReport().Machine
	m.L1D, m.L2, m.L3 = -1, -1, -1
	ks, sets, sizes, summary, notes := plan(o, m)
	rep := report{Machine: m, Sizes: sizes, Notes: notes, Summary: summary}
	for _, sz := range sizes {
		rep.Results = append(rep.Results, newResult(copyKernel, copyImpl, sz, 8, sz.N, 1, []float64{1}))
		for _, k := range ks {
			for _, s := range sets {
				rep.Results = append(rep.Results, newResult(k.name, s.Name, sz, 8, sz.N, 1, []float64{2}))
			}
		}
	}
	setRatios(rep.Results)
	var b strings.Builder
	writeSummary(&b, rep)
	lines := strings.Split(strings.TrimSuffix(b.String(), "\n"), "\n")
	if len(lines) > 50 {
		t.Errorf("%d lines, want at most 50:\n%s", len(lines), b.String())
	}
	row := regexp.MustCompile(`^(\S+)(\s+0\.50\s+1\.0)+$`)
	var kernels []string
	for _, line := range lines {
		if m := row.FindStringSubmatch(line); m != nil {
			kernels = append(kernels, m[1])
		}
	}
	if !slices.Equal(kernels, summary) || len(kernels) < 7 {
		t.Errorf("rows of %q, want one for each of %q:\n%s", kernels, summary, b.String())
	}
}

func TestPlan(t *testing.T) {
	m := machine{L1D: 48 << 10, L2: 1 << 20, L3: -1}
	parse := func(args ...string) benchOptions {
		o, err := parseBench(args, new(bytes.Buffer))
		if err != nil {
			t.Fatal(err)
		}
		return o
	}
	names := func(ks []kernel) []string {
		var s []string
		for _, k := range ks {
			s = append(s, k.name)
		}
		return s
	}
	setNames := func(sets []impls.Set) []string {
		var s []string
		for _, set := range sets {
			s = append(s, set.Name)
		}
		return s
	}
	ns := func(sizes []size) []int {
		var s []int
		for _, sz := range sizes {
			s = append(s, sz.N)
		}
		return s
	}

	// The default: generic and the API at the four sizes of the caches,
	// and PReLU in the layouts that preluLayouts marks.
	ks, sets, sizes, summary, notes := plan(parse(), m)
	if got, want := setNames(sets), []string{impls.Generic.Name, impls.API.Name}; !slices.Equal(got, want) {
		t.Errorf("default: implementations %q, want %q", got, want)
	}
	if got, want := ns(sizes), []int{3072, 65536, 524288, 4194304}; !slices.Equal(got, want) {
		t.Errorf("default: sizes %v, want %v", got, want)
	}
	var layouts []string
	for _, name := range names(ks) {
		if kernel, layout, ok := strings.Cut(name, "/"); ok && strings.HasPrefix(layout, "layout=") {
			layouts = append(layouts, kernel+" "+layout)
		}
	}
	wantLayouts := []string{"PReLU layout=nchw-0049", "PReLU layout=nhwc-064"}
	details := 0
	for _, k := range catalog {
		if k.detail {
			details++
		}
	}
	if !slices.Equal(layouts, wantLayouts) || !slices.Equal(summary, names(ks)) || len(ks) != len(catalog)-details || details < 14+15 {
		t.Errorf("default: kernels %q, summary %q", names(ks), summary)
	}
	for _, want := range []string{
		"the L3 size is unknown: assumed 8 MiB (8×L2) for the sizes marked ~",
		"PReLU: the summary shows nchw-0049 and nhwc-064 layouts; -full measures every one",
		"the summary shows the forward passes and leaves out the 29 backward passes; -full measures them",
	} {
		if !slices.Contains(notes, want) {
			t.Errorf("default: notes %q lack %q", notes, want)
		}
	}

	// -full: every kernel in every implementation this build has, at the
	// fixed sizes too; the summary as the default's.
	ks, sets, sizes, fullSummary, notes := plan(parse("-full"), m)
	all, cannot := implementations()
	if got, want := setNames(sets), setNames(all); !slices.Equal(got, want) {
		t.Errorf("-full: implementations %q, want %q", got, want)
	}
	for _, name := range cannot {
		if !slices.Contains(notes, name+": not measured, this CPU cannot run it") {
			t.Errorf("-full: notes %q do not say that %s was not measured", notes, name)
		}
	}
	if len(ks) != len(catalog) || !slices.Equal(fullSummary, summary) {
		t.Errorf("-full: %d kernels, summary %q; want %d and %q", len(ks), fullSummary, len(catalog), summary)
	}
	if got, want := ns(sizes), []int{16, 64, 1024, 3072, 16384, 65536, 262144, 524288, 4194304, 33554432}; !slices.Equal(got, want) {
		t.Errorf("-full: sizes %v, want %v", got, want)
	}

	// -kernel: every kernel it matches, all of them in the summary.
	ks, sets, sizes, summary, _ = plan(parse("-kernel", "^PReLU/", "-sizes", "4K"), m)
	if len(ks) != len(preluLayouts) || !slices.Equal(summary, names(ks)) || len(sets) != 2 || !slices.Equal(ns(sizes), []int{4096}) {
		t.Errorf("-kernel ^PReLU/ -sizes 4K: kernels %q, summary %q, %d implementations, sizes %v",
			names(ks), summary, len(sets), ns(sizes))
	}
}

func TestWriteSummarySVG(t *testing.T) {
	var b bytes.Buffer
	if err := writeSummarySVG(&b, summaryReport()); err != nil {
		t.Fatal(err)
	}
	root, texts := svgTexts(t, &b)
	if root != "svg" {
		t.Errorf("the root element is <%s>, want <svg>", root)
	}
	text := strings.Join(texts, "|")
	for _, want := range []string{
		"simdact's api (selects avx2) against Go's copy on AMD EPYC 7B13 64-Core Processor, linux/amd64",
		"|ReLU|", "|ReLUBackward|", "Go copy (×1)", "×copy: GB/s over Go's copy's at the same n",
		"n (float32 elements)", "L1d", "L2"} {
		if !strings.Contains("|"+text+"|", want) {
			t.Errorf("the chart lacks the text %q: %q", want, text)
		}
	}
	if strings.Contains(text, "L3") || strings.Contains(text, "generic") {
		t.Errorf("the chart marks L3, whose size is unknown, or shows generic: %q", text)
	}
	rep := summaryReport()
	for i := range rep.Results {
		if rep.Results[i].Impl == impls.API.Name {
			rep.Results[i].Impl = "avx2"
		}
	}
	if err := writeSummarySVG(new(bytes.Buffer), rep); err == nil {
		t.Error("a chart without the API: no error")
	}
}

func TestSplitKernel(t *testing.T) {
	for name, want := range map[string][2]string{
		"ReLU":                          {"ReLU", ""},
		"ReLUBackward":                  {"ReLU", "Backward"},
		"ELUBackwardFromOutput":         {"ELU", "BackwardFromOutput"},
		"PReLU/layout=nhwc-064":         {"PReLU/layout=nhwc-064", ""},
		"PReLUBackward/layout=nhwc-064": {"PReLU/layout=nhwc-064", "Backward"},
	} {
		if family, variant := splitKernel(name); family != want[0] || variant != want[1] {
			t.Errorf("%s: %q, %q; want %q, %q", name, family, variant, want[0], want[1])
		}
	}
}
