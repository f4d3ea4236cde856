package main

import (
	"fmt"
	"math/rand/v2"
	"regexp"
	"strings"

	"github.com/simdact/simdact/internal/verify"
)

// Every other function of the specification's list (verify.All(): the
// smooth, hard and gated activations) joins the catalog from it: one entry
// a function, timed with its first setting there (the peers' parameters)
// and verified with any of them. The kernels of rows and PReLU's layouts
// have entries of their own.
func init() {
	listed := map[string]bool{}
	for _, k := range catalog {
		name, _, _ := strings.Cut(k.name, "/")
		listed[name] = true
	}
	for _, r := range verify.SoftmaxKernels() {
		listed[r.Name] = true
	}
	var ks []verify.Elementwise
	for _, k := range verify.All() {
		name, _, _ := strings.Cut(k.Name, "/")
		if k.Unit <= 1 && !listed[name] {
			ks = append(ks, k)
		}
	}
	var names []string
	settings := map[string][]verify.Elementwise{}
	for _, k := range ks {
		name, _, _ := strings.Cut(k.Name, "/")
		if settings[name] == nil {
			names = append(names, name)
		}
		settings[name] = append(settings[name], k)
	}
	for _, name := range names {
		s := settings[name]
		catalog = append(catalog, kernel{
			name:   name,
			timed:  always(s[0]),
			draw:   func(r *rand.Rand, _ int) verify.Elementwise { return s[r.IntN(len(s))] },
			detail: isBackward(name), // the summary shows the forward passes
		})
	}
}

// The row kernels (Softmax, LogSoftmax and their backward passes) are
// timed with rows of 256, as the peers harness has them, unless -cols asks
// for others; verify draws rows that divide each length.
func init() {
	for _, k := range rowKernels([]int{peersCols}, false) {
		k.detail = isBackward(k.name)
		catalog = append(catalog, k)
	}
}

// isBackward reports whether the function of a kernel name
// ("SigmoidBackwardFromOutput", "SoftmaxBackward/cols=256") is a backward
// pass.
func isBackward(name string) bool {
	fn, _, _ := strings.Cut(name, "/")
	return strings.Contains(fn, "Backward")
}

// peersCols is the row length of the peers harness.
const peersCols = 256

// sweepCols are the row lengths of `-cols all`: from a single column to
// rows far larger than L2.
var sweepCols = []int{1, 2, 3, 7, 8, 15, 16, 17, 64, 255, 256, 1000, 4096, 50000}

// rowKernels returns the row kernels with rows of each of cols, named as
// "Softmax/cols=256".
func rowKernels(cols []int, detail bool) []kernel {
	var ks []kernel
	for _, r := range verify.SoftmaxKernels() {
		for _, c := range cols {
			ks = append(ks, kernel{
				name:     fmt.Sprintf("%s/cols=%d", r.Name, c),
				timed:    always(r.Elementwise(c)),
				draw:     func(rng *rand.Rand, n int) verify.Elementwise { return r.Elementwise(drawCols(rng, n)) },
				elements: func(n int) int { return n / c * c },
				detail:   detail,
			})
		}
	}
	return ks
}

// drawCols returns a random divisor of n, or a random row length from 1 to
// 64 if n is 0.
func drawCols(r *rand.Rand, n int) int {
	if n == 0 {
		return 1 + r.IntN(64)
	}
	var divisors []int
	for d := 1; d <= n; d++ {
		if n%d == 0 {
			divisors = append(divisors, d)
		}
	}
	return divisors[r.IntN(len(divisors))]
}

// withCols returns ks with its row kernels timed at each of cols instead.
func withCols(ks []kernel, cols []int, filter *regexp.Regexp) []kernel {
	var out []kernel
	for _, k := range ks {
		if !strings.Contains(k.name, "/cols=") {
			out = append(out, k)
		}
	}
	for _, k := range rowKernels(cols, false) {
		if filter.MatchString(k.name) {
			out = append(out, k)
		}
	}
	return out
}
