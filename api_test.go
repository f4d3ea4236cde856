package simdact_test

import (
	"math"
	"os"
	"runtime"
	"testing"

	"github.com/klauspost/cpuid/v2"
	"github.com/simdact/simdact"
	"github.com/simdact/simdact/internal/impls"
)

// TestSelectedImplementation fails when the process runs other kernels than
// this CPU should get. It asks klauspost/cpuid, not the detection simdact
// uses (golang.org/x/sys/cpu), and, where CI sets SIMDACT_WANT_IMPL, what
// the machine is known to be.
func TestSelectedImplementation(t *testing.T) {
	want := "generic"
	compiled := len(impls.All()) > 1
	if compiled && os.Getenv("SIMDACT_IMPL") != "generic" {
		switch runtime.GOARCH {
		case "amd64":
			if cpuid.CPU.Supports(cpuid.AVX2, cpuid.FMA3) {
				want = "avx2"
			}
		case "arm64":
			if cpuid.CPU.Supports(cpuid.ASIMD) {
				want = "neon"
			}
		}
	}
	if got := simdact.Implementation(); got != want {
		t.Errorf("Implementation() = %q, want %q for this CPU and build", got, want)
	}
	if expected := os.Getenv("SIMDACT_WANT_IMPL"); expected != "" && expected != want {
		t.Errorf("SIMDACT_WANT_IMPL=%s, but this CPU and build should select %q", expected, want)
	}
	for _, s := range impls.All() {
		if s.ISA == want && !s.Runs {
			t.Errorf("%s should run on this CPU but is marked as not runnable", s.Name)
		}
	}
}

// TestPanics checks that every misuse panics with its message, and before
// writing anything.
func TestPanics(t *testing.T) {
	buf := make([]float32, 16)
	a, b3, b4 := buf[0:4], buf[8:11], buf[8:12]
	shifted := buf[1:5]
	cases := []struct {
		call func()
		want string
	}{
		{func() { simdact.ReLU(b3, b4) }, "simdact: ReLU: len(dst)=3, len(x)=4"},
		{func() { simdact.ReLU(a, shifted) }, "simdact: ReLU: dst and x overlap partially"},
		{func() { simdact.ReLU(shifted, a) }, "simdact: ReLU: dst and x overlap partially"},
		{func() { simdact.ReLUBackward(a, b4, b3) }, "simdact: ReLUBackward: len(dx)=4, len(dy)=4, len(x)=3"},
		{func() { simdact.ReLUBackward(a, b3, b4) }, "simdact: ReLUBackward: len(dx)=4, len(dy)=3, len(x)=4"},
		{func() { simdact.ReLUBackward(a, shifted, b4) }, "simdact: ReLUBackward: dx and dy overlap partially"},
		{func() { simdact.ReLUBackward(a, b4, shifted) }, "simdact: ReLUBackward: dx and x overlap partially"},
		{func() { simdact.LeakyReLU(b4, b3, 0.1) }, "simdact: LeakyReLU: len(dst)=4, len(x)=3"},
		{func() { simdact.LeakyReLU(shifted, a, 0.1) }, "simdact: LeakyReLU: dst and x overlap partially"},
		{func() { simdact.LeakyReLUBackward(b3, b4, b4, 0.1) }, "simdact: LeakyReLUBackward: len(dx)=3, len(dy)=4, len(x)=4"},
		{func() { simdact.LeakyReLUBackward(shifted, a, b4, 0.1) }, "simdact: LeakyReLUBackward: dx and dy overlap partially"},
		{func() { simdact.LeakyReLUBackward(shifted, b4, a, 0.1) }, "simdact: LeakyReLUBackward: dx and x overlap partially"},
		{func() { simdact.ELU(b4, b3, 1) }, "simdact: ELU: len(dst)=4, len(x)=3"},
		{func() { simdact.ELU(shifted, a, 1) }, "simdact: ELU: dst and x overlap partially"},
		{func() { simdact.ELUBackward(a, b4, b3, 1) }, "simdact: ELUBackward: len(dx)=4, len(dy)=4, len(x)=3"},
		{func() { simdact.ELUBackward(shifted, a, b4, 1) }, "simdact: ELUBackward: dx and dy overlap partially"},
		{func() { simdact.ELUBackward(shifted, b4, a, 1) }, "simdact: ELUBackward: dx and x overlap partially"},
		{func() { simdact.ELUBackwardFromOutput(a, b4, b3, 1) }, "simdact: ELUBackwardFromOutput: len(dx)=4, len(dy)=4, len(y)=3"},
		{func() { simdact.ELUBackwardFromOutput(a, b3, b4, -1) }, "simdact: ELUBackwardFromOutput: len(dx)=4, len(dy)=3, len(y)=4"},
		{func() { simdact.ELUBackwardFromOutput(shifted, a, b4, 1) }, "simdact: ELUBackwardFromOutput: dx and dy overlap partially"},
		{func() { simdact.ELUBackwardFromOutput(shifted, b4, a, 1) }, "simdact: ELUBackwardFromOutput: dx and y overlap partially"},
		{func() { simdact.ELUBackwardFromOutput(a, b4, b4, -1) }, "simdact: ELUBackwardFromOutput: alpha=-1 must be >= 0"},
		{func() { simdact.ELUBackwardFromOutput(a, b4, b4, -0x1p-149) }, "simdact: ELUBackwardFromOutput: alpha=-1e-45 must be >= 0"},
		{func() { simdact.ELUBackwardFromOutput(a, b4, b4, float32(math.Inf(-1))) }, "simdact: ELUBackwardFromOutput: alpha=-Inf must be >= 0"},
		{func() { simdact.ELUBackwardFromOutput(a, b4, b4, float32(math.NaN())) }, "simdact: ELUBackwardFromOutput: alpha=NaN must be >= 0"},
		{func() { simdact.ELUBackwardFromOutput(nil, nil, nil, -1) }, "simdact: ELUBackwardFromOutput: alpha=-1 must be >= 0"},
	}
	for _, c := range cases {
		for i := range buf {
			buf[i] = -float32(i + 1)
		}
		got := panicMessage(c.call)
		if got != c.want {
			t.Errorf("got panic %q, want %q", got, c.want)
		}
		for i, v := range buf {
			if v != -float32(i+1) {
				t.Errorf("%q: wrote %v at %d before panicking", c.want, v, i)
				break
			}
		}
	}
}

