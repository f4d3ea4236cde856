package main

import (
	"slices"
	"testing"
	"time"
)

func TestMedianAndSpread(t *testing.T) {
	cases := []struct {
		samples        []float64
		median, spread float64
	}{
		{[]float64{5}, 5, 0},
		{[]float64{3, 1, 2}, 2, 1},
		{[]float64{4, 1, 3, 2}, 2.5, 1.2},
		{[]float64{10, 10, 30, 10, 10}, 10, 2},
	}
	for _, c := range cases {
		before := slices.Clone(c.samples)
		if m, s := median(c.samples), spread(c.samples); m != c.median || s != c.spread {
			t.Errorf("%v: median %v, spread %v; want %v, %v", c.samples, m, s, c.median, c.spread)
		}
		if !slices.Equal(before, c.samples) {
			t.Errorf("median reordered the samples: %v", c.samples)
		}
	}
}

// TestMeasureBatches checks the batches, not how long anything took: every
// batch makes the same number of calls, and there are Count of them after
// the calibration, which starts with a single call.
func TestMeasureBatches(t *testing.T) {
	var batches []int
	iters, ns := timing{Count: 4, Batch: 50 * time.Microsecond}.measure(func(iters int) {
		batches = append(batches, iters)
		time.Sleep(time.Duration(iters) * time.Microsecond)
	})
	if len(ns) != 4 || iters < 1 {
		t.Fatalf("%d samples of %d calls, want 4", len(ns), iters)
	}
	if batches[0] != 1 {
		t.Errorf("the first batch made %d calls, want 1 (the warm-up)", batches[0])
	}
	timed := batches[len(batches)-4:]
	for _, b := range timed {
		if b != iters {
			t.Errorf("timed batches of %v calls, want %d each", timed, iters)
			break
		}
	}
	for i := 1; i < len(batches)-4; i++ {
		if batches[i] <= batches[i-1] {
			t.Errorf("calibration batches %v do not grow", batches[:len(batches)-4])
		}
	}
}
