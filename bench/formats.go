package main

import (
	"encoding/json"
	"fmt"
	"io"
)

// writeJSON writes rep as indented JSON: the machine, the settings, and
// every timed batch of every measurement with its summary.
func writeJSON(w io.Writer, rep report) error {
	b, err := json.MarshalIndent(rep, "", "  ")
	if err != nil {
		return err
	}
	_, err = w.Write(append(b, '\n'))
	return err
}

// rootPackage is the package whose benchmarks the text format matches.
const rootPackage = "github.com/simdact/simdact"

// writeBenchText writes rep as go test -bench -cpu 1 does, a line per timed
// batch, named as the root package's benchmarks
// (BenchmarkReLU/impl=avx2/n=0016384, BenchmarkCopy/n=0016384) with ns/op
// and MB/s. The kernels run on one thread, so the names carry no GOMAXPROCS
// suffix, and the only configuration line is pkg: the machine is described
// in comment lines, which benchstat ignores. So the results of two
// machines, even of two architectures, fall into one table:
// benchstat zen3=a.txt graviton=b.txt compares them.
func writeBenchText(w io.Writer, rep report) error {
	m := rep.Machine
	fmt.Fprintf(w, "# simdact bench on %s, %s/%s, %s, %s\n", m.Name(), m.GOOS, m.GOARCH, m.GoVersion, rep.Date)
	fmt.Fprintf(w, "# simdact selects %s; timing: %d batches of at least %v a measurement\n", m.Selected, rep.Timing.Count, rep.Timing.Batch)
	fmt.Fprintf(w, "pkg: %s\n", rootPackage)
	for _, r := range rep.Results {
		name := "Benchmark" + r.Kernel
		if r.Impl != copyImpl {
			name += "/impl=" + r.Impl
		}
		name += fmt.Sprintf("/n=%07d", r.N)
		bytes := float64(r.BytesPerElement * r.N)
		for _, ns := range r.NsPerCall {
			fmt.Fprintf(w, "%s\t%8d\t%12.2f ns/op\t%10.2f MB/s\n", name, r.Iterations, ns, 1e3*bytes/ns)
		}
	}
	return nil
}
