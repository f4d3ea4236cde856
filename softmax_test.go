package simdact_test

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/simdact/simdact/internal/impls"
	"github.com/simdact/simdact/internal/testutil"
	"github.com/simdact/simdact/internal/verify"
)

// softmaxCols are the row lengths the softmax tests run: below, at and
// around every vector width, and long rows.
var softmaxCols = []int{1, 2, 3, 7, 8, 15, 16, 17, 64, 255, 256, 1000, 4096, 50000}

// A rowKind makes one row of inputs of a kind that the softmax kernels must
// get right.
type rowKind struct {
	name string
	fill func(r *rand.Rand, row []float32)
}

// rowKinds are the kinds of rows of x (and of dy) the tests run.
var rowKinds = []rowKind{
	{"ordinary", func(r *rand.Rand, row []float32) { normals(r, row, 3) }},
	{"huge", func(r *rand.Rand, row []float32) { normals(r, row, 1e4) }},
	{"tiny", func(r *rand.Rand, row []float32) { normals(r, row, 1e-30) }},
	{"wide", func(r *rand.Rand, row []float32) { normals(r, row, 60) }},
	{"masked", func(r *rand.Rand, row []float32) {
		normals(r, row, 3)
		for i := range row {
			if r.IntN(3) == 0 && i != len(row)/2 {
				row[i] = float32(math.Inf(-1))
			}
		}
	}},
	{"all -Inf", func(r *rand.Rand, row []float32) { fill(row, float32(math.Inf(-1))) }},
	{"NaN", func(r *rand.Rand, row []float32) {
		normals(r, row, 3)
		row[r.IntN(len(row))] = math.Float32frombits(0x7fc12345)
	}},
	{"+Inf", func(r *rand.Rand, row []float32) {
		normals(r, row, 3)
		row[r.IntN(len(row))] = float32(math.Inf(1))
	}},
	{"constant", func(r *rand.Rand, row []float32) { fill(row, -7.25) }},
	{"any bits", func(r *rand.Rand, row []float32) { testutil.Fill(r, row) }},
}

// normals fills row with normally distributed values of deviation sd.
func normals(r *rand.Rand, row []float32, sd float64) {
	for i := range row {
		row[i] = float32(r.NormFloat64() * sd)
	}
}

// fill sets every element of row to v.
func fill(row []float32, v float32) {
	for i := range row {
		row[i] = v
	}
}

// rowInputs returns the inputs of k for rows rows of cols elements of kind
// kind: x, or dy and y (y a probability for SoftmaxBackward, a
// log-probability for LogSoftmaxBackward, of the same kind).
func rowInputs(r *rand.Rand, k verify.Rows, kind rowKind, rows, cols int) [][]float32 {
	in := make([][]float32, len(k.Inputs))
	for j := range in {
		in[j] = make([]float32, rows*cols)
		for i := 0; i < len(in[j]); i += cols {
			row := in[j][i : i+cols]
			if j == 0 {
				kind.fill(r, row)
			} else {
				ordinaryY(r, k.Name, row)
			}
		}
	}
	return in
}

// ordinaryY fills row with the y of an ordinary forward output of the
// backward kernel name.
func ordinaryY(r *rand.Rand, name string, row []float32) {
	normals(r, row, 3)
	m, s := float64(slices.Max(row)), 0.0
	for _, v := range row {
		s += math.Exp(float64(v) - m)
	}
	for i, v := range row {
		l := float64(v) - m - math.Log(s)
		if name == "SoftmaxBackward" {
			l = math.Exp(l)
		}
		row[i] = float32(l)
	}
}

