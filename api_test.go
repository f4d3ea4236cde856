package simdact_test

import (
	"errors"
	"math"
	"os"
	"os/exec"
	"runtime"
	"slices"
	"strings"
	"testing"

	"github.com/klauspost/cpuid/v2"
	"github.com/simdact/simdact"
	"github.com/simdact/simdact/internal/impls"
	"github.com/simdact/simdact/internal/verify"
)

// TestSelectedImplementation fails when the process runs other kernels than
// this CPU should get. It asks klauspost/cpuid, not the detection simdact
// uses (golang.org/x/sys/cpu), and, where CI sets SIMDACT_WANT_IMPL, what
// the machine is known to be. With SIMDACT_IMPL set, the process must run
// that implementation.
func TestSelectedImplementation(t *testing.T) {
	want := bestForThisCPU()
	if forced := os.Getenv("SIMDACT_IMPL"); forced != "" {
		want = forced
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

// bestForThisCPU returns the implementation that this CPU should get by
// default in this build, as klauspost/cpuid sees the CPU.
func bestForThisCPU() string {
	if len(impls.All()) == 1 { // no assembly in this build
		return "generic"
	}
	switch runtime.GOARCH {
	case "amd64":
		switch {
		case cpuid.CPU.Supports(cpuid.AVX2, cpuid.FMA3, cpuid.AVX512F, cpuid.AVX512BW, cpuid.AVX512DQ, cpuid.AVX512VL):
			return "avx512"
		case cpuid.CPU.Supports(cpuid.AVX2, cpuid.FMA3):
			return "avx2"
		}
	case "arm64":
		if cpuid.CPU.Supports(cpuid.ASIMD) {
			return "neon"
		}
	}
	return "generic"
}

// TestImplementationChoice runs this test binary again with SIMDACT_IMPL
// set to each name: one this CPU runs must be selected, and any other must
// stop the program at start-up with exit status 2 and a message that lists
// the choices.
func TestImplementationChoice(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: under an emulator (where CI runs -short), the child processes would run on the host CPU")
	}
	if os.Getenv("SIMDACT_IMPL") != "" {
		t.Skip("SIMDACT_IMPL is set: the child processes set it themselves")
	}
	runnable := map[string]bool{}
	for _, s := range impls.All() {
		runnable[s.Name] = s.Runs
	}
	var choices []string // best first
	for _, name := range impls.ISAs {
		if runnable[name] {
			choices = append(choices, name)
		}
	}
	for _, name := range append(slices.Clone(impls.ISAs), "avx9", "AVX2", " generic") {
		cmd := exec.Command(os.Args[0], "-test.run=^TestSelectedImplementation$", "-test.count=1")
		cmd.Env = append(os.Environ(), "SIMDACT_IMPL="+name, "SIMDACT_WANT_IMPL=")
		out, err := cmd.CombinedOutput()
		if runnable[name] {
			if err != nil {
				t.Errorf("SIMDACT_IMPL=%s: %v\n%s", name, err, out)
			}
			continue
		}
		var exit *exec.ExitError
		if !errors.As(err, &exit) || exit.ExitCode() != 2 {
			t.Errorf("SIMDACT_IMPL=%s: %v, want exit status 2\n%s", name, err, out)
		}
		msg := string(out)
		if !strings.HasPrefix(msg, "simdact: SIMDACT_IMPL="+name+": ") || !strings.Contains(msg, "this CPU runs "+strings.Join(choices, ", ")) {
			t.Errorf("SIMDACT_IMPL=%s: message %q does not name the choices %v", name, msg, choices)
		}
	}
}

// TestPanics checks that every misuse panics with its message, and before
// writing anything, in every exported function of every package: the API,
// each asm.Impl (the sets the CPU runs) and package kernels.
func TestPanics(t *testing.T) {
	for _, s := range append(sets(t), impls.Kernels) {
		t.Run(s.Name, func(t *testing.T) { testPanics(t, s) })
	}
}

// testPanics checks every misuse of the kernels of s.
func testPanics(t *testing.T, s impls.Set) {
	buf := make([]float32, 18)
	a, b3, b4 := buf[0:4], buf[8:11], buf[8:12]
	shifted := buf[1:5]
	s2, d2 := buf[12:14], buf[16:18] // PReLU's slope and dslope
	cases := []struct {
		call func()
		want string
	}{
		{func() { s.ReLU(b3, b4) }, "simdact: ReLU: len(dst)=3, len(x)=4"},
		{func() { s.ReLU(a, shifted) }, "simdact: ReLU: dst and x overlap partially"},
		{func() { s.ReLU(shifted, a) }, "simdact: ReLU: dst and x overlap partially"},
		{func() { s.ReLUBackward(a, b4, b3) }, "simdact: ReLUBackward: len(dx)=4, len(dy)=4, len(x)=3"},
		{func() { s.ReLUBackward(a, b3, b4) }, "simdact: ReLUBackward: len(dx)=4, len(dy)=3, len(x)=4"},
		{func() { s.ReLUBackward(a, shifted, b4) }, "simdact: ReLUBackward: dx and dy overlap partially"},
		{func() { s.ReLUBackward(a, b4, shifted) }, "simdact: ReLUBackward: dx and x overlap partially"},
		{func() { s.LeakyReLU(b4, b3, 0.1) }, "simdact: LeakyReLU: len(dst)=4, len(x)=3"},
		{func() { s.LeakyReLU(shifted, a, 0.1) }, "simdact: LeakyReLU: dst and x overlap partially"},
		{func() { s.LeakyReLUBackward(b3, b4, b4, 0.1) }, "simdact: LeakyReLUBackward: len(dx)=3, len(dy)=4, len(x)=4"},
		{func() { s.LeakyReLUBackward(shifted, a, b4, 0.1) }, "simdact: LeakyReLUBackward: dx and dy overlap partially"},
		{func() { s.LeakyReLUBackward(shifted, b4, a, 0.1) }, "simdact: LeakyReLUBackward: dx and x overlap partially"},

		{func() { s.PReLU(a, b4, s2, 0) }, "simdact: PReLU: inner=0, want at least 1"},
		{func() { s.PReLU(a, b4, s2, -3) }, "simdact: PReLU: inner=-3, want at least 1"},
		{func() { s.PReLU(a, b4, s2[:0], 1) }, "simdact: PReLU: slope is empty"},
		{func() { s.PReLU(b3, b3, s2, 1) }, "simdact: PReLU: len(x)=3 is not a multiple of len(slope)*inner=2*1"},
		{func() { s.PReLU(a, b4, s2, 4) }, "simdact: PReLU: len(x)=4 is not a multiple of len(slope)*inner=2*4"},
		{func() { s.PReLU(a, b4, s2, math.MaxInt) }, "simdact: PReLU: len(x)=4 is not a multiple of len(slope)*inner=2*9223372036854775807"},
		{func() { s.PReLU(a[:2], b4, s2, 1) }, "simdact: PReLU: len(dst)=2, len(x)=4"},
		{func() { s.PReLU(shifted, a, s2, 1) }, "simdact: PReLU: dst and x overlap partially"},
		{func() { s.PReLU(buf[12:16], b4, s2, 2) }, "simdact: PReLU: dst and slope overlap"},
		{func() { s.PReLUBackward(a, d2, b4, b4, s2, 0) }, "simdact: PReLUBackward: inner=0, want at least 1"},
		{func() { s.PReLUBackward(a, d2[:0], b4, b4, s2[:0], 1) }, "simdact: PReLUBackward: slope is empty"},
		{func() { s.PReLUBackward(a, d2, b4, b4, s2, 4) }, "simdact: PReLUBackward: len(x)=4 is not a multiple of len(slope)*inner=2*4"},
		{func() { s.PReLUBackward(a, d2[:1], b4, b4, s2, 1) }, "simdact: PReLUBackward: len(dslope)=1, len(slope)=2"},
		{func() { s.PReLUBackward(a[:2], d2, b4, b4, s2, 1) }, "simdact: PReLUBackward: len(dx)=2, len(dy)=4, len(x)=4"},
		{func() { s.PReLUBackward(a, d2, b4[:2], b4, s2, 1) }, "simdact: PReLUBackward: len(dx)=4, len(dy)=2, len(x)=4"},
		{func() { s.PReLUBackward(shifted, d2, a, b4, s2, 1) }, "simdact: PReLUBackward: dx and dy overlap partially"},
		{func() { s.PReLUBackward(shifted, d2, b4, a, s2, 1) }, "simdact: PReLUBackward: dx and x overlap partially"},
		{func() { s.PReLUBackward(buf[12:16], d2, b4, b4, s2, 2) }, "simdact: PReLUBackward: dx and slope overlap"},
		{func() { s.PReLUBackward(a, a[2:4], b4, b4, s2, 1) }, "simdact: PReLUBackward: dslope and dx overlap"},
		{func() { s.PReLUBackward(a, b4[3:5], b4, buf[4:8], s2, 1) }, "simdact: PReLUBackward: dslope and dy overlap"},
		{func() { s.PReLUBackward(a, b4[:2], buf[4:8], b4, s2, 1) }, "simdact: PReLUBackward: dslope and x overlap"},
		{func() { s.PReLUBackward(a, s2, b4, b4, s2, 1) }, "simdact: PReLUBackward: dslope and slope overlap"},
		{func() { s.PReLUBackward(a, buf[13:15], b4, b4, s2, 1) }, "simdact: PReLUBackward: dslope and slope overlap"},
		{func() { s.ELU(b4, b3, 1) }, "simdact: ELU: len(dst)=4, len(x)=3"},
		{func() { s.ELU(shifted, a, 1) }, "simdact: ELU: dst and x overlap partially"},
		{func() { s.ELUBackward(a, b4, b3, 1) }, "simdact: ELUBackward: len(dx)=4, len(dy)=4, len(x)=3"},
		{func() { s.ELUBackward(shifted, a, b4, 1) }, "simdact: ELUBackward: dx and dy overlap partially"},
		{func() { s.ELUBackward(shifted, b4, a, 1) }, "simdact: ELUBackward: dx and x overlap partially"},
		{func() { s.ELUBackwardFromOutput(a, b4, b3, 1) }, "simdact: ELUBackwardFromOutput: len(dx)=4, len(dy)=4, len(y)=3"},
		{func() { s.ELUBackwardFromOutput(a, b3, b4, -1) }, "simdact: ELUBackwardFromOutput: len(dx)=4, len(dy)=3, len(y)=4"},
		{func() { s.ELUBackwardFromOutput(shifted, a, b4, 1) }, "simdact: ELUBackwardFromOutput: dx and dy overlap partially"},
		{func() { s.ELUBackwardFromOutput(shifted, b4, a, 1) }, "simdact: ELUBackwardFromOutput: dx and y overlap partially"},
		{func() { s.ELUBackwardFromOutput(a, b4, b4, -1) }, "simdact: ELUBackwardFromOutput: alpha=-1 must be >= 0"},
		{func() { s.ELUBackwardFromOutput(a, b4, b4, -0x1p-149) }, "simdact: ELUBackwardFromOutput: alpha=-1e-45 must be >= 0"},
		{func() { s.ELUBackwardFromOutput(a, b4, b4, float32(math.Inf(-1))) }, "simdact: ELUBackwardFromOutput: alpha=-Inf must be >= 0"},
		{func() { s.ELUBackwardFromOutput(a, b4, b4, float32(math.NaN())) }, "simdact: ELUBackwardFromOutput: alpha=NaN must be >= 0"},
		{func() { s.ELUBackwardFromOutput(nil, nil, nil, -1) }, "simdact: ELUBackwardFromOutput: alpha=-1 must be >= 0"},
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
		"prelu empty": func() {
			simdact.PReLU(nil, nil, []float32{1}, 7)
			simdact.PReLUBackward(nil, make([]float32, 2), nil, nil, dy[:2], 3)
		},
		"prelu in place":   func() { simdact.PReLU(x, x, dy[:2], 2); simdact.PReLUBackward(x, make([]float32, 1), dy, x, dy[:1], 4) },
		"prelu dx on dy":   func() { simdact.PReLUBackward(dy, make([]float32, 4), dy, x, make([]float32, 4), 1) },
		"prelu slope is x": func() { simdact.PReLU(make([]float32, 4), x, x, 1) },
		"ELU":              func() { simdact.ELU(x, x, -1); simdact.ELUBackward(dy, dy, x, 0); simdact.ELUBackward(x, dy, x, 2) },
		"ELU alpha=-0":     func() { simdact.ELUBackwardFromOutput(dy, dy, x, float32(math.Copysign(0, -1))) },
		"ELU alpha=+Inf":   func() { simdact.ELUBackwardFromOutput(x, dy, x, float32(math.Inf(1))) },
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
		for _, l := range []verify.Layout{{C: 1, Inner: 1}, {C: 3, Inner: 1}, {C: 7, Inner: 5}, {C: 512, Inner: 1}, {C: 64, Inner: 49},
			{C: 2100, Inner: 1}, {C: 523, Inner: 7}, {C: 3000, Inner: 9}} {
			slope, dslope := make([]float32, l.C), make([]float32, l.C)
			m := max(n/(l.C*l.Inner), 1) * l.C * l.Inner
			x, dy, out := make([]float32, m), make([]float32, m), make([]float32, m)
			calls["PReLU/"+l.String()] = func() { simdact.PReLU(out, x, slope, l.Inner) }
			calls["PReLUBackward/"+l.String()] = func() { simdact.PReLUBackward(out, dslope, dy, x, slope, l.Inner) }
		}
		for name, call := range calls {
			if allocs := testing.AllocsPerRun(10, call); allocs != 0 {
				t.Errorf("%s(n=%d): %v allocations a call", name, n, allocs)
			}
		}
	}
}
