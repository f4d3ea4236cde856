package main

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"io"
	"math"
	"reflect"
	"strings"
	"testing"
	"time"

	"golang.org/x/perf/benchfmt"
)

// sampleReport is a report with made-up times, whose summaries the tests
// work out by hand.
func sampleReport() report {
	m := machine{
		GoVersion: "go1.26.8", GOOS: "linux", GOARCH: "amd64",
		Vendor: "AuthenticAMD", Brand: "AMD EPYC 7B13 64-Core Processor", Identity: "family 25, model 1, stepping 0",
		Features: []string{"AVX2", "FMA3"}, Lacks: []string{"AVX512F"},
		L1D: 32 << 10, L2: 512 << 10, L3: -1, PhysicalCores: 1, LogicalCores: 2, NumCPU: 2, GOMAXPROCS: 2,
		Selected: "avx2", StreamBytes: 8 << 20,
	}
	small, l1 := size{N: 1024}, size{N: 2048, Label: "L1/2"}
	results := []result{
		newResult(copyKernel, copyImpl, small, 8, small.N, 1000, []float64{100, 110, 90}),
		newResult(copyKernel, copyImpl, l1, 8, l1.N, 500, []float64{200, 200, 200}),
		newResult("ReLU", "generic", small, 8, small.N, 100, []float64{400, 400, 420}),
		newResult("ReLU", "avx2", small, 8, small.N, 1000, []float64{50, 40, 60}),
		newResult("ReLU", "generic", l1, 8, l1.N, 50, []float64{800, 800, 800}),
		newResult("ReLU", "avx2", l1, 8, l1.N, 500, []float64{100, 100, 100}),
		newResult("ReLUBackward", "avx2", small, 12, small.N, 500, []float64{96, 96, 96}),
	}
	setRatios(results)
	return report{
		Machine: m, Date: "2026-01-02T03:04:05Z", Timing: timing{Count: 3, Batch: 2 * time.Millisecond},
		Sizes: []size{small, l1}, Notes: []string{"L3/2: skipped, the L3 size is unknown"}, Results: results,
	}
}

func TestResultSummaries(t *testing.T) {
	r := sampleReport().Results[3] // ReLU avx2 at 1024: 50 ns a call, copy 100, generic 400
	want := map[string][2]float64{
		"ns/element": {r.NsPerElement, 50.0 / 1024},
		"GB/s":       {r.GBps, 8 * 1024 / 50.0},
		"spread":     {r.Spread, (60 - 40) / 50.0},
		"×copy":      {r.VsCopy, 100 / 50.0},
		"×generic":   {r.VsGeneric, 400 / 50.0},
	}
	for name, v := range want {
		if math.Abs(v[0]-v[1]) > 1e-12*v[1] {
			t.Errorf("%s = %v, want %v", name, v[0], v[1])
		}
	}
	if backward := sampleReport().Results[6]; backward.VsGeneric != 0 || backward.VsCopy != 1.5625 {
		t.Errorf("ReLUBackward without generic: ×generic %v, want 0 (none); ×copy %v, want 1.5625", backward.VsGeneric, backward.VsCopy)
	}
}

func TestWriteTable(t *testing.T) {
	var b strings.Builder
	writeTable(&b, sampleReport())
	got := b.String()
	for _, want := range []string{
		"simdact bench  go1.26.8 linux/amd64, 2026-01-02T03:04:05Z\n",
		"cpu            AMD EPYC 7B13 64-Core Processor (AuthenticAMD, family 25, model 1, stepping 0)\n",
		"features       has AVX2 FMA3; lacks AVX512F\n",
		"caches         L1d 32 KiB, L2 512 KiB, L3 unknown\n",
		"cores          1 physical, 2 logical (cpuid); this process may use 2, GOMAXPROCS 2\n",
		"simdact        selects avx2; its assembly streams stores from 8 MiB a call\n",
		"timing         median of 3 batches of at least 2ms;",
		"notes          L3/2: skipped, the L3 size is unknown\n",
		"\nCopy: Go's copy, the roof (8 bytes an element)\n",
		"\nReLU (8 bytes an element)\n",
		"\nReLUBackward (12 bytes an element)\n",
		"\nnoise: 2 of 7 measurements spread more than 5%; the most, 40.0%, ReLU avx2 n=1024\n",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("the table lacks %q:\n%s", want, got)
		}
	}
	rows := map[string]bool{}
	for _, line := range strings.Split(got, "\n") {
		rows[strings.Join(strings.Fields(line), " ")] = true
	}
	for _, want := range []string{
		"n cache impl ns/element GB/s spread ×copy ×generic",
		"1024 go 0.0977 81.9 20.0% 1.00 -",
		"2048 L1/2 go 0.0977 81.9 0.0% 1.00 -",
		"1024 generic 0.391 20.5 5.0% 0.25 1.0",
		"1024 avx2 0.0488 163.8 40.0% 2.00 8.0",
		"2048 L1/2 avx2 0.0488 163.8 0.0% 2.00 8.0",
		"1024 avx2 0.0938 128.0 0.0% 1.56 -",
	} {
		if !rows[want] {
			t.Errorf("the table lacks a row with the fields %q:\n%s", want, got)
		}
	}
}

