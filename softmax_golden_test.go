package simdact_test

import (
	"encoding/json"
	"math"
	"os"
	"testing"

	"github.com/simdact/simdact/internal/verify"
)

// softmaxGolden is a softmax or log_softmax case of
// testdata/torch-1.13.1-family.json: PyTorch 1.13.1's outputs y for rows of
// x, and its gradients dx for dy given its y.
type softmaxGolden struct {
	Op   string   `json:"op"`
	Cols int      `json:"cols"`
	X    []uint32 `json:"x_bits"`
	DY   []uint32 `json:"dy_bits"`
	Y    []uint32 `json:"y_bits"`
	DX   []uint32 `json:"dx_bits"`
}

func loadSoftmaxGolden(t *testing.T) []softmaxGolden {
	t.Helper()
	data, err := os.ReadFile("testdata/torch-1.13.1-family.json")
	if err != nil {
		t.Fatal(err)
	}
	var file struct{ Cases []softmaxGolden }
	if err := json.Unmarshal(data, &file); err != nil {
		t.Fatal(err)
	}
	var cases []softmaxGolden
	for _, c := range file.Cases {
		if c.Op == "softmax" || c.Op == "log_softmax" {
			cases = append(cases, c)
		}
	}
	if len(cases) == 0 {
		t.Fatal("no softmax cases in testdata/torch-1.13.1-family.json")
	}
	return cases
}

func floatsOf(bits []uint32) []float32 {
	v := make([]float32, len(bits))
	for i, b := range bits {
		v[i] = math.Float32frombits(b)
	}
	return v
}

// TestSoftmaxGolden runs PyTorch's softmax and log_softmax cases (rows with
// 1e4-scale logits, -Inf entries, an all -Inf row, a NaN, tiny values)
// through every implementation: each result must meet the specification,
// be NaN exactly where PyTorch's is, and, forward, be ±0 or ±Inf where
// PyTorch's is (a masked entry). It logs the largest distance from
// PyTorch's finite results, in units of the specification's bound.
func TestSoftmaxGolden(t *testing.T) {
	kernels := map[string]verify.Rows{}
	for _, k := range verify.SoftmaxKernels() {
		kernels[k.Name] = k
	}
	names := map[string][2]string{"softmax": {"Softmax", "SoftmaxBackward"}, "log_softmax": {"LogSoftmax", "LogSoftmaxBackward"}}
	for _, s := range sets(t) {
		for _, c := range loadSoftmaxGolden(t) {
			x, dy, y, dx := floatsOf(c.X), floatsOf(c.DY), floatsOf(c.Y), floatsOf(c.DX)
			for pass, k := range []verify.Rows{kernels[names[c.Op][0]], kernels[names[c.Op][1]]} {
				in, torch := [][]float32{x}, y
				if pass == 1 {
					in, torch = [][]float32{dy, y}, dx
				}
				out := make([]float32, len(torch))
				k.Run(s, out, in, c.Cols)
				if err := checkRows(k, out, in, c.Cols); err != nil {
					t.Fatalf("%s, %s, cols=%d: %v", k.Name, s.Name, c.Cols, err)
				}
				worst := 0.0
				for i := 0; i < len(out); i += c.Cols {
					rows := make([][]float32, len(in))
					for j := range in {
						rows[j] = in[j][i : i+c.Cols]
					}
					_, bound := k.Ref(rows)
					for j, got := range out[i : i+c.Cols] {
						want := torch[i+j]
						special := want == 0 || math.IsInf(float64(want), 0)
						switch {
						case (got != got) != (want != want):
							t.Fatalf("%s, %s, cols=%d, element %d (inputs %v): got %v, PyTorch %v", k.Name, s.Name, c.Cols, i+j, valuesAt(rows, j), got, want)
						case pass == 0 && special && x[i+j] == float32(math.Inf(-1)) && got != want:
							t.Fatalf("%s, %s, cols=%d, element %d: got %v for -Inf, PyTorch %v", k.Name, s.Name, c.Cols, i+j, got, want)
						case got == got && !special:
							worst = max(worst, math.Abs(float64(got)-float64(want))/bound[j])
						}
					}
				}
				t.Logf("%s, %s, cols=%d: largest distance from PyTorch %.3g bounds", k.Name, s.Name, c.Cols, worst)
			}
		}
	}
}
