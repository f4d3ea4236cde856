package simdact_test

import (
	"bytes"
	"encoding/json"
	"math"
	"os"
	"slices"
	"testing"

	"github.com/simdact/simdact/internal/testutil"
	"github.com/simdact/simdact/internal/verify"
)

// goldenCase is one case of testdata/torch-1.13.1.json, PyTorch 1.13.1's
// outputs for edge and random inputs (see testdata/README.md).
type goldenCase struct {
	Op     string `json:"op"`
	Params struct {
		NegativeSlopeBits uint32   `json:"negative_slope_bits"`
		Alpha             float64  `json:"alpha"`
		Channels          int      `json:"channels"`
		SlopesBits        []uint32 `json:"slopes_bits"`
		Subset            string   `json:"subset"`
	} `json:"params"`
	X               []uint32    `json:"x_bits"`
	DY              []uint32    `json:"dy_bits"`
	Y               []uint32    `json:"y_bits"`
	DX              []uint32    `json:"dx_bits"`
	DXResultBased   []uint32    `json:"dx_result_based_bits"`
	DSlope          []uint32    `json:"dslope_bits"`
	DSlopeReference []jsonFloat `json:"dslope_ref_f64"`
}

func loadGolden(t *testing.T) []goldenCase {
	t.Helper()
	data, err := os.ReadFile("testdata/torch-1.13.1.json")
	if err != nil {
		t.Fatal(err)
	}
	// Python writes non-finite floats as bare NaN and Infinity, which are
	// not JSON; quote them for jsonFloat.
	for _, token := range []string{"NaN", "Infinity", "-Infinity"} {
		for _, before := range []string{"[", ","} {
			data = bytes.ReplaceAll(data, []byte(before+token), []byte(before+`"`+token+`"`))
		}
	}
	var file struct{ Cases []goldenCase }
	if err := json.Unmarshal(data, &file); err != nil {
		t.Fatal(err)
	}
	return file.Cases
}

// A jsonFloat is a JSON number or one of the strings "NaN", "Infinity" and
// "-Infinity".
type jsonFloat float64

func (f *jsonFloat) UnmarshalJSON(b []byte) error {
	var v float64
	switch string(b) {
	case `"NaN"`:
		v = math.NaN()
	case `"Infinity"`:
		v = math.Inf(1)
	case `"-Infinity"`:
		v = math.Inf(-1)
	default:
		if err := json.Unmarshal(b, &v); err != nil {
			return err
		}
	}
	*f = jsonFloat(v)
	return nil
}

func floats(bits []uint32) []float32 {
	v := make([]float32, len(bits))
	for i, b := range bits {
		v[i] = math.Float32frombits(b)
	}
	return v
}

// expectBits compares got with PyTorch's bits, all of them exactly.
func expectBits(t *testing.T, what string, got []float32, want []uint32, inputs ...[]uint32) {
	t.Helper()
	expectBitsOrNaN(t, what, got, want, nil, inputs...)
}

// expectBitsOrNaN is expectBits, except that any NaN matches where anyNaN
// (if not nil) is set.
func expectBitsOrNaN(t *testing.T, what string, got []float32, want []uint32, anyNaN []bool, inputs ...[]uint32) {
	t.Helper()
	bad := 0
	for i := range want {
		if anyNaN != nil && anyNaN[i] && got[i] != got[i] {
			continue
		}
		if math.Float32bits(got[i]) != want[i] {
			var in []string
			for _, v := range inputs {
				in = append(in, testutil.Format(math.Float32frombits(v[i])))
			}
			t.Errorf("%s[%d]: inputs %v: got %s, PyTorch %s", what, i, in, testutil.Format(got[i]), testutil.Format(math.Float32frombits(want[i])))
			if bad++; bad == 5 {
				t.FailNow()
			}
		}
	}
}