func panicMessage(call func()) (msg string) {
	defer func() {
		if r := recover(); r != nil {
			msg, _ = r.(string)
			if msg == "" {
				msg = "non-string panic"
			}
		}
	}()
	call()
	return "no panic"
}

// TestValidCalls checks that calls the contract allows do not panic: empty
// slices (nil or not), and outputs that are the very same slice as an input.
func TestValidCalls(t *testing.T) {
	x := []float32{-1, 2, -3, 4}
	dy := []float32{1, 1, 1, 1}
	calls := map[string]func(){
		"nil":               func() { simdact.ReLU(nil, nil); simdact.ReLUBackward(nil, nil, nil) },
		"empty":             func() { simdact.LeakyReLU(x[:0], x[2:2], 0.1); simdact.LeakyReLUBackward(x[1:1], x[:0], dy[:0], 0.1) },
		"adjacent":          func() { simdact.ReLU(x[:2], x[2:]) },
		"in place":          func() { simdact.ReLU(x, x); simdact.ReLUBackward(dy, dy, x); simdact.LeakyReLUBackward(x, dy, x, 0.5) },
		"dy and x overlap":  func() { simdact.ReLUBackward(make([]float32, 3), x[:3], x[1:]) },
		"empty in full buf": func() { simdact.ReLU(x[1:1], x[2:2]) },
		"ELU":               func() { simdact.ELU(x, x, -1); simdact.ELUBackward(dy, dy, x, 0); simdact.ELUBackward(x, dy, x, 2) },
		"ELU alpha=-0":      func() { simdact.ELUBackwardFromOutput(dy, dy, x, float32(math.Copysign(0, -1))) },
		"ELU alpha=+Inf":    func() { simdact.ELUBackwardFromOutput(x, dy, x, float32(math.Inf(1))) },
	}
	for name, call := range calls {
		if msg := panicMessage(call); msg != "no panic" {
			t.Errorf("%s: panicked: %s", name, msg)
		}
	}
}

// TestNoAllocations checks that no call allocates, at a size that streams
// and one that does not.
func TestNoAllocations(t *testing.T) {
	for _, n := range []int{100, 1 << 20} {
		x, dy, out := make([]float32, n), make([]float32, n), make([]float32, n)
		calls := map[string]func(){
			"ReLU":                  func() { simdact.ReLU(out, x) },
			"ReLUBackward":          func() { simdact.ReLUBackward(out, dy, x) },
			"LeakyReLU":             func() { simdact.LeakyReLU(out, x, 0.1) },
			"LeakyReLUBackward":     func() { simdact.LeakyReLUBackward(out, dy, x, 0.1) },
			"ELU":                   func() { simdact.ELU(out, x, 1) },
			"ELUBackward":           func() { simdact.ELUBackward(out, dy, x, 10) },
			"ELUBackwardFromOutput": func() { simdact.ELUBackwardFromOutput(out, dy, x, 1) },
		}
		for name, call := range calls {
			if allocs := testing.AllocsPerRun(10, call); allocs != 0 {
				t.Errorf("%s(n=%d): %v allocations a call", name, n, allocs)
			}
		}
	}
}
