package main

import (
	"cmp"
	"fmt"
	"io"
	"slices"
	"strings"
	"text/tabwriter"
)

// writeTable writes rep for a person: the machine, then Go's copy and each
// kernel, a row per size and implementation.
func writeTable(w io.Writer, rep report) error {
	writeMachine(w, rep)
	var kernel string
	var tw *tabwriter.Writer
	for _, r := range rep.Results {
		if r.Kernel != kernel {
			if tw != nil {
				tw.Flush()
			}
			kernel = r.Kernel
			if r.Impl == copyImpl {
				fmt.Fprintf(w, "\n%s: Go's copy, the roof (%d bytes an element)\n", r.Kernel, r.BytesPerElement)
			} else {
				fmt.Fprintf(w, "\n%s (%d bytes an element)\n", r.Kernel, r.BytesPerElement)
			}
			tw = tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
			fmt.Fprintln(tw, "n\tcache\timpl\tns/element\tGB/s\tspread\t×copy\t×generic\t")
		}
		fmt.Fprintf(tw, "%d\t%s\t%s\t%.3g\t%.1f\t%.1f%%\t%s\t%s\t\n", r.N, r.Label, r.Impl,
			r.NsPerElement, r.GBps, 100*r.Spread, ratio(r.VsCopy, "%.2f"), ratio(r.VsGeneric, "%.1f"))
	}
	if tw != nil {
		tw.Flush()
	}
	writeNoise(w, rep.Results)
	return nil
}

// ratio formats v, or "-" where it was not measured.
func ratio(v float64, format string) string {
	if v == 0 {
		return "-"
	}
	return fmt.Sprintf(format, v)
}

// writeMachine writes the report's heading: where and how it measured,
// more lines (a heading and its text each), and the notes.
func writeMachine(w io.Writer, rep report, more ...[2]string) {
	m := rep.Machine
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintf(tw, "simdact bench\t%s %s/%s, %s\n", m.GoVersion, m.GOOS, m.GOARCH, rep.Date)
	cpu := m.Name()
	if m.Brand != "" {
		cpu += fmt.Sprintf(" (%s)", strings.TrimLeft(m.Vendor+", "+m.Identity, ", "))
	}
	if m.Hypervisor != "" {
		cpu += ", in a virtual machine (" + m.Hypervisor + ")"
	}
	fmt.Fprintf(tw, "cpu\t%s\n", cpu)
	fmt.Fprintf(tw, "features\thas %s; lacks %s\n", list(m.Features), list(m.Lacks))
	fmt.Fprintf(tw, "caches\tL1d %s, L2 %s, L3 %s\n", bytesize(m.L1D), bytesize(m.L2), bytesize(m.L3))
	fmt.Fprintf(tw, "cores\t%d physical, %d logical (cpuid); this process may use %d, GOMAXPROCS %d\n",
		m.PhysicalCores, m.LogicalCores, m.NumCPU, m.GOMAXPROCS)
	fmt.Fprintf(tw, "simdact\tselects %s; its assembly streams stores from %s a call\n", m.Selected, bytesize(m.StreamBytes))
	fmt.Fprintf(tw, "timing\tmedian of %d batches of at least %v; spread = (slowest - fastest) / median\n",
		rep.Timing.Count, rep.Timing.Batch)
	for _, line := range more {
		fmt.Fprintf(tw, "%s\t%s\n", line[0], line[1])
	}
	heading := "notes"
	for _, note := range rep.Notes {
		fmt.Fprintf(tw, "%s\t%s\n", heading, note)
		heading = ""
	}
	tw.Flush()
}

// list spells names separated by spaces, or "none".
func list(names []string) string {
	if len(names) == 0 {
		return "none"
	}
	return strings.Join(names, " ")
}

// bytesize spells a size in bytes in binary units, or "unknown" if it is
// not positive.
func bytesize(b int) string {
	switch {
	case b <= 0:
		return "unknown"
	case b%(1<<20) == 0:
		return fmt.Sprintf("%d MiB", b>>20)
	case b%(1<<10) == 0:
		return fmt.Sprintf("%d KiB", b>>10)
	}
	return fmt.Sprintf("%d B", b)
}

// noisy is the spread above which a measurement counts as noisy.
const noisy = 0.05

// writeNoise says how noisy the measurements were.
func writeNoise(w io.Writer, results []result) {
	if len(results) == 0 {
		return
	}
	worst := slices.MaxFunc(results, func(a, b result) int { return cmp.Compare(a.Spread, b.Spread) })
	over := 0
	for _, r := range results {
		if r.Spread > noisy {
			over++
		}
	}
	fmt.Fprintf(w, "\nnoise: %d of %d measurements spread more than %.0f%%; the most, %.1f%%, %s %s n=%d\n",
		over, len(results), 100*noisy, 100*worst.Spread, worst.Kernel, worst.Impl, worst.N)
}