func TestWriteJSON(t *testing.T) {
	rep := sampleReport()
	var b bytes.Buffer
	if err := writeJSON(&b, rep); err != nil {
		t.Fatal(err)
	}
	var back report
	if err := json.Unmarshal(b.Bytes(), &back); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(back, rep) {
		t.Errorf("JSON does not round-trip:\n%s", b.String())
	}
	for _, key := range []string{`"l1d_bytes": 32768`, `"selected": "avx2"`, `"label": "L1/2"`, `"ns_per_call": [`, `"gb_per_s": 163.84`, `"batch_ns": 2000000`} {
		if !strings.Contains(b.String(), key) {
			t.Errorf("JSON lacks %s", key)
		}
	}
}

// TestWriteBenchText reads the benchmark text as benchstat does.
func TestWriteBenchText(t *testing.T) {
	rep := sampleReport()
	var b bytes.Buffer
	if err := writeBenchText(&b, rep); err != nil {
		t.Fatal(err)
	}
	type line struct {
		name  string
		iters int
		ns    float64
		mbps  float64
	}
	var got []line
	reader := benchfmt.NewReader(&b, "tool.txt")
	for reader.Scan() {
		res, ok := reader.Result().(*benchfmt.Result)
		if !ok {
			t.Fatalf("not a result: %v", reader.Result())
		}
		var keys []string
		for _, c := range res.Config {
			if c.File {
				keys = append(keys, c.Key+"="+string(c.Value))
			}
		}
		if strings.Join(keys, " ") != "pkg="+rootPackage {
			t.Errorf("file configuration %q: want only pkg=%s, so that two machines fall into one table", keys, rootPackage)
		}
		ns, _ := res.Value("sec/op")
		bps, _ := res.Value("B/s")
		got = append(got, line{string(res.Name), res.Iters, ns * 1e9, bps / 1e6})
	}
	if err := reader.Err(); err != nil {
		t.Fatal(err)
	}
	var want []line
	for _, r := range rep.Results {
		name := "Copy"
		if r.Impl != copyImpl {
			name = r.Kernel + "/impl=" + r.Impl
		}
		name += map[int]string{1024: "/n=0001024", 2048: "/n=0002048"}[r.N]
		for _, ns := range r.NsPerCall {
			want = append(want, line{name, r.Iterations, ns, float64(r.BytesPerElement*r.N) / ns * 1e3})
		}
	}
	if len(got) != len(want) {
		t.Fatalf("%d results, want %d:\n%s", len(got), len(want), b.String())
	}
	for i := range want {
		g, w := got[i], want[i]
		if g.name != w.name || g.iters != w.iters || math.Abs(g.ns-w.ns) > 0.01 || math.Abs(g.mbps-w.mbps) > 0.01 {
			t.Errorf("result %d: %+v, want %+v", i, g, w)
		}
	}
}

func TestWriteSVG(t *testing.T) {
	var b bytes.Buffer
	if err := writeSVG(&b, sampleReport()); err != nil {
		t.Fatal(err)
	}
	root, texts := svgTexts(t, &b)
	if root != "svg" {
		t.Errorf("the root element is <%s>, want <svg>", root)
	}
	text := strings.Join(texts, "|")
	for _, want := range []string{"simdact on AMD EPYC 7B13 64-Core Processor, linux/amd64 (selects avx2)",
		"ReLU (8 bytes an element)", "ReLUBackward (12 bytes an element)",
		"Go copy (roof)", "generic", "avx2", "L1d", "L2", "GB/s", "n (float32 elements)"} {
		if !strings.Contains(text, want) {
			t.Errorf("the chart lacks the text %q: %q", want, text)
		}
	}
	if strings.Contains(text, "L3") {
		t.Error("the chart marks L3, whose size is unknown")
	}
	if err := writeSVG(io.Discard, report{}); err == nil {
		t.Error("a chart of nothing: no error")
	}
}

// svgTexts reads an SVG document and returns the name of its root element
// and its texts.
func svgTexts(t *testing.T, r io.Reader) (root string, texts []string) {
	t.Helper()
	decoder := xml.NewDecoder(r)
	for {
		token, err := decoder.Token()
		if err == io.EOF {
			return root, texts
		}
		if err != nil {
			t.Fatalf("not well-formed XML: %v", err)
		}
		switch token := token.(type) {
		case xml.StartElement:
			if root == "" {
				root = token.Name.Local
			}
		case xml.CharData:
			if s := strings.TrimSpace(string(token)); s != "" {
				texts = append(texts, s)
			}
		}
	}
}
