package verify

import (
	"fmt"
	"io"
	"slices"
	"strings"
	"text/tabwriter"

	"github.com/simdact/simdact/internal/testutil"
)

// A Case is one checked call of a kernel: its inputs, and where its output
// lies (see Elementwise.Call).
type Case struct {
	Kernel  Elementwise
	In      [][]float32
	Offset  int // the output's start in its buffer of sentinels, in floats
	InPlace int // the input the output overwrites, or -1 for none
}

// Len is the number of elements of c.
func (c Case) Len() int { return len(c.In[0]) }

// Layout describes where c's output lies: "in place on x at offset 3".
func (c Case) Layout() string { return c.Kernel.layout(c.Offset, c.InPlace) }

// Check runs c in s and returns what Elementwise.Call returns.
func (c Case) Check(s Set) error { return c.Kernel.Call(s, c.In, c.Offset, c.InPlace) }

// Shrink returns the smallest case that it finds still failing in s,
// starting from c, which fails: out of place and at offset 0 where that
// still fails, then without each run of elements whose removal keeps it
// failing: first all but the shortest failing prefix, then runs of half the
// elements, a quarter, and so on down to single elements (whole rows for a
// kernel of rows).
func (c Case) Shrink(s Set) Case {
	fails := func(d Case) bool { return d.Check(s) != nil }
	if d := c; d.InPlace >= 0 {
		d.InPlace = -1
		if fails(d) {
			c = d
		}
	}
	if d := c; d.Offset != 0 {
		d.Offset = 0
		if fails(d) {
			c = d
		}
	}
	unit := max(c.Kernel.Unit, 1) // rows shrink whole
	for n := 0; n < c.Len(); n += unit {
		if d := c.without(n, c.Len()); fails(d) {
			c = d
			break
		}
	}
	for run := c.Len() / unit / 2 * unit; run >= unit; run = run / unit / 2 * unit {
		for i := 0; i+run <= c.Len(); {
			if d := c.without(i, i+run); fails(d) {
				c = d
			} else {
				i += run
			}
		}
	}
	return c
}

// without returns c less the elements i to j-1 of every input.
func (c Case) without(i, j int) Case {
	d := c
	d.In = make([][]float32, len(c.In))
	for k, in := range c.In {
		d.In[k] = slices.Concat(in[:i], in[j:])
	}
	return d
}

// WriteReproducer writes what reproduces err, the failure of c in s: the
// error, the call, and for every element the input values and bits, the
// outputs of s and of reference (unless s is reference), and the
// specification's result, with the elements that differ from it marked
// ">>".
func (c Case) WriteReproducer(w io.Writer, s, reference Set, err error) {
	k := c.Kernel
	fmt.Fprintf(w, "FAIL: %v\n", err)
	_, got, _ := k.lay(s, c.In, c.Offset, c.InPlace)
	fmt.Fprintf(w, "reproducer: %s in %s, %s, n=%d:\n", k.Name, s.Name, c.Layout(), c.Len())
	var want []float32
	if reference.Name != s.Name {
		_, want, _ = k.lay(reference, c.In, c.Offset, c.InPlace)
	}

	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprint(tw, "\ti\t", strings.Join(k.Inputs, "\t"), "\t", s.Name, "\t")
	if want != nil {
		fmt.Fprint(tw, reference.Name, "\t")
	}
	fmt.Fprintln(tw, "specification")
	values := make([]float32, len(c.In))
	for i := range got {
		for j := range c.In {
			values[j] = c.In[j][i]
		}
		spec, ok := "checked by row", true
		if k.Check != nil {
			var want float32
			want, ok = k.Check(i, got[i], values)
			spec = testutil.Format(want)
		}
		row := make([]string, 0, len(values)+4)
		for _, v := range append(values, got[i]) {
			row = append(row, testutil.Format(v))
		}
		if want != nil {
			row = append(row, testutil.Format(want[i]))
		}
		marker := ""
		if !ok {
			marker = ">>"
		}
		fmt.Fprintf(tw, "%s\t%d\t%s\t%s\n", marker, i, strings.Join(row, "\t"), spec)
	}
	tw.Flush()
}
