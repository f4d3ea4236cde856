package main

import (
	"math/rand/v2"
	"strings"

	"github.com/simdact/simdact/internal/verify"
)

// The activations beyond the seed join the catalog from the
// specification's lists: one entry a function, timed with its first
// setting there (the peers' parameters) and verified with any of them.
func init() {
	var ks []verify.Elementwise
	for _, f := range verify.SmoothForwards() {
		ks = append(ks, f.Elementwise())
	}
	for _, b := range verify.SmoothBackwards() {
		ks = append(ks, b.Elementwise())
	}
	ks = append(ks, verify.HardKernels()...)
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
			name:  name,
			timed: always(s[0]),
			draw:  func(r *rand.Rand, _ int) verify.Elementwise { return s[r.IntN(len(s))] },
		})
	}
}
