package simdact_test

import (
	"flag"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/simdact/simdact/internal/verify"
)

// softmaxCols are the row lengths the softmax tests run: below, at and
// around every vector width, and long rows.
var softmaxCols = []int{1, 2, 3, 7, 8, 15, 16, 17, 64, 255, 256, 1000, 4096, 50000}

// TestSoftmaxRows runs every softmax kernel on rows of every kind
// (verify.RowKinds) and of every length in softmaxCols, out of place at two
// offsets and in place on each input.
func TestSoftmaxRows(t *testing.T) {
	for _, s := range sets(t) {
		for _, k := range verify.SoftmaxKernels() {
			r := rand.New(rand.NewPCG(5, uint64(len(k.Name))))
			for _, cols := range softmaxCols {
				rows := max(1, min(5, 20000/cols))
				e := k.Elementwise(cols)
				for _, kind := range verify.RowKinds {
					in := k.Draw(r, kind, rows, cols)
					for _, off := range []int{0, 3} {
						if err := callEach(s, e, in, off); err != nil {
							t.Fatalf("%s rows: %v", kind.Name, err)
						}
					}
				}
			}
		}
	}
}

// TestSoftmaxCols runs every softmax kernel at every length n up to 300
// (100 with -short) with every row length cols that divides n, but those of
// verify.RowCols (TestLengths runs them), at every offset 0..7 of the
// output, out of place and in place on each input.
func TestSoftmaxCols(t *testing.T) {
	top := 300
	if testing.Short() {
		top = 100
	}
	for _, s := range sets(t) {
		for _, k := range verify.SoftmaxKernels() {
			r := rand.New(rand.NewPCG(6, uint64(len(k.Name))))
			for n := 0; n <= top; n++ {
				for cols := 1; cols <= max(n, 1); cols++ {
					if n%cols != 0 || slices.Contains(verify.RowCols, cols) {
						continue
					}
					kind := verify.RowKinds[(n+cols)%len(verify.RowKinds)]
					in := k.Draw(r, kind, n/cols, cols)
					e := k.Elementwise(cols)
					for off := range 8 {
						if err := callEach(s, e, in, off); err != nil {
							t.Fatalf("%s rows: %v", kind.Name, err)
						}
					}
				}
			}
		}
	}
}

var softmaxSweep = flag.Int("softmaxsweep", 0, "with N > 0, TestSoftmaxSweep runs every N-th float32 bit pattern through every softmax kernel")

// TestSoftmaxAccuracy logs, for every implementation, kernel and row
// length, the largest error in ulp of the float64 reference rounded to
// float32 (forward passes, see ulpFrom), the largest error in units of the bound, and for Softmax the
// largest distance of a row's sum from 1, over rows of ordinary, wide and
// 1e4-scale values; and fails where a result is out of bounds.
func TestSoftmaxAccuracy(t *testing.T) {
	var b strings.Builder
	fmt.Fprintf(&b, "%-8s %-19s %6s %10s %10s %12s\n", "impl", "kernel", "cols", "max ulp", "err/bound", "|sum-1|")
	for _, s := range sets(t) {
		for _, k := range verify.SoftmaxKernels() {
			r := rand.New(rand.NewPCG(11, uint64(len(k.Name))))
			for _, cols := range softmaxCols {
				var a accuracy
				for _, kind := range []verify.RowKind{verify.RowKinds[0], verify.RowKinds[1], verify.RowKinds[3]} {
					rows := max(1, min(50, 100000/cols))
					in := k.Draw(r, kind, rows, cols)
					out := make([]float32, rows*cols)
					k.Run(s, out, in, cols)
					a.add(k, out, in, cols)
				}
				fmt.Fprintf(&b, "%-8s %-19s %6d %10d %10.3f %12.3g\n", s.Name, k.Name, cols, a.ulps, a.ratio, a.sum)
				if a.ratio > 1 {
					t.Errorf("%s, %s, cols=%d: error %.3g times the bound at %s", s.Name, k.Name, cols, a.ratio, a.where)
				}
			}
		}
	}
	t.Log("\n" + b.String())
}

