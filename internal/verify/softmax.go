package verify

import (
	"fmt"
	"math"
	"math/rand/v2"

	"github.com/simdact/simdact/internal/testutil"
)

// Accuracy bounds of the softmax family (docs/CONTRACT.md, "Accuracy").
const (
	// SoftmaxULP and SoftmaxAbsolute bound each Softmax result: within
	// SoftmaxULP ulp plus SoftmaxAbsolute of the float64 softmax.
	SoftmaxULP      = 2
	SoftmaxAbsolute = 0x1p-24
	// SoftmaxRowSum bounds the distance of a Softmax row's sum from 1.
	SoftmaxRowSum = 0x1p-20
	// LogSoftmaxULP and LogSoftmaxAbsolute bound each LogSoftmax result:
	// within LogSoftmaxULP ulp, or LogSoftmaxAbsolute, of the float64 value.
	LogSoftmaxULP      = 2
	LogSoftmaxAbsolute = 0x1p-22
	// SoftmaxBackwardRelative scales the row's sum of magnitudes (see
	// SoftmaxKernels) into the error a backward result may make.
	SoftmaxBackwardRelative = 0x1p-20
	// Underflow is the absolute slack of the backward passes for results
	// and sums that are subnormal in float32 (see SoftmaxKernels).
	Underflow = 0x1p-149
)

// Rows is a kernel that computes each row of cols elements of its output
// from the same row of its inputs.
type Rows struct {
	Name   string   // "Softmax", "SoftmaxBackward", ...
	Inputs []string // names of the input parameters, in order
	// Run calls the kernel of s with output out, inputs in and cols.
	Run func(s Set, out []float32, in [][]float32, cols int)
	// Check compares out, one row of results, with the reference for the
	// same row of each input, and returns the first mismatch.
	Check func(out []float32, in [][]float32) error
	// Ref returns the float64 reference of each element of one row of
	// inputs, and the absolute error each may make (for accuracy tables).
	Ref func(in [][]float32) (ref, bound []float64)
	// output is, for a backward kernel, the reference of its forward
	// kernel, whose output is the backward kernel's y.
	output rowRef
}

// SoftmaxKernels returns Softmax, LogSoftmax and their backward passes.
// The references compute in float64: m the row maximum (NaN if the row
// holds one), e[i] = exp(x[i] - m), s their sum; Softmax is e[i]/s and
// LogSoftmax (x[i] - m) - log(s). SoftmaxBackward is y[i]·(dy[i] - g),
// within 2^-20·max(1, |y[i]|)·sum(|dy·y|) + (1 + |y[i]|)·2^-149 (the last
// for subnormal results and g), with g = sum(dy·y) rounded to
// float32 (a row's g is infinite where it overflows float32, as in
// PyTorch's float32 sums), and any result where |y[i]·g| overflows
// float32; LogSoftmaxBackward is dy[i] - exp(y[i])·g with g = sum(dy)
// rounded to float32 and exp(y) = +Inf where float32 overflows, within
// 2^-20·(|dy[i]| + sum(|dy|)·exp(y[i])) + (1 + |g| + exp(y[i]))·2^-149 (the
// sum of magnitudes allows for the order of the summation where the row's
// dy cancel).
//
// A NaN reference must come out NaN (any NaN); the reference rounded to
// float32 always matches (the infinities of float32 overflow); a reference
// of ±Inf needs those bits, and so does a Softmax reference of +0 (-Inf
// entries and exponentials that float64 flushes); a LogSoftmax or backward
// reference of 0, which rounding makes, is met within the bound.
func SoftmaxKernels() []Rows {
	return []Rows{
		{Name: "Softmax", Inputs: []string{"x"}, Check: checkSoftmax, Ref: softmaxRef,
			Run: func(s Set, out []float32, in [][]float32, cols int) { s.Softmax(out, in[0], cols) }},
		{Name: "LogSoftmax", Inputs: []string{"x"}, Check: checkRow(logSoftmaxRef, false), Ref: logSoftmaxRef,
			Run: func(s Set, out []float32, in [][]float32, cols int) { s.LogSoftmax(out, in[0], cols) }},
		{Name: "SoftmaxBackward", Inputs: []string{"dy", "y"}, Check: checkRow(softmaxBackwardRef, false), Ref: softmaxBackwardRef,
			Run:    func(s Set, out []float32, in [][]float32, cols int) { s.SoftmaxBackward(out, in[0], in[1], cols) },
			output: softmaxRef},
		{Name: "LogSoftmaxBackward", Inputs: []string{"dy", "y"}, Check: checkRow(logSoftmaxBackwardRef, false), Ref: logSoftmaxBackwardRef,
			Run:    func(s Set, out []float32, in [][]float32, cols int) { s.LogSoftmaxBackward(out, in[0], in[1], cols) },
			output: logSoftmaxRef},
	}
}

// A rowRef is the Ref of a Rows.
type rowRef func(in [][]float32) (ref, bound []float64)