// callRows runs k in s on the inputs in with rows of cols, with the output
// offset floats into a buffer of sentinels or, if inPlace >= 0, in place
// on a copy of input inPlace there, and checks every row, the sentinels,
// and that out-of-place inputs are unchanged.
func callRows(k verify.Rows, s impls.Set, in [][]float32, cols, offset, inPlace int) error {
	const pad = 16
	n := len(in[0])
	buf := make([]float32, pad+offset+n+pad)
	fill(buf, math.Float32frombits(verify.Sentinel))
	out := buf[pad+offset : pad+offset+n]
	originals := make([][]float32, len(in))
	args := slices.Clone(in)
	for j := range in {
		originals[j] = slices.Clone(in[j])
	}
	layout := "out of place"
	if inPlace >= 0 {
		copy(out, in[inPlace])
		args[inPlace] = out
		layout = "in place on " + k.Inputs[inPlace]
	}
	k.Run(s, out, args, cols)
	where := fmt.Sprintf("%s, %s, cols=%d, n=%d, %s at offset %d", k.Name, s.Name, cols, n, layout, offset)
	if err := checkRows(k, out, originals, cols); err != nil {
		return fmt.Errorf("%s: %w", where, err)
	}
	for i, v := range buf {
		if (i < pad+offset || i >= pad+offset+n) && math.Float32bits(v) != verify.Sentinel {
			return fmt.Errorf("%s: wrote %s at %d, outside the output", where, testutil.Format(v), i-pad-offset)
		}
	}
	for j := range in {
		if inPlace < 0 && !slices.EqualFunc(in[j], originals[j], sameFloat) {
			return fmt.Errorf("%s: input %s changed", where, k.Inputs[j])
		}
	}
	return nil
}

func sameFloat(a, b float32) bool { return math.Float32bits(a) == math.Float32bits(b) }

// checkRows checks each row of out, the result of k for the inputs in.
func checkRows(k verify.Rows, out []float32, in [][]float32, cols int) error {
	for i := 0; i < len(out); i += cols {
		rows := make([][]float32, len(in))
		for j := range in {
			rows[j] = in[j][i : i+cols]
		}
		if err := k.Check(out[i:i+cols], rows); err != nil {
			return fmt.Errorf("row %d: %w", i/cols, err)
		}
	}
	return nil
}

// TestSoftmaxRows runs every softmax kernel on rows of every kind and of
// every length in softmaxCols, out of place at two offsets and in place on
// each input.
func TestSoftmaxRows(t *testing.T) {
	for _, s := range sets(t) {
		for _, k := range verify.SoftmaxKernels() {
			r := rand.New(rand.NewPCG(5, uint64(len(k.Name))))
			for _, cols := range softmaxCols {
				rows := max(1, min(5, 20000/cols))
				for _, kind := range rowKinds {
					in := rowInputs(r, k, kind, rows, cols)
					for _, off := range []int{0, 3} {
						for inPlace := -1; inPlace < len(in); inPlace++ {
							if err := callRows(k, s, in, cols, off, inPlace); err != nil {
								t.Fatalf("%s rows: %v", kind.name, err)
							}
						}
					}
				}
			}
		}
	}
}

// TestSoftmaxLengths runs every softmax kernel at every length n up to 300
// (100 with -short) with every cols that divides n, at every offset 0..7 of
// the output, out of place and in place on each input.
func TestSoftmaxLengths(t *testing.T) {
	top := 300
	if testing.Short() {
		top = 100
	}
	for _, s := range sets(t) {
		for _, k := range verify.SoftmaxKernels() {
			r := rand.New(rand.NewPCG(6, uint64(len(k.Name))))
			for n := 0; n <= top; n++ {
				for cols := 1; cols <= max(n, 1); cols++ {
					if n%cols != 0 {
						continue
					}
					kind := rowKinds[(n+cols)%len(rowKinds)]
					in := rowInputs(r, k, kind, n/cols, cols)
					for off := range 8 {
						for inPlace := -1; inPlace < len(in); inPlace++ {
							if err := callRows(k, s, in, cols, off, inPlace); err != nil {
								t.Fatalf("%s rows: %v", kind.name, err)
							}
						}
					}
				}
			}
		}
	}
}

