// Package verify is the specification every implementation is held to: for
// each kernel, its reference result and what counts as a match (the same
// bits for the piecewise-linear kernels), and checked calls that lay the
// operands out at any offset, in place or not, inside sentinels. The tests
// and the benchmark tool's verify command both use it.
package verify

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"strings"

	"github.com/simdact/simdact/internal/testutil"
)

// An Elementwise kernel computes out[i] from the inputs at i alone.
type Elementwise struct {
	Name   string   // e.g. "ReLU" or "LeakyReLU/slope=0.01"
	Inputs []string // names of the input parameters, in order
	// Run calls the kernel of s with output out and inputs in.
	Run func(s Set, out []float32, in [][]float32)
	// Check returns the reference result for the input values of element
	// i, and whether got matches it.
	Check func(i int, got float32, in []float32) (want float32, ok bool)
	// Reduction, if set, checks the kernel's other output after Run, given
	// the inputs of that call (PReLUBackward's dslope).
	Reduction func(in [][]float32) error
	// Unit, if above 1, is the length of a row: a kernel of rows (Softmax,
	// and PReLU, whose rows are its channels) takes only lengths that are
	// multiples of it. A kernel of rows that is not checked element by
	// element has a Whole, which checks the output row by row, and no Check.
	Unit  int
	Whole func(out []float32, in [][]float32) error

	// Fill, if set, overwrites the inputs in (of one length, whole rows)
	// with values of the kinds the kernel must get right: rows of every
	// kind for Softmax, and values whose sums stay finite, as well as
	// special ones, for PReLU's dslope. Where it is nil, Draw fills every
	// input with testutil.Fill.
	Fill func(r *rand.Rand, in [][]float32)
	// Lengths are lengths at which the kernel's code changes regime beyond
	// those every kernel is tested at (every multiple of Unit up to 300,
	// and three rows): PReLU's row counts that pass the periods of its
	// accumulators.
	Lengths []int
	// Agree, if set, returns an error unless a and b, the outputs of two
	// implementations for the inputs in, agree where their bits differ:
	// each within its bound of the reference, they may lie up to twice
	// that apart (see Differ). Where it is nil, every implementation must
	// give the same bits.
	Agree func(a, b []float32, in [][]float32) error

	// Slices are the kernel's parameters that are slices (PReLU's slope),
	// and With returns the kernel with slices of the same lengths in their
	// place, and state of its own (see Extra): the guard-page test lays
	// them against inaccessible pages, and the concurrency test gives each
	// goroutine a kernel of its own. Both are nil where there are none.
	Slices [][]float32
	With   func(slices [][]float32) Elementwise
	// Extra, if set, returns the kernel's other output after its last Run
	// (PReLUBackward's dslope). Run keeps it in the kernel: one kernel must
	// not run on two goroutines at once (With makes another).
	Extra func() []float32
}

// Draw returns inputs of n elements (whole rows) for k, filled by k.Fill.
func (k Elementwise) Draw(r *rand.Rand, n int) [][]float32 {
	in := make([][]float32, len(k.Inputs))
	for j := range in {
		in[j] = make([]float32, n)
	}
	if k.Fill != nil {
		k.Fill(r, in)
	} else {
		for _, v := range in {
			testutil.Fill(r, v)
		}
	}
	return in
}

// Own returns k, or where k keeps state in its Run (see Extra), a kernel
// like it with state of its own.
func (k Elementwise) Own() Elementwise {
	if k.With == nil {
		return k
	}
	return k.With(k.Slices)
}

// Differ returns an error unless a and b, the outputs of two
// implementations of k for the inputs in, agree: as k.Agree says, or, where
// it is nil, as Same says.
func (k Elementwise) Differ(a, b []float32, in [][]float32) error {
	if k.Agree != nil {
		return k.Agree(a, b, in)
	}
	return k.Same(a, b, in)
}

// Same returns an error unless a and b, the outputs of two implementations
// of k for the inputs in, have the same bits, or are NaNs where the
// specification accepts either (where k is checked row by row, any NaN is
// right wherever one is).
func (k Elementwise) Same(a, b []float32, in [][]float32) error {
	if k.Check != nil {
		return agreeEach(k, nil)(a, b, in)
	}
	for i := range a {
		if math.Float32bits(a[i]) != math.Float32bits(b[i]) && !(isNaN(a[i]) && isNaN(b[i])) {
			return fmt.Errorf("element %d: %s and %s", i, testutil.Format(a[i]), testutil.Format(b[i]))
		}
	}
	return nil
}

// agreeEach returns the Agree of k from near, which reports whether two
// results that differ agree for the inputs of their element (nil: none
// do): element by element, results agree that have the same bits, or that
// are NaNs where k.Check accepts either, or that near accepts.
func agreeEach(k Elementwise, near func(a, b float32, in []float32) bool) func(a, b []float32, in [][]float32) error {
	return func(a, b []float32, in [][]float32) error {
		values := make([]float32, len(in))
		for i := range a {
			if math.Float32bits(a[i]) == math.Float32bits(b[i]) {
				continue
			}
			for j := range in {
				values[j] = in[j][i]
			}
			if isNaN(a[i]) && isNaN(b[i]) {
				if _, ok := k.Check(i, a[i], values); ok {
					if _, ok := k.Check(i, b[i], values); ok {
						continue
					}
				}
			} else if near != nil && near(a[i], b[i], values) {
				continue
			}
			return fmt.Errorf("element %d: %s: %s and %s", i, k.describe(values), testutil.Format(a[i]), testutil.Format(b[i]))
		}
		return nil
	}
}