// rowStats returns the float64 maximum of x (NaN if x holds one) and the
// sum of exp(x[i] - m).
func rowStats(x []float32) (m, s float64) {
	m = math.Inf(-1)
	for _, v := range x {
		m = math.Max(m, float64(v))
	}
	for _, v := range x {
		s += math.Exp(float64(v) - m)
	}
	return m, s
}

// softmaxRef is Softmax's rowRef.
func softmaxRef(in [][]float32) (ref, bound []float64) {
	x := in[0]
	m, s := rowStats(x)
	ref, bound = make([]float64, len(x)), make([]float64, len(x))
	for i, v := range x {
		ref[i] = math.Exp(float64(v)-m) / s
		bound[i] = SoftmaxULP*ulp(float32(ref[i])) + SoftmaxAbsolute
	}
	return ref, bound
}

// logSoftmaxRef is LogSoftmax's rowRef.
func logSoftmaxRef(in [][]float32) (ref, bound []float64) {
	x := in[0]
	m, s := rowStats(x)
	l := math.Log(s)
	ref, bound = make([]float64, len(x)), make([]float64, len(x))
	for i, v := range x {
		ref[i] = (float64(v) - m) - l
		bound[i] = max(LogSoftmaxULP*ulp(float32(ref[i])), LogSoftmaxAbsolute)
	}
	return ref, bound
}

// softmaxBackwardRef is SoftmaxBackward's rowRef.
func softmaxBackwardRef(in [][]float32) (ref, bound []float64) {
	dy, y := in[0], in[1]
	var g, mag float64
	for i, v := range y {
		g += float64(dy[i]) * float64(v)
		mag += math.Abs(float64(dy[i]) * float64(v))
	}
	g = float64(float32(g))
	ref, bound = make([]float64, len(y)), make([]float64, len(y))
	for i, v := range y {
		ref[i] = float64(v) * (float64(dy[i]) - g)
		bound[i] = SoftmaxBackwardRelative*max(1, math.Abs(float64(v)))*mag + (1+math.Abs(float64(v)))*Underflow
		if math.Abs(float64(v)*g) > math.MaxFloat32 {
			bound[i] = math.Inf(1)
		}
	}
	return ref, bound
}

// logSoftmaxBackwardRef is LogSoftmaxBackward's rowRef.
func logSoftmaxBackwardRef(in [][]float32) (ref, bound []float64) {
	dy, y := in[0], in[1]
	var g, mag float64
	for _, v := range dy {
		g += float64(v)
		mag += math.Abs(float64(v))
	}
	g = float64(float32(g))
	ref, bound = make([]float64, len(y)), make([]float64, len(y))
	for i, v := range y {
		e := math.Exp(float64(v))
		if math.IsInf(float64(float32(e)), 1) {
			e = math.Inf(1)
		}
		ref[i] = float64(dy[i]) - e*g
		bound[i] = SoftmaxBackwardRelative*(math.Abs(float64(dy[i]))+mag*e) + (1+math.Abs(g)+e)*Underflow
	}
	return ref, bound
}

// checkRow returns the Check of a kernel with reference f: every result as
// RowMatch says.
func checkRow(f rowRef, exactZero bool) func(out []float32, in [][]float32) error {
	return func(out []float32, in [][]float32) error {
		ref, bound := f(in)
		for i, got := range out {
			if !RowMatch(got, ref[i], bound[i], exactZero) {
				return rowMismatch(i, got, ref[i], bound[i], in)
			}
		}
		return nil
	}
}

// RowMatch reports whether got matches ref within bound as SoftmaxKernels
// says: an infinite bound accepts anything, a NaN ref needs a NaN, the
// bits of ref rounded to float32 always match, an infinite ref, or with
// exactZero a ref of 0, needs those bits, and otherwise got must be Within
// bound of ref.
func RowMatch(got float32, ref, bound float64, exactZero bool) bool {
	switch {
	case math.IsInf(bound, 1):
		return true
	case math.IsNaN(ref):
		return isNaN(got)
	case math.Float32bits(got) == math.Float32bits(float32(ref)):
		return true
	case math.IsInf(ref, 0) || (ref == 0 && exactZero):
		return false
	}
	return Within(got, ref, bound)
}

// rowMismatch describes the result got at i of a row that does not match.
func rowMismatch(i int, got float32, ref, bound float64, in [][]float32) error {
	vals := ""
	for j := range in {
		vals += " " + testutil.Format(in[j][i])
	}
	return fmt.Errorf("element %d of %d (inputs%s): got %s, want %v within %.3g", i, len(in[0]), vals, testutil.Format(got), ref, bound)
}

