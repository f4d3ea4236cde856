package simdact_test

import (
	"testing"

	"github.com/simdact/simdact/internal/verify"
)

// smoothGoldenNames maps the smooth ops of the PyTorch golden file to
// simdact's functions: the forward, and the backward with the input it
// takes ("y" for the backward passes from the output).
var smoothGoldenNames = map[string]struct{ forward, backward, in string }{
	"sigmoid":  {"Sigmoid", "SigmoidBackward", "y"},
	"tanh":     {"Tanh", "TanhBackward", "y"},
	"silu":     {"SiLU", "SiLUBackward", "x"},
	"gelu":     {"GELU", "GELUBackward", "x"},
	"softplus": {"Softplus", "SoftplusBackward", "x"},
	"mish":     {"Mish", "MishBackward", "x"},
	"selu":     {"SELU", "SELUBackward", "x"},
	"celu":     {"CELU", "CELUBackward", "x"},
}

// TestSmoothGolden runs every implementation on the inputs of PyTorch's
// golden file for the smooth activations (edge values, NaN payloads, ±Inf,
// subnormals, tails, and 1000 random inputs for each op and parameter) and
// holds the results to simdact's contract: within the bound of the float64
// function, with its special values and limits, not PyTorch's bits, which
// are hundreds of ulp off in the tails (and NaN at -Inf for SiLU, GELU and
// Mish). It logs how many of PyTorch's own results that contract would
// reject.
func TestSmoothGolden(t *testing.T) {
	cases := 0
	for _, c := range familyGolden(t) {
		names, ok := smoothGoldenNames[c.Op]
		if !ok {
			continue
		}
		cases++
		forward, backward := names.forward, names.backward
		if c.Op == "gelu" && c.Params["approximate"] == "tanh" {
			forward, backward = "GELUTanh", "GELUTanhBackward"
		}
		suffix := goldenSuffix(c)
		f, fok := findForward(forward + suffix)
		b, bok := findBackward(backward + suffix)
		if !fok || !bok {
			t.Errorf("golden %s: no kernels %s and %s in verify's lists", c.name(), forward+suffix, backward+suffix)
			continue
		}
		x, dy, y := floats(c.X), floats(c.DY), floats(c.Y)
		in := x
		if names.in == "y" {
			in = y
		}
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
			b.Run(s, got, dy, in)
			for i, v := range got {
				if want, _, ok := b.Check(v, dy[i], in[i]); !ok {
					t.Errorf("%s, %s: dy=%s, %s=%s: got %s, want %s", s.Name, b.Name, verify.Format(dy[i]), names.in,
						verify.Format(in[i]), verify.Format(v), verify.Format(want))
				}
			}
		}
	}
	if cases != 13 {
		t.Errorf("%d smooth cases in the golden file, want 13", cases)
	}
}

// goldenSuffix spells the parameters of c as verify names them:
// "/beta=2,threshold=10", "/alpha=0.5", or "" for none.
func goldenSuffix(c familyCase) string {
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
