package simdact_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/simdact/simdact/internal/testutil"
	"github.com/simdact/simdact/internal/verify"
)

// The golden files are PyTorch 1.13.1's outputs and gradients (AVX2
// vector path) on edge and random inputs: testdata/torch-1.13.1.json for
// relu, leaky_relu, prelu and elu, testdata/torch-1.13.1-family.json for
// the smooth, hard and softmax functions, and
// testdata/torch-1.13.1-engines.json for logsigmoid, softsign and the gated
// units (see testdata/README.md).
const (
	goldenFile        = "testdata/torch-1.13.1.json"
	goldenFamilyFile  = "testdata/torch-1.13.1-family.json"
	goldenEnginesFile = "testdata/torch-1.13.1-engines.json"
)

// goldenCase is one case of a golden file. Element j of every list belongs
// together: y = op(x), and dx is the gradient given dy. Every *_bits list
// holds float32 bit patterns.
type goldenCase struct {
	Op     string         `json:"op"`     // e.g. "relu", "hardtanh", "softplus", "softmax"
	Params map[string]any `json:"params"` // e.g. min_val, max_val; gelu's approximate is a string
	Cols   int            `json:"cols"`   // softmax and log_softmax: the row length
	X      []uint32       `json:"x_bits"`
	DY     []uint32       `json:"dy_bits"`
	Y      []uint32       `json:"y_bits"`
	DX     []uint32       `json:"dx_bits"`
	// DXResultBased is elu's gradient from its output y.
	DXResultBased []uint32 `json:"dx_result_based_bits"`
	// DSlope is prelu's slope gradient, and DSlopeReference the float64
	// sums of its terms.
	DSlope          []uint32    `json:"dslope_bits"`
	DSlopeReference []jsonFloat `json:"dslope_ref_f64"`
	// First and Second are a gated unit's inputs in simdact's order (GLU's
	// a and b, the others' gate and up), and DFirst and DSecond their
	// gradients.
	First   []uint32 `json:"first_bits"`
	Second  []uint32 `json:"second_bits"`
	DFirst  []uint32 `json:"dfirst_bits"`
	DSecond []uint32 `json:"dsecond_bits"`
}

// param returns the numeric parameter name of c as a float32; it panics if
// c has none.
func (c goldenCase) param(name string) float32 {
	v, ok := c.Params[name].(float64)
	if !ok {
		panic(fmt.Sprintf("golden case %s: no numeric parameter %q in %v", c.Op, name, c.Params))
	}
	return float32(v)
}

// bit returns the parameter name of c, a float32 bit pattern.
func (c goldenCase) bit(name string) float32 {
	v, ok := c.Params[name].(float64)
	if !ok {
		panic(fmt.Sprintf("golden case %s: no numeric parameter %q in %v", c.Op, name, c.Params))
	}
	return math.Float32frombits(uint32(v))
}

// bits returns the parameter name of c, a list of float32 bit patterns.
func (c goldenCase) bits(name string) []float32 {
	list, ok := c.Params[name].([]any)
	if !ok {
		panic(fmt.Sprintf("golden case %s: no list parameter %q in %v", c.Op, name, c.Params))
	}
	v := make([]float32, len(list))
	for i, b := range list {
		v[i] = math.Float32frombits(uint32(b.(float64)))
	}
	return v
}

// name spells c's op and parameters: "hardtanh/max_val=1,min_val=-1".
func (c goldenCase) name() string {
	var params []string
	for k, v := range c.Params {
		params = append(params, fmt.Sprint(k, "=", v))
	}
	slices.Sort(params)
	return c.Op + "/" + strings.Join(params, ",")
}

var goldenFiles sync.Map // file name → func() ([]goldenCase, error)

