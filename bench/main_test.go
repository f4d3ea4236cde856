package main

import (
	"encoding/json"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/simdact/simdact/internal/impls"
)

func TestParseBench(t *testing.T) {
	cases := []struct {
		args   []string
		full   bool
		count  int
		batch  time.Duration
		sizes  []int
		format string
	}{
		{nil, false, 7, 2 * time.Millisecond, nil, "summary"},
		{[]string{"-full"}, true, 7, 2 * time.Millisecond, nil, "table"},
		{[]string{"-quick"}, false, 3, 500 * time.Microsecond, quickSizes, "summary"},
		{[]string{"-quick", "-full", "-count", "9", "-sizes", "16"}, true, 9, 500 * time.Microsecond, []int{16}, "table"},
		{[]string{"-count=7", "-batch", "10ms", "-json"}, false, 7, 10 * time.Millisecond, nil, "json"},
		{[]string{"-full", "-json"}, true, 7, 2 * time.Millisecond, nil, "json"},
		{[]string{"-sizes", "16K, 1000,16k,2M", "-benchstat"}, false, 7, 2 * time.Millisecond, []int{1000, 16384, 2 << 20}, "benchstat"},
	}
	for _, c := range cases {
		o, err := parseBench(c.args, io.Discard)
		if err != nil {
			t.Errorf("%q: %v", c.args, err)
			continue
		}
		if o.full != c.full || o.timing.Count != c.count || o.timing.Batch != c.batch || !slices.Equal(o.sizes, c.sizes) || o.format != c.format {
			t.Errorf("%q: full %v, count %d, batch %v, sizes %v, format %s; want %v, %d, %v, %v, %s",
				c.args, o.full, o.timing.Count, o.timing.Batch, o.sizes, o.format, c.full, c.count, c.batch, c.sizes, c.format)
		}
		if o.named {
			t.Errorf("%q: -kernel named the kernels", c.args)
		}
		if got := selectKernels(o.kernels); len(got) != len(catalog) {
			t.Errorf("%q: selects %d kernels, want all %d", c.args, len(got), len(catalog))
		}
	}

	o, err := parseBench([]string{"-kernel", "^ReLU", "-svg", "a.svg", "-summary-svg", "b.svg", "-save", "dir"}, io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, k := range selectKernels(o.kernels) {
		names = append(names, k.name)
	}
	if !slices.Equal(names, []string{"ReLU", "ReLUBackward"}) || !o.named || o.svg != "a.svg" || o.summary != "b.svg" || o.save != "dir" {
		t.Errorf("-kernel ^ReLU -svg a.svg -summary-svg b.svg -save dir: kernels %v, named %v, svg %q, summary %q, save %q",
			names, o.named, o.svg, o.summary, o.save)
	}
}

func TestParseBenchErrors(t *testing.T) {
	cases := []struct {
		args []string
		want string
	}{
		{[]string{"-json", "-benchstat"}, "choose one"},
		{[]string{"-kernel", "Gauss"}, `-kernel "Gauss" matches none of ReLU, ReLUBackward,`},
		{[]string{"-kernel", "("}, "-kernel: error parsing regexp"},
		{[]string{"-count", "0"}, "-count 0: want at least 1"},
		{[]string{"-batch", "-1s"}, "-batch -1s: want a positive duration"},
		{[]string{"-sizes", "0"}, `size "0"`},
		{[]string{"-sizes", "16,x"}, `size "x"`},
		{[]string{"-sizes", "1G"}, `size "1G"`},
		{[]string{"-sizes", "65M"}, `size "65M"`},
		{[]string{"-quick", "now"}, "unexpected arguments: now"},
		{[]string{"-cols", "0"}, `size "0"`},
		{[]string{"-fast"}, "flag provided but not defined: -fast"},
	}
	for _, c := range cases {
		if _, err := parseBench(c.args, io.Discard); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%q: error %v, want one containing %q", c.args, err, c.want)
		}
	}
}

func TestParseVerify(t *testing.T) {
	o, err := parseVerify(nil, io.Discard)
	if err != nil || o.rounds != 0 || o.duration != 10*time.Second || o.seed == 0 || len(selectKernels(o.kernels)) != len(catalog) {
		t.Errorf("no flags: %+v, %v; want 0 rounds, 10s, a new seed, every kernel", o, err)
	}
	o, err = parseVerify([]string{"-quick", "-seed", "42", "-kernel", "Leaky"}, io.Discard)
	if err != nil || o.rounds != 1 || o.seed != 42 || len(selectKernels(o.kernels)) != 2 {
		t.Errorf("-quick -seed 42 -kernel Leaky: %+v, %v; want 1 round, seed 42, two kernels", o, err)
	}
	o, err = parseVerify([]string{"-time", "3s", "-count", "4"}, io.Discard)
	if err != nil || o.rounds != 4 || o.duration != 3*time.Second {
		t.Errorf("-time 3s -count 4: %+v, %v", o, err)
	}
	for _, args := range [][]string{{"-count", "-1"}, {"-time", "0s"}, {"-kernel", "x^"}, {"again"}} {
		if _, err := parseVerify(args, io.Discard); err == nil {
			t.Errorf("%q: no error", args)
		}
	}
}

