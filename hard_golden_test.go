package simdact_test

import (
	"encoding/json"
	"fmt"
	"math"
	"os"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/simdact/simdact/internal/impls"
	"github.com/simdact/simdact/internal/testutil"
	"github.com/simdact/simdact/internal/verify"
)

// familyCase is one case of testdata/torch-1.13.1-family.json: PyTorch
// 1.13.1's outputs (AVX2 vector path) for the activations beyond the seed,
// on edge and random inputs (see /work/shared/golden/README.md). Element j
// of every list belongs together: y = op(x), and dx is the gradient given
// dy. Every *_bits list holds float32 bit patterns.
type familyCase struct {
	Op     string         `json:"op"`     // e.g. "hardtanh", "softplus", "softmax"
	Params map[string]any `json:"params"` // e.g. min_val, max_val; gelu's approximate is a string
	Cols   int            `json:"cols"`   // softmax and log_softmax: the row length
	X      []uint32       `json:"x_bits"`
	DY     []uint32       `json:"dy_bits"`
	Y      []uint32       `json:"y_bits"`
	DX     []uint32       `json:"dx_bits"`
	// YScalar and DXScalar are PyTorch's scalar path's results, where they
	// differ from the vector path's (nil otherwise).
	YScalar         []uint32 `json:"y_scalar_path_bits"`
	DXScalar        []uint32 `json:"dx_scalar_path_bits"`
	BackwardFormula string   `json:"bwd_formula"`
}

// param returns the numeric parameter name of c as a float32; it panics if
// c has none.
func (c familyCase) param(name string) float32 {
	v, ok := c.Params[name].(float64)
	if !ok {
		panic(fmt.Sprintf("golden case %s: no numeric parameter %q in %v", c.Op, name, c.Params))
	}
	return float32(v)
}

// name spells c's op and parameters: "hardtanh/max_val=1,min_val=-1".
func (c familyCase) name() string {
	var params []string
	for k, v := range c.Params {
		params = append(params, fmt.Sprint(k, "=", v))
	}
	slices.Sort(params)
	return c.Op + "/" + strings.Join(params, ",")
}

var familyFile struct {
	once  sync.Once
	cases []familyCase
	err   error
}

// familyGolden returns the cases of testdata/torch-1.13.1-family.json,
// read once per test binary; callers must not modify them.
func familyGolden(t testing.TB) []familyCase {
	t.Helper()
	f := &familyFile
	f.once.Do(func() {
		data, err := os.ReadFile("testdata/torch-1.13.1-family.json")
		if err != nil {
			f.err = err
			return
		}
		var file struct{ Cases []familyCase }
		f.err = json.Unmarshal(data, &file)
		f.cases = file.Cases
	})
	if f.err != nil {
		t.Fatal(f.err)
	}
	return f.cases
}

// hardGolden is one hard op of the golden file as simdact's kernels and
// references.
type hardGolden struct {
	forward  func(s impls.Set, dst, x []float32)
	backward func(s impls.Set, dx, dy, x []float32)
	y        func(x float32) float32     // the contract, for NaN x
	dx       func(dy, x float32) float32 // the contract, for NaN x
}

