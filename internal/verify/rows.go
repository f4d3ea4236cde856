package verify

import "fmt"

// Elementwise returns k with rows of cols elements as the harness of the
// elementwise kernels runs it (the benchmark tool's verify and timing):
// named "Softmax/cols=256", with lengths in whole rows, checked row by row.
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
	}
}
