package main

import (
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"strings"
	"time"

	"github.com/simdact/simdact/internal/impls"
)

// A report is everything one run of the benchmark measured, and where.
type report struct {
	Machine machine  `json:"machine"`
	Date    string   `json:"date"` // when the run started, RFC 3339, UTC
	Timing  timing   `json:"timing"`
	Sizes   []size   `json:"sizes"`
	Notes   []string `json:"notes,omitempty"` // sizes skipped, capped or assumed, what was not measured
	// Summary names the kernels that the summary shows, in order.
	Summary []string `json:"summary,omitempty"`
	Results []result `json:"results"`
}

// A result is one measurement: a kernel in one implementation at one size,
// or Go's copy, the roof (kernel "Copy", implementation "go").
type result struct {
	Kernel string `json:"kernel"`
	Impl   string `json:"impl"`
	size
	BytesPerElement int       `json:"bytes_per_element"` // read plus written
	Iterations      int       `json:"iterations"`        // calls in each batch
	NsPerCall       []float64 `json:"ns_per_call"`       // one per batch

	// What the table shows, from NsPerCall's median.
	NsPerElement float64 `json:"ns_per_element"`
	GBps         float64 `json:"gb_per_s"` // 10^9 bytes per second
	Spread       float64 `json:"spread"`   // (slowest - fastest) / median
	// VsCopy is GBps over Go's copy's at the same size; VsGeneric is the
	// generic kernel's time over this one's (both more is better; 0 where
	// the other was not measured).
	VsCopy    float64 `json:"vs_copy"`
	VsGeneric float64 `json:"vs_generic"`
}

// copyKernel and copyImpl name the measurements of Go's copy.
const copyKernel, copyImpl = "Copy", "go"

// newResult summarises the batches of one measurement.
// A call handled elements of the size's N (fewer for PReLU's whole rows).
func newResult(kernel, impl string, sz size, bytesPerElement, elements, iters int, nsPerCall []float64) result {
	ns := median(nsPerCall)
	return result{
		Kernel: kernel, Impl: impl, size: sz, BytesPerElement: bytesPerElement,
		Iterations: iters, NsPerCall: nsPerCall,
		NsPerElement: ns / float64(elements),
		GBps:         float64(bytesPerElement*elements) / ns,
		Spread:       spread(nsPerCall),
	}
}

// randomRun is the length of the random values that fill the buffers.
const randomRun = 1 << 16

// measureAll measures Go's copy at every size, then every kernel in every
// implementation at every size, out of place, on values in (-1, 1), half
// of them negative, in random order, as the root package's benchmarks.
func measureAll(ks []kernel, sets []impls.Set, sizes []size, t timing, p *progress) []result {
	largest, inputs := sizes[len(sizes)-1].N, 1
	for _, k := range ks {
		inputs = max(inputs, len(k.timed(largest).Inputs))
	}
	buffers := make([][]float32, 1+inputs)
	r := rand.New(rand.NewPCG(5, 0))
	for i := range buffers {
		// Random values repeat every randomRun elements, too far apart for
		// a branch predictor to learn, and much faster to lay out than
		// hundreds of megabytes of random numbers.
		b := make([]float32, largest)
		for j := range min(largest, randomRun) {
			b[j] = 2*r.Float32() - 1
		}
		for j := randomRun; j < largest; j += randomRun {
			copy(b[j:], b[:randomRun])
		}
		buffers[i] = b
	}
	cases := len(sizes)
	for _, k := range ks {
		for _, sz := range sizes {
			if k.elementsOf(sz.N) > 0 {
				cases += len(sets)
			}
		}
	}
	p.start(cases)

	var results []result
	for _, sz := range sizes {
		p.step(copyKernel, "", sz.N)
		dst, src := buffers[0][:sz.N], buffers[1][:sz.N]
		iters, ns := t.measure(func(iters int) {
			for range iters {
				copy(dst, src)
			}
		})
		results = append(results, newResult(copyKernel, copyImpl, sz, 8, sz.N, iters, ns))
	}
	for _, k := range ks {
		for _, sz := range sizes {
			m := k.elementsOf(sz.N)
			if m == 0 { // a PReLU row longer than n: see tooSmall
				continue
			}
			spec := k.timed(sz.N)
			out, in := buffers[0][:m], make([][]float32, len(spec.Inputs))
			for j := range in {
				in[j] = buffers[1+j][:m]
			}
			for _, s := range sets {
				p.step(k.name, s.Name, sz.N)
				run := spec.Run
				iters, ns := t.measure(func(iters int) {
					for range iters {
						run(s, out, in)
					}
				})
				results = append(results, newResult(k.name, s.Name, sz, bytesPerElement(spec), m, iters, ns))
			}
		}
	}
	p.finish()
	setRatios(results)
	return results
}

// tooSmall returns a note for each kernel that measureAll skips at some of
// the sizes: a PReLU layout whose one channel is longer than n elements.
func tooSmall(ks []kernel, sizes []size) []string {
	var notes []string
	for _, k := range ks {
		var skipped []string
		for _, sz := range sizes {
			if k.elementsOf(sz.N) == 0 {
				skipped = append(skipped, fmt.Sprint(sz.N))
			}
		}
		if skipped != nil {
			notes = append(notes, fmt.Sprintf("%s: n=%s skipped, shorter than a channel or a row", k.name, strings.Join(skipped, ", ")))
		}
	}
	return notes
}

// setRatios sets VsCopy and VsGeneric of every result.
func setRatios(results []result) {
	type key struct {
		kernel string
		n      int
	}
	copyGBps, genericNs := map[int]float64{}, map[key]float64{}
	for _, r := range results {
		switch r.Impl {
		case copyImpl:
			copyGBps[r.N] = r.GBps
		case impls.Generic.Name:
			genericNs[key{r.Kernel, r.N}] = r.NsPerElement
		}
	}
	for i := range results {
		r := &results[i]
		if c := copyGBps[r.N]; c > 0 {
			r.VsCopy = r.GBps / c
		}
		if g := genericNs[key{r.Kernel, r.N}]; g > 0 {
			r.VsGeneric = g / r.NsPerElement
		}
	}
}

// progress tells, on standard error, what the benchmark is measuring: on a
// terminal one line that it rewrites for every measurement, elsewhere (a
// CI log) a line for every kernel.
type progress struct {
	w           io.Writer
	terminal    bool
	done, total int
	began       time.Time
	last        string
}

func newProgress(w io.Writer) *progress {
	p := &progress{w: w}
	if f, ok := w.(*os.File); ok {
		info, err := f.Stat()
		p.terminal = err == nil && info.Mode()&os.ModeCharDevice != 0
	}
	return p
}

func (p *progress) start(total int) { p.total, p.began = total, time.Now() }

// step says that the measurement of kernel in impl at size n begins.
func (p *progress) step(kernel, impl string, n int) {
	p.done++
	if p.terminal {
		fmt.Fprintf(p.w, "\r\033[K[%d/%d] %s %s n=%d", p.done, p.total, kernel, impl, n)
		return
	}
	if kernel != p.last {
		p.last = kernel
		fmt.Fprintf(p.w, "[%d/%d] %s\n", p.done, p.total, kernel)
	}
}

func (p *progress) finish() {
	if p.terminal {
		fmt.Fprint(p.w, "\r\033[K")
	}
	fmt.Fprintf(p.w, "measured %d cases in %.1fs\n", p.total, time.Since(p.began).Seconds())
}