// loadGolden returns the cases of a golden file, read once per test
// binary; callers must not modify them.
func loadGolden(t testing.TB, file string) []goldenCase {
	t.Helper()
	load, _ := goldenFiles.LoadOrStore(file, sync.OnceValues(func() ([]goldenCase, error) {
		data, err := os.ReadFile(file)
		if err != nil {
			return nil, err
		}
		// Python writes non-finite floats as bare NaN and Infinity, which
		// are not JSON; quote them for jsonFloat.
		for _, token := range []string{"NaN", "Infinity", "-Infinity"} {
			for _, before := range []string{"[", ","} {
				data = bytes.ReplaceAll(data, []byte(before+token), []byte(before+`"`+token+`"`))
			}
		}
		var f struct{ Cases []goldenCase }
		err = json.Unmarshal(data, &f)
		return f.Cases, err
	}))
	cases, err := load.(func() ([]goldenCase, error))()
	if err != nil {
		t.Fatal(err)
	}
	return cases
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
	cases := loadGolden(t, goldenFile)
	checked := 0
	for _, s := range sets(t) {
		for _, c := range cases {
			var forward func(dst, x []float32)
			var backward func(dx, dy, x []float32)
			switch c.Op {
			case "relu":
				forward, backward = s.ReLU, s.ReLUBackward
			case "leaky_relu":
				slope := c.bit("negative_slope_bits")
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
	cases := loadGolden(t, goldenFile)
	checked := 0
	for _, s := range sets(t) {
		for _, c := range cases {
			if c.Op != "elu" {
				continue
			}
			alpha := c.param("alpha")
			x, dy, y := floats(c.X), floats(c.DY), floats(c.Y)
			t.Run(s.Name+"/alpha="+verify.Format(alpha), func(t *testing.T) {
				for _, k := range []verify.Elementwise{verify.ELU(alpha), verify.ELUBackward(alpha)} {
					in := [][]float32{x}
					if len(k.Inputs) == 2 {
						in = [][]float32{dy, x}
					}
					if err := callEach(s, k, in, 0); err != nil {
						t.Fatal(err)
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

// TestGoldenPReLU checks every implementation against PyTorch's prelu
// outputs and gradients, bit for bit, out of place and in place, and
// dslope against the float64 sums in the golden file.
func TestGoldenPReLU(t *testing.T) {
	checked := 0
	for _, c := range loadGolden(t, goldenFile) {
		if c.Op != "prelu" {
			continue
		}
		slope := c.bits("slopes_bits")
		inner := len(c.X) / len(slope)
		x, dy := floats(c.X), floats(c.DY)
		for _, s := range sets(t) {
			t.Run(s.Name+"/"+c.Params["subset"].(string), func(t *testing.T) {
				y := make([]float32, len(x))
				s.PReLU(y, x, slope, inner)
				expectBits(t, "y", y, c.Y, c.X)
				y = slices.Clone(x)
				s.PReLU(y, y, slope, inner)
				expectBits(t, "y in place", y, c.Y, c.X)

				dslope := make([]float32, len(slope))
				for _, place := range []string{"", " in place on dy", " in place on x"} {
					dx := make([]float32, len(x))
					switch place {
					case "":
						s.PReLUBackward(dx, dslope, dy, x, slope, inner)
					case " in place on dy":
						copy(dx, dy)
						s.PReLUBackward(dx, dslope, dx, x, slope, inner)
					default:
						copy(dx, x)
						s.PReLUBackward(dx, dslope, dy, dx, slope, inner)
					}
					expectBits(t, "dx"+place, dx, c.DX, c.DY, c.X)
					expectDSlope(t, dslope, c, inner)
				}
			})
		}
		checked++
	}
	if checked == 0 {
		t.Fatal("no prelu case in the golden file")
	}
}

// expectDSlope checks dslope against the golden file's float64 sums, with
// the tolerance of the exact products' magnitudes.
func expectDSlope(t *testing.T, dslope []float32, c goldenCase, inner int) {
	t.Helper()
	for ch, got := range dslope {
		var sum verify.SlopeSum
		for i := ch * inner; i < len(c.X); i += len(dslope) * inner {
			for j := i; j < i+inner; j++ {
				if x := math.Float32frombits(c.X[j]); !(x > 0) {
					sum.AddProduct(math.Float32frombits(c.DY[j]), x)
				}
			}
		}
		want := float64(c.DSlopeReference[ch])
		if v := sum.Value(); !(v == want || v != v && want != want) {
			t.Fatalf("dslope[%d]: the golden file's float64 sum is %v, the exact one %v", ch, want, v)
		}
		if !sum.Accepts(got) {
			t.Errorf("dslope[%d] = %s, want %v within %g (PyTorch %s)", ch, testutil.Format(got), want, sum.Tolerance(),
				testutil.Format(math.Float32frombits(c.DSlope[ch])))
		}
	}
}

// goldenBackward names one backward pass of a golden op and the input it
// takes besides dy: "x", or "y" for the passes from the output.
type goldenBackward struct{ name, in string }

// smoothGoldenNames maps the smooth ops of the PyTorch golden file to
// simdact's functions: the forward and every backward pass.
var smoothGoldenNames = map[string]struct {
	forward   string
	backwards []goldenBackward
}{
	"sigmoid":  {"Sigmoid", []goldenBackward{{"SigmoidBackward", "x"}, {"SigmoidBackwardFromOutput", "y"}}},
	"tanh":     {"Tanh", []goldenBackward{{"TanhBackward", "x"}, {"TanhBackwardFromOutput", "y"}}},
	"silu":     {"SiLU", []goldenBackward{{"SiLUBackward", "x"}}},
	"gelu":     {"GELU", []goldenBackward{{"GELUBackward", "x"}}},
	"softplus": {"Softplus", []goldenBackward{{"SoftplusBackward", "x"}}},
	"mish":     {"Mish", []goldenBackward{{"MishBackward", "x"}}},
	"selu":     {"SELU", []goldenBackward{{"SELUBackward", "x"}}},
	"celu":     {"CELU", []goldenBackward{{"CELUBackward", "x"}}},

	"logsigmoid": {"LogSigmoid", []goldenBackward{{"LogSigmoidBackward", "x"}}},
	"softsign":   {"Softsign", []goldenBackward{{"SoftsignBackward", "x"}}},
}

// TestGoldenSmooth runs every implementation on the inputs of PyTorch's
// golden file for the smooth activations (edge values, NaN payloads, ±Inf,
// subnormals, tails, and 1000 random inputs for each op and parameter) and
// holds the results to simdact's contract: within the bound of the float64
// function, with its special values and limits, not PyTorch's bits, which
// are hundreds of ulp off in the tails (and NaN at -Inf for SiLU, GELU and
// Mish). It logs how many of PyTorch's own results that contract would
// reject.
func TestGoldenSmooth(t *testing.T) {
	cases := 0
	for _, c := range append(loadGolden(t, goldenFamilyFile), loadGolden(t, goldenEnginesFile)...) {
		names, ok := smoothGoldenNames[c.Op]
		if !ok {
			continue
		}
		cases++
		forward, backwards := names.forward, names.backwards
		if c.Op == "gelu" && c.Params["approximate"] == "tanh" {
			forward, backwards = "GELUTanh", []goldenBackward{{"GELUTanhBackward", "x"}}
		}
		suffix := goldenSuffix(c)
		f, ok := findForward(forward + suffix)
		if !ok {
			t.Errorf("golden %s: no kernel %s in verify's lists", c.name(), forward+suffix)
			continue
		}
		x, dy, y := floats(c.X), floats(c.DY), floats(c.Y)
		torchMisses := 0
		for i, v := range y {
			if _, _, ok := f.Check(v, x[i], f.Ref(x[i])); !ok {
				torchMisses++
			}
		}
		t.Logf("%-40s %d inputs; PyTorch's own y is outside simdact's bound on %d", c.name(), len(x), torchMisses)
		for _, s := range sets(t) {
			got := make([]float32, len(x))
			f.Run(s, got, x)
			for i, v := range got {
				if want, _, ok := f.Check(v, x[i], f.Ref(x[i])); !ok {
					t.Errorf("%s, %s: x=%s: got %s, want %s (PyTorch %s)", s.Name, f.Name,
						verify.Format(x[i]), verify.Format(v), verify.Format(want), verify.Format(y[i]))
				}
			}
			for _, gb := range backwards {
				b, ok := findBackward(gb.name + suffix)
				if !ok {
					t.Errorf("golden %s: no kernel %s in verify's lists", c.name(), gb.name+suffix)
					continue
				}
				in := x
				if gb.in == "y" {
					in = y
				}
				b.Run(s, got, dy, in)
				for i, v := range got {
					if want, _, ok := b.Check(v, dy[i], in[i]); !ok {
						t.Errorf("%s, %s: dy=%s, %s=%s: got %s, want %s", s.Name, b.Name, verify.Format(dy[i]), gb.in,
							verify.Format(in[i]), verify.Format(v), verify.Format(want))
					}
				}
			}
		}
	}
	if cases != 15 {
		t.Errorf("%d smooth cases in the golden files, want 15", cases)
	}
}

// TestGoldenGated runs every implementation of the gated units on the
// inputs of PyTorch's glu and of the compositions engines write
// (silu(gate)*up, gelu(gate)*up, in both forms, with gradients by
// autograd): every edge gate with ups of 0, ±Inf, NaN, 3e38 and tiny ones,
// then random inputs. It holds the results to simdact's bounds against
// float64, not to PyTorch's bits (two roundings in a composition), and
// logs how many of PyTorch's results those bounds would reject.
func TestGoldenGated(t *testing.T) {
	gates := map[string]verify.Gate{}
	for _, g := range verify.Gates() {
		gates[g.Name] = g
	}
	ops := map[string]string{"glu": "GLU", "swiglu": "SwiGLU", "geglu": "GeGLU", "geglu_tanh": "GeGLUTanh"}
	cases := 0
	for _, c := range loadGolden(t, goldenEnginesFile) {
		g, ok := gates[ops[c.Op]]
		if !ok {
			continue
		}
		cases++
		first, second, dy := floats(c.First), floats(c.Second), floats(c.DY)
		// check returns the outputs of the three results that break the
		// bounds: the forward, the first input's gradient, the second's.
		check := func(y, dfirst, dsecond []float32) (bad [3][]int) {
			forward := g.Forward()
			for i := range y {
				gate, up, dgate, dup := first[i], second[i], dfirst[i], dsecond[i]
				if !g.GateFirst {
					gate, up, dgate, dup = up, gate, dup, dgate
				}
				if _, ok := forward.Check(i, y[i], []float32{first[i], second[i]}); !ok {
					bad[0] = append(bad[0], i)
				}
				_, _, firstOK := g.CheckGateGradient(dgate, dy[i], up, gate)
				_, _, secondOK := g.CheckUpGradient(dup, dy[i], gate)
				if !g.GateFirst {
					firstOK, secondOK = secondOK, firstOK
				}
				if !firstOK {
					bad[1] = append(bad[1], i)
				}
				if !secondOK {
					bad[2] = append(bad[2], i)
				}
			}
			return bad
		}
		torch := check(floats(c.Y), floats(c.DFirst), floats(c.DSecond))
		t.Logf("%-12s %d inputs; PyTorch's results outside simdact's bounds: %s %d, %s %d, %s %d", c.Op, len(first),
			g.Names[0], len(torch[0]), g.Names[3], len(torch[1]), g.Names[4], len(torch[2]))
		for _, s := range sets(t) {
			y, dfirst, dsecond := make([]float32, len(first)), make([]float32, len(first)), make([]float32, len(first))
			g.Run(s, y, first, second)
			g.Backward(s, dfirst, dsecond, dy, first, second)
			for k, idx := range check(y, dfirst, dsecond) {
				if len(idx) > 0 {
					i := idx[0]
					got := [3]float32{y[i], dfirst[i], dsecond[i]}[k]
					t.Errorf("%s, %s: %d results of %s out of bounds, the first at dy=%s, %s=%s, %s=%s: got %s",
						s.Name, g.Name, len(idx), g.Names[[3]int{0, 3, 4}[k]], verify.Format(dy[i]), g.Names[1],
						verify.Format(first[i]), g.Names[2], verify.Format(second[i]), verify.Format(got))
				}
			}
		}
	}
	if cases != 4 {
		t.Errorf("%d gated cases in %s, want 4", cases, goldenEnginesFile)
	}
}

// goldenSuffix spells the parameters of c as verify names them:
// "/beta=2,threshold=10", "/alpha=0.5", or "" for none.
func goldenSuffix(c goldenCase) string {
	switch c.Op {
	case "softplus":
		return "/beta=" + verify.Format(c.param("beta")) + ",threshold=" + verify.Format(c.param("threshold"))
	case "celu":
		return "/alpha=" + verify.Format(c.param("alpha"))
	}
	return ""
}

func findForward(name string) (verify.Forward, bool) {
	for _, f := range verify.SmoothForwards() {
		if f.Name == name {
			return f, true
		}
	}
	return verify.Forward{}, false
}

func findBackward(name string) (verify.Backward, bool) {
	for _, b := range verify.SmoothBackwards() {
		if b.Name == name {
			return b, true
		}
	}
	return verify.Backward{}, false
}

// hardOp returns the forward and backward kernels of c's op, with its
// parameters, or false if it is not a hard one.
func hardOp(c goldenCase) (forward, backward verify.Elementwise, ok bool) {
	switch c.Op {
	case "hardtanh":
		lo, hi := c.param("min_val"), c.param("max_val")
		return verify.Hardtanh(lo, hi), verify.HardtanhBackward(lo, hi), true
	case "hardsigmoid":
		return verify.HardSigmoid, verify.HardSigmoidBackward, true
	case "hardswish":
		return verify.HardSwish, verify.HardSwishBackward, true
	case "threshold":
		th := c.param("threshold")
		return verify.Threshold(th, c.param("value")), verify.ThresholdBackward(th), true
	}
	return verify.Elementwise{}, verify.Elementwise{}, false
}

// TestGoldenHard checks every implementation on PyTorch's hardtanh,
// hardsigmoid, hardswish and threshold cases, out of place and in place:
// forward and backward bit for bit with PyTorch where x is not NaN, and
// with the contract's NaN rule where it is (PyTorch's vector and scalar
// paths disagree there).
func TestGoldenHard(t *testing.T) {
	checked := 0
	for _, c := range loadGolden(t, goldenFamilyFile) {
		forward, backward, ok := hardOp(c)
		if !ok {
			continue
		}
		name := c.name()
		x, dy := floats(c.X), floats(c.DY)
		for _, s := range sets(t) {
			t.Run(s.Name+"/"+name, func(t *testing.T) {
				for _, k := range []verify.Elementwise{forward, backward} {
					in, torch, output := [][]float32{x}, c.Y, "y"
					if len(k.Inputs) == 2 {
						in, torch, output = [][]float32{dy, x}, c.DX, "dx"
					}
					for inPlace := -1; inPlace < len(in); inPlace++ {
						out, args, what := make([]float32, len(x)), slices.Clone(in), output
						if inPlace >= 0 {
							copy(out, in[inPlace])
							args[inPlace], what = out, what+" in place on "+k.Inputs[inPlace]
						}
						k.Run(s, out, args)
						hardExpect(t, k, what, out, torch, in)
					}
				}
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

// hardExpect compares got, k's output (what) for the inputs in, with
// PyTorch's bits where x (the last input) is not NaN, and with the
// contract's result where it is.
func hardExpect(t *testing.T, k verify.Elementwise, what string, got []float32, torch []uint32, in [][]float32) {
	t.Helper()
	bad := 0
	values := make([]float32, len(in))
	for i := range got {
		for j := range in {
			values[j] = in[j][i]
		}
		want, source := math.Float32frombits(torch[i]), "PyTorch"
		if x := values[len(values)-1]; x != x {
			want, _ = k.Check(i, got[i], values)
			source = "the contract"
		}
		if math.Float32bits(got[i]) == math.Float32bits(want) {
			continue
		}
		t.Errorf("%s, %s[%d]: %v: got %s, %s %s", k.Name, what, i, values, testutil.Format(got[i]), source, testutil.Format(want))
		if bad++; bad == 5 {
			t.FailNow()
		}
	}
}

// TestGoldenSoftmax runs PyTorch's softmax and log_softmax cases (rows with
// 1e4-scale logits, -Inf entries, an all -Inf row, a NaN, tiny values)
// through every implementation: each result must meet the specification,
// be NaN exactly where PyTorch's is, and, forward, be ±0 or ±Inf where
// PyTorch's is (a masked entry). It logs the largest distance from
// PyTorch's finite results, in units of the specification's bound.
func TestGoldenSoftmax(t *testing.T) {
	kernels := map[string]verify.Rows{}
	for _, k := range verify.SoftmaxKernels() {
		kernels[k.Name] = k
	}
	names := map[string][2]string{"softmax": {"Softmax", "SoftmaxBackward"}, "log_softmax": {"LogSoftmax", "LogSoftmaxBackward"}}
	var cases []goldenCase
	for _, c := range loadGolden(t, goldenFamilyFile) {
		if _, ok := names[c.Op]; ok {
			cases = append(cases, c)
		}
	}
	if len(cases) == 0 {
		t.Fatal("no softmax cases in " + goldenFamilyFile)
	}
	for _, s := range sets(t) {
		for _, c := range cases {
			x, dy, y, dx := floats(c.X), floats(c.DY), floats(c.Y), floats(c.DX)
			for pass, k := range []verify.Rows{kernels[names[c.Op][0]], kernels[names[c.Op][1]]} {
				in, torch := [][]float32{x}, y
				if pass == 1 {
					in, torch = [][]float32{dy, y}, dx
				}
				out := make([]float32, len(torch))
				k.Run(s, out, in, c.Cols)
				if err := k.Elementwise(c.Cols).Compare(s.Name, "golden", out, in); err != nil {
					t.Fatal(err)
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