// TestSoftmaxPanics checks that every softmax kernel panics, with a message
// naming it, on cols < 1, a length that is not a multiple of cols, slices
// of different lengths and partial overlap, before writing anything.
func TestSoftmaxPanics(t *testing.T) {
	for _, s := range sets(t) {
		for _, k := range verify.SoftmaxKernels() {
			buf := make([]float32, 64)
			cases := []struct {
				what string
				out  []float32
				cols int
				in   func(i int) []float32
			}{
				{"cols=0", buf[:12], 0, func(int) []float32 { return make([]float32, 12) }},
				{"cols=-3", buf[:12], -3, func(int) []float32 { return make([]float32, 12) }},
				{"12 % 5", buf[:12], 5, func(int) []float32 { return make([]float32, 12) }},
				{"lengths", buf[:12], 4, func(i int) []float32 { return make([]float32, 16+4*i) }},
				{"out longer", buf[:16], 4, func(int) []float32 { return make([]float32, 12) }},
				{"overlap", buf[:12], 4, func(i int) []float32 { return buf[2+20*i : 14+20*i] }},
			}
			for _, c := range cases {
				in := make([][]float32, len(k.Inputs))
				for j := range in {
					in[j] = c.in(j)
				}
				fill(buf, math.Float32frombits(verify.Sentinel))
				msg := panicMessage(func() { k.Run(s, c.out, in, c.cols) })
				if !strings.HasPrefix(msg, "simdact: "+k.Name+": ") {
					t.Errorf("%s, %s, %s: panic %q, want one that starts with %q", k.Name, s.Name, c.what, msg, "simdact: "+k.Name+": ")
				}
				if i := slices.IndexFunc(buf, func(v float32) bool { return math.Float32bits(v) != verify.Sentinel }); i >= 0 && c.what != "overlap" {
					t.Errorf("%s, %s, %s: wrote element %d before panicking", k.Name, s.Name, c.what, i)
				}
			}
		}
	}
}

// TestSoftmaxNoAllocations checks that no softmax kernel allocates.
func TestSoftmaxNoAllocations(t *testing.T) {
	x, y := make([]float32, 1024), make([]float32, 1024)
	normals(rand.New(rand.NewPCG(1, 1)), x, 3)
	for _, s := range sets(t) {
		for _, f := range map[string]func(){
			"Softmax":            func() { s.Softmax(y, x, 256) },
			"LogSoftmax":         func() { s.LogSoftmax(y, x, 8) },
			"SoftmaxBackward":    func() { s.SoftmaxBackward(y, x, x, 16) },
			"LogSoftmaxBackward": func() { s.LogSoftmaxBackward(y, x, x, 1024) },
		} {
			if a := testing.AllocsPerRun(10, f); a != 0 {
				t.Errorf("%s allocates %v times a call", s.Name, a)
			}
		}
	}
}

// TestSoftmaxDifferential runs every implementation on the same rows as
// the pure-Go kernels: each within twice its bound of them (both are
// within the bound of the reference), AVX-512 and AVX2 bit for bit.
func TestSoftmaxDifferential(t *testing.T) {
	all := sets(t)
	for _, k := range verify.SoftmaxKernels() {
		r := rand.New(rand.NewPCG(9, uint64(len(k.Name))))
		for _, cols := range softmaxCols {
			for _, kind := range rowKinds {
				rows := max(1, min(4, 10000/cols))
				in := rowInputs(r, k, kind, rows, cols)
				outs := map[string][]float32{}
				for _, s := range all {
					outs[s.Name] = make([]float32, rows*cols)
					k.Run(s, outs[s.Name], in, cols)
				}
				for _, s := range all {
					if err := agree(k, in, cols, outs[s.Name], outs[impls.Generic.Name], 2); err != nil {
						t.Errorf("%s, %s rows, cols=%d: %s against generic: %v", k.Name, kind.name, cols, s.Name, err)
					}
				}
				if a, b := outs["avx512"], outs["avx2"]; a != nil && b != nil {
					if err := agree(k, in, cols, a, b, 0); err != nil {
						t.Errorf("%s, %s rows, cols=%d: avx512 against avx2: %v", k.Name, kind.name, cols, err)
					}
				}
			}
		}
	}
}

// agree returns an error unless a and b, two results of k for the inputs
// in, are both NaN or differ by at most factor times the bound wherever
// they differ (factor 0: the same bits).
func agree(k verify.Rows, in [][]float32, cols int, a, b []float32, factor float64) error {
	for i := 0; i < len(a); i += cols {
		rows := make([][]float32, len(in))
		for j := range in {
			rows[j] = in[j][i : i+cols]
		}
		var bound []float64
		for c := range cols {
			x, y := a[i+c], b[i+c]
			if sameFloat(x, y) || (x != x && y != y) {
				continue
			}
			if bound == nil {
				_, bound = k.Ref(rows)
			}
			if !(math.Abs(float64(x)-float64(y)) <= factor*bound[c]) {
				return fmt.Errorf("row %d, element %d: %s and %s", i/cols, c, testutil.Format(x), testutil.Format(y))
			}
		}
	}
	return nil
}