// describe spells the input values of one element: "dy=1 (0x3f800000), x=...".
func (k Elementwise) describe(values []float32) string {
	in := make([]string, len(values))
	for i, v := range values {
		in[i] = k.Inputs[i] + "=" + testutil.Format(v)
	}
	return strings.Join(in, ", ")
}

// A Mismatch is a result that does not match the reference: it holds what
// reproduces it.
type Mismatch struct {
	Kernel, Impl, Call string
	Index, Len         int
	Inputs             []string // the inputs' names
	Values             []float32
	Got, Want          float32
}

func (m *Mismatch) Error() string {
	return fmt.Sprintf("%s, %s, %s, element %d of %d: %s: got %s, want %s",
		m.Kernel, m.Impl, m.Call, m.Index, m.Len, Elementwise{Inputs: m.Inputs}.describe(m.Values), testutil.Format(m.Got), testutil.Format(m.Want))
}

// Sentinel fills the memory around outputs: a signalling NaN that no kernel
// makes from any input.
const Sentinel = 0x7fb1b2b3

// pad is the number of sentinels on each side of an output.
const pad = 16

// Call runs k in s on the inputs in, with the output starting offset floats
// into a buffer of sentinels, or, if inPlace >= 0, in place on a copy of
// input inPlace laid out the same way. It returns the first result that
// does not match the reference, a sentinel that changed, or an
// out-of-place input that changed.
func (k Elementwise) Call(s Set, in [][]float32, offset, inPlace int) error {
	originals := make([][]float32, len(in))
	for j := range in {
		originals[j] = slices.Clone(in[j])
	}
	buf, out, call := k.lay(s, in, offset, inPlace)
	n := len(out)

	if err := k.Compare(s.Name, call, out, originals); err != nil {
		return err
	}
	if k.Reduction != nil {
		if err := k.Reduction(originals); err != nil {
			return fmt.Errorf("%s, %s, %s: %w", k.Name, s.Name, call, err)
		}
	}
	for i, v := range buf {
		if (i < pad+offset || i >= pad+offset+n) && math.Float32bits(v) != Sentinel {
			return fmt.Errorf("%s, %s, %s, n=%d: wrote %s at %d, outside the output", k.Name, s.Name, call, n, testutil.Format(v), i-pad-offset)
		}
	}
	if inPlace < 0 {
		for j := range in {
			if !slices.EqualFunc(in[j], originals[j], func(a, b float32) bool { return math.Float32bits(a) == math.Float32bits(b) }) {
				return fmt.Errorf("%s, %s, %s, n=%d: input %s changed", k.Name, s.Name, call, n, k.Inputs[j])
			}
		}
	}
	return nil
}

// lay runs k in s as Call describes and returns the buffer of sentinels,
// the output inside it, and the call's description.
func (k Elementwise) lay(s Set, in [][]float32, offset, inPlace int) (buf, out []float32, call string) {
	n := len(in[0])
	buf = make([]float32, pad+offset+n+pad)
	for i := range buf {
		buf[i] = math.Float32frombits(Sentinel)
	}
	out = buf[pad+offset : pad+offset+n]
	args := in
	if inPlace >= 0 {
		copy(out, in[inPlace])
		args = slices.Clone(in)
		args[inPlace] = out
	}
	k.Run(s, out, args)
	return buf, out, k.layout(offset, inPlace)
}

// layout describes where the output of a call lies, as Call takes offset
// and inPlace: "out of place at offset 3", "in place on x at offset 0".
func (k Elementwise) layout(offset, inPlace int) string {
	if inPlace >= 0 {
		return fmt.Sprintf("in place on %s at offset %d", k.Inputs[inPlace], offset)
	}
	return fmt.Sprintf("out of place at offset %d", offset)
}

// Compare checks every element of out against the reference for the
// inputs in and returns the first mismatch.
func (k Elementwise) Compare(impl, call string, out []float32, in [][]float32) error {
	if k.Whole != nil {
		if err := k.Whole(out, in); err != nil {
			return fmt.Errorf("%s, %s, %s, n=%d: %w", k.Name, impl, call, len(out), err)
		}
		return nil
	}
	values := make([]float32, len(in))
	for i, got := range out {
		for j := range in {
			values[j] = in[j][i]
		}
		if want, ok := k.Check(i, got, values); !ok {
			return &Mismatch{Kernel: k.Name, Impl: impl, Call: call, Index: i, Len: len(out),
				Inputs: k.Inputs, Values: slices.Clone(values), Got: got, Want: want}
		}
	}
	return nil
}
