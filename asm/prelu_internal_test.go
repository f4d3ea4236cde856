//go:build gc && !purego && (amd64 || arm64)

package asm

import (
	"math/bits"
	"testing"
)

// TestPlanRowsPowerOfTwo checks the invariant fold relies on: for every
// layout, the accumulators that run hands fold hold a power of 2 of whole
// rows (one per channel for planar kernels and for interleaved ones run a
// row at a time; a period of the layout, doubled, otherwise).
func TestPlanRowsPowerOfTwo(t *testing.T) {
	for channels := 2; channels <= 5000; channels += 1 + channels/16 {
		for _, inner := range []int{1, 2, 3, 4, 5, 6, 7, 8, 9, 49} {
			n := 4 * channels * inner
			l := plan(n, channels, inner)
			b := l.channels // the first block, the longest
			if l.acc > accLarge {
				t.Fatalf("C=%d inner=%d: %d accumulators, more than %d", channels, inner, l.acc, accLarge)
			}
			sums, row := b, b // planar: one accumulator per channel
			if !l.planar {
				sums, row = l.acc, b*l.inner
				if l.rows {
					sums = b * l.inner
				}
			}
			if sums%row != 0 || bits.OnesCount(uint(sums/row)) != 1 {
				t.Errorf("C=%d inner=%d: plan %+v gives fold %d accumulators for rows of %d: not a power of 2 of rows", channels, inner, l, sums, row)
			}
		}
	}
}

// TestFold checks fold's sums for 1 to 64 rows (powers of 2) of several
// shapes against a plain sum per channel.
func TestFold(t *testing.T) {
	for _, shape := range [][2]int{{1, 1}, {2, 1}, {3, 1}, {5, 3}, {7, 7}, {64, 1}} {
		channels, inner := shape[0], shape[1]
		for rows := 1; rows <= 64; rows *= 2 {
			acc := make([]float64, rows*channels*inner)
			want := make([]float64, channels)
			for i := range acc {
				acc[i] = float64(i%97) + 0.25
				want[i/inner%channels] += acc[i]
			}
			dslope := make([]float32, channels)
			fold(dslope, acc, inner)
			for c := range dslope {
				if dslope[c] != float32(want[c]) {
					t.Errorf("C=%d inner=%d rows=%d: dslope[%d] = %v, want %v", channels, inner, rows, c, dslope[c], want[c])
				}
			}
		}
	}
}