// checkSoftmax is Softmax's Check: every result as checkRow says, and the
// row's sum within SoftmaxRowSum of 1 where the row is not NaN.
func checkSoftmax(out []float32, in [][]float32) error {
	if err := checkRow(softmaxRef, true)(out, in); err != nil {
		return err
	}
	var sum float64
	for _, v := range out {
		sum += float64(v)
	}
	if !math.IsNaN(sum) && math.Abs(sum-1) > SoftmaxRowSum {
		return fmt.Errorf("the row of %d sums to 1%+g", len(out), sum-1)
	}
	return nil
}

// ulp returns the distance from |v| to the next float32 away from zero.
func ulp(v float32) float64 {
	a := float32(math.Abs(float64(v)))
	if math.IsInf(float64(a), 0) {
		return math.Inf(1)
	}
	return float64(math.Nextafter32(a, float32(math.Inf(1))) - a)
}

// A RowKind makes one row of inputs of a kind that the row kernels must get
// right.
type RowKind struct {
	Name string
	Fill func(r *rand.Rand, row []float32)
}

// RowKinds are the kinds of rows of x (and of dy) the tests run: ordinary
// logits, huge (1e4) and tiny ones, a wide spread, rows with -Inf entries,
// of -Inf alone, with a NaN, with +Inf, constant rows, and any bits.
var RowKinds = []RowKind{
	{"ordinary", func(r *rand.Rand, row []float32) { normals(r, row, 3) }},
	{"huge", func(r *rand.Rand, row []float32) { normals(r, row, 1e4) }},
	{"tiny", func(r *rand.Rand, row []float32) { normals(r, row, 1e-30) }},
	{"wide", func(r *rand.Rand, row []float32) { normals(r, row, 60) }},
	{"masked", func(r *rand.Rand, row []float32) {
		normals(r, row, 3)
		for i := range row {
			if r.IntN(3) == 0 && i != len(row)/2 {
				row[i] = float32(math.Inf(-1))
			}
		}
	}},
	{"all -Inf", func(r *rand.Rand, row []float32) { fill(row, float32(math.Inf(-1))) }},
	{"NaN", func(r *rand.Rand, row []float32) {
		normals(r, row, 3)
		row[r.IntN(len(row))] = math.Float32frombits(0x7fc12345)
	}},
	{"+Inf", func(r *rand.Rand, row []float32) {
		normals(r, row, 3)
		row[r.IntN(len(row))] = float32(math.Inf(1))
	}},
	{"constant", func(r *rand.Rand, row []float32) { fill(row, -7.25) }},
	{"any bits", func(r *rand.Rand, row []float32) { testutil.Fill(r, row) }},
}

// normals fills row with normally distributed values of deviation sd.
func normals(r *rand.Rand, row []float32, sd float64) {
	for i := range row {
		row[i] = float32(r.NormFloat64() * sd)
	}
}

// fill sets every element of row to v.
func fill(row []float32, v float32) {
	for i := range row {
		row[i] = v
	}
}

// Draw returns the inputs of k for rows rows of cols elements of kind
// kind: x, or dy of that kind and y, the forward kernel's output for a row
// of ordinary logits (a probability for SoftmaxBackward, a log-probability
// for LogSoftmaxBackward).
func (k Rows) Draw(r *rand.Rand, kind RowKind, rows, cols int) [][]float32 {
	in := make([][]float32, len(k.Inputs))
	for j := range in {
		in[j] = make([]float32, rows*cols)
	}
	k.fillRows(r, in, cols, func(int) RowKind { return kind })
	return in
}

// fillRows fills the rows of cols of the inputs in: row i of the first
// input of kind(i), and each of the second (y) as Draw says.
func (k Rows) fillRows(r *rand.Rand, in [][]float32, cols int, kind func(i int) RowKind) {
	for i := 0; i+cols <= len(in[0]); i += cols {
		kind(i/cols).Fill(r, in[0][i:i+cols])
		if len(in) == 2 {
			y := in[1][i : i+cols]
			normals(r, y, 3)
			ref, _ := k.output([][]float32{y})
			for c, v := range ref {
				y[c] = float32(v)
			}
		}
	}
}

// agreeRows returns an error unless a and b, two results of k for the
// inputs in, in rows of cols, are both NaN or lie within twice the bound of
// each other wherever they differ (each is within the bound of the
// reference).
func (k Rows) agreeRows(a, b []float32, in [][]float32, cols int) error {
	row := make([][]float32, len(in))
	for i := 0; i+cols <= len(a); i += cols {
		for j := range in {
			row[j] = in[j][i : i+cols]
		}
		var bound []float64
		for c := range cols {
			x, y := a[i+c], b[i+c]
			if math.Float32bits(x) == math.Float32bits(y) || (isNaN(x) && isNaN(y)) {
				continue
			}
			if bound == nil {
				_, bound = k.Ref(row)
			}
			if !(math.Abs(float64(x)-float64(y)) <= 2*bound[c]) {
				return fmt.Errorf("row %d, element %d: %s and %s", i/cols, c, testutil.Format(x), testutil.Format(y))
			}
		}
	}
	return nil
}
