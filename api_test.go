package simdact_test

import (
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
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

// TestPanics checks that every misuse of every function panics with its
// message, before writing anything, in the API, each asm.Impl this CPU runs
// and package kernels: slices of other lengths and partial overlaps (every
// function of verify.All()), rows that do not divide the length, PReLU's
// layouts, and parameters out of their domain.
func TestPanics(t *testing.T) {
	for _, s := range append(sets(t), impls.Kernels) {
		t.Run(s.Name, func(t *testing.T) {
			buf := make([]float32, 64)
			for _, c := range misuses(s, buf) {
				for i := range buf {
					buf[i] = -float32(i + 1)
				}
				if got := panicMessage(c.call); got != c.want {
					t.Errorf("got panic %q, want %q", got, c.want)
				}
				for i, v := range buf {
					if v != -float32(i+1) {
						t.Errorf("%q: wrote %v at %d before panicking", c.want, v, i)
						break
					}
				}
			}
		})
	}
}

// A misuse is a call that must panic with the message want.
type misuse struct {
	call func()
	want string
}

// misuses returns every misuse of the kernels of s that TestPanics makes,
// with operands in buf, which must hold 64 floats.
func misuses(s impls.Set, buf []float32) []misuse {
	a, b3, b4 := buf[0:4], buf[8:11], buf[8:12]
	shifted := buf[1:5]
	s2, d2 := buf[12:14], buf[16:18] // PReLU's slope and dslope
	var cases []misuse
	add := func(want string, call func()) { cases = append(cases, misuse{call, want}) }

	// Lengths and overlaps, for each function of one or two slices in (its
	// first setting); the gated units follow.
	gated := map[string]bool{}
	for _, g := range verify.Gates() {
		gated[g.Name], gated[g.Name+"Backward"] = true, true
	}
	for _, k := range functions(verify.All()) {
		if gated[baseName(k.Name)] {
			continue
		}
		name := "simdact: " + baseName(k.Name) + ": "
		if len(k.Inputs) == 1 {
			run := func(dst, x []float32) func() { return func() { k.Run(s, dst, [][]float32{x}) } }
			add(name+"len(dst)=4, len(x)=3", run(b4, b3))
			add(name+"len(dst)=3, len(x)=4", run(b3, b4))
			add(name+"dst and x overlap partially", run(shifted, a))
			add(name+"dst and x overlap partially", run(a, shifted))
			continue
		}
		run := func(dx, dy, v []float32) func() { return func() { k.Run(s, dx, [][]float32{dy, v}) } }
		v := k.Inputs[1]
		add(name+"len(dx)=4, len(dy)=4, len("+v+")=3", run(a, b4, b3))
		add(name+"len(dx)=4, len(dy)=3, len("+v+")=4", run(a, b3, b4))
		add(name+"len(dx)=3, len(dy)=4, len("+v+")=4", run(b3, b4, b4))
		add(name+"dx and dy overlap partially", run(shifted, a, b4))
		add(name+"dx and dy overlap partially", run(a, shifted, b4))
		add(name+"dx and "+v+" overlap partially", run(shifted, b4, a))
		add(name+"dx and "+v+" overlap partially", run(a, b4, shifted))
	}

	// The gated units: the forward pass's output and two inputs, and the
	// backward pass's two gradients, which may not overlap each other.
	c, d, e := buf[20:24], buf[24:28], buf[28:32]
	for _, g := range verify.Gates() {
		n := g.Names
		name := "simdact: " + g.Name + ": "
		run := func(dst, x, y []float32) func() { return func() { g.Run(s, dst, x, y) } }
		add(name+"len("+n[0]+")=4, len("+n[1]+")=4, len("+n[2]+")=3", run(a, b4, b3))
		add(name+"len("+n[0]+")=4, len("+n[1]+")=3, len("+n[2]+")=4", run(a, b3, b4))
		add(name+"len("+n[0]+")=3, len("+n[1]+")=4, len("+n[2]+")=4", run(b3, b4, b4))
		add(name+n[0]+" and "+n[1]+" overlap partially", run(shifted, a, b4))
		add(name+n[0]+" and "+n[2]+" overlap partially", run(a, b4, shifted))
		name = "simdact: " + g.Name + "Backward: "
		back := func(dx1, dx2, dy, x, y []float32) func() { return func() { g.Backward(s, dx1, dx2, dy, x, y) } }
		lengths := func(l [5]int) string {
			return fmt.Sprintf("len(%s)=%d, len(%s)=%d, len(dy)=%d, len(%s)=%d, len(%s)=%d", n[3], l[0], n[4], l[1], l[2], n[1], l[3], n[2], l[4])
		}
		add(name+lengths([5]int{4, 4, 4, 4, 3}), back(a, c, d, e, b3))
		add(name+lengths([5]int{4, 3, 4, 4, 4}), back(a, b3, d, e, c))
		add(name+lengths([5]int{4, 4, 3, 4, 4}), back(a, c, b3, e, d))
		add(name+n[3]+" and "+n[4]+" overlap", back(a, a, d, e, c))
		add(name+n[3]+" and "+n[4]+" overlap", back(a, shifted, d, e, c))
		add(name+n[3]+" and dy overlap partially", back(shifted, c, a, e, d))
		add(name+n[4]+" and "+n[2]+" overlap partially", back(a, c, d, e, buf[21:25]))
	}

	// Rows.
	for _, k := range verify.SoftmaxKernels() {
		name := "simdact: " + k.Name + ": "
		in := k.Inputs[len(k.Inputs)-1] // the input whose length cols must divide
		run := func(dst []float32, x []float32, cols int) func() {
			return func() { k.Run(s, dst, [][]float32{x, x}[:len(k.Inputs)], cols) }
		}
		add(name+"cols=0, want at least 1", run(a, b4, 0))
		add(name+"cols=-2, want at least 1", run(a, b4, -2))
		add(name+"cols=-3, want at least 1", run(nil, nil, -3))
		add(name+"len("+in+")=4 is not a multiple of cols=3", run(a, b4, 3))
		add(name+"len("+in+")=4 is not a multiple of cols=8", run(a, b4, 8))
		add(name+"len("+in+")=12 is not a multiple of cols=5", run(buf[20:32], buf[40:52], 5))
		if len(k.Inputs) == 1 {
			add(name+"len(dst)=2, len(x)=4", run(a[:2], b4, 2))
			add(name+"len(dst)=12, len(x)=16", run(buf[20:32], buf[40:56], 4))
			add(name+"dst and x overlap partially", run(shifted, a, 2))
			add(name+"dst and x overlap partially", run(buf[20:32], buf[22:34], 4))
			continue
		}
		rows := func(dx, dy, y []float32, cols int) func() {
			return func() { k.Run(s, dx, [][]float32{dy, y}, cols) }
		}
		add(name+"len(dx)=4, len(dy)=2, len(y)=4", rows(a, b4[:2], b4, 2))
		add(name+"len(dx)=12, len(dy)=16, len(y)=20", rows(buf[20:32], buf[32:48], make([]float32, 20), 4))
		add(name+"len(dx)=16, len(dy)=12, len(y)=12", rows(buf[20:36], buf[40:52], buf[40:52], 4))
		add(name+"dx and dy overlap partially", rows(shifted, a, b4, 2))
		add(name+"dx and dy overlap partially", rows(buf[20:32], buf[22:34], buf[40:52], 4))
		add(name+"dx and y overlap partially", rows(buf[20:32], buf[40:52], buf[22:34], 4))
	}

	// PReLU's layouts.
	for _, c := range []misuse{
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
	} {
		add(c.want, c.call)
	}

	// Parameters out of their domain (check.NonNegative, Range, NonZero,
	// Beta and Finite), after the lengths, which are checked first.
	nan, inf := float32(math.NaN()), float32(math.Inf(1))
	negZero := float32(math.Copysign(0, -1))
	for _, c := range []misuse{
		{func() { s.ELUBackwardFromOutput(a, b3, b4, -1) }, "simdact: ELUBackwardFromOutput: len(dx)=4, len(dy)=3, len(y)=4"},
		{func() { s.ELUBackwardFromOutput(a, b4, b4, -1) }, "simdact: ELUBackwardFromOutput: alpha=-1 must be >= 0"},
		{func() { s.ELUBackwardFromOutput(a, b4, b4, -0x1p-149) }, "simdact: ELUBackwardFromOutput: alpha=-1e-45 must be >= 0"},
		{func() { s.ELUBackwardFromOutput(a, b4, b4, -inf) }, "simdact: ELUBackwardFromOutput: alpha=-Inf must be >= 0"},
		{func() { s.ELUBackwardFromOutput(a, b4, b4, nan) }, "simdact: ELUBackwardFromOutput: alpha=NaN must be >= 0"},
		{func() { s.ELUBackwardFromOutput(nil, nil, nil, -1) }, "simdact: ELUBackwardFromOutput: alpha=-1 must be >= 0"},
		{func() { s.Hardtanh(a, b4, 1, -1) }, "simdact: Hardtanh: min=1 is not <= max=-1"},
		{func() { s.Hardtanh(a, b4, nan, 1) }, "simdact: Hardtanh: min=NaN is not <= max=1"},
		{func() { s.Hardtanh(a, b4, -inf, nan) }, "simdact: Hardtanh: min=-Inf is not <= max=NaN"},
		{func() { s.Hardtanh(nil, nil, 0x1p-149, 0) }, "simdact: Hardtanh: min=1e-45 is not <= max=0"},
		{func() { s.HardtanhBackward(a, b4, b4, 6, 0) }, "simdact: HardtanhBackward: min=6 is not <= max=0"},
		{func() { s.CELU(a, b4, 0) }, "simdact: CELU: alpha=0, want a non-zero number"},
		{func() { s.CELU(nil, nil, negZero) }, "simdact: CELU: alpha=-0, want a non-zero number"},
		{func() { s.CELU(a, b4, nan) }, "simdact: CELU: alpha=NaN, want a non-zero number"},
		{func() { s.CELUBackward(a, b4, b4, 0) }, "simdact: CELUBackward: alpha=0, want a non-zero number"},
	} {
		add(c.want, c.call)
	}
	for _, beta := range []float32{0, negZero, inf, -inf, nan} {
		want := fmt.Sprintf("beta=%v, want a finite non-zero number", beta)
		add("simdact: Softplus: "+want, func() { s.Softplus(a, b4, beta, 20) })
		add("simdact: SoftplusBackward: "+want, func() { s.SoftplusBackward(a, b4, b4, beta, 20) })
	}
	for _, beta := range []float32{inf, -inf, nan} {
		want := fmt.Sprintf("beta=%v, want a finite number", beta)
		add("simdact: Swish: "+want, func() { s.Swish(a, b4, beta) })
		add("simdact: SwishBackward: "+want, func() { s.SwishBackward(a, b4, b4, beta) })
	}
	return cases
}

// functions returns the first setting of each function of ks, less the
// kernels of rows of more than one element.
func functions(ks []verify.Elementwise) []verify.Elementwise {
	var fs []verify.Elementwise
	seen := map[string]bool{}
	for _, k := range ks {
		if name := baseName(k.Name); !seen[name] && unit(k) == 1 {
			seen[name] = true
			fs = append(fs, k)
		}
	}
	return fs
}

// TestValidCalls checks that calls the contract allows do not panic: empty
// slices (nil or not), and outputs that are the very same slice as an
// input, for every kernel of verify.All().
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
	r := rand.New(rand.NewPCG(2, 2))
	for _, k := range verify.All() {
		in := k.Draw(r, unit(k))
		calls := map[string]func(){"nil": func() { k.Run(impls.API, nil, make([][]float32, len(in))) }}
		for j := range in {
			calls["in place on "+k.Inputs[j]] = func() { k.Run(impls.API, in[j], in) }
		}
		for name, call := range calls {
			if msg := panicMessage(call); msg != "no panic" {
				t.Errorf("%s, %s: panicked: %s", k.Name, name, msg)
			}
		}
	}
}