// hardOp returns the kernels of c, or false if c's op is not a hard one.
func hardOp(c familyCase) (hardGolden, bool) {
	switch c.Op {
	case "hardtanh":
		lo, hi := c.param("min_val"), c.param("max_val")
		return hardGolden{
			forward:  func(s impls.Set, dst, x []float32) { s.Hardtanh(dst, x, lo, hi) },
			backward: func(s impls.Set, dx, dy, x []float32) { s.HardtanhBackward(dx, dy, x, lo, hi) },
			y:        func(x float32) float32 { return verify.HardtanhRef(x, lo, hi) },
			dx:       func(dy, x float32) float32 { return verify.HardtanhBackwardRef(dy, x, lo, hi) },
		}, true
	case "hardsigmoid":
		return hardGolden{
			forward:  func(s impls.Set, dst, x []float32) { s.HardSigmoid(dst, x) },
			backward: func(s impls.Set, dx, dy, x []float32) { s.HardSigmoidBackward(dx, dy, x) },
			y:        verify.HardSigmoidRef, dx: verify.HardSigmoidBackwardRef,
		}, true
	case "hardswish":
		return hardGolden{
			forward:  func(s impls.Set, dst, x []float32) { s.HardSwish(dst, x) },
			backward: func(s impls.Set, dx, dy, x []float32) { s.HardSwishBackward(dx, dy, x) },
			y:        verify.HardSwishRef, dx: verify.HardSwishBackwardRef,
		}, true
	case "threshold":
		th, v := c.param("threshold"), c.param("value")
		return hardGolden{
			forward:  func(s impls.Set, dst, x []float32) { s.Threshold(dst, x, th, v) },
			backward: func(s impls.Set, dx, dy, x []float32) { s.ThresholdBackward(dx, dy, x, th) },
			y:        func(x float32) float32 { return verify.ThresholdRef(x, th, v) },
			dx:       func(dy, x float32) float32 { return verify.ThresholdBackwardRef(dy, x, th) },
		}, true
	}
	return hardGolden{}, false
}

// TestHardGolden checks every implementation on PyTorch's hardtanh,
// hardsigmoid, hardswish and threshold cases, out of place and in place:
// forward and backward bit for bit with PyTorch where x is not NaN, and
// with the contract's NaN rule where it is (PyTorch's vector and scalar
// paths disagree there).
func TestHardGolden(t *testing.T) {
	checked := 0
	for _, c := range familyGolden(t) {
		op, ok := hardOp(c)
		if !ok {
			continue
		}
		name := c.name()
		x, dy := floats(c.X), floats(c.DY)
		for _, s := range sets(t) {
			t.Run(s.Name+"/"+name, func(t *testing.T) {
				y := make([]float32, len(x))
				op.forward(s, y, x)
				hardExpect(t, "y", y, c.Y, x, nil, func(i int) float32 { return op.y(x[i]) })
				y = slices.Clone(x)
				op.forward(s, y, y)
				hardExpect(t, "y in place", y, c.Y, x, nil, func(i int) float32 { return op.y(x[i]) })

				want := func(i int) float32 { return op.dx(dy[i], x[i]) }
				dx := make([]float32, len(x))
				op.backward(s, dx, dy, x)
				hardExpect(t, "dx", dx, c.DX, x, dy, want)
				dx = slices.Clone(dy)
				op.backward(s, dx, dx, x)
				hardExpect(t, "dx in place on dy", dx, c.DX, x, dy, want)
				dx = slices.Clone(x)
				op.backward(s, dx, dy, dx)
				hardExpect(t, "dx in place on x", dx, c.DX, x, dy, want)
			})
		}
		nan := 0
		for _, v := range x {
			if v != v {
				nan++
			}
		}
		t.Logf("%s: y and dx of %d elements match PyTorch bit for bit, and %d with a NaN x the contract, in every implementation",
			name, len(x)-nan, nan)
		checked++
	}
	if checked != 6 {
		t.Fatalf("found %d hard cases in the golden file, want 6", checked)
	}
}

// hardExpect compares got with PyTorch's bits where x is not NaN, and with
// the contract's result, contract(i), where it is; dy is nil for a forward
// pass.
func hardExpect(t *testing.T, what string, got []float32, torch []uint32, x, dy []float32, contract func(i int) float32) {
	t.Helper()
	bad := 0
	for i, v := range x {
		want, source := math.Float32frombits(torch[i]), "PyTorch"
		if v != v {
			want, source = contract(i), "the contract"
		}
		if math.Float32bits(got[i]) == math.Float32bits(want) {
			continue
		}
		in := "x=" + testutil.Format(v)
		if dy != nil {
			in = "dy=" + testutil.Format(dy[i]) + ", " + in
		}
		t.Errorf("%s[%d]: %s: got %s, %s %s", what, i, in, testutil.Format(got[i]), source, testutil.Format(want))
		if bad++; bad == 5 {
			t.FailNow()
		}
	}
}