// ulpFrom is, for each forward kernel, the magnitude from which the tables
// count errors in ulp: below it, the absolute part of the bound dominates.
var ulpFrom = map[string]float64{"Softmax": 0x1p-8, "LogSoftmax": 1}

// accuracy accumulates the largest errors of a kernel's results.
type accuracy struct {
	ulps  uint64  // in ulp of the reference rounded to float32 (see ulpFrom)
	ratio float64 // in units of the bound
	sum   float64 // distance of a Softmax row's sum from 1
	where string  // the inputs of the largest ratio
}

// add adds the errors of out, k's result for the inputs in, in rows of cols.
func (a *accuracy) add(k verify.Rows, out []float32, in [][]float32, cols int) {
	for i := 0; i < len(out); i += cols {
		rows := make([][]float32, len(in))
		for j := range in {
			rows[j] = in[j][i : i+cols]
		}
		ref, bound := k.Ref(rows)
		var sum float64
		for c, got := range out[i : i+cols] {
			sum += float64(got)
			if math.IsNaN(ref[c]) || math.IsInf(ref[c], 0) || math.IsInf(bound[c], 1) || math.Float32bits(got) == math.Float32bits(float32(ref[c])) {
				continue // checked exactly, or anything goes (see verify.SoftmaxKernels)
			}
			if t, ok := ulpFrom[k.Name]; ok && math.Abs(ref[c]) >= t {
				a.ulps = max(a.ulps, verify.ULPs(got, float32(ref[c])))
			}
			if e := math.Abs(float64(got)-ref[c]) / bound[c]; e > a.ratio || e != e {
				a.ratio = e
				a.where = fmt.Sprintf("row %d element %d of %d (%v): got %v, want %v", i/cols, c, cols, valuesAt(rows, c), got, ref[c])
			}
		}
		if k.Name == "Softmax" && !math.IsNaN(sum) {
			a.sum = max(a.sum, math.Abs(sum-1))
		}
	}
}

// valuesAt returns the inputs at c.
func valuesAt(rows [][]float32, c int) []float32 {
	v := make([]float32, len(rows))
	for j := range rows {
		v[j] = rows[j][c]
	}
	return v
}

// TestSoftmaxSweep runs, with -softmaxsweep=N, every N-th float32 bit
// pattern v through each kernel in rows of two: [v, 0] and [0, v] for the
// forward passes (exp over its whole range), and dy = 1 with y = [v, 0]
// and dy = [v, 1] with y = [-1, -0.5] for the backward passes, logging the
// largest errors per implementation and kernel.
func TestSoftmaxSweep(t *testing.T) {
	if *softmaxSweep <= 0 {
		t.Skip("run with -softmaxsweep=N")
	}
	const rowsPerCall = 1 << 16
	for _, s := range sets(t) {
		for _, k := range verify.SoftmaxKernels() {
			var a accuracy
			in := make([][]float32, len(k.Inputs))
			for j := range in {
				in[j] = make([]float32, 0, 4*rowsPerCall)
			}
			flush := func() {
				out := make([]float32, len(in[0]))
				k.Run(s, out, in, 2)
				a.add(k, out, in, 2)
				for j := range in {
					in[j] = in[j][:0]
				}
			}
			for b := uint64(0); b < 1<<32; b += uint64(*softmaxSweep) {
				v := math.Float32frombits(uint32(b))
				if len(in) == 1 {
					in[0] = append(in[0], v, 0, 0, v)
				} else {
					in[0] = append(in[0], 1, 1, v, 1)
					in[1] = append(in[1], v, 0, -1, -0.5)
				}
				if len(in[0]) == cap(in[0]) {
					flush()
				}
			}
			flush()
			t.Logf("%-8s %-19s max ulp %d, error/bound %.3f at %s, |sum-1| %.3g", s.Name, k.Name, a.ulps, a.ratio, a.where, a.sum)
		}
	}
}