// TestGoldenPiecewiseLinear checks every implementation against PyTorch's
// relu and leaky_relu outputs and gradients, out of place and in place.
func TestGoldenPiecewiseLinear(t *testing.T) {
	cases := loadGolden(t)
	checked := 0
	for _, s := range sets(t) {
		for _, c := range cases {
			var forward func(dst, x []float32)
			var backward func(dx, dy, x []float32)
			switch c.Op {
			case "relu":
				forward, backward = s.ReLU, s.ReLUBackward
			case "leaky_relu":
				slope := math.Float32frombits(c.Params.NegativeSlopeBits)
				forward = func(dst, x []float32) { s.LeakyReLU(dst, x, slope) }
				backward = func(dx, dy, x []float32) { s.LeakyReLUBackward(dx, dy, x, slope) }
			default:
				continue
			}
			x, dy := floats(c.X), floats(c.DY)
			t.Run(s.Name+"/"+c.Op, func(t *testing.T) {
				y := make([]float32, len(x))
				forward(y, x)
				expectBits(t, "y", y, c.Y, c.X)
				y = slices.Clone(x)
				forward(y, y)
				expectBits(t, "y in place", y, c.Y, c.X)

				dx := make([]float32, len(x))
				backward(dx, dy, x)
				expectBits(t, "dx", dx, c.DX, c.DY, c.X)
				dx = slices.Clone(dy)
				backward(dx, dx, x)
				expectBits(t, "dx in place on dy", dx, c.DX, c.DY, c.X)
				dx = slices.Clone(x)
				backward(dx, dy, dx)
				expectBits(t, "dx in place on x", dx, c.DX, c.DY, c.X)
			})
			checked++
		}
	}
	if checked == 0 {
		t.Fatal("no relu or leaky_relu case in the golden file")
	}
}

// TestGoldenELU checks every implementation on PyTorch's elu inputs, out of
// place and in place: ELU and ELUBackward against the float64 references
// (PyTorch's exp(x)-1 is deliberately less accurate), and
// ELUBackwardFromOutput, fed PyTorch's y, against PyTorch's result-based
// gradient bit for bit, except where dy and y are both NaN (then any NaN).
func TestGoldenELU(t *testing.T) {
	cases := loadGolden(t)
	checked := 0
	for _, s := range sets(t) {
		for _, c := range cases {
			if c.Op != "elu" {
				continue
			}
			alpha := float32(c.Params.Alpha)
			x, dy, y := floats(c.X), floats(c.DY), floats(c.Y)
			t.Run(s.Name+"/alpha="+verify.Format(alpha), func(t *testing.T) {
				for _, k := range []verify.Elementwise{verify.ELU(alpha), verify.ELUBackward(alpha)} {
					in := [][]float32{x}
					if len(k.Inputs) == 2 {
						in = [][]float32{dy, x}
					}
					for inPlace := -1; inPlace < len(in); inPlace++ {
						if err := k.Call(s, in, 0, inPlace); err != nil {
							t.Fatal(err)
						}
					}
				}
				bothNaN := make([]bool, len(x))
				for i := range bothNaN {
					bothNaN[i] = dy[i] != dy[i] && y[i] != y[i]
				}
				dx := make([]float32, len(x))
				s.ELUBackwardFromOutput(dx, dy, y, alpha)
				expectBitsOrNaN(t, "dx from y", dx, c.DXResultBased, bothNaN, c.DY, c.Y)
				dx = slices.Clone(dy)
				s.ELUBackwardFromOutput(dx, dx, y, alpha)
				expectBitsOrNaN(t, "dx from y in place on dy", dx, c.DXResultBased, bothNaN, c.DY, c.Y)
				dx = slices.Clone(y)
				s.ELUBackwardFromOutput(dx, dy, dx, alpha)
				expectBitsOrNaN(t, "dx from y in place on y", dx, c.DXResultBased, bothNaN, c.DY, c.Y)
			})
			checked++
		}
	}
	if checked == 0 {
		t.Fatal("no elu case in the golden file")
	}
}
