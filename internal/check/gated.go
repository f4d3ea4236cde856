package check

import "fmt"

// Gated panics unless out and the inputs a and b of a gated linear unit
// have one length and out is each input or overlaps neither. names are
// the names of out, a and b in the function's signature.
func Gated(fn string, names [3]string, out, a, b []float32) {
	if BadUnary(out, a) || BadUnary(out, b) {
		panicGated(fn, names, out, a, b)
	}
}

// GatedBackward panics unless the gradients da and db and the inputs dy,
// a and b of a gated linear unit's backward pass have one length, da and
// db do not overlap (both are written), and each of them is each input or
// overlaps none partially. names are the five names in the function's
// signature, in order.
func GatedBackward(fn string, names [5]string, da, db, dy, a, b []float32) {
	if len(db) != len(da) || overlaps(da, db) ||
		BadUnary(da, dy) || BadUnary(da, a) || BadUnary(da, b) ||
		BadUnary(db, dy) || BadUnary(db, a) || BadUnary(db, b) {
		panicGatedBackward(fn, names, da, db, dy, a, b)
	}
}

//go:noinline
func panicGated(fn string, names [3]string, out, a, b []float32) {
	if len(out) != len(a) || len(out) != len(b) {
		panicLengths(fn, names[0], len(out), names[1], len(a), names[2], len(b))
	}
	in := names[1]
	if overlapsPartially(out, b) {
		in = names[2]
	}
	panic(fmt.Sprintf("simdact: %s: %s and %s overlap partially", fn, names[0], in))
}

//go:noinline
func panicGatedBackward(fn string, names [5]string, da, db, dy, a, b []float32) {
	s := [5][]float32{da, db, dy, a, b}
	for _, t := range s[1:] {
		if len(t) != len(da) {
			panicLengths(fn, names[0], len(da), names[1], len(db), names[2], len(dy), names[3], len(a), names[4], len(b))
		}
	}
	if overlaps(da, db) {
		panic(fmt.Sprintf("simdact: %s: %s and %s overlap", fn, names[0], names[1]))
	}
	for o := range 2 {
		for i := 2; i < 5; i++ {
			if overlapsPartially(s[o], s[i]) {
				panic(fmt.Sprintf("simdact: %s: %s and %s overlap partially", fn, names[o], names[i]))
			}
		}
	}
	panic("simdact: " + fn + ": bad arguments") // unreachable where GatedBackward found a fault
}

// Finite panics unless v, the parameter named name, is finite (so not NaN).
func Finite(fn, name string, v float32) {
	if !(v-v == 0) {
		panic(fmt.Sprintf("simdact: %s: %s=%v, want a finite number", fn, name, v))
	}
}
