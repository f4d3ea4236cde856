package main

import (
	"fmt"
	"hash/fnv"
	"io"
	"math/rand/v2"
	"strings"
	"time"

	"github.com/simdact/simdact/internal/impls"
	"github.com/simdact/simdact/internal/verify"
)

// maxVerifyLen is the longest call verify makes: every length up to it
// crosses every vector width, unrolling and tail of the assembly.
const maxVerifyLen = 300

// verifyAll checks every implementation in sets against the specification
// (package verify, with the rules of the tests) in rounds, and writes a
// shrunk reproducer for the first failure of each kernel in each
// implementation. A round calls every kernel at every length from 0 to
// maxVerifyLen, each call with new inputs (a quarter of them special
// values: NaN payloads, ±0, ±Inf, subnormals; rows of every kind for the
// kernels of rows), new parameters, the inputs and the output at random
// offsets, out of place or in place on a random input, in every
// implementation. It runs rounds until it has made rounds
// of them, or, if rounds is 0, until duration has passed, and returns the
// number of failures.
func verifyAll(w io.Writer, ks []kernel, sets []impls.Set, rounds int, duration time.Duration, seed uint64) int {
	names := make([]string, len(sets))
	for i, s := range sets {
		names[i] = s.Name
	}
	fmt.Fprintf(w, "verify: %d kernels in %s against the specification, seed %d\n", len(ks), strings.Join(names, ", "), seed)

	rngs := make([]*rand.Rand, len(ks))
	for i, k := range ks {
		h := fnv.New64a()
		h.Write([]byte(k.name))
		rngs[i] = rand.New(rand.NewPCG(seed, h.Sum64()))
	}
	type pair struct{ kernel, impl string }
	failed := map[pair]bool{}
	start, round, calls, elements := time.Now(), 0, 0, 0
	more := func() bool {
		if rounds > 0 {
			return round < rounds
		}
		return round == 0 || time.Since(start) < duration
	}
	for ; more(); round++ {
		for i, k := range ks {
			r := rngs[i]
			for n := range maxVerifyLen + 1 {
				c := newCase(r, k.checked(r, n), n)
				for _, s := range sets {
					if failed[pair{k.name, s.Name}] {
						continue
					}
					calls, elements = calls+1, elements+n
					if err := c.Check(s); err != nil {
						failed[pair{k.name, s.Name}] = true
						// A failure that depends on where memory lies may
						// not repeat: then the original case is reported.
						shrunk := c.Shrink(s)
						if again := shrunk.Check(s); again != nil {
							err = again
						} else {
							shrunk = c
						}
						fmt.Fprintln(w)
						shrunk.WriteReproducer(w, s, impls.Generic, err)
						fmt.Fprintf(w, "(shrunk from n=%d, %s; rerun: go -C bench run . verify -seed %d -kernel '^%s$')\n",
							n, c.Layout(), seed, k.name)
					}
				}
			}
		}
	}
	fmt.Fprintf(w, "verify: %d rounds of lengths 0..%d, %d calls, %d elements, in %.1fs: ",
		round, maxVerifyLen, calls, elements, time.Since(start).Seconds())
	if len(failed) > 0 {
		fmt.Fprintf(w, "%d kernels and implementations FAIL\n", len(failed))
	} else {
		fmt.Fprintln(w, "every result matches")
	}
	return len(failed)
}

// newCase draws a call of k of n elements: inputs of the kinds k must get
// right (verify.Elementwise.Draw) that start at random offsets from their
// allocations, an output at a random offset, and out of place or in place
// on a random input.
func newCase(r *rand.Rand, k verify.Elementwise, n int) verify.Case {
	in := k.Draw(r, n)
	for j, v := range in {
		skip := r.IntN(8)
		in[j] = append(make([]float32, skip, skip+n), v...)[skip:]
	}
	return verify.Case{Kernel: k, In: in, Offset: r.IntN(8), InPlace: r.IntN(len(in)+1) - 1}
}
