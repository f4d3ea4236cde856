package verify

import (
	"fmt"
	"math/rand/v2"
	"slices"
)

// All returns every kernel of the module with every parameter setting the
// tests run, as elementwise kernels: the piecewise-linear ones, ELU's, the
// smooth activations, the hard ones, the gated units (each backward pass
// as two kernels, one a gradient), PReLU in each of Layouts (whose Unit
// is a row of channels), and the row kernels with rows of each of RowCols,
// whose Unit is their row. A kernel added here is run by every test of the
// root package that is driven by this list: lengths, guard pages,
// allocations, concurrency, differential. The first setting of each
// function is the one the benchmarks time.
func All() []Elementwise {
	ks := slices.Concat(Linear(), ELUKernels(), SmoothKernels(), HardKernels())
	for _, f := range CELUMoreForwards() {
		ks = append(ks, f.Elementwise())
	}
	ks = append(ks, PReLUKernels()...)
	ks = append(ks, GatedKernels()...)
	for _, r := range SoftmaxKernels() {
		for _, cols := range RowCols {
			ks = append(ks, r.Elementwise(cols))
		}
	}
	return ks
}

// RowCols are the row lengths every row kernel runs in All: the peers'
// rows of 256 first, then rows below, at and around every vector width,
// and long rows with tails.
var RowCols = []int{256, 1, 3, 7, 8, 15, 16, 17, 31, 33, 100, 1031}

// Elementwise returns k with rows of cols elements as an elementwise
// kernel: named "Softmax/cols=256", taking lengths that are whole rows
// (its Unit), checked row by row, fed rows of every kind of RowKinds (in
// turn from a random one), and agreeing with another implementation within
// twice the bound.
func (k Rows) Elementwise(cols int) Elementwise {
	return Elementwise{
		Name: fmt.Sprintf("%s/cols=%d", k.Name, cols), Inputs: k.Inputs, Unit: cols,
		Run: func(s Set, out []float32, in [][]float32) { k.Run(s, out, in, cols) },
		Whole: func(out []float32, in [][]float32) error {
			row := make([][]float32, len(in))
			for r := 0; r+cols <= len(out); r += cols {
				for j := range in {
					row[j] = in[j][r : r+cols]
				}
				if err := k.Check(out[r:r+cols], row); err != nil {
					return fmt.Errorf("row %d: %w", r/cols, err)
				}
			}
			return nil
		},
		Fill: func(r *rand.Rand, in [][]float32) {
			first := r.IntN(len(RowKinds))
			k.fillRows(r, in, cols, func(i int) RowKind { return RowKinds[(first+i)%len(RowKinds)] })
		},
		Agree: func(a, b []float32, in [][]float32) error { return k.agreeRows(a, b, in, cols) },
	}
}