func TestRunExitStatus(t *testing.T) {
	cases := []struct {
		args   []string
		status int
		stderr string
	}{
		{[]string{"compare"}, 2, `unknown command "compare"`},
		{[]string{"-count", "x"}, 2, "invalid value"},
		{[]string{"verify", "-kernel", "Nope"}, 2, "matches none"},
		{[]string{"-h"}, 0, "usage: bench [flags]"},
		{[]string{"verify", "-help"}, 0, "usage: bench verify [flags]"},
		{[]string{"verify", "-quick", "-kernel", "^ReLU$"}, 0, ""},
	}
	for _, c := range cases {
		var stdout, stderr strings.Builder
		if status := run(c.args, &stdout, &stderr); status != c.status || !strings.Contains(stderr.String(), c.stderr) {
			t.Errorf("%q: status %d, stderr %q; want %d and %q", c.args, status, stderr.String(), c.status, c.stderr)
		}
	}
}

// TestBenchQuick runs the benchmark as CI does, on one kernel at one size,
// by default and with -full, and checks what it reports, not how fast
// anything was.
func TestBenchQuick(t *testing.T) {
	all, _ := implementations()
	for _, c := range []struct {
		full bool
		sets []impls.Set
	}{{false, []impls.Set{impls.Generic, impls.API}}, {true, all}} {
		var stdout, stderr strings.Builder
		args := []string{"-quick", "-json", "-kernel", "^LeakyReLUBackward$", "-sizes", "100", "-count", "2"}
		if c.full {
			args = append(args, "-full")
		}
		if status := run(args, &stdout, &stderr); status != 0 {
			t.Fatalf("%q: status %d: %s", args, status, stderr.String())
		}
		var rep report
		if err := json.Unmarshal([]byte(stdout.String()), &rep); err != nil {
			t.Fatalf("%q: %v", args, err)
		}
		want := []string{"Copy go"}
		for _, s := range c.sets {
			want = append(want, "LeakyReLUBackward "+s.Name)
		}
		var got []string
		for _, r := range rep.Results {
			got = append(got, r.Kernel+" "+r.Impl)
			if r.N != 100 || len(r.NsPerCall) != 2 || r.Iterations < 1 || !(r.GBps > 0) || !(r.VsCopy > 0) {
				t.Errorf("%q: %s %s: n=%d, %d batches of %d calls, %v GB/s, ×copy %v",
					args, r.Kernel, r.Impl, r.N, len(r.NsPerCall), r.Iterations, r.GBps, r.VsCopy)
			}
			wantBytes := map[string]int{copyKernel: 8, "LeakyReLUBackward": 12}[r.Kernel]
			if r.BytesPerElement != wantBytes {
				t.Errorf("%q: %s: %d bytes an element, want %d", args, r.Kernel, r.BytesPerElement, wantBytes)
			}
			if r.Impl == impls.Generic.Name && r.VsGeneric != 1 || r.Impl == impls.API.Name && !(r.VsGeneric > 0) {
				t.Errorf("%q: %s: ×generic %v", args, r.Impl, r.VsGeneric)
			}
		}
		if !slices.Equal(got, want) {
			t.Errorf("%q: measured %q, want %q", args, got, want)
		}
		if !slices.Equal(rep.Summary, []string{"LeakyReLUBackward"}) {
			t.Errorf("%q: the summary shows %q", args, rep.Summary)
		}
		if rep.Machine.Selected == "" || rep.Machine.GOARCH == "" || rep.Timing.Count != 2 {
			t.Errorf("%q: report lacks the machine or the timing: %+v %+v", args, rep.Machine, rep.Timing)
		}
		if progress := fmt.Sprintf("measured %d cases", len(want)); !strings.Contains(stderr.String(), progress) {
			t.Errorf("%q: standard error lacks %q: %q", args, progress, stderr.String())
		}
	}
}

// TestBenchDefault runs the default report on one kernel and checks that
// standard output has the report, a line per kernel, and standard error
// the progress.
func TestBenchDefault(t *testing.T) {
	var stdout, stderr strings.Builder
	args := []string{"-quick", "-kernel", "^ReLU$|^PReLU/layout=nhwc-003$", "-count", "1"}
	if status := run(args, &stdout, &stderr); status != 0 {
		t.Fatalf("status %d: %s", status, stderr.String())
	}
	out := stdout.String()
	if !strings.HasPrefix(out, "simdact bench ") || !strings.Contains(out, "\napi = "+impls.API.ISA) {
		t.Errorf("standard output is not the summary:\n%s", out)
	}
	var rows []string
	for _, line := range strings.Split(out, "\n") {
		if f := strings.Fields(line); len(f) == 1+2*len(quickSizes) && strings.Contains(f[0], "ReLU") {
			rows = append(rows, f[0])
		}
	}
	if want := []string{"ReLU", "PReLU/layout=nhwc-003"}; !slices.Equal(rows, want) {
		t.Errorf("rows %q, want %q:\n%s", rows, want, out)
	}
	cases := len(quickSizes) * (1 + 2*2) // copy, then generic and the API for each kernel
	if progress := fmt.Sprintf("measured %d cases", cases); !strings.Contains(stderr.String(), progress) || strings.Contains(out, "measured") {
		t.Errorf("standard error %q lacks %q, or standard output has it", stderr.String(), progress)
	}
}

// TestBenchShortRows checks that a PReLU layout whose channel is longer
// than a size skips that size, with a note, rather than timing calls of no
// elements (infinite ns an element, which JSON cannot hold).
func TestBenchShortRows(t *testing.T) {
	var stdout, stderr strings.Builder
	args := []string{"-quick", "-json", "-kernel", "^PReLU/layout=nchw-3136$", "-sizes", "64,4096", "-count", "1"}
	if status := run(args, &stdout, &stderr); status != 0 {
		t.Fatalf("status %d: %s", status, stderr.String())
	}
	var rep report
	if err := json.Unmarshal([]byte(stdout.String()), &rep); err != nil {
		t.Fatal(err)
	}
	for _, r := range rep.Results {
		if r.Kernel != copyKernel && r.N != 4096 || !(r.NsPerElement > 0) || math.IsInf(r.NsPerElement, 0) {
			t.Errorf("%s %s at n=%d: %v ns an element", r.Kernel, r.Impl, r.N, r.NsPerElement)
		}
	}
	note := "PReLU/layout=nchw-3136: n=64 skipped, shorter than a channel or a row"
	if !slices.Contains(rep.Notes, note) {
		t.Errorf("notes %q lack %q", rep.Notes, note)
	}
}

func TestBenchFiles(t *testing.T) {
	dir := t.TempDir()
	chart, results := filepath.Join(dir, "chart.svg"), filepath.Join(dir, "results")
	summary := filepath.Join(dir, "summary.svg")
	args := []string{"-quick", "-benchstat", "-kernel", "^ReLU$", "-sizes", "64", "-count", "1", "-svg", chart,
		"-summary-svg", summary, "-save", results}
	var stdout, stderr strings.Builder
	if status := run(args, &stdout, &stderr); status != 0 {
		t.Fatalf("status %d: %s", status, stderr.String())
	}
	if !strings.HasPrefix(stdout.String(), "# simdact bench on ") {
		t.Errorf("-benchstat printed %q", stdout.String())
	}
	base := filepath.Join(results, thisMachine().slug())
	starts := map[string]string{
		chart:                   "<?xml",
		summary:                 "<?xml",
		base + ".svg":           "<?xml",
		base + ".summary.svg":   "<?xml",
		base + ".table.txt":     "simdact bench ",
		base + ".summary.txt":   "simdact bench ",
		base + ".json":          "{\n  \"machine\": {",
		base + ".benchstat.txt": "# simdact bench on ",
	}
	for path, start := range starts {
		data, err := os.ReadFile(path)
		if err != nil || !strings.HasPrefix(string(data), start) {
			t.Errorf("%s: %v, starts %.20q; want it to start %q", path, err, data, start)
		}
	}
	// The two texts and the two charts are not each other.
	for path, part := range map[string]string{
		base + ".table.txt":   "\nReLU (8 bytes an element)\n",
		base + ".summary.txt": "\napi = ",
		base + ".svg":         "ReLU (8 bytes an element)",
		base + ".summary.svg": "against Go&#39;s copy on ",
		summary:               "against Go&#39;s copy on ",
	} {
		if data, _ := os.ReadFile(path); !strings.Contains(string(data), part) {
			t.Errorf("%s lacks %q", path, part)
		}
	}

	stderr.Reset()
	args = []string{"-quick", "-kernel", "^ReLU$", "-sizes", "64", "-count", "1", "-svg", filepath.Join(dir, "missing", "chart.svg")}
	if status := run(args, io.Discard, &stderr); status != 1 || !strings.Contains(stderr.String(), "missing/chart.svg") {
		t.Errorf("an SVG into a missing directory: status %d, %q; want 1 and the path", status, stderr.String())
	}
}
